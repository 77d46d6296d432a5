package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// indexExternalIDs adds (identifier, id) to the external identifier index
// for each of an asset's canonical identifiers.
func (k Keeper) indexExternalIDs(ctx context.Context, id uint64, ids []string) error {
	for _, ext := range ids {
		if err := k.ExternalIDs.Set(ctx, collections.Join(ext, id)); err != nil {
			return errorsmod.Wrapf(err, "index external id %s of asset %d", ext, id)
		}
	}
	return nil
}

// unindexExternalIDs removes an asset's identifiers from the index.
func (k Keeper) unindexExternalIDs(ctx context.Context, id uint64, ids []string) error {
	for _, ext := range ids {
		if err := k.ExternalIDs.Remove(ctx, collections.Join(ext, id)); err != nil {
			return errorsmod.Wrapf(err, "unindex external id %s of asset %d", ext, id)
		}
	}
	return nil
}

// SetExternalIDs replaces the external identifiers of asset a (already
// loaded and checked by the caller) with ids, which must be canonical, and
// keeps the index in step. Its work is bounded by 2 x MaxExternalIDs index
// writes.
func (k Keeper) SetExternalIDs(ctx context.Context, a types.Asset, ids []string) error {
	if err := k.unindexExternalIDs(ctx, a.Id, a.ExternalIds); err != nil {
		return err
	}
	a.ExternalIds = ids
	if err := k.setAsset(ctx, a); err != nil {
		return err
	}
	return k.indexExternalIDs(ctx, a.Id, ids)
}

// AssetIDsByExternalID returns up to limit ids, ascending, of the assets
// claiming the canonical identifier ext, starting at asset id start.
func (k Keeper) AssetIDsByExternalID(ctx context.Context, ext string, start uint64, limit int) ([]uint64, error) {
	rng := collections.NewPrefixedPairRange[string, uint64](ext).StartInclusive(start)
	it, err := k.ExternalIDs.Iterate(ctx, rng)
	if err != nil {
		return nil, errorsmod.Wrap(err, "iterate external id index")
	}
	defer it.Close()
	var ids []uint64
	for ; it.Valid() && len(ids) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, errorsmod.Wrap(err, "read external id index")
		}
		ids = append(ids, key.K2())
	}
	return ids, nil
}
