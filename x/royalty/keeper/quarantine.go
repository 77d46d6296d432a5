package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// maxReasonBytes bounds the reason stored with a quarantine: a panic value or a wrapped error chain can be
// long, and every node stores it.
const maxReasonBytes = types.MaxQuarantineReasonBytes

// quarantine sets an asset aside after its settlement failed. Its pending revenue stays pending and the asset
// stays in the queue (so conservation and genesis see the coins where they are); settlement steps over it
// until MsgRetrySettlement lifts the quarantine.
func (k Keeper) quarantine(ctx sdk.Context, id uint64, reason string) error {
	if len(reason) > maxReasonBytes {
		reason = reason[:maxReasonBytes]
	}
	if err := k.Quarantined.Set(ctx, id, types.Quarantine{Height: ctx.BlockHeight(), Reason: reason}); err != nil {
		return err
	}
	ctx.Logger().Error("royalty: settlement of an asset failed; quarantined", "asset", id, "reason", reason)
	return ctx.EventManager().EmitTypedEvent(&types.EventAssetQuarantined{AssetId: id, Reason: reason})
}

// RetrySettlement lifts the quarantine of assets; only the authority may. The assets are still queued, so the
// next pass settles them (or quarantines them again if nothing changed).
func (m msgServer) RetrySettlement(ctx context.Context, msg *types.MsgRetrySettlement) (*types.MsgRetrySettlementResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	// Every id is checked before the first write, so a bad list changes nothing.
	for _, id := range msg.AssetIds {
		has, err := m.Quarantined.Has(ctx, id)
		if err != nil {
			return nil, err
		}
		if !has {
			return nil, errorsmod.Wrapf(types.ErrNotQuarantined, "asset %d", id)
		}
	}
	events := sdk.UnwrapSDKContext(ctx).EventManager()
	for _, id := range msg.AssetIds {
		if err := m.Quarantined.Remove(ctx, id); err != nil {
			return nil, err
		}
		if err := events.EmitTypedEvent(&types.EventQuarantineLifted{AssetId: id}); err != nil {
			return nil, err
		}
	}
	return &types.MsgRetrySettlementResponse{}, nil
}
