package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Path work is fixed at registration from the parents' (x/royalty prices settlement by it): a root is 1, each
// asset adds its own step (1 + parents) to its costliest parent's path work. A broken rule (the own step only,
// the sum or the shallowest parent) gets a row wrong.
func TestPathWorkAtRegistration(t *testing.T) {
	f := newFixture(t)
	a := f.register(t, f.dataset())
	b := f.register(t, f.dataset())
	m1 := f.register(t, f.model(a))         // 2 + 1
	m2 := f.register(t, f.model(m1, b))     // 3 + max(3, 1)
	m3 := f.register(t, f.model(b, m2, a))  // 4 + max(1, 6, 1)
	m4 := f.register(t, f.model(m3, m1, b)) // 4 + max(10, 3, 1)
	for _, tc := range []struct {
		id   uint64
		want uint64
	}{{a, 1}, {b, 1}, {m1, 3}, {m2, 6}, {m3, 10}, {m4, 14}} {
		got, err := f.k.PathWorkOf(f.ctx, tc.id)
		require.NoError(t, err)
		require.Equal(t, tc.want, got, "asset %d", tc.id)
	}
	_, err := f.k.PathWorkOf(f.ctx, 99)
	require.ErrorIs(t, err, types.ErrAssetNotFound)

	// A refused registration writes no path work (its id is never taken).
	bad := f.model(a)
	bad.Parents[0].AssetId = 99
	_, err = f.msg.RegisterAsset(f.ctx, bad)
	require.ErrorIs(t, err, types.ErrUnknownParent)
	has, err := f.k.PathWork.Has(f.ctx, m4+1)
	require.NoError(t, err)
	require.False(t, has)
}

// Along a chain path work grows by 2 a link, and the sum saturates at MaxPathWork rather than wrap: a wrapped
// path work would make the deepest lineage the cheapest to settle.
func TestPathWorkSaturates(t *testing.T) {
	for _, tc := range []struct {
		name    string
		parents int
		works   []uint64
		want    uint64
	}{
		{"root", 0, nil, 1},
		{"chain link", 1, []uint64{7}, 9},
		{"costliest parent", 3, []uint64{5, 40, 2}, 44},
		{"at the cap", 1, []uint64{types.MaxPathWork - 2}, types.MaxPathWork},
		{"past the cap", 1, []uint64{types.MaxPathWork - 1}, types.MaxPathWork},
		{"a capped parent", 1, []uint64{types.MaxPathWork}, types.MaxPathWork},
		{"a crafted huge parent value", 2, []uint64{^uint64(0), 1}, types.MaxPathWork},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, types.PathWork(tc.parents, tc.works))
		})
	}
}

// Genesis import and the version-3 migration recompute every path work from the lineage, so a store without
// path work (version 2) or with a stale one is priced as its lineage stands.
func TestRebuildPathWork(t *testing.T) {
	f := newFixture(t)
	a := f.register(t, f.dataset())
	m1 := f.register(t, f.model(a))
	m2 := f.register(t, f.model(m1))
	want := map[uint64]uint64{a: 1, m1: 3, m2: 5}

	// Genesis: export, import into a fresh store.
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *gs))
	requirePathWorks(t, g, want, "imported")

	// Migration: a version-2 store has none; a stale value is corrected.
	require.NoError(t, f.k.PathWork.Clear(f.ctx, nil))
	require.NoError(t, f.k.PathWork.Set(f.ctx, m2, 1))
	_, err = f.msg.RegisterAsset(f.ctx, f.model(m1))
	require.Error(t, err, "registration under a parent without path work must fail, not price it as a root")
	require.NoError(t, keeper.NewMigrator(f.k).Migrate2to3(f.ctx))
	requirePathWorks(t, f, want, "migrated")
	n := 0
	require.NoError(t, f.k.PathWork.Walk(f.ctx, nil, func(uint64, uint64) (bool, error) { n++; return false, nil }))
	require.Equal(t, len(want), n)
}

