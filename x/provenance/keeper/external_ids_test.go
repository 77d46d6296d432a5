package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// claimants returns the asset ids the query lists for ext.
func (f *fixture) claimants(t *testing.T, ext string) []uint64 {
	t.Helper()
	res, err := f.queryClient().AssetsByExternalID(f.ctx, &types.QueryAssetsByExternalIDRequest{ExternalId: ext})
	require.NoError(t, err)
	ids := make([]uint64, 0, len(res.Claimants))
	for _, c := range res.Claimants {
		ids = append(ids, c.AssetId)
	}
	return ids
}

// TestExternalIDsAtRegistration: identifiers given at registration are
// stored canonical and indexed; a second asset may claim the same one (the
// chain cannot verify Hugging Face accounts) and the query lists both with
// owner and status.
func TestExternalIDsAtRegistration(t *testing.T) {
	f := newFixture(t)
	d := f.dataset()
	d.ExternalIds = []string{"HF-Datasets:AllenAI/C4", "doi:10.5281/zenodo.1"}
	id1 := f.register(t, d)
	a, err := f.k.GetAsset(f.ctx, id1)
	require.NoError(t, err)
	require.Equal(t, []string{"hf-datasets:allenai/c4", "doi:10.5281/zenodo.1"}, a.ExternalIds)

	squatter := f.dataset()
	squatter.Owner = f.addrs[3]
	squatter.ExternalIds = []string{"hf-datasets:allenai/c4"}
	id2 := f.register(t, squatter)

	res, err := f.queryClient().AssetsByExternalID(f.ctx, &types.QueryAssetsByExternalIDRequest{ExternalId: "hf-datasets:AllenAI/c4"})
	require.NoError(t, err)
	require.Equal(t, "hf-datasets:allenai/c4", res.ExternalId)
	require.Equal(t, []types.ExternalIDClaimant{
		{AssetId: id1, Owner: f.addrs[0], Status: types.AssetStatus_ASSET_STATUS_ACTIVE, Kind: types.AssetKind_ASSET_KIND_DATASET},
		{AssetId: id2, Owner: f.addrs[3], Status: types.AssetStatus_ASSET_STATUS_ACTIVE, Kind: types.AssetKind_ASSET_KIND_DATASET},
	}, res.Claimants)
	require.Equal(t, []uint64{id1}, f.claimants(t, "doi:10.5281/ZENODO.1"))
	require.Empty(t, f.claimants(t, "hf-datasets:allenai/c5"))
}

// TestRegisterRefusesBadExternalIDs: a registration with a bad identifier
// list fails before the first write (nothing stored, no fee taken).
func TestRegisterRefusesBadExternalIDs(t *testing.T) {
	for _, tc := range []struct {
		name string
		ids  []string
		err  error
	}{
		{"malformed", []string{"hf:org/a b"}, types.ErrInvalidExternalID},
		{"duplicate", []string{"hf:a/b", "HF:A/B"}, types.ErrDuplicateExternalID},
		{"too many", []string{"hf:a/1", "hf:a/2", "hf:a/3", "hf:a/4", "hf:a/5", "hf:a/6", "hf:a/7", "hf:a/8", "hf:a/9"}, types.ErrTooManyExternalIDs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			d := f.dataset()
			d.ExternalIds = tc.ids
			require.ErrorIs(t, d.ValidateBasic(), tc.err, "CheckTx refuses it before any fee")
			before := f.snapshot(t)
			_, err := f.msg.RegisterAsset(f.ctx, d)
			require.ErrorIs(t, err, tc.err)
			require.Equal(t, before, f.snapshot(t))
		})
	}
}

