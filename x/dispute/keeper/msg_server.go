package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// msgServer implements types.MsgServer; one file per concern (msg_server_*.go).
type msgServer struct{ Keeper }

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{k} }

var _ types.MsgServer = msgServer{}

// emit emits a typed event.
func emit(ctx context.Context, ev sdk.Msg) error {
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev); err != nil {
		return errorsmod.Wrap(err, "emit event")
	}
	return nil
}

// getDispute returns dispute id or ErrDisputeNotFound.
func (k Keeper) getDispute(ctx context.Context, id uint64) (types.Dispute, error) {
	d, err := k.Disputes.Get(ctx, id)
	if err != nil {
		return d, errorsmod.Wrapf(types.ErrDisputeNotFound, "dispute %d: %v", id, err)
	}
	return d, nil
}