// A dispute that adds a parent raises the asset's own path work (its settlement now credits one more parent,
// and the new parent's path may be the costliest).
func TestAddParentByDisputeRaisesPathWork(t *testing.T) {
	f := newFixture(t)
	a := f.register(t, f.dataset())
	deep := f.register(t, f.model(f.register(t, f.model(a)))) // 1 -> 3 -> 5
	m := f.register(t, f.model(a))                            // 3
	edge := types.ParentEdge{AssetId: deep, WeightBps: 1_000, Relation: types.Relation_RELATION_TRAINED_ON}
	_, err := f.k.AddParentByDispute(f.ctx, m, 1, edge)
	require.NoError(t, err)
	got, err := f.k.PathWorkOf(f.ctx, m)
	require.NoError(t, err)
	require.Equal(t, uint64(3+5), got, "own step 1 + 2 parents, plus the new parent's 5")
	_, err = f.k.Amendments.Get(f.ctx, collections.Join(m, uint64(1)))
	require.NoError(t, err)
}

// The descendants of an asset a dispute added a parent to keep their path work; genesis carries those values
// (stale_path_work) so that an imported chain prices settlement exactly as the exported one did, and refuses
// entries that would invent an under-estimate (more than the amendments above an asset can have left: one per
// amendment on a path) or overprice. Without that, a genesis could price a 1,000-link chain at 2 a link, and
// 20 utrib would run it all.
func TestStalePathWorkSurvivesGenesis(t *testing.T) {
	f := newFixture(t)
	a := f.register(t, f.dataset())
	m1 := f.register(t, f.model(a))                           // 3
	m2 := f.register(t, f.model(m1))                          // 5
	deep := f.register(t, f.model(f.register(t, f.model(a)))) // 5
	b := f.register(t, f.dataset())
	edge := types.ParentEdge{AssetId: b, WeightBps: 1_000, Relation: types.Relation_RELATION_TRAINED_ON}
	// A dispute may only add an older parent, so the amended asset is registered after b; its child is re-priced
	// with it (TestAmendmentRepricesDescendants).
	m3 := f.register(t, f.model(deep)) // 2 + 5
	m4 := f.register(t, f.model(m3))   // 2 + 7
	repriced, err := f.k.AddParentByDispute(f.ctx, m3, 1, edge)
	require.NoError(t, err)
	require.Equal(t, []uint64{m4}, repriced)
	requirePathWorks(t, f, map[uint64]uint64{m4: 2 + 8}, "re-priced")
	// What a dispute whose re-pricing stopped short of m4 (MaxRepricingSteps) leaves: m4 one unit behind.
	require.NoError(t, f.k.PathWork.Set(f.ctx, m4, 9))
	works := map[uint64]uint64{a: 1, m1: 3, m2: 5, deep: 5, b: 1, m3: 3 + 5, m4: 9}

	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Equal(t, []types.AssetPathWork{{AssetId: m4, PathWork: 9}}, gs.StalePathWork,
		"only m4 is below what its lineage now gives (2 + 8)")
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *gs))
	requirePathWorks(t, g, works, "imported")
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, gs.StalePathWork, again.StalePathWork)

	for _, tc := range []struct {
		name  string
		stale []types.AssetPathWork
		want  string
	}{
		{"at what the lineage gives: not stale", []types.AssetPathWork{{AssetId: m4, PathWork: 10}}, "below the 10"},
		{"above it: overpriced", []types.AssetPathWork{{AssetId: m4, PathWork: 11}}, "below the 10"},
		{"below the own step", []types.AssetPathWork{{AssetId: m4, PathWork: 1}}, "at least 9"},
		{"more below than its one amendment leaves", []types.AssetPathWork{{AssetId: m4, PathWork: 8}}, "at least 9"},
		{"stale without an amendment above", []types.AssetPathWork{{AssetId: m2, PathWork: 4}}, "at least 5"},
		{"an unknown asset", []types.AssetPathWork{{AssetId: 99, PathWork: 2}}, "not in genesis"},
		{"out of order", []types.AssetPathWork{{AssetId: m4, PathWork: 9}, {AssetId: m2, PathWork: 4}}, "ascending"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := *gs
			bad.StalePathWork = tc.stale
			g := newFixture(t)
			err := g.k.InitGenesis(g.ctx, bad)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// A dispute that adds a parent re-prices the asset's descendants with it, so nothing priced on the old path work
// is left under-priced: a root with children may gain a root and a model with children a costlier parent. When
// the descendants are too many to re-price within MaxRepricingSteps, only a parent no costlier than the asset's
// costliest one is allowed (the descendants then lag by one unit at most); a costlier one is refused with
// ErrInvalidAmendment, from the plan x/dispute checks at opening as from the remedy. Without re-pricing, an
// attacker amending a would-be chain from the top down would leave every link at path work 3 and run a pass of
// any depth for 3 × min (TestAttackStaleChainByDisputes).
func TestAmendmentRepricesDescendants(t *testing.T) {
	f := newFixture(t)
	a := f.register(t, f.dataset())
	b := f.register(t, f.dataset())
	deep := f.register(t, f.model(f.register(t, f.model(a)))) // 5
	lone := f.register(t, f.dataset())
	parent := f.register(t, f.dataset())
	model := f.register(t, f.model(a)) // 3
	big := f.register(t, f.dataset())
	busy := f.register(t, f.model(deep)) // 7
	mid := f.register(t, f.model(deep))  // 7
	parentChild := f.register(t, f.model(parent))
	modelChild := f.register(t, f.model(model))
	midChild := f.register(t, f.model(mid))
	// Chains of 400 descendants: re-pricing them takes 3 steps each, more than MaxRepricingSteps.
	chain := func(root uint64) []uint64 {
		ids := []uint64{root}
		for range 400 {
			ids = append(ids, f.register(t, f.model(ids[len(ids)-1])))
		}
		return ids[1:]
	}
	bigChain, busyChain := chain(big), chain(busy)
	edge := func(id uint64, w uint32) types.ParentEdge {
		return types.ParentEdge{AssetId: id, WeightBps: w, Relation: types.Relation_RELATION_TRAINED_ON}
	}
	for _, tc := range []struct {
		name     string
		asset    uint64
		edge     types.ParentEdge
		ok       bool
		repriced int
	}{
		{"a root with a child gains a root: the child is re-priced", parent, edge(a, 10_000), true, 1},
		{"a model with a child gains a costlier parent: re-priced", model, edge(deep, 1_000), true, 1},
		{"a model with a child gains a cheaper parent: re-priced", mid, edge(b, 1_000), true, 1},
		{"an asset without children gains any parent", lone, edge(deep, 10_000), true, 0},
		{"too many descendants and a costlier parent: refused", big, edge(a, 10_000), false, 0},
		{"too many descendants, a parent as cheap as its own: the first re-priced", busy, edge(b, 1_000), true, 333},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := f.k.PlanAddParent(f.ctx, tc.asset, tc.edge)
			repriced, applied := f.k.AddParentByDispute(f.ctx, tc.asset, 1, tc.edge)
			if !tc.ok {
				require.ErrorIs(t, err, types.ErrInvalidAmendment)
				require.ErrorIs(t, applied, types.ErrInvalidAmendment)
				require.ErrorContains(t, err, "more descendants than one dispute can re-price")
				return
			}
			require.NoError(t, err)
			require.NoError(t, applied)
			require.Len(t, repriced, tc.repriced)
		})
	}
	requirePathWorks(t, f, map[uint64]uint64{
		parent: 2 + 1, parentChild: 2 + 3,
		model: 1 + 2 + 5, modelChild: 2 + 8, mid: 1 + 2 + 5, midChild: 2 + 8,
		lone: 2 + 5, big: 1, bigChain[399]: 1 + 2*400,
		busy: 1 + 2 + 5, busyChain[0]: 2 + 8, busyChain[332]: 2*333 + 8, busyChain[333]: 2*334 + 7,
		busyChain[399]: 2*400 + 7, // the rest lag one unit
	}, "amended")
}

// requirePathWorks checks the stored path work of every asset in want.
func requirePathWorks(t *testing.T, f *fixture, want map[uint64]uint64, what string) {
	t.Helper()
	for id, w := range want {
		got, err := f.k.PathWorkOf(f.ctx, id)
		require.NoError(t, err)
		require.Equal(t, w, got, "%s asset %d", what, id)
	}
}
