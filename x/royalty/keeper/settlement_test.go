package keeper_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// lineage is the README's worked example: two datasets, a base model trained on both, and a fine-tune of it.
type lineage struct {
	d1, d2, base, tuned uint64
}

func newLineage(f *rtu.Fixture) lineage {
	var l lineage
	l.d1 = f.AddAsset(0, nil, f.Member("alice", 3), f.Member("bob", 1))
	l.d2 = f.AddAsset(0, nil, f.Member("carol", 1), f.Member("dave", 1))
	l.base = f.AddAsset(3_000, []provtypes.ParentEdge{rtu.Parent(l.d1, 6_000), rtu.Parent(l.d2, 4_000)}, f.Member("erin", 1))
	l.tuned = f.AddAsset(2_000, []provtypes.ParentEdge{rtu.Parent(l.base, 10_000)}, f.Member("frank", 1))
	return l
}

func claimable(t testing.TB, f *rtu.Fixture, name string) int64 {
	t.Helper()
	resp, err := f.Query.Claimable(f.Ctx, &types.QueryClaimableRequest{Address: f.Bech32(name)})
	require.NoError(t, err)
	return resp.Total.AmountOf(rtu.Denom).Int64()
}

func TestWorkedExample(t *testing.T) {
	f := rtu.NewFixture()
	l := newLineage(f)
	f.Fund("user", 1_000_000)

	resp, err := f.Pay("user", l.tuned, 1_000_000)
	require.NoError(t, err)
	require.Equal(t, int64(10_000), resp.Fee.Amount.Int64(), "1% protocol fee")
	require.Equal(t, int64(990_000), resp.Revenue.Amount.Int64())
	require.Equal(t, int64(10_000), f.Distr.CommunityPool().AmountOf(rtu.Denom).Int64())
	require.Zero(t, claimable(t, f, "frank"), "nothing is credited before settlement")

	require.NoError(t, f.Settle())
	want := map[string]int64{
		"frank": 792_000, // 990,000 - 20% upstream
		"erin":  138_600, // 198,000 - 30% upstream
		"alice": 26_730,  // 60% of 59,400 = 35,640, 3 of 4 units
		"bob":   8_910,
		"carol": 11_880, // 40% of 59,400 = 23,760, 1 of 2 units
		"dave":  11_880,
	}
	var sum int64
	for name, amount := range want {
		require.Equal(t, amount, claimable(t, f, name), name)
		sum += amount
	}
	require.Equal(t, int64(990_000), sum)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	for name, amount := range want {
		got, err := f.Claim(name)
		require.NoError(t, err, name)
		require.Equal(t, amount, got.Amount.AmountOf(rtu.Denom).Int64(), name)
		require.Equal(t, amount, f.Balance(name).Int64(), name)
	}
	require.True(t, f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()).IsZero(), "everything was paid out")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	report, err := f.Query.RevenueReport(f.Ctx, &types.QueryRevenueReportRequest{AssetId: l.base})
	require.NoError(t, err)
	require.Len(t, report.Reports, 1)
	r := report.Reports[0]
	require.Equal(t, []int64{0, 198_000, 59_400, 138_600, 138_600, 0},
		[]int64{r.PaidDirect.Int64(), r.ReceivedUpstream.Int64(), r.SentUpstream.Int64(), r.ToContributors.Int64(), r.Claimed.Int64(), r.Pending.Int64()})
}

func TestDiamondSettlesTheSharedRootOnce(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 10})
	root := f.AddAsset(0, nil, f.Member("root", 1))
	a := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(root, 10_000)}, f.Member("a", 1))
	b := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(root, 10_000)}, f.Member("b", 1))
	m := f.AddAsset(4_000, []provtypes.ParentEdge{rtu.Parent(a, 5_000), rtu.Parent(b, 5_000)}, f.Member("m", 1))
	f.Fund("user", 10_000)
	_, err := f.Pay("user", m, 10_000)
	require.NoError(t, err)

	require.NoError(t, f.Settle())
	settled := map[uint64]int{}
	for _, e := range f.Ctx.EventManager().Events() {
		if e.Type == "tributary.royalty.v1.EventAssetSettled" {
			for _, attr := range e.Attributes {
				if attr.Key == "asset_id" {
					settled[map[string]uint64{`"1"`: 1, `"2"`: 2, `"3"`: 3, `"4"`: 4}[attr.Value]]++
				}
			}
		}
	}
	require.Equal(t, map[uint64]int{1: 1, 2: 1, 3: 1, 4: 1}, settled, "each asset settles once, root after both branches")
	for name, want := range map[string]int64{"m": 6_000, "a": 1_000, "b": 1_000, "root": 2_000} {
		require.Equal(t, want, claimable(t, f, name), name)
	}
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

