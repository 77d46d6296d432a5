package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/internal/idheap"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Path work prices settlement in money. x/royalty queues an asset's revenue only once its pending amount covers
// min_pending_per_work_unit × the asset's path work (x/royalty README, "Who pays"). Pricing only an asset's own
// step (1 + parents) let the same coins pass every hop of a 100%-upstream chain, so 20 utrib ran a 1,000-deep
// pass; pricing the costliest path to a root makes the coins that start a pass cover every hop they travel.
//
// It is fixed at registration from the parents' path work (O(parents) 8-byte reads, parents are older), so it
// costs nothing to read later. A dispute that adds a parent raises the asset's own path work, and so its
// descendants'. Their under-estimate must not be left standing, because a bond is no price for it: an attacker
// who owns the asset accepts its own second address's dispute and gets the bond back, and amending roots from
// the top down of a would-be chain left every link at path work 3, so 30 utrib ran a pass of any depth
// (TestAttackStaleChainByDisputes). So the amendment re-prices the descendants (repriceDescendants), within
// MaxRepricingSteps so that a dispute's resolution stays bounded work. When they are more than that, the asset
// may gain only a parent no costlier than its costliest existing one (checkPathWorkRaise): its path work then
// grows by its own step's one more credit, so the descendants beyond the bound lag by one unit at most per
// amendment, and each amended asset adds at least three to their true path work, so a stored path work is at
// least two thirds of the true one. Genesis keeps those values (stale_path_work), so an imported chain settles
// exactly as the exported one would; a future store migration may call RebuildPathWork to recompute them.

// PathWorkOf returns the path work of asset id, or an error wrapping types.ErrAssetNotFound.
func (k Keeper) PathWorkOf(ctx context.Context, id uint64) (uint64, error) {
	w, err := k.PathWork.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, errorsmod.Wrapf(types.ErrAssetNotFound, "no path work for asset %d", id)
	}
	if err != nil {
		return 0, errorsmod.Wrapf(err, "read path work of asset %d", id)
	}
	return w, nil
}

// pathWorkFor is the path work of an asset with these parents (which must all have one). It only reads, so
// registration runs it with its checks, before the first write.
func (k Keeper) pathWorkFor(ctx context.Context, parents []types.ParentEdge) (uint64, error) {
	works := make([]uint64, 0, len(parents))
	for _, p := range parents {
		w, err := k.PathWorkOf(ctx, p.AssetId)
		if err != nil {
			return 0, err
		}
		works = append(works, w)
	}
	return types.PathWork(len(parents), works), nil
}

// MaxRepricingSteps bounds the work of re-pricing an amended asset's descendants (repriceDescendants): one step
// per descendant record read, per parent path work read and per child queued. At ~1,000-3,000 gas a step it is
// a few million gas, inside a transaction and inside x/dispute's deadline budget (at least 1M per block, 20M by
// default; a dispute that does not fit waits for a block with room).
const MaxRepricingSteps = 1_000

// checkPathWorkRaise decides whether asset id may gain parent added by dispute without leaving its descendants
// under-priced. It may when it has no children (nothing was priced on its path work yet); when the new parent is
// no costlier than its costliest current parent (its path work then grows by one credit, so descendants lag by
// one unit at most, the bound genesis holds stale_path_work to); or when its descendants can all be re-priced
// within MaxRepricingSteps (AddParentByDispute then re-prices them, leaving nothing stale). So a model registered
// without its lineage can be given its datasets whatever it is, unless it has both a descendant tree too large
// to re-price in one step and a new parent costlier than the old ones; then the dispute is refused with a
// message that says so.
func (k Keeper) checkPathWorkRaise(ctx context.Context, id uint64, parents []types.ParentEdge, added uint64) error {
	hasChildren, err := k.hasChildren(ctx, id)
	if err != nil || !hasChildren {
		return err
	}
	var costliest uint64
	for _, p := range parents {
		w, err := k.PathWorkOf(ctx, p.AssetId)
		if err != nil {
			return err
		}
		costliest = max(costliest, w)
	}
	w, err := k.PathWorkOf(ctx, added)
	if err != nil {
		return err
	}
	if w <= costliest {
		return nil
	}
	raised, err := k.pathWorkFor(ctx, append(append([]types.ParentEdge(nil), parents...), types.ParentEdge{AssetId: added}))
	if err != nil {
		return err
	}
	done, _, err := k.repriceDescendants(ctx, id, raised, false)
	if err != nil || done {
		return err
	}
	return errorsmod.Wrapf(types.ErrInvalidAmendment,
		"asset %d has more descendants than one dispute can re-price (%d steps): parent %d has path work %d, above its costliest parent's %d, and would leave them under-priced for settlement; only a parent with path work at most %d can be added to it by dispute",
		id, MaxRepricingSteps, added, w, costliest, costliest)
}

