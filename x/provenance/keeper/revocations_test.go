package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// revocationIndex returns the whole revocation index, in its order.
func (f *fixture) revocationIndex(t *testing.T) []types.Revocation {
	t.Helper()
	res, err := f.query.Revocations(f.ctx, &types.QueryRevocationsRequest{Pagination: &query.PageRequest{Limit: keeper.MaxRevocationsLimit}})
	require.NoError(t, err)
	require.Empty(t, res.Pagination.NextKey)
	return res.Revocations
}

// TestRevocationIndexWrittenByBothPaths: governance's revocation and an upheld dispute's each write
// one entry at their block's height; every refused revocation (wrong authority, already revoked
// by either path, unknown asset) writes nothing at all.
func TestRevocationIndexWrittenByBothPaths(t *testing.T) {
	f := newFixture(t)
	a := f.register(t, f.dataset())
	b := f.register(t, f.dataset())
	c := f.register(t, f.dataset())
	require.Empty(t, f.revocationIndex(t))

	f.ctx = f.ctx.WithBlockHeight(10)
	_, err := f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: b, Reason: "infringing"})
	require.NoError(t, err)
	f.ctx = f.ctx.WithBlockHeight(12)
	require.NoError(t, f.k.RevokeByDispute(f.ctx, a, 5, "plagiarised"))
	want := []types.Revocation{{AssetId: b, Height: 10}, {AssetId: a, Height: 12}}
	require.Equal(t, want, f.revocationIndex(t))

	f.ctx = f.ctx.WithBlockHeight(13)
	before := f.snapshot(t)
	_, err = f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.addrs[0], AssetId: c, Reason: "mine"})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: b, Reason: "again"})
	require.ErrorIs(t, err, types.ErrAssetRevoked)
	_, err = f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: a, Reason: "after the dispute"})
	require.ErrorIs(t, err, types.ErrAssetRevoked)
	require.ErrorIs(t, f.k.RevokeByDispute(f.ctx, b, 6, "again"), types.ErrAssetRevoked)
	require.ErrorIs(t, f.k.RevokeByDispute(f.ctx, 99, 7, "unknown"), types.ErrAssetNotFound)
	require.Equal(t, before, f.snapshot(t), "a refused revocation changed the store")
	require.Equal(t, want, f.revocationIndex(t))
}

