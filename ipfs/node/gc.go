package node

import (
	"context"
	"errors"
	"fmt"
	"time"

	dag "github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
)

// ErrAdoptionPending is returned by GC while the replicator has not yet pinned the content it
// replicated before pins existed (an upgraded node's first start): collecting now would delete it.
var ErrAdoptionPending = errors.New("garbage collection waits until the replicator has pinned the content it replicated before this version (it needs the chain to answer); try again shortly")

// GCResult says what one collection did.
type GCResult struct {
	// Pins is the number of pins the mark started from.
	Pins int `json:"pins"`
	// KeptBlocks is the number of blocks reachable from a pin.
	KeptBlocks int `json:"kept_blocks"`
	// RemovedBlocks and FreedBytes are what the sweep deleted.
	RemovedBlocks int    `json:"removed_blocks"`
	FreedBytes    uint64 `json:"freed_bytes"`
	// Duration is how long the collection held the GC lock.
	Duration time.Duration `json:"duration_ns"`
}

// GC deletes every block that no pin reaches: partial and abandoned fetches, revoked content
// nobody pinned locally, unpinned imports. It holds the GC lock, so imports and replication
// attempts under way finish (and pin) first, and new ones wait until the sweep is over; reads
// (the gateway, bitswap) go on. The mark walks each pinned DAG iteratively through what the store
// holds (a missing block ends that branch: the rest of the DAG is still kept); the sweep lists the
// store once. Memory is one multihash per kept block.
func (n *Node) GC(ctx context.Context) (GCResult, error) {
	if n.adoptPending.Load() {
		return GCResult{}, ErrAdoptionPending
	}
	unlock := n.gcl.GCLock(ctx)
	defer unlock.Unlock(context.WithoutCancel(ctx))
	start := time.Now()
	pins, err := n.pins.list(ctx)
	if err != nil {
		return GCResult{}, fmt.Errorf("listing pins: %w", err)
	}
	keep := blockSet{}
	for _, p := range pins {
		if err := markDAG(ctx, n.store, p.CID, keep); err != nil {
			return GCResult{}, fmt.Errorf("marking %s (%s): %w", p.CID, p.Reason, err)
		}
	}
	keys, err := n.store.AllKeysChan(ctx)
	if err != nil {
		return GCResult{}, err
	}
	var victims []cid.Cid
	for k := range keys {
		if !keep.has(k) {
			victims = append(victims, k)
		}
	}
	if err := ctx.Err(); err != nil {
		return GCResult{}, err // the listing was cut short
	}
	res := GCResult{Pins: len(pins), KeptBlocks: len(keep)}
	for _, k := range victims {
		size, err := n.store.GetSize(ctx, k)
		if err != nil {
			size = 0 // already gone (a failed import's cleanup); nothing to count
		}
		if err := n.store.DeleteBlock(ctx, k); err != nil {
			return res, fmt.Errorf("deleting %s: %w", k, err)
		}
		res.RemovedBlocks++
		res.FreedBytes += uint64(max(size, 0))
	}
	res.Duration = time.Since(start)
	if err := n.refreshDenied(ctx); err != nil {
		return res, err
	}
	metricGC(res)
	n.log.Info("IPFS garbage collection", "pins", res.Pins, "kept_blocks", res.KeptBlocks,
		"removed_blocks", res.RemovedBlocks, "freed_bytes", res.FreedBytes, "took", res.Duration.String())
	return res, nil
}

// blockSet holds blocks by multihash, the block store's key (a CIDv0 and a CIDv1 of one block
// are one entry).
type blockSet map[string]struct{}

func (s blockSet) has(c cid.Cid) bool { _, ok := s[string(c.Hash())]; return ok }

// visit adds c and reports whether it was new.
func (s blockSet) visit(c cid.Cid) bool {
	if s.has(c) {
		return false
	}
	s[string(c.Hash())] = struct{}{}
	return true
}

// blockReader is what markDAG reads: the store's raw Has and Get.
type blockReader interface {
	Has(ctx context.Context, c cid.Cid) (bool, error)
	dagBlockGetter
}

// markDAG adds to set every block of the DAG under root that the store holds, with an explicit
// stack (no depth can overflow it). Blocks already in set are not walked again, so marking many
// pins that share content costs one walk of the union. A block the store lacks is skipped; a
// block that does not decode is kept but not followed.
func markDAG(ctx context.Context, bs blockReader, root cid.Cid, set blockSet) error {
	stack := []cid.Cid{root}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if set.has(c) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		has, err := bs.Has(ctx, c)
		if err != nil {
			return err
		}
		if !has {
			continue
		}
		set.visit(c)
		if c.Type() != cid.DagProtobuf {
			continue
		}
		b, err := bs.Get(ctx, c)
		if err != nil {
			continue // corrupt on disk: kept (the operator may want to look), not followed
		}
		nd, err := dag.DecodeProtobuf(b.RawData())
		if err != nil {
			continue
		}
		for _, l := range nd.Links() {
			if !set.has(l.Cid) {
				stack = append(stack, l.Cid)
			}
		}
	}
	return nil
}

// collectEvery runs GC every interval until the node closes; a failed collection is logged and
// the next one tries again.
func (n *Node) collectEvery(interval time.Duration) {
	defer n.wg.Done()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-n.ctx.Done():
			return
		case <-tick.C:
			if _, err := n.GC(n.ctx); err != nil && n.ctx.Err() == nil {
				n.log.Error("IPFS garbage collection failed; the next one tries again", "err", err)
			}
		}
	}
}
