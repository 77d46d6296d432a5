package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// ownedAsset returns the asset id after checking that signer is a valid
// address, the asset exists, the signer owns it and it is not revoked.
func (k Keeper) ownedAsset(ctx context.Context, signer string, id uint64) (types.Asset, error) {
	canon, _, err := types.CanonicalAddress(k.addressCodec, "owner", signer)
	if err != nil {
		return types.Asset{}, err
	}
	a, err := k.GetAsset(ctx, id)
	if err != nil {
		return types.Asset{}, err
	}
	if a.Owner != canon {
		return types.Asset{}, errorsmod.Wrapf(types.ErrNotOwner, "asset %d is owned by %s, not %s", id, a.Owner, canon)
	}
	if a.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return types.Asset{}, errorsmod.Wrapf(types.ErrAssetRevoked, "asset %d was revoked (%s) and can no longer change", id, a.RevokeReason)
	}
	return a, nil
}

// checkAuthority checks that signer is the module authority.
func (k Keeper) checkAuthority(signer string) error {
	canon, _, err := types.CanonicalAddress(k.addressCodec, "authority", signer)
	if err != nil {
		return err
	}
	if canon != k.authority {
		return errorsmod.Wrapf(types.ErrUnauthorized, "expected %s (governance), got %s: submit this as a governance proposal", k.authority, canon)
	}
	return nil
}
