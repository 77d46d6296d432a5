package keeper_test

import (
	"fmt"
	stdmath "math"
	"math/rand"
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Attacks on path-work pricing (README "Who pays"): can a payment buy settlement work its coins do not pay for?
// The measure is the settlement work of a pass, in work units (per settled asset its own step, 1 + parents, as
// the pricing counts it), against the coins in flight (the revenue paid plus whatever already waited in
// pending), at min_pending_per_work_unit = min.
//
// The bound these tests hold the keeper to, C(T) = 1 + ln(path work of the tip): a settled asset a holds at least
// min × PW(a) (pricing.go), so charging its step s(a) to its coins costs each coin at most s(a)/(min × PW(a));
// along any path a coin travels PW(a_j) >= s(a_j) + PW(a_j+1), so its charges sum to at most
// (1/min) × Σ s_j / (s_j + s_j+1 + ...) <= (1 + ln PW(T))/min. Summed over the coins, work <= C(T) × coins / min.
// The bound is not linear, and TestAttackPathWorkLogTree shows a shape that gets close to it.

const attackMin = 10

// attackFixture is a fixture without protocol fee (so that revenue equals the amount paid) at min = attackMin.
func attackFixture() *rtu.Fixture {
	f := rtu.NewFixture()
	p := types.DefaultParams()
	p.ProtocolFeeBps = 0
	p.MinPendingPerWorkUnit = attackMin
	f.SetParams(p)
	return f
}

// dagNode is one asset of a generated shape: indices of earlier nodes with their weights, and an upstream share.
type dagNode struct {
	parents  []int
	weights  []uint32
	upstream uint32
}

// buildDAG registers nodes in order (every contributor is the attacker) and returns their ids.
func buildDAG(f *rtu.Fixture, nodes []dagNode) []uint64 {
	ids := make([]uint64, len(nodes))
	for i, n := range nodes {
		var edges []provtypes.ParentEdge
		for j, p := range n.parents {
			edges = append(edges, rtu.Parent(ids[p], n.weights[j]))
		}
		up := n.upstream
		if len(edges) == 0 {
			up = 0
		}
		ids[i] = f.AddAsset(up, edges, f.Member("attacker", 1))
	}
	return ids
}

// even splits 10,000 bps over k parents (the first ones take the remainder).
func even(k int) []uint32 {
	w := make([]uint32, k)
	for i := range w {
		w[i] = uint32(10_000 / k)
		if i < 10_000%k {
			w[i]++
		}
	}
	return w
}

// add appends a node citing parents (indices) evenly and returns its index.
func add(nodes *[]dagNode, upstream uint32, parents ...int) int {
	*nodes = append(*nodes, dagNode{parents: parents, weights: even(max(len(parents), 1))[:len(parents)], upstream: upstream})
	return len(*nodes) - 1
}

// chainOn appends a chain of n links (100% upstream) on top of node below and returns its top.
func chainOn(nodes *[]dagNode, below, n int) int {
	for range n {
		below = add(nodes, 10_000, below)
	}
	return below
}

// pendingTotal is everything waiting in pending, in the fixture's denom.
func pendingTotal(t *testing.T, f *rtu.Fixture) int64 {
	t.Helper()
	var sum int64
	require.NoError(t, f.Keeper.Pending.Walk(f.Ctx, nil, func(_ collections.Pair[uint64, string], v sdkmath.Int) (bool, error) {
		sum += v.Int64()
		return false, nil
	}))
	return sum
}

// settleWork settles everything queued with an unlimited budget and returns the work units of what settled:
// per EventAssetSettled, 1 + the parents of the asset's cached route.
func settleWork(t *testing.T, f *rtu.Fixture) (work uint64, settled int) {
	t.Helper()
	f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager())
	_, err := f.Keeper.Settle(f.Ctx, stdmath.MaxUint64)
	require.NoError(t, err)
	for _, e := range f.Ctx.EventManager().Events() {
		if e.Type != "tributary.royalty.v1.EventAssetSettled" {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abci.Event(e))
		require.NoError(t, err)
		ev, ok := msg.(*types.EventAssetSettled)
		require.True(t, ok)
		r, err := f.Keeper.Routes.Get(f.Ctx, ev.AssetId)
		require.NoError(t, err)
		work += 1 + uint64(len(r.Parents))
		settled++
	}
	require.Zero(t, queueLen(t, f))
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	return work, settled
}

// workBound is C(T) = 1 + ln PW(T), the proven bound on work per min of coins in flight (see the file comment).
func workBound(pw uint64) float64 { return 1 + stdmath.Log(float64(pw)) }

