package keeper_test

import (
	"fmt"
	"testing"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/royalty/keeper"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// settleAll runs EndBlock until the settlement queue is empty (at most 1,000 blocks).
func settleAll(t *testing.T, f *rtu.Fixture) {
	t.Helper()
	for range 1_000 {
		empty := true
		require.NoError(t, f.Keeper.Queue.Walk(f.Ctx, nil, func(uint64) (bool, error) {
			empty = false
			return true, nil
		}))
		if empty {
			return
		}
		require.NoError(t, f.Settle())
		f.Commit()
	}
	t.Fatal("the settlement queue did not empty in 1,000 blocks")
}

// claimEverything repeats a plain claim, as `tx royalty claim --all` does, until has_more is false, and returns
// what was paid and how many claims it took.
func claimEverything(t *testing.T, f *rtu.Fixture, name string) (paid int64, claims int, maxGas uint64) {
	t.Helper()
	var start uint64
	for claims = 1; ; claims++ {
		require.Less(t, claims, 1_000, "claims never stopped")
		ctx := f.Ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
		resp, err := f.Msg.Claim(ctx, &types.MsgClaim{Claimant: f.Bech32(name), StartAssetId: start})
		require.NoError(t, err)
		maxGas = max(maxGas, ctx.GasMeter().GasConsumed())
		paid += resp.Amount.AmountOf(rtu.Denom).Int64()
		if !resp.HasMore {
			require.Zero(t, resp.NextAssetId)
			return paid, claims, maxGas
		}
		require.Greater(t, resp.NextAssetId, start, "the cursor moves forward")
		start = resp.NextAssetId
	}
}

// TestPlainClaimReachesAssetsBeyondMaxClaimAssets is finding 7 of issue 10: a contributor of 150 assets (with
// max_claim_assets 100) never got the last 50 from a plain claim, because it looked at the first 100 ids whether
// or not anything accrued there. Here only the last 50 have accrued: the first plain claim pays them all.
func TestPlainClaimReachesAssetsBeyondMaxClaimAssets(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.MaxSettlementGasBudget, MaxClaimAssets: 100})
	ids := make([]uint64, 150)
	for i := range ids {
		ids[i] = f.AddAsset(0, nil, f.Member("many", 1))
	}
	f.Fund("user", 50*1_000)
	for _, id := range ids[100:] {
		_, err := f.Pay("user", id, 1_000)
		require.NoError(t, err)
	}
	settleAll(t, f)

	resp, err := f.Claim("many")
	require.NoError(t, err)
	require.Equal(t, int64(50_000), resp.Amount.AmountOf(rtu.Denom).Int64())
	require.Equal(t, ids[100:], resp.AssetIds)
	require.False(t, resp.HasMore)
	require.Equal(t, int64(50_000), f.Balance("many").Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	// With every asset accrued, the first claim pays 100 and says where to go on; the second pays the rest.
	f.Fund("user", 150*1_000)
	for _, id := range ids {
		_, err := f.Pay("user", id, 1_000)
		require.NoError(t, err)
	}
	settleAll(t, f)
	first, err := f.Claim("many")
	require.NoError(t, err)
	require.Len(t, first.AssetIds, 100)
	require.True(t, first.HasMore)
	require.Equal(t, ids[100], first.NextAssetId)
	second, err := f.Msg.Claim(f.Ctx, &types.MsgClaim{Claimant: f.Bech32("many"), StartAssetId: first.NextAssetId})
	require.NoError(t, err)
	require.Equal(t, ids[100:], second.AssetIds)
	require.False(t, second.HasMore)
	require.Equal(t, int64(200_000), f.Balance("many").Int64())
	_, err = f.Claim("many")
	require.ErrorIs(t, err, types.ErrNothingToClaim)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// TestTenThousandAssetsArePaidWithoutIDs: a contributor of 10,000 assets, a tenth of them paid (scattered, the
// last one included), is paid every micro-unit by repeating a plain claim; each claim's gas stays bounded.
func TestTenThousandAssetsArePaidWithoutIDs(t *testing.T) {
	if testing.Short() {
		t.Skip("registers 10,000 assets")
	}
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.MaxSettlementGasBudget, MaxClaimAssets: 100})
	const n = 10_000
	ids := make([]uint64, n)
	for i := range ids {
		ids[i] = f.AddAsset(0, nil, f.Member("prolific", 1), f.Member(fmt.Sprintf("other-%d", i%7), 1))
		if i%100 == 0 {
			f.Commit()
		}
	}
	f.Fund("user", n)
	var want int64
	for i := 9; i < n; i += 10 {
		_, err := f.Pay("user", ids[i], 10)
		require.NoError(t, err)
		want += 5 // half of each payment: two contributors of one unit each
	}
	settleAll(t, f)
	f.Commit()

	paid, claims, maxGas := claimEverything(t, f, "prolific")
	require.Equal(t, want, paid)
	require.Equal(t, want, f.Balance("prolific").Int64())
	// 10,000 assets, 1,000 looked at per claim (10 x max_claim_assets), 100 paying per claim: 10 claims.
	require.Equal(t, 10, claims)
	require.Less(t, maxGas, uint64(20_000_000), "one claim's gas must stay a fraction of the 100M block")
	t.Logf("10,000 assets paid in %d claims; the costliest used %d gas", claims, maxGas)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// TestClaimablePagesEveryAsset: the Claimable query totals every asset page by page, refuses pages above the cap,
// and its pages add up to what the claims pay.
func TestClaimablePagesEveryAsset(t *testing.T) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.MaxSettlementGasBudget, MaxClaimAssets: 10})
	f.Fund("user", 25*100)
	for i := range 25 {
		id := f.AddAsset(0, nil, f.Member("c", 1))
		if i%2 == 0 {
			_, err := f.Pay("user", id, 100)
			require.NoError(t, err)
		}
	}
	settleAll(t, f)
	var total int64
	var pages int
	var key []byte
	for {
		pages++
		resp, err := f.Query.Claimable(f.Ctx, &types.QueryClaimableRequest{Address: f.Bech32("c"), Pagination: &query.PageRequest{Key: key, Limit: 4}})
		require.NoError(t, err)
		require.LessOrEqual(t, len(resp.Entries), 4)
		total += resp.Total.AmountOf(rtu.Denom).Int64()
		if key = resp.Pagination.NextKey; key == nil {
			break
		}
	}
	require.Equal(t, int64(13*100), total)
	require.Equal(t, 7, pages)
	all, err := f.Query.Claimable(f.Ctx, &types.QueryClaimableRequest{Address: f.Bech32("c")})
	require.NoError(t, err)
	require.Equal(t, total, all.Total.AmountOf(rtu.Denom).Int64(), "the default page holds all 25")

	for _, p := range []*query.PageRequest{{Limit: keeper.MaxClaimablePage + 1}, {Offset: 1}, {Key: []byte{1}}, {Reverse: true}} {
		_, err := f.Query.Claimable(f.Ctx, &types.QueryClaimableRequest{Address: f.Bech32("c"), Pagination: p})
		require.ErrorIs(t, err, types.ErrInvalidRequest, "page %+v", p)
	}
	paid, _, _ := claimEverything(t, f, "c")
	require.Equal(t, total, paid)
}
