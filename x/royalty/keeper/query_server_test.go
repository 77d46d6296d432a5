package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

func TestAttributionOfWorkedExample(t *testing.T) {
	f := rtu.NewFixture()
	l := newLineage(f)
	resp, err := f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: l.tuned})
	require.NoError(t, err)
	require.Equal(t, "0.010000000000000000", resp.ProtocolFee.String())
	require.True(t, resp.Unattributed.IsZero())
	got := map[string]string{}
	sum := math.LegacyZeroDec()
	for _, e := range resp.Entries {
		got[e.Address] = e.Share.String()
		sum = sum.Add(e.Share)
	}
	// The same fractions as the micro-units of the worked example, per unit paid.
	require.Equal(t, map[string]string{
		f.Bech32("frank"): "0.792000000000000000",
		f.Bech32("erin"):  "0.138600000000000000",
		f.Bech32("alice"): "0.026730000000000000",
		f.Bech32("bob"):   "0.008910000000000000",
		f.Bech32("carol"): "0.011880000000000000",
		f.Bech32("dave"):  "0.011880000000000000",
	}, got)
	require.Equal(t, "0.990000000000000000", sum.String())
	require.Equal(t, l.tuned, resp.Entries[0].AssetId, "descending asset id")

	page, err := f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: l.tuned,
		Pagination: &query.PageRequest{Offset: 2, Limit: 3, CountTotal: true}})
	require.NoError(t, err)
	require.Equal(t, resp.Entries[2:5], page.Entries)
	require.Equal(t, uint64(6), page.Pagination.Total)

	_, err = f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: 99})
	require.ErrorIs(t, err, types.ErrUnknownAsset)
	_, err = f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: l.tuned, Pagination: &query.PageRequest{Key: []byte{1}}})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
}

func TestAttributionOfDiamondAndMerkleCrowd(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 10})
	crowd, _ := merkleAsset(t, f, "m1", "m2")
	a := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(crowd, 10_000)}, f.Member("a", 1))
	b := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(crowd, 10_000)}, f.Member("b", 1))
	m := f.AddAsset(3_000, []provtypes.ParentEdge{rtu.Parent(a, 5_000), rtu.Parent(b, 5_000)}, f.Member("m", 1))
	resp, err := f.Query.Attribution(f.Ctx, &types.QueryAttributionRequest{AssetId: m})
	require.NoError(t, err)
	require.Equal(t, []types.AttributionEntry{
		{AssetId: m, Address: f.Bech32("m"), Units: 1, Share: math.LegacyMustNewDecFromStr("0.7")},
		{AssetId: b, Address: f.Bech32("b"), Units: 1, Share: math.LegacyMustNewDecFromStr("0.075")},
		{AssetId: a, Address: f.Bech32("a"), Units: 1, Share: math.LegacyMustNewDecFromStr("0.075")},
		{AssetId: crowd, Units: 3, Share: math.LegacyMustNewDecFromStr("0.15")}, // 0.075 from each branch
	}, resp.Entries)
	require.True(t, resp.Unattributed.IsZero(), "every asset has contributors")
}

func TestRevenueReportAndQueueQueries(t *testing.T) {
	f := rtu.NewFixture()
	l := newLineage(f)
	f.Fund("user", 2_000)
	_, err := f.Pay("user", l.d1, 2_000)
	require.NoError(t, err)
	q, err := f.Query.SettlementQueue(f.Ctx, &types.QuerySettlementQueueRequest{})
	require.NoError(t, err)
	require.Len(t, q.Entries, 1)
	require.Equal(t, "1980utrib", q.Entries[0].Pending.String())
	r, err := f.Query.RevenueReport(f.Ctx, &types.QueryRevenueReportRequest{AssetId: l.d1})
	require.NoError(t, err)
	require.Equal(t, int64(1_980), r.Reports[0].PaidDirect.Int64())
	require.Equal(t, int64(1_980), r.Reports[0].Pending.Int64())
	_, err = f.Query.RevenueReport(f.Ctx, &types.QueryRevenueReportRequest{AssetId: 42})
	require.ErrorIs(t, err, types.ErrUnknownAsset)
	_, err = f.Query.Claimable(f.Ctx, &types.QueryClaimableRequest{Address: "x"})
	require.ErrorIs(t, err, types.ErrInvalidAddress)
}
