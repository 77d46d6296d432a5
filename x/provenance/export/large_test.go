package export_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/export"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// countingWriter counts bytes and discards them: the export streams, so its memory must not grow with
// what it wrote.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// deepChain registers a dataset and depth models, each fine-tuned from the one before (the first trained on
// the dataset), and returns the last. Registering is most of the cost: each registration walks its ancestry.
func deepChain(t testing.TB, c *chain, depth int) uint64 {
	prev := c.register(t, types.AssetKind_ASSET_KIND_DATASET, "d", "CC0-1.0", nil, c.list(1))
	for i := 0; i < depth; i++ {
		rel := types.Relation_RELATION_FINETUNED_FROM
		if i == 0 {
			rel = types.Relation_RELATION_TRAINED_ON
		}
		prev = c.register(t, types.AssetKind_ASSET_KIND_MODEL, "m", "Apache-2.0", nil, c.list(1), edge(prev, 10000, rel))
	}
	return prev
}

// TestExportDeepLineage exports a 1,001-asset chain (more than one 1,000-id page of the Ancestors walk) in
// every format; the CycloneDX one lists every asset once and every edge.
func TestExportDeepLineage(t *testing.T) {
	c := newChain(t)
	const depth = 1_000
	root := deepChain(t, c, depth)
	for _, f := range export.Formats {
		w := &countingWriter{}
		require.NoError(t, export.Export(c.ctx, w, c.query, root, f, testMeta))
		require.Positive(t, w.n, f)
	}
	g := readCycloneDX(t, exportDoc(t, c, root, export.FormatCycloneDX))
	require.Len(t, g.licenses, depth+1)
	require.Len(t, g.edges, depth)
}

// BenchmarkExportTenThousandAncestors exports a 10,001-asset chain on the real keeper and query service in
// every format and reports, per format, the time, the bytes written and the heap allocated per export: the
// figures docs/standards.md quotes (make bench-provenance). Building the chain is outside the timer.
func BenchmarkExportTenThousandAncestors(b *testing.B) {
	c := newChain(b)
	root := deepChain(b, c, 10_000)
	for _, f := range export.Formats {
		b.Run(string(f), func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			w := &countingWriter{}
			start := time.Now()
			for b.Loop() {
				require.NoError(b, export.Export(c.ctx, w, c.query, root, f, testMeta))
			}
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			n := float64(b.N)
			b.ReportMetric(float64(elapsed.Milliseconds())/n, "ms/export")
			b.ReportMetric(float64(w.n)/n/1e6, "MB/export")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n/1e6, "MB-alloc/export")
		})
	}
}
