package node

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-metrics"

	"github.com/tributary-ai/tributary/ipfs/client"
)

// TestContentRPC drives pin, ls, stat, unpin and gc through the node's RPC, as `tributaryd
// content` does: a CID another node holds is pinned (fetched first), listed as local, complete
// and of its size; unpinning a CID that is not pinned fails and says so; after unpinning, gc frees
// its blocks and stat counts what is left. The IPFS metrics read back from go-metrics (the sink
// the SDK's telemetry serves as Prometheus) count the collection.
func TestContentRPC(t *testing.T) {
	sink := metrics.NewInmemSink(time.Hour, time.Hour)
	cfg := metrics.DefaultConfig("")
	cfg.EnableHostname, cfg.EnableRuntimeMetrics, cfg.EnableHostnameLabel = false, false, false
	if _, err := metrics.NewGlobal(cfg, sink); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := metrics.NewGlobal(cfg, &metrics.BlackholeSink{}); err != nil {
			t.Error(err)
		}
	})

	ctx := context.Background()
	holder := startNode(t, 0)
	n := startNode(t, 0, holder.Addrs()[0])
	eventually(t, "the node to connect", 30*time.Second, func() bool { return len(n.Peers()) > 0 })
	dataset, datasetSize := importInto(t, holder, writeDataset(t))
	api := client.NewAPIClient(n.APIURL(), nil)

	if _, err := api.Pin(ctx, dataset); err != nil {
		t.Fatal(err)
	}
	var pins []PinStatus
	decode(t, &pins)(api.Pins(ctx))
	if len(pins) != 1 || pins[0].CID != dataset.String() || pins[0].Reason != PinLocal || !pins[0].Complete || pins[0].Bytes < datasetSize {
		t.Fatalf("ls after pin = %+v, want %s local, complete, at least %d bytes", pins, dataset, datasetSize)
	}
	if _, err := api.Unpin(ctx, rawCID(t, "never pinned")); err == nil || !strings.Contains(err.Error(), "not pinned") {
		t.Fatalf("unpin of a CID that is not pinned: %v", err)
	}
	var st ContentStat
	decode(t, &st)(api.ContentStat(ctx))
	if st.Blocks != n.Store().Blocks() || st.Blocks == 0 || st.Pins["local"] != 1 || st.Pins["registered"] != 0 || st.Owed != nil {
		t.Fatalf("stat = %+v", st)
	}

	if _, err := api.Unpin(ctx, dataset); err != nil {
		t.Fatal(err)
	}
	var gc GCResult
	decode(t, &gc)(api.GC(ctx))
	if gc.Pins != 0 || int64(gc.RemovedBlocks) != st.Blocks || gc.FreedBytes < datasetSize {
		t.Fatalf("gc = %+v, want all %d blocks (at least %d bytes) freed", gc, st.Blocks, datasetSize)
	}
	decode(t, &st)(api.ContentStat(ctx))
	if st.Blocks != 0 || st.Pins["local"] != 0 {
		t.Fatalf("stat after gc = %+v, want an empty store", st)
	}

	got := map[string]float32{}
	for _, iv := range sink.Data() {
		for k, c := range iv.Counters {
			got[k] += float32(c.Sum)
		}
	}
	if got["tributary.ipfs.gc_runs"] != 1 || got["tributary.ipfs.gc_freed_bytes"] != float32(gc.FreedBytes) ||
		got["tributary.ipfs.gc_removed_blocks"] != float32(gc.RemovedBlocks) {
		t.Fatalf("GC metrics %v, want 1 run, %d bytes and %d blocks", got, gc.FreedBytes, gc.RemovedBlocks)
	}
	if got["tributary.ipfs.replication_fetched_bytes"] != 0 {
		t.Fatalf("an operator's pin counted as replication: %v", got)
	}
}

// decode returns a function that fails the test on a call's error and decodes its JSON into v:
// decode(t, &v)(api.Call(ctx)).
func decode(t *testing.T, v any) func(json.RawMessage, error) {
	return func(raw json.RawMessage, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("decoding %s: %v", raw, err)
		}
	}
}
