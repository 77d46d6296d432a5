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

// TestExportTenThousandAncestors exports a 10,001-asset chain (each model fine-tuned from the one
// before, the first trained on a dataset) in every format, checks the CycloneDX one lists all 10,001
// assets once, and logs time, size and heap growth: the figures docs/standards.md quotes.
func TestExportTenThousandAncestors(t *testing.T) {
	if testing.Short() {
		t.Skip("registers 10,001 assets")
	}
	c := newChain(t)
	const depth = 10_000
	prev := c.register(t, types.AssetKind_ASSET_KIND_DATASET, "d", "CC0-1.0", nil, c.list(1))
	for i := 0; i < depth; i++ {
		rel := types.Relation_RELATION_FINETUNED_FROM
		if i == 0 {
			rel = types.Relation_RELATION_TRAINED_ON
		}
		prev = c.register(t, types.AssetKind_ASSET_KIND_MODEL, "m", "Apache-2.0", nil, c.list(1), edge(prev, 10000, rel))
	}
	for _, f := range export.Formats {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		w := &countingWriter{}
		start := time.Now()
		require.NoError(t, export.Export(c.ctx, w, c.query, prev, f, testMeta))
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		t.Logf("%s: %d ancestors in %v, %.1f MB written, %.1f MB allocated in total", f, depth, elapsed.Round(time.Millisecond),
			float64(w.n)/1e6, float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	}
	doc := exportDoc(t, c, prev, export.FormatCycloneDX)
	g := readCycloneDX(t, doc)
	require.Len(t, g.licenses, depth+1)
	require.Len(t, g.edges, depth)
}
