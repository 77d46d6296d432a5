package keeper

import (
	"context"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// RegisterAsset implements types.MsgServer.
func (m msgServer) RegisterAsset(ctx context.Context, msg *types.MsgRegisterAsset) (*types.MsgRegisterAssetResponse, error) {
	id, err := m.Keeper.RegisterAsset(ctx, msg)
	if err != nil {
		return nil, err
	}
	recordRegistration(ctx, msg.Kind)
	return &types.MsgRegisterAssetResponse{Id: id}, nil
}