// attackPass warms the shape up (a huge payment to the tip caches every route it can reach, so that no
// unpriced first settlement is counted), pays amount to the tip and returns the work of the pass and the coins
// in flight (amount plus what already waited in pending).
func attackPass(t *testing.T, f *rtu.Fixture, tip uint64, amount int64) (work uint64, coins int64) {
	t.Helper()
	f.Fund("warmup", 1_000_000_000_000_000)
	_, err := f.Pay("warmup", tip, 1_000_000_000_000_000)
	require.NoError(t, err)
	settleWork(t, f)
	coins = pendingTotal(t, f) + amount
	f.Fund("attacker", amount)
	_, err = f.Pay("attacker", tip, amount)
	require.NoError(t, err)
	work, _ = settleWork(t, f)
	return work, coins
}

// randomDAG is a deterministic random lineage of n+1 assets: a fifth of the assets are roots, the others cite 1-4 of the 40
// assets registered just before them with random weights and mostly full upstream shares; a tip cites the last
// four.
func randomDAG(seed int64, n int) []dagNode {
	r := rand.New(rand.NewSource(seed))
	nodes := []dagNode{{}}
	for i := 1; i < n; i++ {
		if r.Intn(5) == 0 {
			nodes = append(nodes, dagNode{})
			continue
		}
		k := 1 + r.Intn(4)
		seen := map[int]bool{}
		var parents []int
		for len(parents) < k && len(parents) < i {
			p := i - 1 - r.Intn(min(i, 40))
			if !seen[p] {
				seen[p] = true
				parents = append(parents, p)
			}
		}
		weights := make([]uint32, len(parents))
		left := uint32(10_000)
		for j := range parents {
			if j == len(parents)-1 {
				weights[j] = left
				break
			}
			w := 1 + uint32(r.Intn(int(left)-len(parents)+j+1))
			weights[j], left = w, left-w
		}
		ups := []uint32{10_000, 10_000, 10_000, 9_000, 5_000}
		nodes = append(nodes, dagNode{parents: parents, weights: weights, upstream: ups[r.Intn(len(ups))]})
	}
	// The tip cites the last four, so that it is never a root.
	add(&nodes, 10_000, n-4, n-3, n-2, n-1)
	return nodes
}

// attackShapes are the lineages the work-per-coin property is checked on; each returns its nodes, the tip last.
func attackShapes() []struct {
	name  string
	nodes func() []dagNode
} {
	return []struct {
		name  string
		nodes func() []dagNode
	}{
		{"chain of 300, 100% upstream", func() []dagNode {
			var n []dagNode
			chainOn(&n, add(&n, 0), 299)
			return n
		}},
		{"chain of 300, 50% upstream", func() []dagNode {
			var n []dagNode
			top := add(&n, 0)
			for range 299 {
				top = add(&n, 5_000, top)
			}
			return n
		}},
		{"layered 6 x 8, 100% upstream", func() []dagNode {
			var n []dagNode
			var below []int
			for l := range 6 {
				var layer []int
				for range 8 {
					if l == 0 {
						layer = append(layer, add(&n, 0))
					} else {
						layer = append(layer, add(&n, 10_000, below...))
					}
				}
				below = layer
			}
			add(&n, 10_000, below...)
			return n
		}},
		{"100 diamonds in series", func() []dagNode {
			var n []dagNode
			bottom := add(&n, 0)
			for range 100 {
				l, r := add(&n, 10_000, bottom), add(&n, 10_000, bottom)
				bottom = add(&n, 10_000, l, r)
			}
			return n
		}},
		{"wide then deep: 32 chains of 20 under one tip", func() []dagNode {
			var n []dagNode
			var tops []int
			for range 32 {
				tops = append(tops, chainOn(&n, add(&n, 0), 19))
			}
			add(&n, 10_000, tops...)
			return n
		}},
		{"deep then wide: a chain of 200 over 64 roots", func() []dagNode {
			var n []dagNode
			var roots []int
			for range 64 {
				roots = append(roots, add(&n, 0))
			}
			chainOn(&n, add(&n, 10_000, roots...), 199)
			return n
		}},
		{"skewed weights: 9,999 bps to a deep chain, 1 to a root", func() []dagNode {
			var n []dagNode
			deep := chainOn(&n, add(&n, 0), 150)
			for range 50 {
				side := add(&n, 0)
				n = append(n, dagNode{parents: []int{deep, side}, weights: []uint32{9_999, 1}, upstream: 10_000})
				deep = len(n) - 1
			}
			return n
		}},
		{"random DAG, seed 1", func() []dagNode { return randomDAG(1, 400) }},
		{"random DAG, seed 7", func() []dagNode { return randomDAG(7, 400) }},
	}
}

