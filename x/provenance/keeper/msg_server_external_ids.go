package keeper

import (
	"context"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// SetExternalIDs implements types.MsgServer: the owner replaces the
// identifiers that name the asset elsewhere. Retired assets may still be
// named (a name is description, not use); revoked assets are frozen.
func (m msgServer) SetExternalIDs(ctx context.Context, msg *types.MsgSetExternalIDs) (*types.MsgSetExternalIDsResponse, error) {
	ids, err := types.NormalizeExternalIDs(msg.ExternalIds)
	if err != nil {
		return nil, err
	}
	a, err := m.ownedAsset(ctx, msg.Owner, msg.AssetId)
	if err != nil {
		return nil, err
	}
	previous := a.ExternalIds
	if err := m.Keeper.SetExternalIDs(ctx, a, ids); err != nil {
		return nil, err
	}
	return &types.MsgSetExternalIDsResponse{}, emit(ctx, &types.EventExternalIDsSet{
		AssetId: a.Id, Owner: a.Owner, ExternalIds: ids, PreviousExternalIds: previous,
	})
}
