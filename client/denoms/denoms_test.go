package denoms_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	"github.com/tributary-ai/tributary/client/denoms"
)

// chain answers the two queries from maps, as a node would, and counts them.
type chain struct {
	traces  map[string]transfertypes.Denom
	meta    map[string]banktypes.Metadata
	queries int
}

func (c *chain) Denom(_ context.Context, in *transfertypes.QueryDenomRequest, _ ...grpc.CallOption) (*transfertypes.QueryDenomResponse, error) {
	c.queries++
	d, ok := c.traces[in.Hash]
	if !ok {
		return nil, errors.New("denomination not found")
	}
	return &transfertypes.QueryDenomResponse{Denom: &d}, nil
}

func (c *chain) DenomMetadata(_ context.Context, in *banktypes.QueryDenomMetadataRequest, _ ...grpc.CallOption) (*banktypes.QueryDenomMetadataResponse, error) {
	c.queries++
	m, ok := c.meta[in.Denom]
	if !ok {
		return nil, errors.New("client metadata for denom not found")
	}
	return &banktypes.QueryDenomMetadataResponse{Metadata: m}, nil
}

// newChain knows USDC over channel-0 with a 6-decimal display unit (what a governance-set display adds to
// ibc-go's metadata), ATOM over two hops with ibc-go's own metadata only (exponent 0), and metadata for utrib.
func newChain() (*chain, string, string) {
	usdc := transfertypes.NewDenom("uusdc", transfertypes.NewHop("transfer", "channel-0"))
	atom := transfertypes.NewDenom("uatom", transfertypes.NewHop("transfer", "channel-3"), transfertypes.NewHop("transfer", "channel-141"))
	return &chain{
		traces: map[string]transfertypes.Denom{usdc.IBCDenom(): usdc, atom.IBCDenom(): atom},
		meta: map[string]banktypes.Metadata{
			usdc.IBCDenom(): {Base: usdc.IBCDenom(), Display: "USDC", DenomUnits: []*banktypes.DenomUnit{
				{Denom: usdc.IBCDenom()}, {Denom: "USDC", Exponent: 6},
			}},
			atom.IBCDenom(): {Base: atom.IBCDenom(), Display: atom.Path(), DenomUnits: []*banktypes.DenomUnit{{Denom: "uatom"}}},
			"utrib":         {Base: "utrib", Display: "trib", DenomUnits: []*banktypes.DenomUnit{{Denom: "utrib"}, {Denom: "trib", Exponent: 6}}},
		},
	}, usdc.IBCDenom(), atom.IBCDenom()
}

func TestAmount(t *testing.T) {
	c, usdc, atom := newChain()
	unknown := "ibc/" + "00000000000000000000000000000000000000000000000000000000000000AA"
	n := denoms.New(c, c)
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		amount int64
		denom  string
		want   string
	}{
		// Native denoms print as before, even with metadata: only vouchers need explaining.
		{"native", 1_500_000, "utrib", "1,500,000 utrib"},
		{"voucher with a display unit", 1_500_000, usdc, "1,500,000 " + usdc + " (1.5 USDC; uusdc from transfer/channel-0)"},
		{"below one display unit", 7, usdc, "7 " + usdc + " (0.000007 USDC; uusdc from transfer/channel-0)"},
		{"whole display units", 2_000_000_000, usdc, "2,000,000,000 " + usdc + " (2,000 USDC; uusdc from transfer/channel-0)"},
		{"two hops, ibc-go's metadata only", 42, atom, "42 " + atom + " (uatom from transfer/channel-3/transfer/channel-141)"},
		{"a voucher the chain cannot explain", 42, unknown, "42 " + unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, n.Amount(ctx, math.NewInt(tc.amount), tc.denom))
		})
	}
}

func TestLookupAsksOncePerDenom(t *testing.T) {
	c, usdc, _ := newChain()
	n := denoms.New(c, c)
	coins := sdk.NewCoins(sdk.NewInt64Coin(usdc, 5), sdk.NewInt64Coin("utrib", 3))
	first := n.Coins(context.Background(), coins)
	require.Equal(t, 2, c.queries, "one trace and one metadata query for the voucher, none for utrib")
	require.Equal(t, first, n.Coins(context.Background(), coins))
	require.Equal(t, 2, c.queries, "the second print is answered from the cache")
	require.Equal(t, "nothing", n.Coins(context.Background(), nil))
}

func TestDecimal(t *testing.T) {
	for _, tc := range []struct {
		amount   string
		exponent uint32
		want     string
	}{
		{"1500000", 6, "1.5"},
		{"1000000", 6, "1"},
		{"1", 6, "0.000001"},
		{"0", 6, "0"},
		{"123456789012345678901234567890", 18, "123,456,789,012.34567890123456789"},
		{"-2500", 3, "-2.5"},
		{"12", 0, "12"},
	} {
		amount, ok := math.NewIntFromString(tc.amount)
		require.True(t, ok)
		require.Equal(t, tc.want, denoms.Decimal(amount, tc.exponent), "%s / 10^%d", tc.amount, tc.exponent)
	}
}
