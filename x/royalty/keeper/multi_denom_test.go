package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// sixteenDenoms is accepted_denoms at its bound: utrib and 15 IBC vouchers (ibc/ and a 64-digit hex hash, the
// shape ICS-20 gives them).
func sixteenDenoms() []string {
	denoms := []string{rtu.Denom}
	for i := 1; i < types.MaxAcceptedDenoms; i++ {
		denoms = append(denoms, fmt.Sprintf("ibc/%064X", i))
	}
	return denoms
}

// TestSixteenDenomsSettleToTheRootsWithinTheBound: the README's worked example (a fine-tune of a base model
// trained on two datasets) paid 1,000,000 in each of the 16 accepted denoms settles, under the block budget,
// to every contributor up to the roots in every denom exactly as the single-denom example does (the denoms are
// independent ledgers: nothing of one leaks into another), the protocol fee is 1% per denom, no block spends
// more than settlement_gas_budget, settlement finishes within the README's bound ceil(W/budget)+1 blocks (W:
// the gas of settling each asset of the pass once, measured in one block at the largest budget), and the
// module's coins balance per denom.
func TestSixteenDenomsSettleToTheRootsWithinTheBound(t *testing.T) {
	_, _, w := settleSixteenDenoms(t, types.MaxSettlementGasBudget)
	for _, tc := range []struct {
		name   string
		budget uint64
	}{
		{"default budget", types.DefaultParams().SettlementGasBudget},
		// Small enough that the pass spans blocks, large enough for the most expensive asset (the base
		// model: two parents, 16 denoms) to fit a whole budget.
		{"pass over several blocks", 800_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, blocks, _ := settleSixteenDenoms(t, tc.budget)
			bound := int((w+tc.budget-1)/tc.budget) + 1
			require.LessOrEqual(t, blocks, bound, "settled in %d blocks, the bound is %d (W = %d gas)", blocks, bound, w)
			t.Logf("16 denoms: W = %d gas, settled in %d block(s) at a budget of %d (bound %d)", w, blocks, tc.budget, bound)

			// The worked example's amounts (settlement_test.go), in every denom.
			want := map[string]int64{"frank": 792_000, "erin": 138_600, "alice": 26_730, "bob": 8_910, "carol": 11_880, "dave": 11_880}
			for name, amount := range want {
				res, err := f.Query.Claimable(f.Ctx, &types.QueryClaimableRequest{Address: f.Bech32(name)})
				require.NoError(t, err)
				require.Len(t, res.Total, types.MaxAcceptedDenoms, "%s accrued in every denom", name)
				for _, d := range sixteenDenoms() {
					require.Equal(t, amount, res.Total.AmountOf(d).Int64(), "%s in %s", name, d)
				}
			}
			for _, d := range sixteenDenoms() {
				require.Equal(t, int64(10_000), f.Distr.CommunityPool().AmountOf(d).Int64(), "community pool in %s", d)
			}
			require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
		})
	}
}

// settleSixteenDenoms pays the worked example's fine-tune 1,000,000 in each of 16 accepted denoms and settles
// block by block at budget until the queue is empty, checking that no block spends more than the budget or
// quarantines anything. It returns the fixture, the blocks it took and the gas they spent.
func settleSixteenDenoms(t *testing.T, budget uint64) (f *rtu.Fixture, blocks int, work uint64) {
	t.Helper()
	f = rtu.NewFixture()
	p := types.DefaultParams()
	p.AcceptedDenoms = sixteenDenoms()
	p.SettlementGasBudget = budget
	require.NoError(t, p.Validate())
	f.SetParams(p)
	l := newLineage(f)

	payer, payerBech := f.Addr("user")
	for _, d := range p.AcceptedDenoms {
		f.Bank.Mint(payer, sdk.NewCoins(sdk.NewInt64Coin(d, 1_000_000)))
		res, err := f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: payerBech, AssetId: l.tuned, Amount: sdk.NewInt64Coin(d, 1_000_000)})
		require.NoError(t, err, d)
		require.Equal(t, sdk.NewInt64Coin(d, 10_000), res.Fee, "1%% protocol fee in %s", d)
	}
	for !queueEmpty(t, f) {
		require.Less(t, blocks, 100, "settlement of one 16-denom payment does not finish")
		rep, err := f.Keeper.Settle(f.Ctx, budget)
		require.NoError(t, err)
		require.LessOrEqual(t, rep.GasUsed, budget, "block %d spent more than the budget", blocks+1)
		require.Zero(t, rep.Quarantined, "block %d quarantined an asset (%+v)", blocks+1, rep)
		blocks++
		work += rep.GasUsed
	}
	return f, blocks, work
}

// queueEmpty reports whether no asset waits for settlement.
func queueEmpty(t *testing.T, f *rtu.Fixture) bool {
	t.Helper()
	it, err := f.Keeper.Queue.Iterate(f.Ctx, nil)
	require.NoError(t, err)
	defer it.Close()
	return !it.Valid()
}
