package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/keeper"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Settlement pricing: once an asset's route is cached, revenue queues only at min_pending_per_work_unit x its
// path work (1 + parents, plus the costliest parent's path work: 1 for a root). Each row pays a routed asset in
// steps and checks, after every step, whether it is queued, what waits in pending and that conservation holds;
// an amount that reaches the threshold settles exactly as an unpriced one would.
func TestRevenueQueuesOnlyOnceItPaysForItsWork(t *testing.T) {
	for _, tc := range []struct {
		name    string
		parents int
		min     uint64
		pays    []int64 // after the first, route-caching payment of 1,000
		queued  []bool
	}{
		// a root has work 1: 10 utrib at the default
		{"root below, then at the threshold", 0, 10, []int64{9, 1}, []bool{false, true}},
		// two root parents: work 3 + 1, threshold 40
		{"two parents: 39 waits, the 40th unit queues", 2, 10, []int64{39, 1}, []bool{false, true}},
		{"one payment at the threshold queues at once", 2, 10, []int64{40}, []bool{true}},
		{"min 0 turns pricing off", 2, 0, []int64{1}, []bool{true}},
		// work 2 + 1, threshold 3,000: the first 1,000 itself waits after caching the route
		{"a higher min raises the bar", 1, 1_000, []int64{1_999, 1}, []bool{false, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := rtu.NewFixture()
			p := types.DefaultParams()
			p.ProtocolFeeBps = 0
			p.MinPendingPerWorkUnit = tc.min
			require.NoError(t, p.Validate())
			f.SetParams(p)
			var parents []provtypes.ParentEdge
			for i := range tc.parents {
				w := uint32(10_000 / tc.parents)
				if i == 0 {
					w += uint32(10_000 % tc.parents)
				}
				parents = append(parents, rtu.Parent(f.AddAsset(0, nil, f.Member("root", 1)), w))
			}
			upstream := uint32(0)
			if tc.parents > 0 {
				upstream = 5_000
			}
			a := f.AddAsset(upstream, parents, f.Member("x", 1))
			work := uint64(1)
			if tc.parents > 0 {
				work = uint64(2 + tc.parents)
			}
			require.Equal(t, work, pathWork(t, f, a))
			f.Fund("user", 1_000_000)
			_, err := f.Pay("user", a, 1_000)
			require.NoError(t, err)
			for queueLen(t, f) > 0 {
				endBlock(t, f)
			}
			before := claimable(t, f, "x")
			var sum int64
			if p.SettlementThreshold(work).GT(math.NewInt(1_000)) {
				sum = 1_000 // the route-caching payment waits too
			}
			for i, amount := range tc.pays {
				_, err := f.Pay("user", a, amount)
				require.NoError(t, err)
				sum += amount
				require.Equal(t, tc.queued[i], queueLen(t, f) > 0, "after paying %d", sum)
				require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
			}
			for queueLen(t, f) > 0 {
				endBlock(t, f)
			}
			require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
			got := claimable(t, f, "x") - before
			want := sum - sum*int64(upstream)/10_000
			require.Equal(t, want, got, "the waiting amounts settle in full once they reach the threshold")
		})
	}
}

// Dust in another denom below its threshold adds no work to an honest asset's settlement: the honest revenue
// settles, the dust waits (conserved) and is paid out once it adds up.
func TestDustInAnotherDenomWaits(t *testing.T) {
	f := rtu.NewFixture()
	p := types.DefaultParams()
	p.ProtocolFeeBps = 0
	p.AcceptedDenoms = []string{rtu.Denom, "uother"}
	f.SetParams(p)
	var parents []provtypes.ParentEdge
	for range 4 {
		parents = append(parents, rtu.Parent(f.AddAsset(0, nil, f.Member("root", 1)), 2_500))
	}
	honest := f.AddAsset(5_000, parents, f.Member("honest", 1))
	f.Fund("user", 1_000_000)
	_, err := f.Pay("user", honest, 1_000)
	require.NoError(t, err)
	endBlock(t, f) // caches the route: work 5 + 1, threshold 60
	attacker, bech := f.Addr("attacker")
	f.Bank.Mint(attacker, sdk.NewCoins(sdk.NewInt64Coin("uother", 59)))
	_, err = f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: bech, AssetId: honest, Amount: sdk.NewInt64Coin("uother", 59)})
	require.NoError(t, err)
	_, err = f.Pay("user", honest, 1_000)
	require.NoError(t, err)
	endBlock(t, f)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	pend, err := f.Keeper.Pending.Get(f.Ctx, collections.Join(honest, "uother"))
	require.NoError(t, err)
	require.Equal(t, int64(59), pend.Int64(), "the dust waits")
	has, err := f.Keeper.Pending.Has(f.Ctx, collections.Join(honest, rtu.Denom))
	require.NoError(t, err)
	require.False(t, has, "the honest revenue settled")
	require.Equal(t, int64(1_000), claimable(t, f, "honest"))
}