func TestBudgetSpansBlocksInOrder(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 10})
	ids := []uint64{f.AddAsset(0, nil, f.Member("c1", 1))}
	for i := 2; i <= 5; i++ {
		ids = append(ids, f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(ids[len(ids)-1], 10_000)}, f.Member("c"+string(rune('0'+i)), 1)))
	}
	f.Fund("user", 1_600)
	_, err := f.Pay("user", ids[4], 1_600)
	require.NoError(t, err)

	queue := func() []uint64 {
		resp, err := f.Query.SettlementQueue(f.Ctx, &types.QuerySettlementQueueRequest{})
		require.NoError(t, err)
		var out []uint64
		for _, e := range resp.Entries {
			out = append(out, e.AssetId)
		}
		return out
	}
	require.Equal(t, []uint64{5}, queue())

	// A dry run in a throw-away cache measures the whole chain's settlement gas; then a budget of half of it
	// (less the bookkeeping reserve) must spread the chain over blocks, top down, never above the budget,
	// losing nothing.
	dry, _ := f.Ctx.CacheContext()
	whole, err := f.Keeper.Settle(dry, types.DefaultSettlementGasBudget)
	require.NoError(t, err)
	require.Equal(t, 5, whole.Settled)
	budget := whole.GasUsed / 2
	var blocks int
	last := uint64(6)
	for len(queue()) > 0 {
		rep, err := f.Keeper.Settle(f.Ctx, budget)
		require.NoError(t, err)
		require.LessOrEqual(t, rep.GasUsed, budget)
		require.Zero(t, rep.Quarantined)
		if q := queue(); len(q) > 0 {
			require.Less(t, q[0], last, "settlement moves down the lineage")
			last = q[0]
			require.True(t, rep.Deferred)
		}
		require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
		blocks++
		require.Less(t, blocks, 10)
	}
	require.GreaterOrEqual(t, blocks, 3, "half of the work per block, less the reserve, needs at least three blocks")
	// 1600 halves at every level: 800, 400, 200, 100, and the root keeps its 100.
	for name, want := range map[string]int64{"c5": 800, "c4": 400, "c3": 200, "c2": 100, "c1": 100} {
		require.Equal(t, want, claimable(t, f, name), name)
	}
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

func TestRemaindersAreCarriedNotLost(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 10})
	id := f.AddAsset(0, nil, f.Member("x", 1), f.Member("y", 1), f.Member("z", 1))
	f.Fund("user", 300)

	_, err := f.Pay("user", id, 100)
	require.NoError(t, err)
	require.NoError(t, f.Settle())
	got, err := f.Claim("x")
	require.NoError(t, err)
	require.Equal(t, int64(33), got.Amount.AmountOf(rtu.Denom).Int64(), "floor(100/3); a third of a micro-unit is carried")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	for range 2 {
		_, err = f.Pay("user", id, 100)
		require.NoError(t, err)
		require.NoError(t, f.Settle())
	}
	for _, name := range []string{"x", "y", "z"} {
		_, err := f.Claim(name)
		require.NoError(t, err)
		require.Equal(t, int64(100), f.Balance(name).Int64(), "%s gets exactly a third of 300", name)
	}
	require.True(t, f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()).IsZero())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

func TestUpstreamSplitRemainderGoesToLargestWeight(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 10})
	p1 := f.AddAsset(0, nil, f.Member("p1", 1))
	p2 := f.AddAsset(0, nil, f.Member("p2", 1))
	p3 := f.AddAsset(0, nil, f.Member("p3", 1))
	child := f.AddAsset(10_000, []provtypes.ParentEdge{rtu.Parent(p1, 3_333), rtu.Parent(p2, 3_334), rtu.Parent(p3, 3_333)}, f.Member("c", 1))
	f.Fund("user", 10)
	_, err := f.Pay("user", child, 10)
	require.NoError(t, err)
	require.NoError(t, f.Settle())
	got := map[uint64]int64{}
	for _, e := range f.Ctx.EventManager().Events() {
		if e.Type != "tributary.royalty.v1.EventAssetSettled" {
			continue
		}
		ev, err := sdk.ParseTypedEvent(abci.Event(e))
		require.NoError(t, err)
		if settled := ev.(*types.EventAssetSettled); settled.AssetId == child {
			for _, u := range settled.Upstream {
				got[u.ParentId] = u.Amount.Int64()
			}
		}
	}
	require.Equal(t, map[uint64]int64{p1: 3, p2: 4, p3: 3}, got, "3.334 + the micro-unit left over goes to p2")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

func TestInactiveAncestorStillAccrues(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 10})
	root := f.AddAsset(0, nil, f.Member("r", 1))
	child := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(root, 10_000)}, f.Member("c", 1))
	require.NoError(t, f.Retire(root))
	f.Fund("user", 1_000)

	_, err := f.Pay("user", root, 100)
	require.ErrorIs(t, err, types.ErrInactiveAsset)
	_, err = f.Pay("user", child, 1_000)
	require.NoError(t, err)
	require.NoError(t, f.Settle())
	require.Equal(t, int64(500), claimable(t, f, "r"), "lineage and earned rewards of a retired asset stay")
	require.NoError(t, f.Revoke(child))
	_, err = f.Claim("c")
	require.NoError(t, err, "what a revoked asset earned stays claimable")
	require.Equal(t, int64(500), f.Balance("c").Int64())
}

func sdkCoin(amount int64) sdk.Coin { return sdk.NewInt64Coin(rtu.Denom, amount) }
