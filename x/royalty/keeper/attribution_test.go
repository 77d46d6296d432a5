package keeper_test

import (
	"fmt"
	"math/big"
	"math/rand"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// queryGasLimit is the query-gas-limit `tributaryd init` writes.
const queryGasLimit = 50_000_000

// deepChain registers a chain of depth assets, each passing upstreamBps to the one below, one contributor each.
func deepChain(f *rtu.Fixture, depth int, upstreamBps uint32) uint64 {
	id := f.AddAsset(0, nil, f.Member("root", 1))
	for i := 1; i < depth; i++ {
		id = f.AddAsset(upstreamBps, []provtypes.ParentEdge{rtu.Parent(id, 10_000)}, f.Member(fmt.Sprintf("level-%d", i%50), 1))
		if i%100 == 0 {
			f.Commit()
		}
	}
	f.Commit()
	return id
}

// TestAttributionOfTenThousandDeepLineage is finding 4 of issue 10: with exact fractions, a 10,000-deep lineage
// with an upstream share of 9,999 bps took minutes (fractions grew by ~4 digits a level). In fixed point it answers
// in well under a second, inside the query gas limit, and the shares add up to the paid unit less the fee.
func TestAttributionOfTenThousandDeepLineage(t *testing.T) {
	if testing.Short() {
		t.Skip("registers 10,000 assets")
	}
	f := rtu.NewFixture()
	tip := deepChain(f, 10_000, 9_999)
	ctx := f.Ctx.WithGasMeter(storetypes.NewGasMeter(queryGasLimit))
	start := time.Now()
	resp, err := f.Query.Attribution(ctx, &types.QueryAttributionRequest{AssetId: tip, Pagination: &query.PageRequest{Limit: 1, CountTotal: true}})
	elapsed := time.Since(start)
	require.NoError(t, err)
	require.Equal(t, uint64(10_000), resp.Pagination.Total)
	t.Logf("10,000-deep attribution: %s, %d gas", elapsed, ctx.GasMeter().GasConsumed())
	require.Less(t, elapsed, time.Second)

	// The tip keeps 1 bps of 0.99; the root gets 0.99 x 0.9999^9999.
	require.Equal(t, "0.000099000000000000", resp.Entries[0].Share.String())
}

// exactAttribution is the big.Rat computation the query used to run, kept as the reference of the rounding bound.
func exactAttribution(t *testing.T, f *rtu.Fixture, tip uint64, feeBps int64) map[string]*big.Rat {
	t.Helper()
	inflow := map[uint64]*big.Rat{tip: new(big.Rat).Sub(big.NewRat(1, 1), big.NewRat(feeBps, 10_000))}
	out := map[string]*big.Rat{}
	for id := tip; id >= 1; id-- { // parents have lower ids: descending id visits children first
		share, ok := inflow[id]
		if !ok {
			continue
		}
		a, err := f.Prov.GetAsset(f.Ctx, id)
		require.NoError(t, err)
		if len(a.Parents) > 0 {
			up := new(big.Rat).Mul(share, big.NewRat(int64(a.Policy.UpstreamShareBps), 10_000))
			for _, p := range a.Parents {
				part := new(big.Rat).Mul(up, big.NewRat(int64(p.WeightBps), 10_000))
				if cur, ok := inflow[p.AssetId]; ok {
					cur.Add(cur, part)
				} else {
					inflow[p.AssetId] = part
				}
			}
			share = new(big.Rat).Sub(share, up)
		}
		var total int64
		for _, m := range a.Contributors.GetList().Members {
			total += int64(m.Units)
		}
		for _, m := range a.Contributors.GetList().Members {
			out[fmt.Sprintf("%d/%s", id, m.Address)] = new(big.Rat).Mul(share, big.NewRat(int64(m.Units), total))
		}
	}
	return out
}

// TestAttributionWithinStatedBound: on random diamond-rich lineages, every fixed-point share is within
// (edges + 2) x 1e-18 of the exact fraction, and the shares never add up to more than the paid unit.
func TestAttributionWithinStatedBound(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		r := rand.New(rand.NewSource(seed))
		f := rtu.NewFixture()
		var ids []uint64
		edges := 0
		for i := range 40 {
			var parents []provtypes.ParentEdge
			if i > 0 {
				k := 1 + r.Intn(min(4, len(ids)))
				perm := r.Perm(len(ids))[:k]
				left := uint32(10_000)
				for j, idx := range perm {
					w := left
					if j < k-1 {
						w = 1 + uint32(r.Intn(int(left)-(k-1-j)))
					}
					left -= w
					parents = append(parents, rtu.Parent(ids[idx], w))
				}
				edges += k
			}
			up := uint32(0)
			if len(parents) > 0 {
				up = uint32(1 + r.Intn(10_000))
			}
			var members []provtypes.Contributor
			for j := range 1 + r.Intn(3) {
				members = append(members, f.Member(fmt.Sprintf("p%d-%d", i, j), uint64(1+r.Intn(997))))
			}
			ids = append(ids, f.AddAsset(up, parents, members...))
		}
		tip := ids[len(ids)-1]
		resp, err := f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: tip, Pagination: &query.PageRequest{Limit: 1_000}})
		require.NoError(t, err)
		exact := exactAttribution(t, f, tip, types.DefaultProtocolFeeBps)
		require.Len(t, resp.Entries, len(exact))
		bound := new(big.Rat).SetFrac64(int64(edges+2), 1_000_000_000_000_000_000)
		sum := math.LegacyZeroDec()
		for _, e := range resp.Entries {
			want := exact[fmt.Sprintf("%d/%s", e.AssetId, e.Address)]
			require.NotNil(t, want)
			got, ok := new(big.Rat).SetString(e.Share.String())
			require.True(t, ok)
			diff := new(big.Rat).Sub(got, want)
			require.True(t, new(big.Rat).Abs(diff).Cmp(bound) <= 0, "seed %d asset %d: %s vs exact %s", seed, e.AssetId, got.FloatString(20), want.FloatString(20))
			sum = sum.Add(e.Share)
		}
		require.True(t, sum.LTE(math.LegacyMustNewDecFromStr("0.99")), "shares add up to %s", sum)
	}
}

