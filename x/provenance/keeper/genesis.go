package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// InitGenesis validates gs and loads it, rebuilding every index from the
// assets.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return errorsmod.Wrap(err, "store params")
	}
	for _, a := range gs.Assets {
		if err := k.insertAsset(ctx, a); err != nil {
			return err
		}
	}
	if err := k.NextAssetID.Set(ctx, gs.NextAssetId); err != nil {
		return errorsmod.Wrap(err, "store next asset id")
	}
	return nil
}

// ExportGenesis returns the module state: params, assets in ascending id and
// the next asset id.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(err, "read params")
	}
	next, err := k.NextAssetID.Peek(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(err, "read next asset id")
	}
	if next == 0 {
		next = 1
	}
	var assets []types.Asset
	err = k.Assets.Walk(ctx, nil, func(_ uint64, a types.Asset) (bool, error) {
		assets = append(assets, a)
		return false, nil
	})
	if err != nil {
		return nil, errorsmod.Wrap(err, "read assets")
	}
	return &types.GenesisState{Params: params, Assets: assets, NextAssetId: next}, nil
}
