package keeper

import (
	"context"
	"math/big"

	"cosmossdk.io/math"

	"github.com/hashicorp/go-metrics"

	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Metric names of x/royalty, served with the node's other application metrics on the REST server's
// /metrics?format=prometheus when [telemetry] is enabled (docs/operators.md, "Metrics"). Keys are joined
// with "_": tributary_royalty_payments. Every royalty metric name is a constant here, so that names
// cannot clash.
var (
	// MetricPayments counts payments executed, labelled denom.
	MetricPayments = []string{"tributary", "royalty", "payments"}
	// MetricPaid sums the amounts paid (before the protocol fee), labelled denom.
	MetricPaid = []string{"tributary", "royalty", "paid"}
	// MetricClaims counts claims that paid out (MsgClaim and MsgClaimMerkle).
	MetricClaims = []string{"tributary", "royalty", "claims"}
	// MetricClaimed sums the amounts claimed, labelled denom.
	MetricClaimed = []string{"tributary", "royalty", "claimed"}
	// MetricMerkleProofs counts Merkle memberships proven.
	MetricMerkleProofs = []string{"tributary", "royalty", "merkle_memberships_proven"}
)

// Metrics describe what this node executed since it started: only block execution counts (not CheckTx
// or gas simulation, which run handlers too). Amounts go through go-metrics as float32, exact for each
// increment below 2^24 base units; dashboards read them, the chain's queries stay the record.
func executing(ctx context.Context) bool {
	return sdk.UnwrapSDKContext(ctx).ExecMode() == sdk.ExecModeFinalize
}

func recordPayment(ctx context.Context, amount sdk.Coin) {
	if !executing(ctx) {
		return
	}
	labels := []metrics.Label{{Name: "denom", Value: amount.Denom}}
	//nolint:staticcheck // the SDK's go-metrics wrapper is what its Prometheus endpoint serves in v0.55
	telemetry.IncrCounterWithLabels(MetricPayments, 1, labels)
	//nolint:staticcheck // as above
	telemetry.IncrCounterWithLabels(MetricPaid, metricAmount(amount.Amount), labels)
}

func recordClaim(ctx context.Context, amount sdk.Coins) {
	if !executing(ctx) {
		return
	}
	//nolint:staticcheck // as above
	telemetry.IncrCounter(1, MetricClaims...)
	for _, c := range amount {
		//nolint:staticcheck // as above
		telemetry.IncrCounterWithLabels(MetricClaimed, metricAmount(c.Amount), []metrics.Label{{Name: "denom", Value: c.Denom}})
	}
}

func recordMerkleProof(ctx context.Context) {
	if !executing(ctx) {
		return
	}
	//nolint:staticcheck // as above
	telemetry.IncrCounter(1, MetricMerkleProofs...)
}

// metricAmount converts an amount for go-metrics without Int64, which panics above 2^63: a payment too
// large for int64 is legal and must not fail because of its metric.
func metricAmount(a math.Int) float32 {
	f, _ := new(big.Float).SetInt(a.BigInt()).Float32()
	return f
}
