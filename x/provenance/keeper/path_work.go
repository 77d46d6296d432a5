package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Path work prices settlement in money. x/royalty queues an asset's revenue only once its pending amount covers
// min_pending_per_work_unit × the asset's path work (x/royalty README, "Who pays"). Pricing only an asset's own
// step (1 + parents) let the same coins pass every hop of a 100%-upstream chain, so 20 utrib ran a 1,000-deep
// pass; pricing the costliest path to a root makes the coins that start a pass cover every hop they travel.
//
// It is fixed at registration from the parents' path work (O(parents) 8-byte reads, parents are older), so it
// costs nothing to read later. A dispute that adds a parent raises the asset's own path work; its descendants
// keep theirs (walking them all would be unbounded work in a dispute's resolution). That under-estimate must stay
// small, because a bond is no price for it: an attacker who owns the asset accepts its own second address's
// dispute and gets the bond back. Amending roots from the top down of a would-be chain left every link at path
// work 3, so 30 utrib ran a pass of any depth (TestAttackStaleChainByDisputes). So an asset that has children
// may gain only a parent no costlier than its costliest existing parent (checkPathWorkRaise): its path work then
// grows by its own step's one more credit, plus whatever its parents gained since it was computed, which was
// already owed to its descendants. Each such amendment under-prices descendants by one unit at most, and each
// amended asset adds at least three to their true path work, so a stored path work is at least two thirds of the
// true one. Genesis keeps those values (stale_path_work), so an imported chain settles exactly as the exported
// one would; a future store migration may call RebuildPathWork to recompute them.

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

// checkPathWorkRaise refuses a missing parent for asset id that is costlier (in path work) than its costliest
// current parent once the asset has children: their path work was fixed from the asset's, and they would keep
// the lower value (see the file comment). An asset without children may gain any parent: nothing was priced on
// its old path work yet. One children-index seek and O(parents) 8-byte reads.
func (k Keeper) checkPathWorkRaise(ctx context.Context, id uint64, parents []types.ParentEdge, added uint64) error {
	iter, err := k.Children.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](id))
	if err != nil {
		return errorsmod.Wrapf(err, "read children of asset %d", id)
	}
	hasChildren := iter.Valid()
	if err := iter.Close(); err != nil {
		return errorsmod.Wrapf(err, "read children of asset %d", id)
	}
	if !hasChildren {
		return nil
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
	if w > costliest {
		return errorsmod.Wrapf(types.ErrInvalidAmendment,
			"asset %d has children, priced for settlement on its path work: parent %d has path work %d, above its costliest parent's %d, and would leave them under-priced (name the parent on a new registration instead)",
			id, added, w, costliest)
	}
	return nil
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
