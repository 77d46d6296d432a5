package keeper

import (
	"context"

	"cosmossdk.io/collections"
)

// IsHeld implements x/royalty's HoldChecker: an asset with any open dispute has its revenue held. It reads at
// most one entry per dispute kind (two), so settlement pays a constant gas per queued asset for it.
func (k Keeper) IsHeld(ctx context.Context, assetID uint64) (bool, error) {
	it, err := k.OpenByKind.Iterate(ctx, collections.NewPrefixedPairRange[uint64, int32](assetID))
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}
