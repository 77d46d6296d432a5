package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// initSettlementGenesis loads the pass record and the quarantine. The pass record is written only when it
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
	return nil
}

// exportSettlementGenesis exports the pass record and the quarantine: without them an imported chain would
// start a new pass and retry quarantined assets, and settle differently block by block from the exported one.
func (k Keeper) exportSettlementGenesis(ctx context.Context, gs *types.GenesisState) error {
	pass, err := k.Pass.Get(ctx)
	switch {
	case errors.Is(err, collections.ErrNotFound):
	case err != nil:
		return err
	default:
		gs.SettlementPass = pass
	}
	return k.Quarantined.Walk(ctx, nil, func(id uint64, q types.Quarantine) (bool, error) {
		gs.Quarantined = append(gs.Quarantined, types.QuarantinedAsset{AssetId: id, Quarantine: q})
		return false, nil
	})
}