// TestAttributionQueryGasIsCharged: a query's gas grows with the lineage it walks, so a node's query-gas-limit
// bounds its CPU; a meter too small for the walk stops it with out-of-gas.
func TestAttributionQueryGasIsCharged(t *testing.T) {
	f := rtu.NewFixture()
	tip := deepChain(f, 200, 5_000)
	ctx := f.Ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
	_, err := f.Query.Attribution(ctx, &types.QueryAttributionRequest{AssetId: tip})
	require.NoError(t, err)
	used := ctx.GasMeter().GasConsumed()
	require.Greater(t, used, uint64(200*1_000), "at least the walk's own gas per asset")
	require.Panics(t, func() {
		small := f.Ctx.WithGasMeter(storetypes.NewGasMeter(used / 2))
		_, _ = f.Query.Attribution(small, &types.QueryAttributionRequest{AssetId: tip})
	})
	_, err = f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: tip, Pagination: &query.PageRequest{Limit: 1_001}})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}

// TestAttributionPagesByKey: `attribution --page-limit 1` returns a next_key, and following the keys
// yields exactly the unpaged entries, in order; a key that is not one, a key with an offset, and
// reverse order are refused with the reason.
func TestAttributionPagesByKey(t *testing.T) {
	f := rtu.NewFixture()
	base := f.AddAsset(0, nil, f.Member("a", 1), f.Member("b", 2))
	tip := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(base, 10_000)}, f.Member("c", 1), f.Member("d", 1), f.Member("e", 3))
	f.Commit()

	whole, err := f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: tip})
	require.NoError(t, err)
	require.Len(t, whole.Entries, 5)
	require.Empty(t, whole.Pagination.NextKey, "one page holds everything: no next_key")

	var paged []types.AttributionEntry
	var key []byte
	for pages := 0; ; pages++ {
		require.Less(t, pages, 5, "the keys must reach the end")
		resp, err := f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: tip, Pagination: &query.PageRequest{Key: key, Limit: 2}})
		require.NoError(t, err)
		paged = append(paged, resp.Entries...)
		if key = resp.Pagination.NextKey; key == nil {
			break
		}
	}
	require.Equal(t, whole.Entries, paged)

	for _, tc := range []struct {
		name string
		page *query.PageRequest
		want string
	}{
		{"a key that is not an attribution key", &query.PageRequest{Key: []byte("abc")}, "next_key of the previous attribution page"},
		{"key and offset", &query.PageRequest{Key: make([]byte, 8), Offset: 1}, "not both"},
		{"reverse", &query.PageRequest{Reverse: true}, "forward only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: tip, Pagination: tc.page})
			require.ErrorIs(t, err, types.ErrInvalidRequest)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
