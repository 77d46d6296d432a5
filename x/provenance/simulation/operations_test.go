package simulation

import (
	"context"
	"fmt"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

type richBank struct{}

func (richBank) SpendableCoins(context.Context, sdk.AccAddress) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin("utrib", math.NewInt(1e15)))
}

func (richBank) BlockedAddr(sdk.AccAddress) bool { return false }

type pool struct{}

func (pool) FundCommunityPool(context.Context, sdk.Coins, sdk.AccAddress) error { return nil }

// TestRandomRegistrationsAreValid: the messages the simulation sends pass
// the keeper, so a simulation exercises registrations instead of failures.
func TestRandomRegistrationsAreValid(t *testing.T) {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	enc := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	ac := addresscodec.NewBech32Codec("trib")
	gov, err := ac.BytesToString(sdk.AccAddress("gov_________________"))
	require.NoError(t, err)
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), ac, gov, richBank{}, pool{})
	require.NoError(t, k.InitGenesis(ctx, *types.DefaultGenesis()))
	msgs := keeper.NewMsgServerImpl(k)

	params, err := k.Params.Get(ctx)
	require.NoError(t, err)
	r := rand.New(rand.NewSource(3))
	accs := simtypes.RandomAccounts(r, 20)
	var datasets, models int
	for i := range 400 {
		msg, _, skip, err := randomRegisterMsg(r, ctx, k, richBank{}, params, accs, i%2 == 1)
		require.NoError(t, err)
		if skip != "" {
			continue
		}
		_, err = msgs.RegisterAsset(ctx, msg)
		require.NoError(t, err, fmt.Sprintf("%+v", msg))
		if msg.Kind == types.AssetKind_ASSET_KIND_MODEL {
			models++
		} else {
			datasets++
		}
		if i%10 == 9 {
			a, acc, ok := randomOwnedAsset(r, ctx, k, accs)
			if ok && a.IsActive() {
				owner, _ := ac.BytesToString(acc.Address)
				_, err := msgs.RetireAsset(ctx, &types.MsgRetireAsset{Owner: owner, AssetId: a.Id})
				require.NoError(t, err)
			}
		}
	}
	require.Equal(t, 200, datasets)
	require.Greater(t, models, 190, "models are skipped only before any dataset exists")
}

// TestRegistrationTxLeavesRoomForTheFee is the regression test for a failure the app simulation found: the
// random transaction fee of a registration was drawn from the account's whole spendable balance, which could
// leave less than the registration fee, so the keeper rejected the registration and the simulation failed.
// The SDK's GenAndDeliverTxWithRandFees draws the fee from the spendable balance minus CoinsSpentInMsg, as
// done here.
func TestRegistrationTxLeavesRoomForTheFee(t *testing.T) {
	fee := sdk.NewCoins(sdk.NewInt64Coin("utrib", 690))
	spendable := sdk.NewCoins(sdk.NewInt64Coin("utrib", 1_400)) // twice the fee and a little more
	for seed := range int64(200) {
		r := rand.New(rand.NewSource(seed))
		input := opInput{}.txInput(r, nil, sdk.Context{}, simtypes.Account{}, &types.MsgRegisterAsset{}, fee)
		left, short := spendable.SafeSub(input.CoinsSpentInMsg...)
		require.False(t, short)
		txFee, err := simtypes.RandomFees(r, sdk.Context{}, left)
		require.NoError(t, err)
		require.True(t, spendable.IsAllGTE(txFee.Add(fee...)), "seed %d: fee %s + registration %s > %s", seed, txFee, fee, spendable)
	}
}
