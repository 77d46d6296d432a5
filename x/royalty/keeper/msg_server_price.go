package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// SetPrice sets or removes the owner's minimum price per use. Retired assets may change price too: it only
// matters again if the asset were ever payable, and refusing would add nothing.
func (m msgServer) SetPrice(ctx context.Context, msg *types.MsgSetPrice) (*types.MsgSetPriceResponse, error) {
	owner, err := m.addressCodec.StringToBytes(msg.Owner)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "owner %q: %v", msg.Owner, err)
	}
	if err := checkCoin(msg.Price); err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !params.Accepts(msg.Price.Denom) {
		return nil, errorsmod.Wrapf(types.ErrDenomNotAccepted, "%q; accepted: %v", msg.Price.Denom, params.AcceptedDenoms)
	}
	asset, err := m.asset(ctx, msg.AssetId)
	if err != nil {
		return nil, err
	}
	assetOwner, err := m.addressCodec.StringToBytes(asset.owner)
	if err != nil || !sdk.AccAddress(assetOwner).Equals(sdk.AccAddress(owner)) {
		return nil, errorsmod.Wrapf(types.ErrNotOwner, "asset %d is owned by %s", msg.AssetId, asset.owner)
	}
	key := collections.Join(msg.AssetId, msg.Price.Denom)
	if msg.Price.IsZero() {
		err = m.Prices.Remove(ctx, key)
	} else {
		err = m.Prices.Set(ctx, key, msg.Price.Amount)
	}
	if err != nil {
		return nil, err
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPriceSet{
		AssetId: msg.AssetId, Owner: msg.Owner, Price: msg.Price,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgSetPriceResponse{}, nil
}
