package keeper_test

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Staleness from disputes. A MISSING_LINEAGE dispute raises the amended asset's path work and leaves its
// descendants' as they were. An attacker owning both sides (a second address challenges, the owner accepts at
// once, the bond comes back) can try to chain such under-estimates into a cheap deep path: register n roots that
// demand 100% of a derivative's revenue, then add each one's predecessor as its parent, from the top down, so
// that every amended asset still sees a root (path work 1) below it and gets path work 3. The chain is then n
// deep with every threshold at 3 × min: 30 utrib would run all of it, the attack path work was meant to end.

// amendByDispute applies an upheld MISSING_LINEAGE remedy exactly as x/dispute does (outcome.go): the edge, then
// the route drop. It returns the error of the plan x/dispute checks at opening, before anything changes.
func amendByDispute(f *rtu.Fixture, id, disputeID, parent uint64) error {
	edge := rtu.Parent(parent, 10_000)
	if _, _, err := f.Prov.PlanAddParent(f.Ctx, id, edge); err != nil {
		return err
	}
	repriced, err := f.Prov.AddParentByDispute(f.Ctx, id, disputeID, edge)
	if err != nil {
		return err
	}
	for _, d := range repriced {
		if err := f.Keeper.PathWorkChanged(f.Ctx, d); err != nil {
			return err
		}
	}
	return f.Keeper.RouteChanged(f.Ctx, id)
}

// greedyRoots registers n root datasets whose policy demands all of a derivative's revenue (so a 10,000-bps
// edge to one raises the amended asset's upstream share to 100%).
func greedyRoots(t *testing.T, f *rtu.Fixture, n int) []uint64 {
	t.Helper()
	ids := make([]uint64, n)
	for i := range ids {
		msg := f.Registration(0, nil, provtypes.NewContributorList(f.Member("attacker", 1)))
		msg.Policy.MinDerivativeShareBps = 10_000
		id, err := f.Register(msg)
		require.NoError(t, err)
		ids[i] = id
	}
	return ids
}

// TestAttackStaleChainByDisputes: the top-down amendments must not yield a chain whose pass costs less than
// the bound of TestAttackWorkPerCoin. Whatever the keeper refuses is skipped; what it accepts is then attacked.
func TestAttackStaleChainByDisputes(t *testing.T) {
	const n = 200
	f := attackFixture()
	ids := greedyRoots(t, f, n)
	refused := 0
	for i := n - 1; i >= 1; i-- {
		if err := amendByDispute(f, ids[i], uint64(n-i), ids[i-1]); err != nil {
			require.ErrorIs(t, err, provtypes.ErrInvalidAmendment)
			refused++
		}
	}
	tip := ids[n-1]
	pw := pathWork(t, f, tip)
	work, coins := attackPass(t, f, tip, attackMin*int64(pw))
	ratio := float64(work) * attackMin / float64(coins)
	t.Logf("%d of %d amendments refused; tip path work %d; %d utrib in flight ran %d work units (%.2f per %d utrib)",
		refused, n-1, pw, coins, work, ratio, attackMin)
	require.LessOrEqual(t, ratio, 2.0, "disputes made a deep path cheap")
}

// The same lineage amended from the bottom up (each missing parent added once its own lineage is complete, as an
// honest dispute history would) is accepted in full and priced as registration would price it.
func TestBottomUpAmendmentsArePricedExactly(t *testing.T) {
	const n = 50
	f := attackFixture()
	ids := greedyRoots(t, f, n)
	for i := 1; i < n; i++ {
		require.NoError(t, amendByDispute(f, ids[i], uint64(i), ids[i-1]))
	}
	require.Equal(t, uint64(1+2*(n-1)), pathWork(t, f, ids[n-1]))
	work, coins := attackPass(t, f, ids[n-1], attackMin*int64(pathWork(t, f, ids[n-1])))
	require.Equal(t, uint64(2*n-1), work)
	require.Equal(t, attackMin*int64(2*n-1), coins)
}

// amendWeighted is amendByDispute with a weight for the new edge (10,000 for an asset without parents).
func amendWeighted(f *rtu.Fixture, id, disputeID, parent uint64, weight uint32) error {
	edge := rtu.Parent(parent, weight)
	if _, _, err := f.Prov.PlanAddParent(f.Ctx, id, edge); err != nil {
		return err
	}
	repriced, err := f.Prov.AddParentByDispute(f.Ctx, id, disputeID, edge)
	if err != nil {
		return err
	}
	for _, d := range repriced {
		if err := f.Keeper.PathWorkChanged(f.Ctx, d); err != nil {
			return err
		}
	}
	return f.Keeper.RouteChanged(f.Ctx, id)
}

