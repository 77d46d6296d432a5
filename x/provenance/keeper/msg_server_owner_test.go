package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestOwnerMessages(t *testing.T) {
	f := newFixture(t)
	id := f.register(t, f.dataset())
	owner, other, third := f.addrs[0], f.addrs[4], f.addrs[5]
	metadata := f.nextCID()

	_, err := f.msg.UpdateAsset(f.ctx, &types.MsgUpdateAsset{Owner: owner, AssetId: id, Description: "new", MetadataCid: metadata})
	require.NoError(t, err)
	a, _ := f.k.GetAsset(f.ctx, id)
	require.Equal(t, "new", a.Description)
	require.Equal(t, metadata, a.MetadataCid)

	_, err = f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: owner, AssetId: id, NewOwner: other})
	require.NoError(t, err)
	_, err = f.msg.AcceptOwnership(f.ctx, &types.MsgAcceptOwnership{NewOwner: third, AssetId: id})
	require.ErrorIs(t, err, types.ErrNotPendingOwner)
	_, err = f.msg.CancelTransfer(f.ctx, &types.MsgCancelTransfer{Owner: owner, AssetId: id})
	require.NoError(t, err)
	_, err = f.msg.AcceptOwnership(f.ctx, &types.MsgAcceptOwnership{NewOwner: other, AssetId: id})
	require.ErrorIs(t, err, types.ErrNoPendingTransfer)

	_, err = f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: owner, AssetId: id, NewOwner: other})
	require.NoError(t, err)
	_, err = f.msg.AcceptOwnership(f.ctx, &types.MsgAcceptOwnership{NewOwner: other, AssetId: id})
	require.NoError(t, err)
	a, _ = f.k.GetAsset(f.ctx, id)
	require.Equal(t, other, a.Owner)
	require.Empty(t, a.PendingOwner)

	// The owner index follows the transfer.
	res, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{Owner: other})
	require.NoError(t, err)
	require.Len(t, res.Assets, 1)
	res, err = f.query.Assets(f.ctx, &types.QueryAssetsRequest{Owner: owner})
	require.NoError(t, err)
	require.Empty(t, res.Assets)

	_, err = f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: other, AssetId: id})
	require.NoError(t, err)
	active, err := f.k.IsActive(f.ctx, id)
	require.NoError(t, err)
	require.False(t, active)
	_, err = f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: other, AssetId: id})
	require.ErrorIs(t, err, types.ErrAssetAlreadyRetired)

	_, err = f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: id, Reason: "infringing"})
	require.NoError(t, err)
	a, _ = f.k.GetAsset(f.ctx, id)
	require.Equal(t, types.AssetStatus_ASSET_STATUS_REVOKED, a.Status)
	require.Equal(t, "infringing", a.RevokeReason)
	_, err = f.msg.UpdateAsset(f.ctx, &types.MsgUpdateAsset{Owner: other, AssetId: id})
	require.ErrorIs(t, err, types.ErrAssetRevoked)
	_, err = f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: id, Reason: "again"})
	require.ErrorIs(t, err, types.ErrAssetRevoked)
}

// TestOwnerMessagesReject: every rejected message leaves state unchanged.
func TestOwnerMessagesReject(t *testing.T) {
	f := newFixture(t)
	id := f.register(t, f.dataset())
	owner, stranger := f.addrs[0], f.addrs[6]
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"update by non-owner", func() error {
			_, err := f.msg.UpdateAsset(f.ctx, &types.MsgUpdateAsset{Owner: stranger, AssetId: id, Description: "x"})
			return err
		}, types.ErrNotOwner},
		{"update unknown asset", func() error {
			_, err := f.msg.UpdateAsset(f.ctx, &types.MsgUpdateAsset{Owner: owner, AssetId: 42})
			return err
		}, types.ErrAssetNotFound},
		{"update with invalid signer", func() error {
			_, err := f.msg.UpdateAsset(f.ctx, &types.MsgUpdateAsset{Owner: "nobody", AssetId: id})
			return err
		}, types.ErrInvalidAddress},
		{"update with long description", func() error {
			// Stateless: ValidateBasic refuses it, as the router does before the handler.
			return (&types.MsgUpdateAsset{Owner: owner, AssetId: id, Description: strings.Repeat("x", 5000)}).ValidateBasic()
		}, types.ErrInvalidText},
		{"update with CIDv0 metadata", func() error {
			_, err := f.msg.UpdateAsset(f.ctx, &types.MsgUpdateAsset{Owner: owner, AssetId: id, MetadataCid: cidV0})
			return err
		}, types.ErrCIDv0},
		{"transfer by non-owner", func() error {
			_, err := f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: stranger, AssetId: id, NewOwner: stranger})
			return err
		}, types.ErrNotOwner},
		{"transfer to invalid address", func() error {
			_, err := f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: owner, AssetId: id, NewOwner: "x"})
			return err
		}, types.ErrInvalidAddress},
		{"transfer to self", func() error {
			_, err := f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: owner, AssetId: id, NewOwner: owner})
			return err
		}, types.ErrSelfTransfer},
		{"cancel without transfer", func() error {
			_, err := f.msg.CancelTransfer(f.ctx, &types.MsgCancelTransfer{Owner: owner, AssetId: id})
			return err
		}, types.ErrNoPendingTransfer},
		{"cancel by non-owner", func() error {
			_, err := f.msg.CancelTransfer(f.ctx, &types.MsgCancelTransfer{Owner: stranger, AssetId: id})
			return err
		}, types.ErrNotOwner},
		{"retire by non-owner", func() error {
			_, err := f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: stranger, AssetId: id})
			return err
		}, types.ErrNotOwner},
		{"revoke by owner", func() error {
			_, err := f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: owner, AssetId: id, Reason: "mine"})
			return err
		}, types.ErrUnauthorized},
		{"revoke without reason", func() error {
			return (&types.MsgRevokeAsset{Authority: f.gov, AssetId: id}).ValidateBasic()
		}, types.ErrInvalidText},
		{"revoke unknown asset", func() error {
			_, err := f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: 42, Reason: "x"})
			return err
		}, types.ErrAssetNotFound},
		{"params by non-authority", func() error {
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: owner, Params: types.DefaultParams()})
			return err
		}, types.ErrUnauthorized},
		{"invalid params", func() error {
			p := types.DefaultParams()
			p.MaxParents = 0
			return (&types.MsgUpdateParams{Authority: f.gov, Params: p}).ValidateBasic()
		}, types.ErrInvalidParams},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			require.ErrorIs(t, tc.run(), tc.want)
			require.Equal(t, before, f.snapshot(t), "state changed on failure")
		})
	}
}

func TestUpdateParams(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxParents = 2
	p.RegistrationFee = nil
	_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.gov, Params: p})
	require.NoError(t, err)
	got, err := f.query.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, uint32(2), got.Params.MaxParents)

	// A free registration leaves the pool untouched.
	f.register(t, f.dataset())
	require.True(t, f.distr.pool.IsZero())
}
