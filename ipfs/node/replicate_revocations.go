package node

import (
	"context"
	"errors"
	"fmt"

	"github.com/ipfs/go-cid"
)

// followRevocations reads the revocations recorded since the cursor, at most RevocationBatch of
// them, and revokes their content at once: it is no longer served, its registered pins go (the
// next GC frees it unless the operator pinned it locally), and its CIDs leave the owed and
// given-up lists. The cursor moves past what was revoked and is saved with the rest of the
// state, so a restart neither misses a revocation nor reads old ones again; one revoked twice
// (a lost state file) is revoked again, harmlessly. The work per poll is one index page plus one
// asset read per revocation, whatever the number of replicated assets.
func (r *Replicator) followRevocations(ctx context.Context) error {
	r.mu.Lock()
	from := r.state.RevocationsFrom
	r.mu.Unlock()
	revs, err := r.src.Revocations(ctx, from, r.opts.RevocationBatch)
	if err != nil {
		return fmt.Errorf("reading revocations from height %d: %w", from.Height, err)
	}
	var (
		roots   []cid.Cid
		done    []Revocation
		readErr error
	)
	for _, rev := range revs {
		if rev.Height < from.Height || (rev.Height == from.Height && rev.AssetID < from.AssetID) {
			continue // before the cursor: the source ignored it; already handled
		}
		content, err := r.src.Content(ctx, rev.AssetID)
		if err != nil {
			// Revoke what was read; the rest is read again at the next poll.
			readErr = fmt.Errorf("reading revoked asset %d: %w", rev.AssetID, err)
			break
		}
		for _, it := range content.Items {
			roots = append(roots, it.CID)
		}
		done = append(done, rev)
	}
	if len(done) == 0 {
		return readErr
	}
	// One call for the whole page: Revoke recomputes the unserved blocks once.
	if err := r.node.Revoke(ctx, roots...); err != nil {
		return errors.Join(err, readErr)
	}
	revoked := make(map[uint64]bool, len(done))
	for _, rev := range done {
		revoked[rev.AssetID] = true
	}
	r.mu.Lock()
	r.dropAssetsLocked(revoked)
	r.state.RevocationsFrom = done[len(done)-1].After()
	r.dirtyLocked()
	r.mu.Unlock()
	for _, rev := range done {
		r.opts.Logger.Info("asset revoked: its content is no longer served, and the next GC removes it unless pinned locally",
			"asset", rev.AssetID, "height", rev.Height)
	}
	return readErr
}

// dropAssetsLocked removes the owed and given-up entries of the assets in ids: revoked content is
// not fetched. An attempt already under way is stopped from pinning by the revoked mark (attempt).
func (r *Replicator) dropAssetsLocked(ids map[uint64]bool) {
	owed := r.state.Owed[:0]
	for _, e := range r.state.Owed {
		if !ids[e.AssetID] {
			owed = append(owed, e)
		}
	}
	r.state.Owed = owed
	given := r.state.GivenUp[:0]
	for _, g := range r.state.GivenUp {
		if !ids[g.AssetID] {
			given = append(given, g)
		}
	}
	r.state.GivenUp = given
}