// TestRevocationsQuery: pages in ascending (height, asset id) from from_height, resumed by
// next_key inside a height; the default page is 100 and the cap 1000; offsets, totals, reverse
// order, negative heights and keys that are not revocation keys, or lie before from_height, are
// refused.
func TestRevocationsQuery(t *testing.T) {
	f := newFixture(t)
	// 150 entries straight into the index: heights 1..50, three assets each (ids 3h..3h+2).
	var all []types.Revocation
	for h := int64(1); h <= 50; h++ {
		for i := range uint64(3) {
			id := uint64(3*h) + i
			require.NoError(t, f.k.Revocations.Set(f.ctx, collections.Join(h, id)))
			all = append(all, types.Revocation{AssetId: id, Height: h})
		}
	}
	q := f.queryClient()

	res, err := q.Revocations(f.ctx, &types.QueryRevocationsRequest{})
	require.NoError(t, err)
	require.Equal(t, all[:keeper.DefaultRevocationsLimit], res.Revocations)
	require.NotEmpty(t, res.Pagination.NextKey)

	// from_height 20, pages of 2: the page boundaries fall inside heights.
	var got []types.Revocation
	var key []byte
	for range 100 {
		res, err := q.Revocations(f.ctx, &types.QueryRevocationsRequest{FromHeight: 20, Pagination: &query.PageRequest{Key: key, Limit: 2}})
		require.NoError(t, err)
		require.LessOrEqual(t, len(res.Revocations), 2)
		got = append(got, res.Revocations...)
		key = res.Pagination.NextKey
		if len(key) == 0 {
			break
		}
	}
	require.Equal(t, all[3*19:], got)

	// A client resumes at any (height, asset id) with RevocationPageKey.
	res, err = q.Revocations(f.ctx, &types.QueryRevocationsRequest{FromHeight: 7, Pagination: &query.PageRequest{Key: types.RevocationPageKey(7, 22), Limit: 3}})
	require.NoError(t, err)
	require.Equal(t, []types.Revocation{{AssetId: 22, Height: 7}, {AssetId: 23, Height: 7}, {AssetId: 24, Height: 8}}, res.Revocations)

	res, err = q.Revocations(f.ctx, &types.QueryRevocationsRequest{FromHeight: 51})
	require.NoError(t, err)
	require.Empty(t, res.Revocations)
	require.Empty(t, res.Pagination.NextKey)

	res, err = q.Revocations(f.ctx, &types.QueryRevocationsRequest{Pagination: &query.PageRequest{Limit: keeper.MaxRevocationsLimit}})
	require.NoError(t, err)
	require.Equal(t, all, res.Revocations)

	for _, tc := range []struct {
		name string
		req  *types.QueryRevocationsRequest
		want error
	}{
		{"limit above the cap", &types.QueryRevocationsRequest{Pagination: &query.PageRequest{Limit: keeper.MaxRevocationsLimit + 1}}, types.ErrInvalidRequest},
		{"offset", &types.QueryRevocationsRequest{Pagination: &query.PageRequest{Offset: 10}}, types.ErrUnsupportedPagination},
		{"count_total", &types.QueryRevocationsRequest{Pagination: &query.PageRequest{CountTotal: true}}, types.ErrUnsupportedPagination},
		{"reverse", &types.QueryRevocationsRequest{Pagination: &query.PageRequest{Reverse: true}}, types.ErrUnsupportedPagination},
		{"negative height", &types.QueryRevocationsRequest{FromHeight: -1}, types.ErrInvalidRequest},
		{"key before from_height", &types.QueryRevocationsRequest{FromHeight: 9, Pagination: &query.PageRequest{Key: types.RevocationPageKey(8, 0)}}, types.ErrInvalidRequest},
		{"malformed key", &types.QueryRevocationsRequest{Pagination: &query.PageRequest{Key: []byte{1, 2, 3}}}, types.ErrInvalidRequest},
		{"key with trailing bytes", &types.QueryRevocationsRequest{Pagination: &query.PageRequest{Key: append(types.RevocationPageKey(8, 0), 0)}}, types.ErrInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.query.Revocations(f.ctx, tc.req)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// revokedGenesis is an exported genesis with four assets: 2 revoked by governance at height 10, 1
// by a dispute at 12, 3 and 4 active.
func revokedGenesis(t *testing.T) (*fixture, *types.GenesisState) {
	t.Helper()
	f := newFixture(t)
	for range 4 {
		f.register(t, f.dataset())
	}
	f.ctx = f.ctx.WithBlockHeight(10)
	_, err := f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: 2, Reason: "infringing"})
	require.NoError(t, err)
	f.ctx = f.ctx.WithBlockHeight(12)
	require.NoError(t, f.k.RevokeByDispute(f.ctx, 1, 5, "plagiarised"))
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	return f, gs
}

// TestGenesisRevocations: the index is exported and imported unchanged (assets do not record
// their revocation height, so it cannot be rebuilt), and validated against the assets.
func TestGenesisRevocations(t *testing.T) {
	f, exported := revokedGenesis(t)
	require.Equal(t, []types.Revocation{{AssetId: 2, Height: 10}, {AssetId: 1, Height: 12}}, exported.Revocations)
	require.NoError(t, exported.Validate(f.ac))
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *exported))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	require.Equal(t, exported.Revocations, g.revocationIndex(t))

	for _, tc := range []struct {
		name string
		mut  func(gs *types.GenesisState)
	}{
		{"revoked asset without entry", func(gs *types.GenesisState) { gs.Revocations = gs.Revocations[:1] }},
		{"no index at all", func(gs *types.GenesisState) { gs.Revocations = nil }},
		{"entry for an active asset", func(gs *types.GenesisState) {
			gs.Revocations = append(gs.Revocations, types.Revocation{AssetId: 3, Height: 13})
		}},
		{"entry for a missing asset", func(gs *types.GenesisState) {
			gs.Revocations = append(gs.Revocations, types.Revocation{AssetId: 9, Height: 13})
		}},
		{"two entries for one asset", func(gs *types.GenesisState) {
			gs.Revocations = append(gs.Revocations, types.Revocation{AssetId: 2, Height: 13})
		}},
		{"duplicate entry", func(gs *types.GenesisState) { gs.Revocations = append(gs.Revocations, gs.Revocations[1]) }},
		{"not ascending", func(gs *types.GenesisState) {
			gs.Revocations[0], gs.Revocations[1] = gs.Revocations[1], gs.Revocations[0]
		}},
		{"before registration", func(gs *types.GenesisState) { gs.Revocations[0].Height = 6 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bz, err := exported.Marshal()
			require.NoError(t, err)
			var gs types.GenesisState
			require.NoError(t, gs.Unmarshal(bz))
			tc.mut(&gs)
			require.ErrorIs(t, gs.Validate(f.ac), types.ErrInvalidGenesis)
			g := newFixture(t)
			require.ErrorIs(t, g.k.InitGenesis(g.ctx, gs), types.ErrInvalidGenesis)
		})
	}
}

// TestMigrate2to3IndexesRevokedAssets: assets revoked before the index existed (their entries
// removed here, as a version-2 store has none) get one at the upgrade height; active assets get
// none, and running it again adds nothing.
func TestMigrate2to3IndexesRevokedAssets(t *testing.T) {
	f, _ := revokedGenesis(t)
	for _, key := range []collections.Pair[int64, uint64]{collections.Join(int64(10), uint64(2)), collections.Join(int64(12), uint64(1))} {
		require.NoError(t, f.k.Revocations.Remove(f.ctx, key))
	}
	require.Empty(t, f.revocationIndex(t))
	f.ctx = f.ctx.WithBlockHeight(500)
	require.NoError(t, keeper.NewMigrator(f.k).Migrate2to3(f.ctx))
	want := []types.Revocation{{AssetId: 1, Height: 500}, {AssetId: 2, Height: 500}}
	require.Equal(t, want, f.revocationIndex(t))
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate(f.ac))

	f.ctx = f.ctx.WithBlockHeight(501)
	require.NoError(t, f.k.IndexRevokedAssets(f.ctx))
	require.Equal(t, want, f.revocationIndex(t))
}
