package keeper_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/telemetry"
	sdk "github.com/cosmos/cosmos-sdk/types"

	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
)

// EndBlock publishes its settlement: gas used, assets settled, the queue and the quarantine.
func TestSettlementMetrics(t *testing.T) {
	//nolint:staticcheck // the SDK's go-metrics wrapper is what its Prometheus endpoint serves in v0.55
	m, err := telemetry.New(telemetry.Config{Enabled: true, MetricsSink: telemetry.MetricSinkInMem})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = telemetry.New(telemetry.Config{Enabled: false}) }) //nolint:staticcheck // as above

	f := rtu.NewFixture()
	f.Ctx = f.Ctx.WithExecMode(sdk.ExecModeFinalize)
	root := f.AddAsset(0, nil, f.Member("r", 1))
	f.Fund("user", 1_000)
	_, err = f.Pay("user", root, 1_000)
	require.NoError(t, err)
	used := endBlock(t, f)
	require.Positive(t, used)

	got, err := m.Gather(telemetry.FormatText) //nolint:staticcheck // as above
	require.NoError(t, err)
	var summary struct {
		Gauges []struct {
			Name  string
			Value float32
		}
		Counters []struct {
			Name  string
			Count int
			Sum   float64
		}
	}
	require.NoError(t, json.Unmarshal(got.Metrics, &summary))
	gauges := map[string]float32{}
	// The fixture registers through the real x/provenance keeper, whose metrics are in the sink too.
	for _, g := range summary.Gauges {
		if i := strings.Index(g.Name, "tributary.royalty."); i >= 0 {
			gauges[g.Name[i:]] = g.Value
		}
	}
	counters := map[string]float64{}
	for _, c := range summary.Counters {
		if i := strings.Index(c.Name, "tributary.royalty."); i >= 0 {
			counters[c.Name[i:]] = c.Sum
		}
	}
	// EndBlock's gas is settlement's plus the params read.
	require.InDelta(t, float64(used)-2_500, float64(gauges["tributary.royalty.settlement_gas"]), 2_500)
	require.Equal(t, float32(1), gauges["tributary.royalty.settlement_pass"])
	require.Equal(t, float32(0), gauges["tributary.royalty.settlement_queue_length"])
	require.Equal(t, float32(0), gauges["tributary.royalty.quarantined_assets"])
	require.Equal(t, float64(1), counters["tributary.royalty.assets_settled"])
}