// TestSetExternalIDs: the owner replaces the identifiers and the index
// follows (old entries gone, new ones found); anyone else, or any change to
// a revoked asset, is refused without a write.
func TestSetExternalIDs(t *testing.T) {
	f := newFixture(t)
	d := f.dataset()
	d.ExternalIds = []string{"hf-datasets:org/old"}
	id := f.register(t, d)
	owner, other := f.addrs[0], f.addrs[4]

	for _, tc := range []struct {
		name   string
		signer string
		ids    []string
		err    error
	}{
		{"not the owner", other, []string{"hf-datasets:org/new"}, types.ErrNotOwner},
		{"bad id", owner, []string{"hf-datasets:org/new", "nope"}, types.ErrInvalidExternalID},
		{"duplicate", owner, []string{"doi:10.1234/A", "doi:10.1234/a"}, types.ErrDuplicateExternalID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			_, err := f.msg.SetExternalIDs(f.ctx, &types.MsgSetExternalIDs{Owner: tc.signer, AssetId: id, ExternalIds: tc.ids})
			require.ErrorIs(t, err, tc.err)
			require.Equal(t, before, f.snapshot(t))
		})
	}
	_, err := f.msg.SetExternalIDs(f.ctx, &types.MsgSetExternalIDs{Owner: owner, AssetId: 99, ExternalIds: nil})
	require.ErrorIs(t, err, types.ErrAssetNotFound)

	_, err = f.msg.SetExternalIDs(f.ctx, &types.MsgSetExternalIDs{Owner: owner, AssetId: id, ExternalIds: []string{"hf-datasets:Org/New", "https://Example.org/D"}})
	require.NoError(t, err)
	a, err := f.k.GetAsset(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, []string{"hf-datasets:org/new", "https://example.org/D"}, a.ExternalIds)
	require.Empty(t, f.claimants(t, "hf-datasets:org/old"), "the replaced identifier leaves the index")
	require.Equal(t, []uint64{id}, f.claimants(t, "hf-datasets:org/new"))
	require.Equal(t, []uint64{id}, f.claimants(t, "https://example.org/D"))
	require.Empty(t, f.claimants(t, "https://example.org/d"), "a URL path is case-sensitive")
	var set int
	for _, ev := range f.ctx.EventManager().Events() {
		if ev.Type == "tributary.provenance.v1.EventExternalIDsSet" {
			set++
		}
	}
	require.Equal(t, 1, set, "one event per change, none for the refusals")

	// Clearing removes every entry.
	_, err = f.msg.SetExternalIDs(f.ctx, &types.MsgSetExternalIDs{Owner: owner, AssetId: id})
	require.NoError(t, err)
	require.Empty(t, f.claimants(t, "hf-datasets:org/new"))

	// A retired asset may still be named; a revoked one is frozen.
	_, err = f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: owner, AssetId: id})
	require.NoError(t, err)
	_, err = f.msg.SetExternalIDs(f.ctx, &types.MsgSetExternalIDs{Owner: owner, AssetId: id, ExternalIds: []string{"hf-datasets:org/new"}})
	require.NoError(t, err)
	res, err := f.queryClient().AssetsByExternalID(f.ctx, &types.QueryAssetsByExternalIDRequest{ExternalId: "hf-datasets:org/new"})
	require.NoError(t, err)
	require.Equal(t, types.AssetStatus_ASSET_STATUS_RETIRED, res.Claimants[0].Status)
	_, err = f.msg.RevokeAsset(f.ctx, &types.MsgRevokeAsset{Authority: f.gov, AssetId: id, Reason: "false claim"})
	require.NoError(t, err)
	_, err = f.msg.SetExternalIDs(f.ctx, &types.MsgSetExternalIDs{Owner: owner, AssetId: id})
	require.ErrorIs(t, err, types.ErrAssetRevoked)
}

// TestAssetsByExternalIDPages: the query is paginated and capped, and refuses
// a malformed identifier instead of scanning.
func TestAssetsByExternalIDPages(t *testing.T) {
	f := newFixture(t)
	var want []uint64
	for range 5 {
		d := f.dataset()
		d.ExternalIds = []string{"hf:org/popular"}
		want = append(want, f.register(t, d))
	}
	q := f.queryClient()
	var got []uint64
	var key []byte
	for {
		res, err := q.AssetsByExternalID(f.ctx, &types.QueryAssetsByExternalIDRequest{
			ExternalId: "hf:org/popular", Pagination: &query.PageRequest{Key: key, Limit: 2},
		})
		require.NoError(t, err)
		require.LessOrEqual(t, len(res.Claimants), 2)
		for _, c := range res.Claimants {
			got = append(got, c.AssetId)
		}
		if key = res.Pagination.NextKey; key == nil {
			break
		}
	}
	require.Equal(t, want, got)

	_, err := q.AssetsByExternalID(f.ctx, &types.QueryAssetsByExternalIDRequest{ExternalId: "hf:org/popular", Pagination: &query.PageRequest{Limit: 1001}})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = q.AssetsByExternalID(f.ctx, &types.QueryAssetsByExternalIDRequest{ExternalId: "org/popular"})
	require.ErrorIs(t, err, types.ErrInvalidExternalID)
	_, err = f.query.AssetsByExternalID(f.ctx, nil)
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}

// TestExternalIDsGenesisRoundTrip: the index is not exported; import
// rebuilds it from the assets, and a non-canonical identifier in genesis is
// refused (it would be stored where the index cannot find it).
func TestExternalIDsGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	d := f.dataset()
	d.ExternalIds = []string{"hf-datasets:org/a"}
	id := f.register(t, d)
	gs, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)

	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *gs))
	require.Equal(t, []uint64{id}, g.claimants(t, "hf-datasets:org/a"))

	gs.Assets[0].ExternalIds = []string{"hf-datasets:Org/A"}
	require.ErrorIs(t, gs.Validate(f.ac), types.ErrInvalidExternalID)
}
