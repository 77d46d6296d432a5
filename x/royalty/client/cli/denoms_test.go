package cli

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	"github.com/tributary-ai/tributary/client/denoms"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// oneVoucher is a node that knows one voucher's trace and no bank metadata.
type oneVoucher struct{ denom transfertypes.Denom }

func (v oneVoucher) Denom(_ context.Context, in *transfertypes.QueryDenomRequest, _ ...grpc.CallOption) (*transfertypes.QueryDenomResponse, error) {
	if in.Hash != v.denom.IBCDenom() {
		return nil, errors.New("denomination not found")
	}
	return &transfertypes.QueryDenomResponse{Denom: &v.denom}, nil
}

func (oneVoucher) DenomMetadata(context.Context, *banktypes.QueryDenomMetadataRequest, ...grpc.CallOption) (*banktypes.QueryDenomMetadataResponse, error) {
	return nil, errors.New("client metadata for denom not found")
}

func usdcNamer() (*denoms.Namer, string) {
	v := oneVoucher{transfertypes.NewDenom("uusdc", transfertypes.NewHop("transfer", "channel-0"))}
	return denoms.New(v, v), v.denom.IBCDenom()
}

// claimable groups by denom: each denom's total once (a voucher with its trace), then each asset's part of it;
// an asset without a denom is not listed under it.
func TestWriteClaimableGroupsByDenom(t *testing.T) {
	names, usdc := usdcNamer()
	res := &types.QueryClaimableResponse{
		Entries: []types.ClaimableEntry{
			{AssetId: 1, Amount: sdk.NewCoins(sdk.NewInt64Coin("utrib", 1_000), sdk.NewInt64Coin(usdc, 5_000))},
			{AssetId: 3, Amount: sdk.NewCoins(sdk.NewInt64Coin("utrib", 234))},
		},
		Total: sdk.NewCoins(sdk.NewInt64Coin("utrib", 1_234), sdk.NewInt64Coin(usdc, 5_000)),
	}
	var out bytes.Buffer
	require.NoError(t, writeClaimable(context.Background(), &out, names, res, "trib1bob", "bob"))
	want := strings.Join([]string{
		"5,000 " + usdc + " (uusdc from transfer/channel-0), from",
		"  asset #1: 5,000",
		"1,234 utrib, from",
		"  asset #1: 1,000",
		"  asset #3: 234",
		"claim it with `tributaryd tx royalty claim --from bob`",
		"",
	}, "\n")
	require.Equal(t, want, out.String())

	out.Reset()
	require.NoError(t, writeClaimable(context.Background(), &out, names, &types.QueryClaimableResponse{}, "trib1bob", "bob"))
	require.Contains(t, out.String(), "trib1bob has nothing to claim now")
}

// Pay and claim outputs read amounts from events (a JSON coin or coin list) and name vouchers; anything else
// is printed as it came.
func TestEventCoins(t *testing.T) {
	names, usdc := usdcNamer()
	for _, tc := range []struct{ value, want string }{
		{`{"denom":"utrib","amount":"1000000"}`, "1,000,000 utrib"},
		{`{"denom":"` + usdc + `","amount":"25"}`, "25 " + usdc + " (uusdc from transfer/channel-0)"},
		{`[{"denom":"utrib","amount":"7"},{"denom":"` + usdc + `","amount":"3"}]`, "7 utrib, 3 " + usdc + " (uusdc from transfer/channel-0)"},
		{`[]`, "nothing"},
		{`not json`, "not json"},
		{`{"denom":"utrib","amount":"x"}`, `{"denom":"utrib","amount":"x"}`},
	} {
		require.Equal(t, tc.want, eventCoins(context.Background(), names, tc.value), tc.value)
	}
}

// revenue prints each denom's accounts under a header naming the denom, a voucher with its trace.
func TestWriteRevenue(t *testing.T) {
	names, usdc := usdcNamer()
	report := func(denom string, paid int64) types.RevenueReport {
		return types.RevenueReport{Denom: denom, PaidDirect: math.NewInt(paid), ReceivedUpstream: math.ZeroInt(),
			SentUpstream: math.NewInt(paid / 5), ToContributors: math.NewInt(paid - paid/5), Claimed: math.ZeroInt(),
			Pending: math.NewInt(1_234_567), Unattributed: math.ZeroInt()}
	}
	var out bytes.Buffer
	res := &types.QueryRevenueReportResponse{Reports: []types.RevenueReport{report(usdc, 990_000), report("utrib", 10)},
		PathWork: 6, SettlementThreshold: math.NewInt(60)}
	res.Reports[1].Pending = math.NewInt(59)
	require.NoError(t, writeRevenue(context.Background(), &out, names, 7, res))
	text := out.String()
	require.Contains(t, text, "  pending settlement:            59\n  unattributed (community pool): 0\n  settles from:                  60 (the pending amount waits until it reaches this)\n",
		"59 of utrib wait below the threshold")
	require.Equal(t, 1, strings.Count(text, "settles from:"), "1,234,567 pending is above the threshold: queued, not waiting")
	require.Contains(t, text, "settlement threshold: 60 base units of a denom (path work 6 x min_pending_per_work_unit)\n")
	require.Contains(t, text, "asset #7 in "+usdc+" (uusdc from transfer/channel-0):\n  paid directly:                 990,000\n")
	require.Contains(t, text, "asset #7 in utrib:\n  paid directly:                 10\n")
	require.Contains(t, text, "  sent upstream:                 198,000\n")
	require.Contains(t, text, "  pending settlement:            1,234,567\n")
	require.Less(t, strings.Index(text, usdc), strings.Index(text, "utrib"), "denoms in the answer's order")

	out.Reset()
	require.NoError(t, writeRevenue(context.Background(), &out, names, 7, &types.QueryRevenueReportResponse{}))
	require.Equal(t, "asset #7 has no revenue yet\n", out.String())
}
