package simulation_test

import (
	"context"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/simulation"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
)

type moduleAccounts struct{}

func (moduleAccounts) GetModuleAddress(name string) sdk.AccAddress {
	return authtypes.NewModuleAddress(name)
}

type balances struct{ *rtu.Bank }

func (balances) IsSendEnabledDenom(context.Context, string) bool { return true }

// TestFactoriesDriveAConservedChain runs the simsx factories against a keeper: the messages they build are
// delivered, EndBlock runs between them, and every factory call checks the conservation invariant.
func TestFactoriesDriveAConservedChain(t *testing.T) {
	f := rtu.NewFixtureWithCodec(addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix()))
	r := rand.New(rand.NewSource(7))
	accs := simtypes.RandomAccounts(r, 8)
	var members []provtypes.Contributor
	for _, a := range accs {
		f.Bank.Mint(a.Address, sdk.NewCoins(sdk.NewInt64Coin(rtu.Denom, 1_000_000_000)))
		s, err := f.AC.BytesToString(a.Address)
		require.NoError(t, err)
		members = append(members, provtypes.Contributor{Address: s, Units: uint64(1 + r.Intn(100))})
	}
	root := f.AddAsset(0, nil, members[:3]...)
	mid := f.AddAsset(4_000, []provtypes.ParentEdge{rtu.Parent(root, 10_000)}, members[3:6]...)
	f.AddAsset(2_500, []provtypes.ParentEdge{rtu.Parent(mid, 7_000), rtu.Parent(root, 3_000)}, members[5:]...)

	pay, claim := simulation.MsgPayFactory(f.Keeper), simulation.MsgClaimFactory(f.Keeper)
	dust := simulation.MsgPayDustFactory(f.Keeper)
	var paid, claimed, dusted int
	for i := range 400 {
		data := simsx.NewChainDataSource(f.Ctx, r, moduleAccounts{}, balances{f.Bank}, f.AC, accs...)
		reporter := simsx.NewBasicSimulationReporter()
		switch {
		case i%4 == 3:
			_, msg := dust(f.Ctx, data, reporter)
			if msg != nil {
				_, err := f.Msg.Pay(f.Ctx, msg)
				require.NoError(t, err)
				dusted++
			}
		case i%2 == 0:
			_, msg := pay(f.Ctx, data, reporter)
			if msg != nil {
				_, err := f.Msg.Pay(f.Ctx, msg)
				require.NoError(t, err)
				paid++
			}
		default:
			_, msg := claim(f.Ctx, data, reporter)
			if msg != nil {
				_, err := f.Msg.Claim(f.Ctx, msg)
				require.NoError(t, err)
				claimed++
			}
		}
		require.NoError(t, reporter.Close(), "step %d", i)
		if i%5 == 0 {
			require.NoError(t, f.Settle())
		}
	}
	require.Positive(t, paid)
	require.Positive(t, claimed)
	require.Positive(t, dusted)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}
