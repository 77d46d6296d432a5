package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Pre-loading: the attacker parks just under the threshold at every link of a 100-link chain (100% upstream),
// then one micro-unit at the tip sets it all off. The coins parked are coins in flight like any other: the pass
// does no more work than the direct trigger (the chain once), the protocol fee on them is at least the fee of
// the direct trigger, so pre-loading buys nothing. The protocol fee is what the attacker loses (its roots get
// the rest back); it must stay at least 1% of the revenue the attacker put in flight however the payments are
// cut: rounded down, a payment of 99 utrib paid no fee at all, so parking in 99-utrib payments was free.
func TestAttackPreloadingBuysNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chunk int64 // the attacker's largest payment; 0: one payment per link
	}{
		{"one payment per link", 0},
		{"parked in 99-utrib payments", 99},
		{"parked in 7-utrib payments", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := rtu.NewFixture() // default params: 1% fee, min 10
			p := types.DefaultParams()
			links := []uint64{f.AddAsset(0, nil, f.Member("attacker", 1))}
			for range 99 {
				links = append(links, f.AddAsset(10_000, []provtypes.ParentEdge{rtu.Parent(links[len(links)-1], 10_000)}, f.Member("attacker", 1)))
			}
			tip := links[len(links)-1]
			f.Fund("warmup", 1_000_000_000)
			_, err := f.Pay("warmup", tip, 1_000_000_000)
			require.NoError(t, err)
			settleWork(t, f)
			require.Zero(t, pendingTotal(t, f))

			f.Fund("attacker", 1_000_000_000)
			poolBefore := f.Distr.CommunityPool().AmountOf(rtu.Denom).Int64()
			balanceBefore := f.Balance("attacker").Int64()
			pay := func(id uint64, revenue int64) {
				for revenue > 0 {
					gross := grossFor(revenue)
					if tc.chunk > 0 {
						gross = min(gross, tc.chunk)
					}
					res, err := f.Pay("attacker", id, gross)
					require.NoError(t, err)
					revenue -= res.Revenue.Amount.Int64()
				}
			}
			for _, id := range links {
				pay(id, p.SettlementThreshold(pathWork(t, f, id)).Int64()-1)
			}
			require.Zero(t, queueLen(t, f), "nothing settles below the thresholds")
			inFlight := pendingTotal(t, f) + 1
			pay(tip, 1)
			work, settled := settleWork(t, f)
			fee := f.Distr.CommunityPool().AmountOf(rtu.Denom).Int64() - poolBefore
			spent := balanceBefore - f.Balance("attacker").Int64()
			t.Logf("%d utrib in flight, %d paid: %d assets settled, %d work units, protocol fee %d",
				inFlight, spent, settled, work, fee)
			require.Equal(t, uint64(1+2*99), work, "the chain once, as the direct trigger of 1,990 utrib does")
			require.Equal(t, inFlight+fee, spent)
			require.GreaterOrEqual(t, fee*10_000, inFlight*int64(p.ProtocolFeeBps), "revenue in flight escaped the 1%% fee")
			direct := grossFor(p.SettlementThreshold(pathWork(t, f, tip)).Int64())
			require.GreaterOrEqual(t, fee, direct-p.SettlementThreshold(pathWork(t, f, tip)).Int64(),
				"pre-loading paid less fee than the direct trigger")
		})
	}
}
