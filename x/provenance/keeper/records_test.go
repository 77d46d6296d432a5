package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// registrationGas registers msg on a fresh gas meter with the SDK's default
// KV gas costs and returns the gas it used.
func registrationGas(t *testing.T, f *fixture, msg *types.MsgRegisterAsset) uint64 {
	t.Helper()
	ctx := f.ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).WithKVGasConfig(storetypes.KVGasConfig())
	_, err := f.msg.RegisterAsset(ctx, msg)
	require.NoError(t, err)
	return ctx.GasMeter().GasConsumed()
}

// TestRegistrationGasIgnoresParentCrowds: a child's registration reads its
// parents' compact records, so citing parents with 4,096 contributors each
// costs the same gas as citing parents with one (before compact records, 64
// parents cost 327,893 gas with 1-contributor parents and 2,923,157 with
// 256-contributor ones).
func TestRegistrationGasIgnoresParentCrowds(t *testing.T) {
	const parents = 8
	gasWith := func(crowd int) uint64 {
		f := newFixture(t)
		p := types.DefaultParams()
		p.MaxContributors = types.MaxMaxContributors
		require.NoError(t, f.k.Params.Set(f.ctx, p))
		list := make([]types.Contributor, crowd)
		for i := range list {
			addr, err := f.ac.BytesToString(sdk.AccAddress([]byte{byte(i >> 8), byte(i), 'c', 'r', 'o', 'w', 'd', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
			require.NoError(t, err)
			list[i] = types.Contributor{Address: addr, Units: 1}
		}
		ids := make([]uint64, parents)
		for i := range ids {
			d := f.dataset()
			d.Contributors = types.NewContributorList(list...)
			ids[i] = f.register(t, d)
		}
		m := f.model(ids...)
		m.Policy.UpstreamShareBps = types.BasisPoints
		return registrationGas(t, f, m)
	}
	small, crowded := gasWith(1), gasWith(4096)
	t.Logf("registration citing %d parents: %d gas with 1-contributor parents, %d with 4096-contributor parents", parents, small, crowded)
	// The records differ only in the varint of total_units (1 vs 4096: one byte more each).
	require.InDelta(t, float64(small), float64(crowded), float64(small)/100)
}

// TestRecordFollowsAsset: every change of an asset is mirrored in its compact
// record, which carries no contributor list.
func TestRecordFollowsAsset(t *testing.T) {
	f := newFixture(t)
	parent := f.register(t, f.dataset())
	m := f.model(parent)
	id := f.register(t, m)
	check := func() {
		a, err := f.k.GetAsset(f.ctx, id)
		require.NoError(t, err)
		r, err := f.k.GetAssetRecord(f.ctx, id)
		require.NoError(t, err)
		require.Equal(t, a.Record(), r)
		require.Equal(t, uint64(4), r.TotalUnits)
	}
	check()
	_, err := f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: f.addrs[0], AssetId: id, NewOwner: f.addrs[3]})
	require.NoError(t, err)
	_, err = f.msg.AcceptOwnership(f.ctx, &types.MsgAcceptOwnership{NewOwner: f.addrs[3], AssetId: id})
	require.NoError(t, err)
	check()
	_, err = f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: f.addrs[3], AssetId: id})
	require.NoError(t, err)
	check()
	r, err := f.k.GetAssetRecord(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.AssetStatus_ASSET_STATUS_RETIRED, r.Status)
	require.Equal(t, f.addrs[3], r.Owner)
	_, err = f.k.GetAssetRecord(f.ctx, 99)
	require.ErrorIs(t, err, types.ErrAssetNotFound)
}

// TestTransferToBlockedAddressRefused: an asset cannot be handed to a module
// account, which could never accept it.
func TestTransferToBlockedAddressRefused(t *testing.T) {
	f := newFixture(t)
	id := f.register(t, f.dataset())
	for _, to := range []string{f.blockedAddr, f.gov} {
		before := f.snapshot(t)
		_, err := f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: f.addrs[0], AssetId: id, NewOwner: to})
		require.ErrorIs(t, err, types.ErrBlockedAddress)
		require.Equal(t, before, f.snapshot(t))
	}
}

// TestGraphQueriesIgnoreCrowds: Lineage and Ancestors read compact records, so
// their gas is the same whether the assets in the graph have 1 contributor or
// 4,096 (Lineage used to decode every node's contributor list).
func TestGraphQueriesIgnoreCrowds(t *testing.T) {
	gasWith := func(crowd int) (lineage, ancestors uint64) {
		f := newFixture(t)
		p := types.DefaultParams()
		p.MaxContributors = types.MaxMaxContributors
		require.NoError(t, f.k.Params.Set(f.ctx, p))
		list := make([]types.Contributor, crowd)
		for i := range list {
			addr, err := f.ac.BytesToString(sdk.AccAddress([]byte{byte(i >> 8), byte(i), 'g', 'r', 'a', 'p', 'h', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
			require.NoError(t, err)
			list[i] = types.Contributor{Address: addr, Units: 1}
		}
		var ids []uint64
		for range 4 {
			d := f.dataset()
			d.Contributors = types.NewContributorList(list...)
			ids = append(ids, f.register(t, d))
		}
		m := f.model(ids...)
		m.Policy.UpstreamShareBps = types.BasisPoints
		top := f.register(t, m)
		metered := func() sdk.Context {
			return f.ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).WithKVGasConfig(storetypes.KVGasConfig())
		}
		ctx := metered()
		res, err := f.query.Lineage(ctx, &types.QueryLineageRequest{Id: top})
		require.NoError(t, err)
		require.Len(t, res.Nodes, 5)
		lineage = ctx.GasMeter().GasConsumed()
		ctx = metered()
		anc, err := f.query.Ancestors(ctx, &types.QueryAncestorsRequest{Id: top})
		require.NoError(t, err)
		require.Len(t, anc.Ancestors, 4)
		return lineage, ctx.GasMeter().GasConsumed()
	}
	l1, a1 := gasWith(1)
	l4096, a4096 := gasWith(4096)
	t.Logf("lineage gas %d vs %d, ancestors gas %d vs %d (1 vs 4096 contributors)", l1, l4096, a1, a4096)
	require.InDelta(t, float64(l1), float64(l4096), float64(l1)/50)
	require.InDelta(t, float64(a1), float64(a4096), float64(a1)/50)
}
