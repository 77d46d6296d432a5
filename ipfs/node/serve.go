package node

import (
	"context"
	"sync/atomic"

	"github.com/ipfs/boxo/blockstore"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// dagBlockGetter reads one block.
type dagBlockGetter interface {
	Get(ctx context.Context, c cid.Cid) (blocks.Block, error)
}

// servedStore is the block store as strangers see it: bitswap and the gateway read through it.
// Blocks of revoked content (denied) answer as absent at once, before any GC removes them, and
// also while the operator keeps a local pin of them; the node's RPC, which only the operator
// reaches, reads the store directly. Writes go to the store unchanged.
type servedStore struct {
	blockstore.Blockstore
	denied *atomic.Pointer[blockSet]
}

func (s servedStore) deny(c cid.Cid) bool {
	d := s.denied.Load()
	return d != nil && d.has(c)
}

func (s servedStore) Has(ctx context.Context, c cid.Cid) (bool, error) {
	if s.deny(c) {
		return false, nil
	}
	return s.Blockstore.Has(ctx, c)
}

func (s servedStore) Get(ctx context.Context, c cid.Cid) (blocks.Block, error) {
	if s.deny(c) {
		return nil, ipld.ErrNotFound{Cid: c}
	}
	return s.Blockstore.Get(ctx, c)
}

func (s servedStore) GetSize(ctx context.Context, c cid.Cid) (int, error) {
	if s.deny(c) {
		return -1, ipld.ErrNotFound{Cid: c}
	}
	return s.Blockstore.GetSize(ctx, c)
}

// refreshDenied recomputes the blocks not served: those of revoked roots that no other pin (one
// whose root is not revoked) reaches, so a block shared with content still registered keeps
// being served. It walks the pinned DAGs, so it runs when something is revoked and after a GC,
// not per request.
func (n *Node) refreshDenied(ctx context.Context) error {
	n.denyMu.Lock()
	defer n.denyMu.Unlock()
	revoked, err := n.pins.revoked(ctx)
	if err != nil {
		return err
	}
	if len(revoked) == 0 {
		n.denied.Store(nil)
		return nil
	}
	roots := blockSet{}
	for _, r := range revoked {
		roots.visit(r)
	}
	pins, err := n.pins.list(ctx)
	if err != nil {
		return err
	}
	keep := blockSet{}
	for _, p := range pins {
		if !roots.has(p.CID) {
			if err := markDAG(ctx, n.store, p.CID, keep); err != nil {
				return err
			}
		}
	}
	deny := blockSet{}
	for _, r := range revoked {
		if err := markDAG(ctx, n.store, r, deny); err != nil {
			return err
		}
	}
	for k := range keep {
		delete(deny, k)
	}
	n.denied.Store(&deny)
	return nil
}
