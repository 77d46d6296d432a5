package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestQueryAssets(t *testing.T) {
	f := newFixture(t)
	d1 := f.register(t, f.dataset())
	d2msg := f.dataset()
	d2msg.Owner = f.addrs[3]
	d2 := f.register(t, d2msg)
	m := f.register(t, f.model(d1, d2))

	c := f.queryClient()
	res, err := c.Asset(f.ctx, &types.QueryAssetRequest{Id: m})
	require.NoError(t, err)
	require.Equal(t, m, res.Asset.Id)
	_, err = c.Asset(f.ctx, &types.QueryAssetRequest{Id: 99})
	require.ErrorIs(t, err, types.ErrAssetNotFound)

	a, _ := f.k.GetAsset(f.ctx, d2)
	byCID, err := f.query.AssetByCID(f.ctx, &types.QueryAssetByCIDRequest{Cid: a.Cid})
	require.NoError(t, err)
	require.Equal(t, d2, byCID.Asset.Id)
	_, err = f.query.AssetByCID(f.ctx, &types.QueryAssetByCIDRequest{Cid: f.nextCID()})
	require.ErrorIs(t, err, types.ErrAssetNotFound)
	_, err = f.query.AssetByCID(f.ctx, &types.QueryAssetByCIDRequest{Cid: cidV0})
	require.ErrorIs(t, err, types.ErrCIDv0)

	ids := func(as []types.Asset) (out []uint64) {
		for _, a := range as {
			out = append(out, a.Id)
		}
		return out
	}
	all, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{})
	require.NoError(t, err)
	require.Equal(t, []uint64{d1, d2, m}, ids(all.Assets))
	page, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Equal(t, []uint64{d1, d2}, ids(page.Assets))
	page, err = f.query.Assets(f.ctx, &types.QueryAssetsRequest{Pagination: &query.PageRequest{Key: page.Pagination.NextKey}})
	require.NoError(t, err)
	require.Equal(t, []uint64{m}, ids(page.Assets))

	datasets, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{Kind: types.AssetKind_ASSET_KIND_DATASET})
	require.NoError(t, err)
	require.Equal(t, []uint64{d1, d2}, ids(datasets.Assets))
	mine, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{Owner: f.addrs[0]})
	require.NoError(t, err)
	require.Equal(t, []uint64{d1, m}, ids(mine.Assets))
	myModels, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{Owner: f.addrs[0], Kind: types.AssetKind_ASSET_KIND_MODEL})
	require.NoError(t, err)
	require.Equal(t, []uint64{m}, ids(myModels.Assets))
	_, err = f.query.Assets(f.ctx, &types.QueryAssetsRequest{Owner: "bad"})
	require.ErrorIs(t, err, types.ErrInvalidAddress)

	contrib, err := f.query.AssetsByContributor(f.ctx, &types.QueryAssetsByContributorRequest{Address: f.addrs[1]})
	require.NoError(t, err)
	require.Equal(t, []uint64{d1, d2, m}, contrib.AssetIds)
	none, err := f.query.AssetsByContributor(f.ctx, &types.QueryAssetsByContributorRequest{Address: f.addrs[7]})
	require.NoError(t, err)
	require.Empty(t, none.AssetIds)

	children, err := f.query.Children(f.ctx, &types.QueryChildrenRequest{Id: d1})
	require.NoError(t, err)
	require.Equal(t, []uint64{m}, children.ChildIds)
	_, err = f.query.Children(f.ctx, &types.QueryChildrenRequest{Id: 99})
	require.ErrorIs(t, err, types.ErrAssetNotFound)
}

// buildChain registers n assets, each the child of the previous one.
func buildChain(t testing.TB, f *fixture, n int) []uint64 {
	ids := []uint64{f.register(t, f.dataset())}
	for len(ids) < n {
		m := f.model(ids[len(ids)-1])
		m.Policy.MinDerivativeShareBps = 0
		ids = append(ids, f.register(t, m))
	}
	return ids
}

func walkAll(t testing.TB, f *fixture, id uint64, maxDepth uint32, limit uint64) []types.Ancestor {
	var out []types.Ancestor
	var key []byte
	for {
		res, err := f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: id, MaxDepth: maxDepth, Pagination: &query.PageRequest{Key: key, Limit: limit}})
		require.NoError(t, err)
		out = append(out, res.Ancestors...)
		key = res.Pagination.NextKey
		if key == nil {
			return out
		}
		require.LessOrEqual(t, len(key), 32, "a chain's cursor holds one pending asset")
	}
}

