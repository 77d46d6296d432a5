package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// openForOwner returns dispute id if it still waits for a response and signer owns its asset now.
func (k Keeper) openForOwner(ctx context.Context, signer string, id uint64) (types.Dispute, error) {
	d, err := k.getDispute(ctx, id)
	if err != nil {
		return d, err
	}
	if d.Status != types.DisputeStatus_DISPUTE_STATUS_OPEN {
		return d, errorsmod.Wrapf(types.ErrWrongStatus, "dispute %d is %s: only an open dispute can be accepted or contested", id, d.Status)
	}
	if sdk.UnwrapSDKContext(ctx).BlockHeight() > d.DeadlineHeight {
		return d, errorsmod.Wrapf(types.ErrWindowClosed, "dispute %d: the response window ended at height %d", id, d.DeadlineHeight)
	}
	rec, err := k.provenance.GetAssetRecord(ctx, d.AssetId)
	if err != nil {
		return d, err
	}
	if rec.Owner != signer {
		return d, errorsmod.Wrapf(types.ErrNotOwner, "asset %d is owned by %s, not %s", d.AssetId, rec.Owner, signer)
	}
	return d, nil
}

// AcceptDispute implements types.MsgServer: the remedy applies now and the challenger's bond is returned.
func (m msgServer) AcceptDispute(ctx context.Context, msg *types.MsgAcceptDispute) (*types.MsgAcceptDisputeResponse, error) {
	d, err := m.openForOwner(ctx, msg.Owner, msg.DisputeId)
	if err != nil {
		return nil, err
	}
	if err := m.uphold(ctx, d, types.DisputeStatus_DISPUTE_STATUS_ACCEPTED, "accepted by the owner"); err != nil {
		return nil, err
	}
	return &types.MsgAcceptDisputeResponse{}, nil
}

// ContestDispute implements types.MsgServer: the owner posts a bond equal to the challenger's and the dispute
// waits for a decision until the arbitration deadline.
func (m msgServer) ContestDispute(ctx context.Context, msg *types.MsgContestDispute) (*types.MsgContestDisputeResponse, error) {
	d, err := m.openForOwner(ctx, msg.Owner, msg.DisputeId)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(err, "read params")
	}
	owner, err := m.addressCodec.StringToBytes(msg.Owner)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "owner: %v", err)
	}
	if err := m.bank.SendCoinsFromAccountToModule(ctx, owner, types.ModuleName, sdk.NewCoins(d.Bond)); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInsufficientBond, "contesting dispute %d takes a bond of %s: %v", d.Id, d.Bond, err)
	}
	if err := m.Deadlines.Remove(ctx, collections.Join(uint64(d.DeadlineHeight), d.Id)); err != nil {
		return nil, err
	}
	d.Status = types.DisputeStatus_DISPUTE_STATUS_CONTESTED
	d.Defender = msg.Owner
	d.DeadlineHeight = sdk.UnwrapSDKContext(ctx).BlockHeight() + params.ArbitrationWindowBlocks
	if err := m.Disputes.Set(ctx, d.Id, d); err != nil {
		return nil, err
	}
	if err := m.Deadlines.Set(ctx, collections.Join(uint64(d.DeadlineHeight), d.Id)); err != nil {
		return nil, err
	}
	return &types.MsgContestDisputeResponse{DeadlineHeight: d.DeadlineHeight}, emit(ctx, &types.EventDisputeContested{
		DisputeId: d.Id, Defender: d.Defender, Bond: d.Bond, DeadlineHeight: d.DeadlineHeight,
	})
}