// A smarter top-down attack that the rule allows amendment by amendment: every link also cites a "pad" costlier
// than the link below it, so adding the link below is never a raise beyond the costliest parent. The pads must
// then grow with the chain, so the tip's path work grows with the depth and the pass is paid for.
func TestAttackStaleChainWithPads(t *testing.T) {
	const n = 100
	f := attackFixture()
	var nodes []dagNode
	pad := add(&nodes, 0)
	var pads []int
	for range n {
		pad = chainOn(&nodes, pad, 2) // each pad 4 above the last: above the link it will be compared with
		pads = append(pads, pad)
	}
	padIDs := buildDAG(f, nodes)
	links := make([]uint64, n)
	for i := range links {
		links[i] = f.AddAsset(10_000, []provtypes.ParentEdge{rtu.Parent(padIDs[pads[i]], 10_000)}, f.Member("attacker", 1))
	}
	refused := 0
	for i := n - 1; i >= 1; i-- {
		if err := amendWeighted(f, links[i], uint64(n-i), links[i-1], 9_999); err != nil {
			require.ErrorIs(t, err, provtypes.ErrInvalidAmendment)
			refused++
		}
	}
	tip := links[n-1]
	pw := pathWork(t, f, tip)
	work, coins := attackPass(t, f, tip, attackMin*int64(pw))
	ratio := float64(work) * attackMin / float64(coins)
	t.Logf("%d of %d amendments refused; tip path work %d; %d utrib in flight ran %d work units (%.2f per %d utrib)",
		refused, n-1, pw, coins, work, ratio, attackMin)
	require.LessOrEqual(t, ratio, 2.0, "disputes made a deep path cheap")
}

// Adversarial dispute histories (seeded): a random lineage of greedy and ordinary roots and models, then 600
// random amendments (random child, older parent and weight). Whatever the keeper accepts, a pass from an asset at
// its threshold stays within 1.5 times the bound of an undisputed lineage: each accepted amendment under-prices
// descendants by at most one unit, and every amended asset adds at least three to their true path work.
func TestAttackRandomDisputeHistories(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 4} {
		r := rand.New(rand.NewSource(seed))
		f := attackFixture()
		var ids []uint64
		greedy := map[uint64]bool{}
		for i := range 80 {
			if i < 4 || r.Intn(3) == 0 {
				msg := f.Registration(0, nil, provtypes.NewContributorList(f.Member("attacker", 1)))
				if r.Intn(2) == 0 {
					msg.Policy.MinDerivativeShareBps = 10_000
				}
				id, err := f.Register(msg)
				require.NoError(t, err)
				greedy[id] = msg.Policy.MinDerivativeShareBps > 0
				ids = append(ids, id)
				continue
			}
			p := ids[r.Intn(len(ids))]
			parents := []provtypes.ParentEdge{rtu.Parent(p, 10_000)}
			if q := ids[r.Intn(len(ids))]; q != p && !greedy[p] && !greedy[q] {
				parents = fullParents([]uint64{p, q})
			}
			ids = append(ids, f.AddAsset(10_000, parents, f.Member("attacker", 1)))
		}
		accepted := 0
		for d := range 600 {
			child := 1 + r.Intn(len(ids)-1)
			w := uint32(10_000)
			if rec, err := f.Prov.GetAssetRecord(f.Ctx, ids[child]); err == nil && len(rec.Parents) > 0 {
				w = 1 + uint32(r.Intn(9_999))
			}
			if amendWeighted(f, ids[child], uint64(1+d), ids[r.Intn(child)], w) == nil {
				accepted++
			}
		}
		require.Positive(t, accepted)
		// Genesis accepts exactly the under-estimates such a history leaves (x/provenance types.PathWorks).
		gs, err := f.Prov.ExportGenesis(f.Ctx)
		require.NoError(t, err)
		require.NoError(t, gs.Validate(f.AC), "seed %d: %d stale values", seed, len(gs.StalePathWork))
		t.Logf("seed %d: %d stale path works exported", seed, len(gs.StalePathWork))
		for _, tip := range []uint64{ids[len(ids)-1], ids[len(ids)-2], ids[len(ids)/2]} {
			pw := pathWork(t, f, tip)
			work, coins := attackPass(t, f, tip, attackMin*int64(pw))
			ratio := float64(work) * attackMin / float64(coins)
			t.Logf("seed %d: %d amendments accepted; tip %d path work %d: %d work units for %d utrib (%.2f)",
				seed, accepted, tip, pw, work, coins, ratio)
			require.LessOrEqual(t, ratio, 1.5*workBound(pw), "seed %d, tip %d", seed, tip)
		}
	}
}

