package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// initSettlementGenesis loads the pass record, the quarantine and the route cache. The pass record is written only when it
// is not the zero pass, so that a genesis without one stores exactly what a new chain stores.
func (k Keeper) initSettlementGenesis(ctx context.Context, gs types.GenesisState) error {
	if gs.SettlementPass != (types.SettlementPass{}) {
		if err := k.Pass.Set(ctx, gs.SettlementPass); err != nil {
			return err
		}
	}
	for _, q := range gs.Quarantined {
		if err := k.Quarantined.Set(ctx, q.AssetId, q.Quarantine); err != nil {
			return err
		}
	}
	// The route is rebuilt from x/provenance (initialised first), never read from the genesis file.
	for _, id := range gs.RoutedAssets {
		if _, err := k.route(ctx, id); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "routed asset %d: %v", id, err)
		}
	}
	return nil
}

// exportSettlementGenesis exports the pass record, the quarantine and which routes are cached: without them
// an imported chain would start a new pass, retry quarantined assets and read whole lineages again (more gas
// per asset, so fewer assets per block), and settle differently block by block from the exported one.
func (k Keeper) exportSettlementGenesis(ctx context.Context, gs *types.GenesisState) error {
	pass, err := k.Pass.Get(ctx)
	switch {
	case errors.Is(err, collections.ErrNotFound):
	case err != nil:
		return err
	default:
		gs.SettlementPass = pass
	}
	if err := k.Quarantined.Walk(ctx, nil, func(id uint64, q types.Quarantine) (bool, error) {
		gs.Quarantined = append(gs.Quarantined, types.QuarantinedAsset{AssetId: id, Quarantine: q})
		return false, nil
	}); err != nil {
		return err
	}
	return k.Routes.Walk(ctx, nil, func(id uint64, _ types.AssetRoute) (bool, error) {
		gs.RoutedAssets = append(gs.RoutedAssets, id)
		return false, nil
	})
}
