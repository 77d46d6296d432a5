package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// revoke marks a REVOKED with reason and stores it together with its revocation index entry at the current
// height. Governance (RevokeAsset) and upheld disputes (RevokeByDispute) both revoke through it, after their
// checks, so that every REVOKED status has exactly one index entry and a refused revocation writes none.
func (k Keeper) revoke(ctx context.Context, a types.Asset, reason string) error {
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.Revocations.Set(ctx, collections.Join(height, a.Id)); err != nil {
		return errorsmod.Wrapf(err, "index revocation of asset %d", a.Id)
	}
	a.Status = types.AssetStatus_ASSET_STATUS_REVOKED
	a.RevokeReason = reason
	a.PendingOwner = ""
	return k.setAsset(ctx, a)
}

// IndexRevokedAssets gives every revoked asset without an index entry one at the current height. The version-3
// migration runs it once, in the upgrade block, for the assets revoked before the index existed; it reads the
// small status mirror, not the assets, and is idempotent.
func (k Keeper) IndexRevokedAssets(ctx context.Context) error {
	indexed := map[uint64]bool{}
	err := k.Revocations.Walk(ctx, nil, func(key collections.Pair[int64, uint64]) (bool, error) {
		indexed[key.K2()] = true
		return false, nil
	})
	if err != nil {
		return errorsmod.Wrap(err, "read revocation index")
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	return k.Status.Walk(ctx, nil, func(id uint64, status int32) (bool, error) {
		if types.AssetStatus(status) != types.AssetStatus_ASSET_STATUS_REVOKED || indexed[id] {
			return false, nil
		}
		if err := k.Revocations.Set(ctx, collections.Join(height, id)); err != nil {
			return true, errorsmod.Wrapf(err, "index revocation of asset %d", id)
		}
		return false, nil
	})
}

// exportRevocations returns the revocation index in ascending (height, asset id).
func (k Keeper) exportRevocations(ctx context.Context) ([]types.Revocation, error) {
	var out []types.Revocation
	err := k.Revocations.Walk(ctx, nil, func(key collections.Pair[int64, uint64]) (bool, error) {
		out = append(out, types.Revocation{AssetId: key.K2(), Height: key.K1()})
		return false, nil
	})
	if err != nil {
		return nil, errorsmod.Wrap(err, "read revocation index")
	}
	return out, nil
}
