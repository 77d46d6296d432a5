package node

import (
	"time"

	"github.com/hashicorp/go-metrics"
)

// Metric names of the embedded IPFS node, served with the node's other application metrics on
// the REST server's /metrics?format=prometheus when [telemetry] is enabled (docs/operators.md,
// "Metrics"); keys are joined with "_": tributary_ipfs_store_bytes. They go through go-metrics'
// global sink, which the SDK's telemetry sets up; without telemetry they cost nothing.
var (
	// MetricStoreBytes is a gauge of the bytes the block store holds (as storage_limit counts them).
	MetricStoreBytes = []string{"tributary", "ipfs", "store_bytes"}
	// MetricStoreLimit is a gauge of the store's storage_limit in bytes (0: unlimited).
	MetricStoreLimit = []string{"tributary", "ipfs", "store_limit_bytes"}
	// MetricStoreBlocks is a gauge of the blocks the store holds.
	MetricStoreBlocks = []string{"tributary", "ipfs", "store_blocks"}
	// MetricOwed is a gauge of the registered CIDs waiting to be replicated.
	MetricOwed = []string{"tributary", "ipfs", "replication_owed"}
	// MetricGivenUp is a gauge of the registered CIDs the replicator gave up (listed, retryable).
	MetricGivenUp = []string{"tributary", "ipfs", "replication_given_up"}
	// MetricReplicated counts CIDs replicated since the node started.
	MetricReplicated = []string{"tributary", "ipfs", "replication_replicated"}
	// MetricFailures counts failed replication attempts, labelled reason (too_large,
	// storage_limit, timeout, not_found).
	MetricFailures = []string{"tributary", "ipfs", "replication_failures"}
	// MetricFetchedBytes counts block bytes fetched from peers for registered content.
	MetricFetchedBytes = []string{"tributary", "ipfs", "replication_fetched_bytes"}
	// MetricPins is a gauge of the pins, labelled reason (registered, local).
	MetricPins = []string{"tributary", "ipfs", "pins"}
	// MetricGCRuns counts garbage collections.
	MetricGCRuns = []string{"tributary", "ipfs", "gc_runs"}
	// MetricGCFreedBytes counts the block bytes garbage collection deleted.
	MetricGCFreedBytes = []string{"tributary", "ipfs", "gc_freed_bytes"}
	// MetricGCRemovedBlocks counts the blocks garbage collection deleted.
	MetricGCRemovedBlocks = []string{"tributary", "ipfs", "gc_removed_blocks"}
)

func metricGC(res GCResult) {
	metrics.IncrCounter(MetricGCRuns, 1)
	metrics.IncrCounter(MetricGCFreedBytes, float32(res.FreedBytes))
	metrics.IncrCounter(MetricGCRemovedBlocks, float32(res.RemovedBlocks))
}

// publishPinGauges sets the pins gauge per reason.
func (n *Node) publishPinGauges() {
	pins, err := n.pins.list(n.ctx)
	if err != nil {
		return // the node is closing; the next tick (if any) tries again
	}
	count := map[PinReason]int{}
	for _, p := range pins {
		count[p.Reason]++
	}
	for _, r := range PinReasons {
		metrics.SetGaugeWithLabels(MetricPins, float32(count[r]), []metrics.Label{{Name: "reason", Value: string(r)}})
	}
}

func metricFetched(n uint64) { metrics.IncrCounter(MetricFetchedBytes, float32(n)) }

func metricReplicated() { metrics.IncrCounter(MetricReplicated, 1) }

func metricFailure(reason string) {
	metrics.IncrCounterWithLabels(MetricFailures, 1, []metrics.Label{{Name: "reason", Value: reason}})
}

// publishGauges sets the replication gauges; Run calls it every poll, so they stay fresh within
// the telemetry's retention time.
func (r *Replicator) publishGauges() {
	r.mu.Lock()
	owed, givenUp := len(r.state.Owed), len(r.state.GivenUp)
	r.mu.Unlock()
	metrics.SetGauge(MetricOwed, float32(owed))
	metrics.SetGauge(MetricGivenUp, float32(givenUp))
}

// storeGaugeInterval is how often the node publishes its store gauges.
const storeGaugeInterval = 15 * time.Second

// publishStoreGauges sets the store gauges until the node closes.
func (n *Node) publishStoreGauges() {
	defer n.wg.Done()
	tick := time.NewTicker(storeGaugeInterval)
	defer tick.Stop()
	for {
		metrics.SetGauge(MetricStoreBytes, float32(n.store.Used()))
		metrics.SetGauge(MetricStoreBlocks, float32(n.store.Blocks()))
		metrics.SetGauge(MetricStoreLimit, float32(n.store.Limit()))
		n.publishPinGauges()
		select {
		case <-n.ctx.Done():
			return
		case <-tick.C:
		}
	}
}