func TestAncestorsDeepChain(t *testing.T) {
	f := newFixture(t)
	const depth = 10_000
	ids := buildChain(t, f, depth)
	tip := ids[len(ids)-1]

	all := walkAll(t, f, tip, 0, 1000)
	require.Len(t, all, depth-1)
	for i, a := range all {
		require.Equal(t, ids[len(ids)-2-i], a.Asset.Id)
		require.Equal(t, uint32(i+1), a.Distance)
	}
	limited := walkAll(t, f, tip, 25, 10)
	require.Len(t, limited, 25)
	require.Equal(t, uint32(25), limited[24].Distance)
}

func TestAncestorsDiamond(t *testing.T) {
	f := newFixture(t)
	// root <- a, root <- b, a <- c, b <- c, c <- d, root <- d
	root := f.register(t, f.dataset())
	a := f.register(t, f.model(root))
	b := f.register(t, f.model(root))
	c := f.register(t, f.model(a, b))
	d := f.register(t, f.model(c, root))

	got := walkAll(t, f, d, 0, 1)
	type pair struct {
		id   uint64
		dist uint32
	}
	var pairs []pair
	for _, x := range got {
		pairs = append(pairs, pair{x.Asset.Id, x.Distance})
	}
	require.Equal(t, []pair{{c, 1}, {b, 2}, {a, 2}, {root, 1}}, pairs, "each ancestor once, shortest distance, descending id")

	_, err := f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: d, Pagination: &query.PageRequest{Key: []byte{1, 2, 3}}})
	require.ErrorIs(t, err, types.ErrInvalidCursor)
	_, err = f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: d, Pagination: &query.PageRequest{Offset: 3}})
	require.ErrorIs(t, err, types.ErrUnsupportedPagination)
	_, err = f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: d, Pagination: &query.PageRequest{Limit: keeper.MaxAncestorsLimit + 1}})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	first, err := f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: d, Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	_, err = f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: c, Pagination: &query.PageRequest{Key: first.Pagination.NextKey}})
	require.ErrorIs(t, err, types.ErrInvalidCursor, "a cursor is bound to its query")
}

func TestLineage(t *testing.T) {
	f := newFixture(t)
	root := f.register(t, f.dataset())
	other := f.register(t, f.dataset())
	a := f.register(t, f.model(root, other))
	b := f.register(t, f.model(a))
	c := f.register(t, f.model(b))

	res, err := f.query.Lineage(f.ctx, &types.QueryLineageRequest{Id: a, Depth: 1})
	require.NoError(t, err)
	dist := map[uint64]int32{}
	for _, n := range res.Nodes {
		dist[n.Asset.Id] = n.Distance
	}
	require.Equal(t, map[uint64]int32{a: 0, root: 1, other: 1, b: -1}, dist)
	require.Equal(t, []types.LineageEdge{
		{ChildId: a, ParentId: root, WeightBps: 5000, Relation: types.Relation_RELATION_TRAINED_ON},
		{ChildId: a, ParentId: other, WeightBps: 5000, Relation: types.Relation_RELATION_TRAINED_ON},
		{ChildId: b, ParentId: a, WeightBps: 10000, Relation: types.Relation_RELATION_TRAINED_ON},
	}, res.Edges)
	require.False(t, res.Truncated)

	res, err = f.query.Lineage(f.ctx, &types.QueryLineageRequest{Id: a, Depth: 5})
	require.NoError(t, err)
	require.Len(t, res.Nodes, 5)
	require.Equal(t, int32(-2), res.Nodes[4].Distance)
	require.Equal(t, c, res.Nodes[4].Asset.Id)

	res, err = f.query.Lineage(f.ctx, &types.QueryLineageRequest{Id: a, Depth: 5, MaxNodes: 2})
	require.NoError(t, err)
	require.Len(t, res.Nodes, 2)
	require.True(t, res.Truncated)

	_, err = f.query.Lineage(f.ctx, &types.QueryLineageRequest{Id: a, Depth: keeper.MaxLineageDepth + 1})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}
