package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// OpenDispute implements types.MsgServer. Every check runs before the first write: the asset exists and is not
// revoked, the challenger is not its owner, no dispute of the same kind is open against it, the remedy could
// apply now (the same checks the remedy repeats when it applies), and the bond is at least the param in its
// denom. Then the bond moves to the module account and the asset's revenue is held.
func (m msgServer) OpenDispute(ctx context.Context, msg *types.MsgOpenDispute) (*types.MsgOpenDisputeResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(err, "read params")
	}
	challenger, err := m.addressCodec.StringToBytes(msg.Challenger)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "challenger: %v", err)
	}
	rec, err := m.provenance.GetAssetRecord(ctx, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if rec.Status == provtypes.AssetStatus_ASSET_STATUS_REVOKED {
		return nil, errorsmod.Wrapf(types.ErrAssetRevoked, "asset %d is revoked: nothing about it changes any more", msg.AssetId)
	}
	if rec.Owner == msg.Challenger {
		return nil, errorsmod.Wrapf(types.ErrOwnChallenge, "%s owns asset %d", msg.Challenger, msg.AssetId)
	}
	if id, err := m.OpenByKind.Get(ctx, collections.Join(msg.AssetId, int32(msg.Kind))); err == nil {
		return nil, errorsmod.Wrapf(types.ErrAlreadyDisputed, "dispute %d (%s) is open against asset %d: add your evidence there", id, msg.Kind, msg.AssetId)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}
	d := types.Dispute{
		AssetId: msg.AssetId, Kind: msg.Kind, Remedy: msg.Remedy, Challenger: msg.Challenger, Bond: msg.Bond,
		Evidence: msg.Evidence, Status: types.DisputeStatus_DISPUTE_STATUS_OPEN,
	}
	if msg.EvidenceCid != "" {
		if d.EvidenceCid, err = provtypes.ParseCID("evidence_cid", msg.EvidenceCid); err != nil {
			return nil, err
		}
	}
	switch msg.Remedy {
	case types.Remedy_REMEDY_ADD_PARENT:
		if _, _, err := m.provenance.PlanAddParent(ctx, msg.AssetId, msg.Parent); err != nil {
			return nil, err
		}
		d.Parent = msg.Parent
	case types.Remedy_REMEDY_REASSIGN:
		if d.Contributors, err = m.provenance.CheckReassign(ctx, msg.AssetId, msg.Challenger, msg.Contributors); err != nil {
			return nil, err
		}
	}
	if msg.Bond.Denom != params.DisputeBond.Denom || msg.Bond.Amount.LT(params.DisputeBond.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInvalidBond, "bond %s: post at least %s", msg.Bond, params.DisputeBond)
	}
	if err := m.bank.SendCoinsFromAccountToModule(ctx, challenger, types.ModuleName, sdk.NewCoins(msg.Bond)); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInsufficientBond, "post bond %s: %v", msg.Bond, err)
	}
	id, err := m.nextID(ctx)
	if err != nil {
		return nil, err
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	d.Id, d.OpenedHeight, d.DeadlineHeight = id, height, height+params.ResponseWindowBlocks
	if err := m.Disputes.Set(ctx, id, d); err != nil {
		return nil, err
	}
	if err := m.Deadlines.Set(ctx, collections.Join(uint64(d.DeadlineHeight), id)); err != nil {
		return nil, err
	}
	if err := m.ByAsset.Set(ctx, collections.Join(d.AssetId, id)); err != nil {
		return nil, err
	}
	if err := m.OpenByKind.Set(ctx, collections.Join(d.AssetId, int32(d.Kind)), id); err != nil {
		return nil, err
	}
	if err := m.provenance.SetUnderDispute(ctx, d.AssetId, id, true); err != nil {
		return nil, err
	}
	return &types.MsgOpenDisputeResponse{DisputeId: id, DeadlineHeight: d.DeadlineHeight}, emit(ctx, &types.EventDisputeOpened{
		DisputeId: id, AssetId: d.AssetId, Kind: d.Kind, Remedy: d.Remedy, Challenger: d.Challenger, Bond: d.Bond,
		DeadlineHeight: d.DeadlineHeight,
	})
}

// nextID returns a fresh dispute id; ids start at 1.
func (k Keeper) nextID(ctx context.Context) (uint64, error) {
	id, err := k.NextDisputeID.Next(ctx)
	if err == nil && id == 0 {
		id, err = k.NextDisputeID.Next(ctx)
	}
	return id, err
}
