package keeper

import (
	"context"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// initDisputeGenesis loads what dispute outcomes left in the royalty accounting: the forfeited assets and the
// contributor eras (Merkle memberships carry their own era in merkle_members).
func (k Keeper) initDisputeGenesis(ctx context.Context, gs types.GenesisState) error {
	for _, id := range gs.ForfeitedAssets {
		if err := k.Forfeited.Set(ctx, id); err != nil {
			return err
		}
	}
	for _, e := range gs.AssetEras {
		if err := k.Eras.Set(ctx, e.AssetId, e.Era); err != nil {
			return err
		}
	}
	return nil
}

// exportDisputeGenesis exports the forfeited assets and the contributor eras, ascending by asset.
func (k Keeper) exportDisputeGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.Forfeited.Walk(ctx, nil, func(id uint64) (bool, error) {
		gs.ForfeitedAssets = append(gs.ForfeitedAssets, id)
		return false, nil
	}); err != nil {
		return err
	}
	return k.Eras.Walk(ctx, nil, func(id, era uint64) (bool, error) {
		gs.AssetEras = append(gs.AssetEras, types.AssetEra{AssetId: id, Era: era})
		return false, nil
	})
}
