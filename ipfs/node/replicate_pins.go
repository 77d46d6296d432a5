package node

import (
	"context"
	"fmt"
	"strconv"

	blocks "github.com/ipfs/go-block-format"

	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// adopt pins what a node replicated before pins existed (an upgrade), once: every CID of an
// asset the cursor has passed that is neither owed nor given up was replicated, and is pinned
// PinRegistered if the store holds its whole DAG (a revoked asset's content is recorded as
// revoked instead). Until it has run, GC refuses (ErrAdoptionPending), so the first collection
// after an upgrade cannot delete replicated content. It reads each such asset from the chain
// once; a chain that does not answer yet is retried at the next poll.
func (r *Replicator) adopt(ctx context.Context) error {
	if !r.node.adoptPending.Load() {
		return nil
	}
	r.mu.Lock()
	next := r.state.NextAssetID
	pending := map[string]bool{}
	for _, e := range r.state.Owed {
		pending[e.key()] = true
	}
	for _, g := range r.state.GivenUp {
		pending[owedEntry{AssetID: g.AssetID, CID: g.CID}.key()] = true
	}
	r.mu.Unlock()
	adopted := 0
	for id := uint64(1); id < next; id++ {
		content, err := r.src.Content(ctx, id)
		if err != nil {
			return fmt.Errorf("reading asset %d: %w", id, err)
		}
		for _, it := range content.Items {
			if pending[owedEntry{AssetID: id, CID: it.CID.String()}.key()] {
				continue
			}
			if content.Revoked {
				if err := r.node.Revoke(ctx, it.CID); err != nil {
					return err
				}
				continue
			}
			if err := dagio.WalkDAG(ctx, r.node.store, it.CID, func(blocks.Block) error { return nil }); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				continue // not whole: the next GC may collect it; nothing said it was replicated
			}
			if err := r.node.pins.add(ctx, it.CID, PinRegistered, strconv.FormatUint(id, 10)); err != nil {
				return err
			}
			adopted++
		}
	}
	if err := r.node.pins.markAdopted(ctx); err != nil {
		return err
	}
	r.node.adoptPending.Store(false)
	r.opts.Logger.Info("pinned content replicated before pins existed", "pins", adopted)
	return nil
}
