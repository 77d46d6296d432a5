package node

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/ipfs/boxo/blockservice"
	dag "github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/cids"
	"github.com/tributary-ai/tributary/ipfs/client"
)

// ErrExceedsBound is returned by FetchBounded when a DAG holds more bytes than it may: its
// registered size plus the allowance of FetchBound.
var ErrExceedsBound = errors.New("DAG is larger than its registered size allows")

// Allowance of FetchBound over the content size a registrant declared. A unixfs DAG holds its
// content in leaves plus links in dag-pb nodes: for 1 MiB chunks the links are well under 0.1%,
// for a directory each entry costs about 50 bytes plus its name. An eighth plus 1 MiB covers a
// directory of files averaging a few hundred bytes and, beyond that, about 10,000 more entries;
// a registrant can make a node store at most this much more than they declared.
const (
	boundSlackDivisor = 8
	boundSlackBytes   = 1 << 20
	// BlockCharge is what every block costs against the bound besides its bytes: the node keeps
	// its CID while walking, so a DAG of millions of empty-ish blocks is bounded in memory too.
	BlockCharge = 64
)

// FetchBound is the most bytes FetchBounded accepts for a DAG whose content was declared as
// size bytes: size + size/8 + 1 MiB, saturating at the largest uint64.
func FetchBound(size uint64) uint64 {
	slack := size/boundSlackDivisor + boundSlackBytes
	if size > ^uint64(0)-slack {
		return ^uint64(0)
	}
	return size + slack
}

// fetchBatch bounds the blocks asked for at once, so that at most one batch arrives past the
// bound before the fetch stops.
const fetchBatch = 32

// FetchResult says what a bounded fetch moved.
type FetchResult struct {
	// Bytes is the DAG's size as charged: block bytes plus BlockCharge per block.
	Bytes uint64
	// Fetched is the number of block bytes that were not in the store before.
	Fetched uint64
}

// FetchBounded makes the whole DAG under root local, asking connected peers over bitswap for
// what is missing (every block verified against its CID), and gives up with ErrExceedsBound as
// soon as the DAG is found to hold more than maxBytes (block bytes plus BlockCharge a block).
// The walk is breadth-first and iterative, so no DAG depth can exhaust the stack, and it asks
// for blocks a batch at a time, never more than the bound has room for (one block of overshoot
// at most), so a DAG that lies about its size cannot make the node store much beyond maxBytes.
// When the bound is exceeded, the blocks this fetch added are removed again; on any other
// failure they stay, so that a retry continues where this attempt stopped.
func (n *Node) FetchBounded(ctx context.Context, root cid.Cid, maxBytes uint64) (FetchResult, error) {
	return n.fetchBounded(ctx, root, maxBytes, 0, nil)
}

// fetchBounded is FetchBounded that also gives up when no block has arrived for stall (0: never);
// added are blocks the caller already fetched for this DAG (removed too if the bound is exceeded).
func (n *Node) fetchBounded(ctx context.Context, root cid.Cid, maxBytes uint64, stall time.Duration, added []cid.Cid) (FetchResult, error) {
	var res FetchResult
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var last atomic.Int64
	last.Store(time.Now().UnixNano())
	if stall > 0 {
		go watchStall(ctx, cancel, &last, stall)
	}
	if err := cids.ValidateCID(root); err != nil {
		return res, err
	}
	sess := blockservice.NewSession(ctx, n.bserv)
	seen := cid.NewSet()
	seen.Add(root)
	abandon := func(err error) (FetchResult, error) {
		if errors.Is(err, ErrExceedsBound) {
			cancel(err) // no more wants, so nothing more arrives while we remove
			for _, c := range added {
				if derr := n.store.DeleteBlock(context.WithoutCancel(ctx), c); derr != nil {
					err = errors.Join(err, fmt.Errorf("removing %s: %w", c, derr))
				}
			}
		}
		return res, err
	}
	level := []cid.Cid{root}
	for len(level) > 0 {
		var next []cid.Cid
		for len(level) > 0 {
			room := (maxBytes - min(res.Bytes, maxBytes)) / uint64(cids.MaxBlockSize)
			k := int(min(uint64(min(fetchBatch, len(level))), room+1))
			keys := level[:k]
			level = level[k:]
			fresh := map[cid.Cid]bool{}
			for _, c := range keys {
				has, err := n.store.Has(ctx, c)
				if err != nil {
					return abandon(err)
				}
				fresh[c] = !has
			}
			got := 0
			for b := range sess.GetBlocks(ctx, keys) {
				got++
				last.Store(time.Now().UnixNano())
				size := uint64(len(b.RawData()))
				if fresh[b.Cid()] {
					added = append(added, b.Cid())
					res.Fetched += size
				}
				res.Bytes += size + BlockCharge
				if res.Bytes > maxBytes {
					return abandon(fmt.Errorf("%w: %s holds more than %d bytes", ErrExceedsBound, root, maxBytes))
				}
				if b.Cid().Type() != cid.DagProtobuf {
					continue
				}
				nd, err := dag.DecodeProtobuf(b.RawData())
				if err != nil {
					return abandon(fmt.Errorf("block %s: %w", b.Cid(), err))
				}
				for _, l := range nd.Links() {
					if err := cids.ValidateCID(l.Cid); err != nil {
						return abandon(fmt.Errorf("block %s links %s: %w", b.Cid(), l.Cid, err))
					}
					if seen.Visit(l.Cid) {
						next = append(next, l.Cid)
					}
				}
			}
			if got < len(keys) {
				cause := context.Cause(ctx)
				if cause == nil {
					cause = errors.New("the session ended")
				}
				return abandon(fmt.Errorf("%w: %s: %d of %d blocks of a batch arrived: %v", client.ErrNotFound, root, got, len(keys), cause))
			}
		}
		level = next
	}
	return res, nil
}

// watchStall cancels a fetch when no block has arrived for stall: a DAG that keeps arriving may
// take as long as its deadline allows, one whose blocks stopped coming is given up quickly.
func watchStall(ctx context.Context, cancel context.CancelCauseFunc, last *atomic.Int64, stall time.Duration) {
	tick := time.NewTicker(max(stall/8, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if now.Sub(time.Unix(0, last.Load())) >= stall {
				cancel(fmt.Errorf("no block arrived for %s", stall))
				return
			}
		}
	}
}
