package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// RevokeAsset implements types.MsgServer: governance freezes an asset with a
// reason. The asset stays in state with its lineage; its ownership transfer,
// if any, is withdrawn.
func (m msgServer) RevokeAsset(ctx context.Context, msg *types.MsgRevokeAsset) (*types.MsgRevokeAssetResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	a, err := m.GetAsset(ctx, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if a.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return nil, errorsmod.Wrapf(types.ErrAssetRevoked, "asset %d is already revoked (%s)", a.Id, a.RevokeReason)
	}
	previous := a.Status
	if err := m.revoke(ctx, a, msg.Reason); err != nil {
		return nil, err
	}
	return &types.MsgRevokeAssetResponse{}, emit(ctx, &types.EventAssetRevoked{
		AssetId: a.Id, PreviousStatus: previous, Reason: msg.Reason,
	})
}

// UpdateParams implements types.MsgServer.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if m.settlementGuard != nil {
		if err := m.settlementGuard.CheckLineageBounds(ctx, msg.Params.MaxParents, msg.Params.MaxContributors); err != nil {
			return nil, err
		}
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, errorsmod.Wrap(err, "store params")
	}
	return &types.MsgUpdateParamsResponse{}, emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}
