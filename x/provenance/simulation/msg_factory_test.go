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

// ValidateBasic reads the account prefix the app sets at start; the test uses the app's.
func init() {
	sdk.GetConfig().SetBech32PrefixForAccount("trib", "tribpub")
}

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
	// Extreme shapes need params at their bounds to be extreme.
	params.MaxParents, params.MaxContributors = types.MaxMaxParents, types.MaxMaxContributors
	require.NoError(t, k.Params.Set(ctx, params))
	var datasets, models, crowds, wide int
	for i := range 400 {
		owner, err := ac.BytesToString(accs[i%len(accs)].Address)
		require.NoError(t, err)
		shape := []int{ShapeOrdinary, ShapeCrowd, ShapeWide, ShapeDeep}[(i/2)%4]
		msg, skip, err := randomRegisterMsg(r, ctx, k, params, owner, accs, i%2 == 1, shape)
		require.NoError(t, err)
		if skip != "" {
			continue
		}
		_, err = msgs.RegisterAsset(ctx, msg)
		require.NoError(t, err, fmt.Sprintf("%+v", msg))
		require.NoError(t, msg.ValidateBasic())
		if msg.Kind == types.AssetKind_ASSET_KIND_MODEL {
			models++
		} else {
			datasets++
		}
		if m := msg.Contributors.GetMerkle(); m != nil && m.TotalUnits == types.MaxTotalUnits {
			crowds++
		}
		if len(msg.Parents) > 16 {
			wide++
		}
		if i%10 == 9 {
			a, idx, ok := randomOwnedAsset(r, ctx, k, accs)
			if ok && a.IsActive() {
				owner, _ := ac.BytesToString(accs[idx].Address)
				_, err := msgs.RetireAsset(ctx, &types.MsgRetireAsset{Owner: owner, AssetId: a.Id})
				require.NoError(t, err)
			}
		}
	}
	require.Equal(t, 200, datasets)
	require.Greater(t, models, 190, "models are skipped only before any dataset exists")
	require.Positive(t, crowds, "commitments at the bound")
	require.Positive(t, wide, "models with more than 16 parents")
}
