package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// UpdateAsset implements types.MsgServer: it replaces the description and
// metadata CID, the only mutable descriptive fields.
func (m msgServer) UpdateAsset(ctx context.Context, msg *types.MsgUpdateAsset) (*types.MsgUpdateAssetResponse, error) {
	a, err := m.ownedAsset(ctx, msg.Owner, msg.AssetId)
	if err != nil {
		return nil, err
	}
	var metadataCID string
	if msg.MetadataCid != "" {
		if metadataCID, err = types.ParseCID("metadata_cid", msg.MetadataCid); err != nil {
			return nil, err
		}
	}
	a.Description = msg.Description
	a.MetadataCid = metadataCID
	if err := m.setAsset(ctx, a); err != nil {
		return nil, err
	}
	return &types.MsgUpdateAssetResponse{}, emit(ctx, &types.EventAssetUpdated{
		AssetId: a.Id, Description: a.Description, MetadataCid: a.MetadataCid,
	})
}

// TransferOwnership implements types.MsgServer: the first step of a
// two-step transfer, so an asset can never go to a mistyped address.
func (m msgServer) TransferOwnership(ctx context.Context, msg *types.MsgTransferOwnership) (*types.MsgTransferOwnershipResponse, error) {
	a, err := m.ownedAsset(ctx, msg.Owner, msg.AssetId)
	if err != nil {
		return nil, err
	}
	newOwner, newOwnerBz, err := types.CanonicalAddress(m.addressCodec, "new_owner", msg.NewOwner)
	if err != nil {
		return nil, err
	}
	if err := m.checkNotBlocked("new_owner", newOwner, newOwnerBz); err != nil {
		return nil, err
	}
	if newOwner == a.Owner {
		return nil, errorsmod.Wrapf(types.ErrSelfTransfer, "%s already owns asset %d", newOwner, a.Id)
	}
	a.PendingOwner = newOwner
	if err := m.setAsset(ctx, a); err != nil {
		return nil, err
	}
	return &types.MsgTransferOwnershipResponse{}, emit(ctx, &types.EventOwnershipTransferProposed{
		AssetId: a.Id, Owner: a.Owner, PendingOwner: newOwner,
	})
}

// AcceptOwnership implements types.MsgServer.
func (m msgServer) AcceptOwnership(ctx context.Context, msg *types.MsgAcceptOwnership) (*types.MsgAcceptOwnershipResponse, error) {
	signer, _, err := types.CanonicalAddress(m.addressCodec, "new_owner", msg.NewOwner)
	if err != nil {
		return nil, err
	}
	a, err := m.GetAsset(ctx, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if a.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return nil, errorsmod.Wrapf(types.ErrAssetRevoked, "asset %d was revoked and can no longer change", a.Id)
	}
	if a.PendingOwner == "" {
		return nil, errorsmod.Wrapf(types.ErrNoPendingTransfer, "asset %d: its owner must first propose a transfer", a.Id)
	}
	if a.PendingOwner != signer {
		return nil, errorsmod.Wrapf(types.ErrNotPendingOwner, "asset %d is offered to %s, not %s", a.Id, a.PendingOwner, signer)
	}
	previous := a.Owner
	a.Owner, a.PendingOwner = signer, ""
	if err := m.setAsset(ctx, a); err != nil {
		return nil, err
	}
	return &types.MsgAcceptOwnershipResponse{}, emit(ctx, &types.EventOwnershipTransferred{
		AssetId: a.Id, PreviousOwner: previous, NewOwner: signer,
	})
}

// CancelTransfer implements types.MsgServer.
func (m msgServer) CancelTransfer(ctx context.Context, msg *types.MsgCancelTransfer) (*types.MsgCancelTransferResponse, error) {
	a, err := m.ownedAsset(ctx, msg.Owner, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if a.PendingOwner == "" {
		return nil, errorsmod.Wrapf(types.ErrNoPendingTransfer, "asset %d has no transfer to cancel", a.Id)
	}
	pending := a.PendingOwner
	a.PendingOwner = ""
	if err := m.setAsset(ctx, a); err != nil {
		return nil, err
	}
	return &types.MsgCancelTransferResponse{}, emit(ctx, &types.EventOwnershipTransferCanceled{
		AssetId: a.Id, Owner: a.Owner, PendingOwner: pending,
	})
}

// RetireAsset implements types.MsgServer.
func (m msgServer) RetireAsset(ctx context.Context, msg *types.MsgRetireAsset) (*types.MsgRetireAssetResponse, error) {
	a, err := m.ownedAsset(ctx, msg.Owner, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if a.Status == types.AssetStatus_ASSET_STATUS_RETIRED {
		return nil, errorsmod.Wrapf(types.ErrAssetAlreadyRetired, "asset %d", a.Id)
	}
	a.Status = types.AssetStatus_ASSET_STATUS_RETIRED
	if err := m.setAsset(ctx, a); err != nil {
		return nil, err
	}
	return &types.MsgRetireAssetResponse{}, emit(ctx, &types.EventAssetRetired{AssetId: a.Id, Owner: a.Owner})
}

// emit emits a typed event on the context's event manager.
func emit(ctx context.Context, ev sdk.Msg) error {
	if err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev); err != nil {
		return errorsmod.Wrap(err, "emit event")
	}
	return nil
}
