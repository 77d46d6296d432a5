package denoms

import (
	"context"
	"strings"

	"google.golang.org/grpc"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	"github.com/tributary-ai/tributary/client/txcli"
)

// IBCPrefix starts every ICS-20 voucher denom.
const IBCPrefix = transfertypes.DenomPrefix + "/"

// TraceQuerier is the part of ibc-go's transfer query service that says what a voucher stands for.
type TraceQuerier interface {
	Denom(ctx context.Context, in *transfertypes.QueryDenomRequest, opts ...grpc.CallOption) (*transfertypes.QueryDenomResponse, error)
}

// MetadataQuerier is the part of x/bank's query service that gives a denom's units.
type MetadataQuerier interface {
	DenomMetadata(ctx context.Context, in *banktypes.QueryDenomMetadataRequest, opts ...grpc.CallOption) (*banktypes.QueryDenomMetadataResponse, error)
}

// Info is what the chain says about one IBC voucher denom.
type Info struct {
	// Base is the voucher's base denom on its home chain ("uusdc"); empty when the chain knows no trace.
	Base string
	// Path is the channel path it arrived through ("transfer/channel-0"), empty with Base.
	Path string
	// Display and Exponent are the display unit of its bank metadata ("USDC", 6); Exponent 0 when there is none.
	Display  string
	Exponent uint32
}

// Namer looks denoms up once each and formats amounts in them.
type Namer struct {
	traces TraceQuerier
	meta   MetadataQuerier
	known  map[string]Info
}

// New is a Namer over the given query services.
func New(traces TraceQuerier, meta MetadataQuerier) *Namer {
	return &Namer{traces: traces, meta: meta, known: map[string]Info{}}
}

// FromClient is a Namer querying the node of a client context.
func FromClient(clientCtx client.Context) *Namer {
	return New(transfertypes.NewQueryClient(clientCtx), banktypes.NewQueryClient(clientCtx))
}

// Lookup returns what the chain says about an ibc/... denom. Other denoms, and a voucher the chain cannot
// explain (a failed query), have a zero Info: printing an amount must never fail because of a name.
func (n *Namer) Lookup(ctx context.Context, denom string) Info {
	if !strings.HasPrefix(denom, IBCPrefix) {
		return Info{}
	}
	if info, ok := n.known[denom]; ok {
		return info
	}
	var info Info
	if res, err := n.traces.Denom(ctx, &transfertypes.QueryDenomRequest{Hash: denom}); err == nil && res.Denom != nil {
		info.Base = res.Denom.Base
		if path := res.Denom.Path(); len(path) > len(res.Denom.Base) {
			info.Path = strings.TrimSuffix(path, "/"+res.Denom.Base)
		}
	}
	if res, err := n.meta.DenomMetadata(ctx, &banktypes.QueryDenomMetadataRequest{Denom: denom}); err == nil {
		for _, u := range res.Metadata.DenomUnits {
			if u.Denom == res.Metadata.Display && u.Exponent > 0 {
				info.Display, info.Exponent = u.Denom, u.Exponent
			}
		}
	}
	n.known[denom] = info
	return info
}

// Label is the trace of an ibc/... denom in words ("uusdc from transfer/channel-0"), or "".
func (n *Namer) Label(ctx context.Context, denom string) string {
	info := n.Lookup(ctx, denom)
	if info.Base == "" {
		return ""
	}
	if info.Path == "" {
		return info.Base
	}
	return info.Base + " from " + info.Path
}

// Amount writes an amount of denom as "1,500,000 utrib" and, for an IBC voucher, adds what it is:
// "1,500,000 ibc/27A6… (1.5 USDC; uusdc from transfer/channel-0)". The full hash is kept, so the text can be
// pasted back into a command.
func (n *Namer) Amount(ctx context.Context, amount math.Int, denom string) string {
	out := txcli.Grouped(amount.String()) + " " + denom
	var notes []string
	if info := n.Lookup(ctx, denom); info.Exponent > 0 {
		notes = append(notes, Decimal(amount, info.Exponent)+" "+info.Display)
	}
	if label := n.Label(ctx, denom); label != "" {
		notes = append(notes, label)
	}
	if len(notes) > 0 {
		out += " (" + strings.Join(notes, "; ") + ")"
	}
	return out
}

// Coins writes coins with Amount, comma separated; "nothing" when there are none.
func (n *Namer) Coins(ctx context.Context, coins sdk.Coins) string {
	if len(coins) == 0 {
		return "nothing"
	}
	parts := make([]string, len(coins))
	for i, c := range coins {
		parts[i] = n.Amount(ctx, c.Amount, c.Denom)
	}
	return strings.Join(parts, ", ")
}

// Decimal writes amount / 10^exponent exactly, grouped, without trailing zeros: (1500000, 6) -> "1.5".
func Decimal(amount math.Int, exponent uint32) string {
	digits := amount.Abs().String()
	sign := ""
	if amount.IsNegative() {
		sign = "-"
	}
	e := int(exponent)
	if len(digits) <= e {
		digits = strings.Repeat("0", e-len(digits)+1) + digits
	}
	whole, frac := digits[:len(digits)-e], strings.TrimRight(digits[len(digits)-e:], "0")
	if frac == "" {
		return sign + txcli.Grouped(whole)
	}
	return sign + txcli.Grouped(whole) + "." + frac
}
