package keeper

import (
	"context"

	"github.com/hashicorp/go-metrics"

	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Metric names of x/provenance, served with the node's other application metrics on the REST server's
// /metrics?format=prometheus when [telemetry] is enabled (docs/operators.md, "Metrics"). Keys are joined
// with "_": tributary_provenance_registrations.
var (
	// MetricRegistrations counts assets registered in blocks this node executed, labelled kind.
	MetricRegistrations = []string{"tributary", "provenance", "registrations"}
)

// recordRegistration counts a registration. Metrics describe what this node executed since it started,
// so only block execution counts (not CheckTx or gas simulation, which run handlers too and are not
// the chain's history); the chain's queries stay the record.
func recordRegistration(ctx context.Context, kind types.AssetKind) {
	if sdk.UnwrapSDKContext(ctx).ExecMode() != sdk.ExecModeFinalize {
		return
	}
	//nolint:staticcheck // the SDK's go-metrics wrapper is what its Prometheus endpoint serves in v0.55
	telemetry.IncrCounterWithLabels(MetricRegistrations, 1, []metrics.Label{{Name: "kind", Value: kind.String()}})
}
