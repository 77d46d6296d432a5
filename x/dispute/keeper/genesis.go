package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// InitGenesis validates gs, checks every disputed asset exists (x/provenance is initialised first) and that the
// module account holds exactly the bonds of the open disputes, then loads it and rebuilds the indexes and
// x/provenance's under-dispute markers.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	bonds := sdk.NewCoins()
	for _, d := range gs.Disputes {
		if _, err := k.provenance.GetAssetRecord(ctx, d.AssetId); err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "dispute %d: %v", d.Id, err)
		}
		if d.IsOpen() {
			bonds = bonds.Add(d.Bond)
			if d.Defender != "" {
				bonds = bonds.Add(d.Bond)
			}
		}
	}
	if bal := k.bank.GetAllBalances(ctx, k.moduleAddr); !bal.Equal(bonds) {
		return errorsmod.Wrapf(types.ErrInvalidGenesis, "dispute module account holds %s, the open disputes' bonds are %s", bal, bonds)
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	if err := k.NextDisputeID.Set(ctx, gs.NextDisputeId); err != nil {
		return err
	}
	for _, d := range gs.Disputes {
		if err := k.Disputes.Set(ctx, d.Id, d); err != nil {
			return err
		}
		if err := k.ByAsset.Set(ctx, collections.Join(d.AssetId, d.Id)); err != nil {
			return err
		}
		if !d.IsOpen() {
			continue
		}
		if err := k.Deadlines.Set(ctx, collections.Join(uint64(d.DeadlineHeight), d.Id)); err != nil {
			return err
		}
		if err := k.OpenByKind.Set(ctx, collections.Join(d.AssetId, int32(d.Kind)), d.Id); err != nil {
			return err
		}
		if err := k.provenance.SetUnderDispute(ctx, d.AssetId, d.Id, true); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis exports params, every dispute in ascending id and the next id.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	next, err := k.NextDisputeID.Peek(ctx)
	if err != nil {
		return nil, err
	}
	if next == 0 {
		next = 1
	}
	gs := &types.GenesisState{Params: params, NextDisputeId: next}
	err = k.Disputes.Walk(ctx, nil, func(_ uint64, d types.Dispute) (bool, error) {
		gs.Disputes = append(gs.Disputes, d)
		return false, nil
	})
	return gs, err
}
