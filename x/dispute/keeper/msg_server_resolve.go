package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// ResolveDispute implements types.MsgServer: the gov authority or the arbiter decides a contested dispute within
// its arbitration window.
func (m msgServer) ResolveDispute(ctx context.Context, msg *types.MsgResolveDispute) (*types.MsgResolveDisputeResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(err, "read params")
	}
	if msg.Authority != m.authority && (params.Arbiter == "" || msg.Authority != params.Arbiter) {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "%s is neither the governance authority %s nor the arbiter %q", msg.Authority, m.authority, params.Arbiter)
	}
	d, err := m.getDispute(ctx, msg.DisputeId)
	if err != nil {
		return nil, err
	}
	if d.Status != types.DisputeStatus_DISPUTE_STATUS_CONTESTED {
		return nil, errorsmod.Wrapf(types.ErrWrongStatus, "dispute %d is %s: only a contested dispute is decided", d.Id, d.Status)
	}
	if sdk.UnwrapSDKContext(ctx).BlockHeight() > d.DeadlineHeight {
		return nil, errorsmod.Wrapf(types.ErrWindowClosed, "dispute %d: the arbitration window ended at height %d", d.Id, d.DeadlineHeight)
	}
	if msg.Uphold {
		err = m.uphold(ctx, d, types.DisputeStatus_DISPUTE_STATUS_UPHELD, msg.Reason)
	} else {
		err = m.reject(ctx, d, msg.Reason)
	}
	if err != nil {
		return nil, err
	}
	return &types.MsgResolveDisputeResponse{}, nil
}

// UpdateParams implements types.MsgServer.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "only the governance authority %s changes params, not %s", m.authority, msg.Authority)
	}
	if msg.Params.Arbiter != "" {
		if _, err := m.addressCodec.StringToBytes(msg.Params.Arbiter); err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidParams, "arbiter: %v", err)
		}
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, emit(ctx, &types.EventParamsUpdated{Params: msg.Params})
}
