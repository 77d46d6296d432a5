package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

func TestPayRejectsBadInputAndChangesNothing(t *testing.T) {
	f := rtu.NewFixture()
	active := f.AddAsset(0, nil, f.Member("a", 1))
	retired := f.AddAsset(0, nil, f.Member("a", 1))
	require.NoError(t, f.Retire(retired))
	revoked := f.AddAsset(0, nil, f.Member("a", 1))
	require.NoError(t, f.Revoke(revoked))
	payer := f.Fund("payer", 1_000)
	_, err := f.Msg.SetPrice(f.Ctx, &types.MsgSetPrice{Owner: f.Bech32("owner"), AssetId: active, Price: sdk.NewInt64Coin(rtu.Denom, 500)})
	require.NoError(t, err)

	coin := func(denom string, amount int64) sdk.Coin { return sdk.Coin{Denom: denom, Amount: math.NewInt(amount)} }
	for _, tc := range []struct {
		name string
		msg  types.MsgPay
		want error
	}{
		{"bad payer", types.MsgPay{Payer: "trib1nope", AssetId: active, Amount: coin(rtu.Denom, 600)}, types.ErrInvalidAddress},
		{"unknown asset", types.MsgPay{Payer: payer, AssetId: 99, Amount: coin(rtu.Denom, 600)}, types.ErrUnknownAsset},
		{"retired asset", types.MsgPay{Payer: payer, AssetId: retired, Amount: coin(rtu.Denom, 600)}, types.ErrInactiveAsset},
		{"revoked asset", types.MsgPay{Payer: payer, AssetId: revoked, Amount: coin(rtu.Denom, 600)}, types.ErrInactiveAsset},
		{"denom not accepted", types.MsgPay{Payer: payer, AssetId: active, Amount: coin("uatom", 600)}, types.ErrDenomNotAccepted},
		{"zero amount", types.MsgPay{Payer: payer, AssetId: active, Amount: coin(rtu.Denom, 0)}, types.ErrZeroAmount},
		{"nil amount", types.MsgPay{Payer: payer, AssetId: active, Amount: sdk.Coin{Denom: rtu.Denom}}, types.ErrZeroAmount},
		{"negative amount", types.MsgPay{Payer: payer, AssetId: active, Amount: coin(rtu.Denom, -5)}, types.ErrInvalidRequest},
		{"invalid denom", types.MsgPay{Payer: payer, AssetId: active, Amount: coin("9x", 600)}, types.ErrInvalidRequest},
		{"below price", types.MsgPay{Payer: payer, AssetId: active, Amount: coin(rtu.Denom, 499)}, types.ErrBelowPrice},
		{"insufficient funds", types.MsgPay{Payer: payer, AssetId: active, Amount: coin(rtu.Denom, 1_001)}, types.ErrInsufficientFunds},
		{"reference too long", types.MsgPay{Payer: payer, AssetId: active, Amount: coin(rtu.Denom, 600), Reference: strings.Repeat("r", 257)}, types.ErrReferenceTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Msg.Pay(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, int64(1_000), f.Balance("payer").Int64())
			has, err := f.Keeper.Queue.Has(f.Ctx, active)
			require.NoError(t, err)
			require.False(t, has)
			require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
		})
	}

	resp, err := f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: payer, AssetId: active, Amount: coin(rtu.Denom, 500), Reference: strings.Repeat("r", 256)})
	require.NoError(t, err, "exactly the price, reference at the limit")
	require.Equal(t, int64(5), resp.Fee.Amount.Int64())
	require.Equal(t, int64(495), resp.Revenue.Amount.Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// The protocol fee rounds up: it is the price of the settlement work a payment can cause, so no payment escapes
// it (rounded down, 99 utrib paid none). A payment of 1 utrib is all fee and adds nothing to pending.
func TestPayFeeRoundsUp(t *testing.T) {
	f := rtu.NewFixture()
	id := f.AddAsset(0, nil, f.Member("a", 1))
	f.Fund("payer", 1_000)
	for _, tc := range []struct{ amount, fee int64 }{{199, 2}, {200, 2}, {99, 1}, {1, 1}} {
		resp, err := f.Pay("payer", id, tc.amount)
		require.NoError(t, err)
		require.Equal(t, tc.fee, resp.Fee.Amount.Int64(), "1%% of %d, rounded up", tc.amount)
		require.Equal(t, tc.amount-tc.fee, resp.Revenue.Amount.Int64())
		require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	}
}

func TestSetPrice(t *testing.T) {
	f := rtu.NewFixture()
	id := f.AddAsset(0, nil, f.Member("a", 1))
	owner := f.Bech32("owner")
	for _, tc := range []struct {
		name string
		msg  types.MsgSetPrice
		want error
	}{
		{"not owner", types.MsgSetPrice{Owner: f.Bech32("mallory"), AssetId: id, Price: sdk.NewInt64Coin(rtu.Denom, 5)}, types.ErrNotOwner},
		{"bad address", types.MsgSetPrice{Owner: "x", AssetId: id, Price: sdk.NewInt64Coin(rtu.Denom, 5)}, types.ErrInvalidAddress},
		{"unknown asset", types.MsgSetPrice{Owner: owner, AssetId: 42, Price: sdk.NewInt64Coin(rtu.Denom, 5)}, types.ErrUnknownAsset},
		{"denom not accepted", types.MsgSetPrice{Owner: owner, AssetId: id, Price: sdk.NewInt64Coin("uatom", 5)}, types.ErrDenomNotAccepted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Msg.SetPrice(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
		})
	}
	prices := func() sdk.Coins {
		resp, err := f.Query.Prices(f.Ctx, &types.QueryPricesRequest{AssetId: id})
		require.NoError(t, err)
		return resp.Prices
	}
	_, err := f.Msg.SetPrice(f.Ctx, &types.MsgSetPrice{Owner: owner, AssetId: id, Price: sdk.NewInt64Coin(rtu.Denom, 5)})
	require.NoError(t, err)
	require.Equal(t, "5utrib", prices().String())
	_, err = f.Msg.SetPrice(f.Ctx, &types.MsgSetPrice{Owner: owner, AssetId: id, Price: sdk.NewInt64Coin(rtu.Denom, 0)})
	require.NoError(t, err)
	require.True(t, prices().IsZero(), "a zero price removes it")
}

func TestUpdateParams(t *testing.T) {
	f := rtu.NewFixture()
	good := types.Params{AcceptedDenoms: []string{"utrib", "uusdc"}, ProtocolFeeBps: 250, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 3}
	for _, tc := range []struct {
		name string
		msg  types.MsgUpdateParams
		want error
	}{
		{"not authority", types.MsgUpdateParams{Authority: f.Bech32("mallory"), Params: good}, types.ErrInvalidAuthority},
		{"no denoms", types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 1}}, types.ErrInvalidParams},
		{"duplicate denom", types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{AcceptedDenoms: []string{"a1", "a1"}, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 1}}, types.ErrInvalidParams},
		{"fee too high", types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{AcceptedDenoms: []string{"utrib"}, ProtocolFeeBps: 5_001, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 1}}, types.ErrInvalidParams},
		{"zero budget", types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{AcceptedDenoms: []string{"utrib"}, MaxClaimAssets: 1}}, types.ErrInvalidParams},
		{"zero claim page", types.MsgUpdateParams{Authority: f.Authority, Params: types.Params{AcceptedDenoms: []string{"utrib"}, SettlementGasBudget: types.DefaultSettlementGasBudget}}, types.ErrInvalidParams},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Msg.UpdateParams(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
		})
	}
	_, err := f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: good})
	require.NoError(t, err)
	resp, err := f.Query.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, good, resp.Params)
}
