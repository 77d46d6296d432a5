package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Pay records a payment in constant work whatever the asset's lineage or contributors: it moves the coins into
// the module account, sends the protocol fee to the community pool and queues the rest for settlement.
func (m msgServer) Pay(ctx context.Context, msg *types.MsgPay) (*types.MsgPayResponse, error) {
	payer, err := m.addressCodec.StringToBytes(msg.Payer)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "payer %q: %v", msg.Payer, err)
	}
	if len(msg.Reference) > types.MaxReferenceBytes {
		return nil, errorsmod.Wrapf(types.ErrReferenceTooLong, "%d bytes, at most %d", len(msg.Reference), types.MaxReferenceBytes)
	}
	if err := checkCoin(msg.Amount); err != nil {
		return nil, err
	}
	if !msg.Amount.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrZeroAmount, "pay %s", msg.Amount)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !params.Accepts(msg.Amount.Denom) {
		return nil, errorsmod.Wrapf(types.ErrDenomNotAccepted, "%q; accepted: %v", msg.Amount.Denom, params.AcceptedDenoms)
	}
	// Only the status is read, never the lineage or contributors: the payment's gas must not depend on them.
	active, err := m.isActive(ctx, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if !active {
		return nil, errorsmod.Wrapf(types.ErrInactiveAsset, "asset %d takes no new payments", msg.AssetId)
	}
	key := collections.Join(msg.AssetId, msg.Amount.Denom)
	price, err := m.Prices.Get(ctx, key)
	switch {
	case errors.Is(err, collections.ErrNotFound):
	case err != nil:
		return nil, err
	case msg.Amount.Amount.LT(price):
		return nil, errorsmod.Wrapf(types.ErrBelowPrice, "asset %d costs at least %s%s per use, paid %s",
			msg.AssetId, price, msg.Amount.Denom, msg.Amount)
	}

	if err := m.bank.SendCoinsFromAccountToModule(ctx, payer, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		if errors.Is(err, sdkerrors.ErrInsufficientFunds) {
			return nil, errorsmod.Wrap(types.ErrInsufficientFunds, err.Error())
		}
		return nil, err
	}
	fee := sdk.NewCoin(msg.Amount.Denom, types.ProtocolFeeOf(msg.Amount.Amount, params.ProtocolFeeBps))
	if fee.IsPositive() {
		if err := m.distr.FundCommunityPool(ctx, sdk.NewCoins(fee), m.moduleAddr); err != nil {
			return nil, err
		}
	}
	revenue := msg.Amount.Sub(fee)
	if revenue.IsPositive() {
		if err := m.addPending(ctx, msg.AssetId, revenue.Denom, revenue.Amount, params.MinPendingPerWorkUnit); err != nil {
			return nil, err
		}
		paid, err := m.PaidDirect.Get(ctx, key)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			paid = math.ZeroInt()
		case err != nil:
			return nil, err
		}
		if err := m.PaidDirect.Set(ctx, key, paid.Add(revenue.Amount)); err != nil {
			return nil, err
		}
	}
	err = sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventPaid{
		Payer: msg.Payer, AssetId: msg.AssetId, Amount: msg.Amount, Fee: fee, Revenue: revenue, Reference: msg.Reference,
	})
	if err != nil {
		return nil, err
	}
	recordPayment(ctx, msg.Amount)
	return &types.MsgPayResponse{Fee: fee, Revenue: revenue}, nil
}

// checkCoin rejects a malformed coin (bad denom, nil or negative amount) with a registered error.
func checkCoin(c sdk.Coin) error {
	if c.Amount.IsNil() {
		return errorsmod.Wrap(types.ErrZeroAmount, "amount is missing")
	}
	if err := c.Validate(); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "coin %s: %v", c, err)
	}
	return nil
}
