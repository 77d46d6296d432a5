package keeper

import (
	"context"
	"math/big"

	"cosmossdk.io/math"

	"github.com/hashicorp/go-metrics"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
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
	// MetricSettlementGas is the gas settlement metered in the last block (gauge; compare settlement_gas_budget).
	MetricSettlementGas = []string{"tributary", "royalty", "settlement_gas"}
	// MetricSettled counts assets settled.
	MetricSettled = []string{"tributary", "royalty", "assets_settled"}
	// MetricQuarantinedTotal counts assets quarantined (each failure, including a re-quarantine after a retry).
	MetricQuarantinedTotal = []string{"tributary", "royalty", "assets_quarantined"}
	// MetricSettlementDeferred counts blocks whose budget ran out with an asset still to settle: a backlog.
	MetricSettlementDeferred = []string{"tributary", "royalty", "settlement_deferred_blocks"}
	// MetricSettlementPass is the number of the settlement pass in progress (gauge); a pass that does not
	// complete for many blocks is a backlog.
	MetricSettlementPass = []string{"tributary", "royalty", "settlement_pass"}
	// MetricQueueLength is the settlement queue's length, counted up to metricCountCap (gauge).
	MetricQueueLength = []string{"tributary", "royalty", "settlement_queue_length"}
	// MetricQuarantined is the number of assets in quarantine now, counted up to metricCountCap (gauge).
	MetricQuarantined = []string{"tributary", "royalty", "quarantined_assets"}
)

// metricCountCap bounds the walks that count the queue and the quarantine for the gauges: the count is a
// node-local observation done outside gas, so a long queue must not make a node with telemetry on do
// unbounded work each block. A gauge at the cap means "at least".
const metricCountCap = 10_000

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

// recordSettlement publishes one EndBlock's settlement. The two counting walks run only when telemetry is on.
func (k Keeper) recordSettlement(ctx context.Context, rep SettleReport) {
	//nolint:staticcheck // as above
	if !executing(ctx) || !telemetry.IsTelemetryEnabled() {
		return
	}
	//nolint:staticcheck // as above
	telemetry.SetGauge(float32(rep.GasUsed), MetricSettlementGas...)
	//nolint:staticcheck // as above
	telemetry.SetGauge(float32(rep.Pass.Number), MetricSettlementPass...)
	if rep.Settled > 0 {
		//nolint:staticcheck // as above
		telemetry.IncrCounter(float32(rep.Settled), MetricSettled...)
	}
	if rep.Quarantined > 0 {
		//nolint:staticcheck // as above
		telemetry.IncrCounter(float32(rep.Quarantined), MetricQuarantinedTotal...)
	}
	if rep.Deferred {
		//nolint:staticcheck // as above
		telemetry.IncrCounter(1, MetricSettlementDeferred...)
	}
	//nolint:staticcheck // as above
	telemetry.SetGauge(float32(k.countGauges(ctx, true)), MetricQueueLength...)
	//nolint:staticcheck // as above
	telemetry.SetGauge(float32(k.countGauges(ctx, false)), MetricQuarantined...)
}

// countGauges counts the queue (or the quarantine) up to metricCountCap on a context of its own gas meter, so
// that the node-local observation leaves no trace in the block's gas.
func (k Keeper) countGauges(ctx context.Context, queue bool) int {
	c := sdk.UnwrapSDKContext(ctx).WithGasMeter(storetypes.NewInfiniteGasMeter())
	n := 0
	count := func() (bool, error) { n++; return n >= metricCountCap, nil }
	var err error
	if queue {
		err = k.Queue.Walk(c, nil, func(uint64) (bool, error) { return count() })
	} else {
		err = k.Quarantined.Walk(c, nil, func(uint64, types.Quarantine) (bool, error) { return count() })
	}
	if err != nil {
		c.Logger().Error("royalty: cannot count for metrics", "err", err)
	}
	return n
}