// Work per coin: on every shape, for amounts from the tip's threshold to 16 times it, a pass does at most
// C(T) × coins / min work (C(T) = 1 + ln PW(T), the file comment's bound), and on these shapes, which are not
// built to exploit the logarithm, at most 2 × coins / min. Pricing only the tip's own step (before path work)
// fails the chain rows by two orders of magnitude: its 20 utrib ran the whole chain.
func TestAttackWorkPerCoin(t *testing.T) {
	for _, shape := range attackShapes() {
		for _, mult := range []int64{1, 3, 16} {
			t.Run(fmt.Sprintf("%s, %dx the threshold", shape.name, mult), func(t *testing.T) {
				f := attackFixture()
				ids := buildDAG(f, shape.nodes())
				tip := ids[len(ids)-1]
				pw := pathWork(t, f, tip)
				amount := mult * attackMin * int64(pw)
				work, coins := attackPass(t, f, tip, amount)
				require.Positive(t, work, "the tip's threshold settles at least the tip")
				ratio := float64(work) * attackMin / float64(coins)
				t.Logf("path work %d, %d utrib in flight: %d work units, %.3f per %d utrib (bound %.2f)",
					pw, coins, work, ratio, attackMin, workBound(pw))
				require.LessOrEqual(t, ratio, workBound(pw), "work beyond the proven bound")
				require.LessOrEqual(t, ratio, 2.0, "an ordinary shape does more than 2 units of work per min in flight")
			})
		}
	}
}

// Just below the tip's threshold nothing settles, whatever the shape: the attacker's coins wait.
func TestAttackBelowThresholdDoesNothing(t *testing.T) {
	for _, shape := range attackShapes() {
		t.Run(shape.name, func(t *testing.T) {
			f := attackFixture()
			ids := buildDAG(f, shape.nodes())
			tip := ids[len(ids)-1]
			f.Fund("warmup", 1_000_000_000_000_000)
			_, err := f.Pay("warmup", tip, 1_000_000_000_000_000)
			require.NoError(t, err)
			settleWork(t, f)
			before, err := f.Keeper.Pending.Get(f.Ctx, collections.Join(tip, rtu.Denom))
			if err != nil {
				before = sdkmath.ZeroInt()
			}
			short := attackMin*int64(pathWork(t, f, tip)) - 1 - before.Int64()
			f.Fund("attacker", short)
			_, err = f.Pay("attacker", tip, short)
			require.NoError(t, err)
			work, _ := settleWork(t, f)
			require.Zero(t, work)
		})
	}
}

// logTree appends, for money m (in units of min), a binary asset whose two parents are 100%-upstream chains, each
// on its own logTree(m/2), every chain as long as the money it carries allows: each asset is exactly covered by
// the coins that reach it, so each level of the tree spends about m/2 units of work and the coins pay again at
// the next. It returns the subtree's top and path work.
func logTree(nodes *[]dagNode, m uint64) (int, uint64) {
	if m < 16 {
		// A chain on a root as long as m covers: path work 1 + 2 × links.
		links := int((m - 1) / 2)
		return chainOn(nodes, add(nodes, 0), links), 1 + 2*uint64(links)
	}
	var tops []int
	var pw uint64
	for range 2 {
		sub, subPW := logTree(nodes, m/2)
		links := (m/2 - subPW) / 2
		tops = append(tops, chainOn(nodes, sub, int(links)))
		pw = max(pw, subPW+2*links)
	}
	return add(nodes, 10_000, tops...), 3 + pw
}

// The worst shape found: work per coin is not constant but grows with the logarithm of the coins. A binary tree
// of chains (logTree) makes the coins that reach each asset just cover its path work, so they pay for half of
// it in chain links and then again, split in two, for the next level: with m = 1,024 units of min in flight a
// pass does 3.9x that in work (2.9x at 256), against 1x for a chain. The proven ceiling (1 + ln PW) holds: no shape does
// better than it, the attacker must register about half the work as assets, and every pass still costs the
// 1% fee on the coins in flight. The test fails if the logarithm disappears (then the docs' C is too high) or
// if a shape beats the ceiling.
func TestAttackPathWorkLogTree(t *testing.T) {
	for _, m := range []uint64{256, 1_024} {
		t.Run(fmt.Sprintf("m = %d", m), func(t *testing.T) {
			f := attackFixture()
			var nodes []dagNode
			_, wantPW := logTree(&nodes, m)
			ids := buildDAG(f, nodes)
			tip := ids[len(ids)-1]
			pw := pathWork(t, f, tip)
			require.Equal(t, wantPW, pw)
			require.LessOrEqual(t, pw, m)
			work, coins := attackPass(t, f, tip, attackMin*int64(m))
			ratio := float64(work) * attackMin / float64(coins)
			t.Logf("%d assets, path work %d, %d utrib in flight: %d work units, %.2f per %d utrib (bound %.2f)",
				len(ids), pw, coins, work, ratio, attackMin, workBound(pw))
			require.LessOrEqual(t, ratio, workBound(pw))
			require.Greater(t, ratio, 2.0, "the logarithmic shape no longer beats an ordinary one: update the docs' C")
		})
	}
}
