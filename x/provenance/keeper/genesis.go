package keeper

import (
	"context"

	"cosmossdk.io/collections"
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
	works, err := gs.PathWorks()
	if err != nil {
		return err
	}
	for _, a := range gs.Assets {
		if err := k.insertAsset(ctx, a, works[a.Id]); err != nil {
			return err
		}
	}
	if err := k.NextAssetID.Set(ctx, gs.NextAssetId); err != nil {
		return errorsmod.Wrap(err, "store next asset id")
	}
	for _, am := range gs.Amendments {
		if err := k.Amendments.Set(ctx, collections.Join(am.AssetId, am.DisputeId), am); err != nil {
			return errorsmod.Wrap(err, "store amendment")
		}
	}
	for _, r := range gs.Revocations {
		if err := k.Revocations.Set(ctx, collections.Join(r.Height, r.AssetId)); err != nil {
			return errorsmod.Wrap(err, "store revocation")
		}
	}
	return nil
}

// ExportGenesis returns the module state: params, assets in ascending id, the
// next asset id, amendments, stale path work and the revocation index.
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
	var amendments []types.Amendment
	err = k.Amendments.Walk(ctx, nil, func(_ collections.Pair[uint64, uint64], am types.Amendment) (bool, error) {
		amendments = append(amendments, am)
		return false, nil
	})
	if err != nil {
		return nil, errorsmod.Wrap(err, "read amendments")
	}
	stale, err := k.stalePathWork(ctx, assets)
	if err != nil {
		return nil, err
	}
	revocations, err := k.exportRevocations(ctx)
	if err != nil {
		return nil, err
	}
	return &types.GenesisState{Params: params, Assets: assets, NextAssetId: next, Amendments: amendments,
		StalePathWork: stale, Revocations: revocations}, nil
}

// stalePathWork lists the assets whose stored path work differs from what their parents' stored path work
// gives (path_work.go: the descendants of an asset a dispute added a parent to).
func (k Keeper) stalePathWork(ctx context.Context, assets []types.Asset) ([]types.AssetPathWork, error) {
	var out []types.AssetPathWork
	for _, a := range assets {
		want, err := k.pathWorkFor(ctx, a.Parents)
		if err != nil {
			return nil, err
		}
		got, err := k.PathWorkOf(ctx, a.Id)
		if err != nil {
			return nil, err
		}
		if got != want {
			out = append(out, types.AssetPathWork{AssetId: a.Id, PathWork: got})
		}
	}
	return out, nil
}
