package node

import (
	"context"
	"errors"
	"fmt"
	"sort"
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

// checkRevocations asks the chain about the next RevocationBatch replicated assets (by asset id,
// round robin over the registered pins) and revokes the content of those the chain revoked.
func (r *Replicator) checkRevocations(ctx context.Context) error {
	pins, err := r.node.pins.list(ctx)
	if err != nil {
		return err
	}
	byAsset := map[uint64]bool{}
	for _, p := range pins {
		if p.Reason != PinRegistered {
			continue
		}
		id, err := strconv.ParseUint(p.Name, 10, 64)
		if err != nil {
			continue // not named by the replicator: nothing to ask the chain about
		}
		byAsset[id] = true
	}
	ids := make([]uint64, 0, len(byAsset))
	for id := range byAsset {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	start := sort.Search(len(ids), func(i int) bool { return ids[i] > r.revCursor })
	if start == len(ids) {
		start, r.revCursor = 0, 0
	}
	for _, id := range ids[start:min(len(ids), start+r.opts.RevocationBatch)] {
		content, err := r.src.Content(ctx, id)
		if err != nil {
			return fmt.Errorf("reading asset %d: %w", id, err)
		}
		r.revCursor = id
		if !content.Revoked {
			continue
		}
		var errs []error
		for _, it := range content.Items {
			errs = append(errs, r.node.Revoke(ctx, it.CID))
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		r.opts.Logger.Info("asset revoked: its content is no longer served, and the next GC removes it unless pinned locally", "asset", id)
	}
	return nil
}