// hasChildren reports whether any asset cites id (one children-index seek).
func (k Keeper) hasChildren(ctx context.Context, id uint64) (bool, error) {
	iter, err := k.Children.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](id))
	if err != nil {
		return false, errorsmod.Wrapf(err, "read children of asset %d", id)
	}
	has := iter.Valid()
	if err := iter.Close(); err != nil {
		return false, errorsmod.Wrapf(err, "read children of asset %d", id)
	}
	return has, nil
}

// repriceDescendants recomputes the path work of asset id's descendants after id's became raised, in ascending
// id (a child always has a higher id than its parents, so each is computed once, from final values), and stops
// below a descendant whose path work does not change. It reports whether it finished within MaxRepricingSteps
// and which assets it re-priced (also when it stopped short: those are written); it writes only when asked (write), so that a dispute's opening can check that
// the remedy will fit before anything changes.
func (k Keeper) repriceDescendants(ctx context.Context, id, raised uint64, write bool) (bool, []uint64, error) {
	works := map[uint64]uint64{id: raised}
	read := func(a uint64) (uint64, error) {
		if w, ok := works[a]; ok {
			return w, nil
		}
		return k.PathWorkOf(ctx, a)
	}
	queue := idheap.Ascending()
	queued := map[uint64]bool{}
	steps := 0
	enqueueChildren := func(parent uint64) (bool, error) {
		iter, err := k.Children.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](parent))
		if err != nil {
			return false, errorsmod.Wrapf(err, "read children of asset %d", parent)
		}
		defer iter.Close()
		for ; iter.Valid(); iter.Next() {
			key, err := iter.Key()
			if err != nil {
				return false, err
			}
			if child := key.K2(); !queued[child] {
				if steps++; steps > MaxRepricingSteps {
					return false, nil
				}
				queued[child] = true
				queue.Push(child)
			}
		}
		return true, nil
	}
	var repriced []uint64
	if ok, err := enqueueChildren(id); !ok || err != nil {
		return false, repriced, err
	}
	for queue.Len() > 0 {
		c := queue.Pop()
		rec, err := k.GetAssetRecord(ctx, c)
		if err != nil {
			return false, nil, err
		}
		if steps += 1 + len(rec.Parents); steps > MaxRepricingSteps {
			return false, repriced, nil
		}
		parentWorks := make([]uint64, len(rec.Parents))
		for i, p := range rec.Parents {
			if parentWorks[i], err = read(p.AssetId); err != nil {
				return false, nil, err
			}
		}
		old, err := k.PathWorkOf(ctx, c)
		if err != nil {
			return false, nil, err
		}
		w := types.PathWork(len(rec.Parents), parentWorks)
		if w <= old {
			continue // nothing below it changes through it
		}
		works[c] = w
		repriced = append(repriced, c)
		if write {
			if err := k.PathWork.Set(ctx, c, w); err != nil {
				return false, nil, errorsmod.Wrapf(err, "store path work of asset %d", c)
			}
		}
		if ok, err := enqueueChildren(c); !ok || err != nil {
			return false, repriced, err
		}
	}
	return true, repriced, nil
}

// setPathWork stores the path work of asset id from its parents'.
func (k Keeper) setPathWork(ctx context.Context, id uint64, parents []types.ParentEdge) error {
	w, err := k.pathWorkFor(ctx, parents)
	if err != nil {
		return errorsmod.Wrapf(err, "path work of asset %d", id)
	}
	if err := k.PathWork.Set(ctx, id, w); err != nil {
		return errorsmod.Wrapf(err, "store path work of asset %d", id)
	}
	return nil
}

// RebuildPathWork recomputes every asset's path work in ascending id order (a parent always has a lower id), so
// that a store written before path work existed (the version-3 migration), or one whose descendants of a
// dispute-added edge kept an older value, prices every path as it stands.
func (k Keeper) RebuildPathWork(ctx context.Context) error {
	return k.Records.Walk(ctx, nil, func(id uint64, r types.AssetRecord) (bool, error) {
		return false, k.setPathWork(ctx, id, r.Parents)
	})
}