// A genesis cannot invent the cheap chain disputes no longer make: stale_path_work entries that price every link
// of a 300-link chain at its own step (2) would let 20 utrib run it all; without amendments above them they are
// refused, and InitGenesis does not store them.
func TestAttackGenesisCannotInventCheapChain(t *testing.T) {
	f := attackFixture()
	var nodes []dagNode
	chainOn(&nodes, add(&nodes, 0), 299)
	ids := buildDAG(f, nodes)
	gs, err := f.Prov.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Empty(t, gs.StalePathWork)
	for _, id := range ids[1:] {
		gs.StalePathWork = append(gs.StalePathWork, provtypes.AssetPathWork{AssetId: id, PathWork: 2})
	}
	require.ErrorIs(t, gs.Validate(f.AC), provtypes.ErrInvalidGenesis)
	g := attackFixture()
	require.ErrorIs(t, g.Prov.InitGenesis(g.Ctx, *gs), provtypes.ErrInvalidGenesis)
	// One entry, at the least one amendment could leave, is still refused without an amendment.
	gs.StalePathWork = []provtypes.AssetPathWork{{AssetId: ids[len(ids)-1], PathWork: pathWork(t, f, ids[len(ids)-1]) - 1}}
	require.ErrorIs(t, gs.Validate(f.AC), provtypes.ErrInvalidGenesis)
}

// At the bounds, the threshold is exact and far from overflow: min_pending_per_work_unit at its maximum
// (1,000,000) times the saturated path work (2^40) is about 1.1 × 10^18, and a lineage cannot wrap path work
// below the cap.
func TestAttackThresholdAtTheBounds(t *testing.T) {
	p := types.DefaultParams()
	p.MinPendingPerWorkUnit = 1_000_000
	require.NoError(t, p.Validate())
	got := p.SettlementThreshold(provtypes.MaxPathWork)
	require.Equal(t, "1099511627776000000", got.String())
	require.True(t, got.IsInt64())
	require.Equal(t, provtypes.MaxPathWork, provtypes.PathWork(1_024, []uint64{^uint64(0), provtypes.MaxPathWork - 1}))
}

// A registered 100-link chain (100% upstream), each link then given, from the top down, a missing root parent
// that takes 1 bps. Each amendment adds one credit to its link, and the links above it are re-priced with it
// (they are far fewer than MaxRepricingSteps), so the tip's path work is exact, 3 a link, and a pass does no more
// work than its coins paid for. (Without re-pricing each amendment left the links above one unit under-priced:
// 2 a link while a pass did 3.)
func TestAttackCheapAmendmentsTopDown(t *testing.T) {
	const n = 100
	f := attackFixture()
	var nodes []dagNode
	for range n {
		add(&nodes, 0) // the missing parents, older than the links as a parent must be
	}
	chainOn(&nodes, add(&nodes, 0), n-1)
	ids := buildDAG(f, nodes)
	extra, links := ids[:n], ids[n:]
	for i := n - 1; i >= 1; i-- {
		require.NoError(t, amendWeighted(f, links[i], uint64(n-i), extra[i], 1))
	}
	tip := links[n-1]
	pw := pathWork(t, f, tip)
	require.Equal(t, uint64(1+3*(n-1)), pw, "the tip: 3 a link (its ledger and two credits) down to the 1 of the root link")
	work, coins := attackPass(t, f, tip, attackMin*int64(pw))
	ratio := float64(work) * attackMin / float64(coins)
	t.Logf("tip path work %d; %d utrib in flight ran %d work units (%.2f per %d utrib)", pw, coins, work, ratio, attackMin)
	require.LessOrEqual(t, ratio, 1.0)
}

// The honest case the re-pricing keeps open: a model registered without its lineage, already fine-tuned (and the
// fine-tune already paid, so its route and route work are cached), is given its missing dataset by dispute. The
// fine-tune's path work and x/royalty's cached copy both follow, so its revenue is priced on the path it now has.
func TestMissingDatasetOfAFineTunedModelRepricesTheFineTune(t *testing.T) {
	f := attackFixture()
	dataset := f.AddAsset(0, nil, f.Member("data", 1))
	model := f.AddAsset(0, nil, f.Member("builder", 1))
	tune := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(model, 10_000)}, f.Member("tuner", 1))
	f.Fund("user", 1_000_000)
	_, err := f.Pay("user", tune, 1_000)
	require.NoError(t, err)
	for queueLen(t, f) > 0 {
		endBlock(t, f)
	}
	cached, err := f.Keeper.RouteWork.Get(f.Ctx, tune)
	require.NoError(t, err)
	require.Equal(t, uint64(2+1), cached)

	require.NoError(t, amendWeighted(f, model, 1, dataset, 10_000))
	require.Equal(t, uint64(2+1), pathWork(t, f, model))
	require.Equal(t, uint64(2+3), pathWork(t, f, tune), "the fine-tune is re-priced with its parent")
	cached, err = f.Keeper.RouteWork.Get(f.Ctx, tune)
	require.NoError(t, err)
	require.Equal(t, uint64(2+3), cached, "x/royalty still prices the fine-tune on its old path")
	rep, err := f.Query.RevenueReport(f.Ctx, &types.QueryRevenueReportRequest{AssetId: tune})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams().SettlementThreshold(5), rep.SettlementThreshold)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}
