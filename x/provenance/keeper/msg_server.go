package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

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

// checkNotBlocked refuses an address that could never sign or claim: an
// address x/bank blocks (the module accounts, royalty's included) or the
// module authority (the gov module account, which bank leaves open for
// deposits). Naming one as an owner or contributor would lock its share of
// every payment forever. canon is addr's canonical text, for the error.
func (k Keeper) checkNotBlocked(field, canon string, addr sdk.AccAddress) error {
	if k.bankKeeper.BlockedAddr(addr) || canon == k.authority {
		return errorsmod.Wrapf(types.ErrBlockedAddress, "%s %s is a module account: it can never sign or claim", field, canon)
	}
	return nil
}