// Migration 2 -> 3: version-2 params have no min_pending_per_work_unit (0) and cached routes have no route_work;
// the migration sets the default and records x/provenance's path work of every cached route, so MsgPay prices
// them at once. Only routed assets get route work: the others are priced when their route is cached.
func TestMigrate2to3PricesCachedRoutes(t *testing.T) {
	f := rtu.NewFixture()
	p := types.DefaultParams()
	p.MinPendingPerWorkUnit = 0
	f.SetParams(p)
	var roots []uint64
	for range 3 {
		roots = append(roots, f.AddAsset(0, nil, f.Member("root", 1)))
	}
	model := f.AddAsset(5_000, fullParents(roots), f.Member("m", 1))
	tuned := f.AddAsset(5_000, fullParents([]uint64{model}), f.Member("t", 1))
	// Version 2 cached routes without route work: the first root's and the fine-tune's.
	for _, id := range []uint64{roots[0], tuned} {
		require.NoError(t, f.Keeper.Routes.Set(f.Ctx, id, types.AssetRoute{TotalUnits: 1}))
	}
	require.NoError(t, keeper.NewMigrator(f.Keeper).Migrate2to3(f.Ctx))
	got, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(types.DefaultMinPendingPerWorkUnit), got.MinPendingPerWorkUnit)
	has, err := f.Keeper.RouteWork.Has(f.Ctx, model)
	require.NoError(t, err)
	require.False(t, has, "an unrouted asset got route work")
	// the fine-tune: its own step (2) + the model's path work (1 + 3 + 1)
	for id, want := range map[uint64]uint64{roots[0]: 1, tuned: 2 + 5} {
		w, err := f.Keeper.RouteWork.Get(f.Ctx, id)
		require.NoError(t, err)
		require.Equal(t, want, w, "asset %d", id)
	}
}

// Genesis cannot import revenue that would never settle: pending revenue that is not queued must belong to an
// asset with a cached route (it then waits below its threshold); without one, InitGenesis refuses it.
func TestGenesisRefusesWaitingRevenueWithoutRoute(t *testing.T) {
	f := rtu.NewFixture()
	a := f.AddAsset(0, nil, f.Member("x", 1))
	f.Fund("user", 1_000)
	_, err := f.Pay("user", a, 1_000)
	require.NoError(t, err)
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NotEmpty(t, gs.Pending)
	gs.SettlementQueue = nil // the asset never settled, so it has no route
	require.NoError(t, gs.Validate(f.AC), "a waiting amount is valid on its own")
	g := rtu.NewFixture()
	provState, err := f.Prov.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, g.Prov.InitGenesis(g.Ctx, *provState))
	g.Bank.Mint(g.Keeper.ModuleAddress(), f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()))
	err = g.Keeper.InitGenesis(g.Ctx, *gs)
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.ErrorContains(t, err, "would never settle")
}

// A dispute outcome that drops an asset's route (RouteChanged, ForfeitContributors, a contributor era closing)
// also drops its route work; revenue that was waiting below the old threshold is then queued, so it settles and
// the state stays valid (the conservation check accepts unqueued revenue only on a routed asset). Found by the
// app simulation's export/import comparison: a dropped route left stale route work behind.
func TestDroppedRouteQueuesWaitingRevenue(t *testing.T) {
	f := rtu.NewFixture()
	p := types.DefaultParams()
	p.ProtocolFeeBps = 0
	p.MinPendingPerWorkUnit = 10
	f.SetParams(p)
	root := f.AddAsset(0, nil, f.Member("root", 1))
	a := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(root, 10_000)}, f.Member("x", 1))
	f.Fund("user", 1_000_000)
	_, err := f.Pay("user", a, 1_000) // caches the route: work 2 + 1, threshold 30
	require.NoError(t, err)
	for queueLen(t, f) > 0 {
		endBlock(t, f)
	}
	_, err = f.Pay("user", a, 7) // waits, unqueued
	require.NoError(t, err)
	require.Zero(t, queueLen(t, f))
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	require.NoError(t, f.Keeper.RouteChanged(f.Ctx, a))
	has, err := f.Keeper.RouteWork.Has(f.Ctx, a)
	require.NoError(t, err)
	require.False(t, has, "route work of a dropped route stays behind")
	require.Equal(t, 1, queueLen(t, f), "revenue waiting on a dropped route is not queued")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	for queueLen(t, f) > 0 {
		endBlock(t, f)
	}
	// Its settlement re-read the route: the 7 is below the re-priced threshold (30) again and waits, routed.
	pending, err := f.Keeper.Pending.Get(f.Ctx, collections.Join(a, rtu.Denom))
	require.NoError(t, err)
	require.Equal(t, int64(7), pending.Int64())
	has, err = f.Keeper.RouteWork.Has(f.Ctx, a)
	require.NoError(t, err)
	require.True(t, has, "the settlement did not re-cache the route")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	_, err = f.Pay("user", a, 23) // 30: the threshold
	require.NoError(t, err)
	for queueLen(t, f) > 0 {
		endBlock(t, f)
	}
	require.Equal(t, int64(500+15), claimable(t, f, "x"), "x's half of 1,000 and then of 30")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}
