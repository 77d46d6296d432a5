//go:build browser

package explorer

import (
	"context"
	"net/http/httptest"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// BenchmarkLineage2000 draws a 2,000-asset lineage neighbourhood (dagre layout and SVG) in headless Chromium
// and reports the milliseconds one drawing takes in the page (ms/draw). Run it with
//
//	go test -tags browser -run '^$' -bench Lineage2000 -benchtime 3x ./explorer/
//
// It needs Debian's chromium. The neighbourhood is a layered DAG: asset i derives from i/2 and, for every
// third asset, also from i/3, so layers are wide and edges cross as in a real lineage.
func BenchmarkLineage2000(b *testing.B) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("needs chromium")
	}
	f := newFixture()
	const n = 2000
	resp := &provtypes.QueryLineageResponse{}
	for i := uint64(1); i <= n; i++ {
		resp.Nodes = append(resp.Nodes, provtypes.LineageNode{Asset: provtypes.AssetSummary{Id: i, Name: "asset", Kind: provtypes.AssetKind_ASSET_KIND_MODEL,
			Status: provtypes.AssetStatus_ASSET_STATUS_ACTIVE}, Distance: -1})
		if i > 1 {
			resp.Edges = append(resp.Edges, provtypes.LineageEdge{ChildId: i, ParentId: i / 2, WeightBps: 7000, Relation: provtypes.Relation_RELATION_TRAINED_ON})
		}
		if i > 3 && i%3 == 0 {
			resp.Edges = append(resp.Edges, provtypes.LineageEdge{ChildId: i, ParentId: i / 3, WeightBps: 3000, Relation: provtypes.Relation_RELATION_TRAINED_ON})
		}
	}
	resp.Nodes[0].Distance = 0
	f.lineage = resp
	srv := httptest.NewServer(newTestServer(f))
	defer srv.Close()

	allocCtx, cancel := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(chromium), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(b.TempDir()))
	defer cancel()
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	defer cancelCtx()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/asset/4"), chromedp.WaitVisible(chromedp.CSS("#lineage svg"))); err != nil {
		b.Fatal(err)
	}
	// The baseline is measured in the same page and the same run (these machines are noisy): the first 300
	// assets of the same neighbourhood, the picture's default cap. ratio-2000/300 says how drawing scales.
	var total, base float64
	b.ResetTimer()
	for b.Loop() {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(async () => {
			const g = await (await fetch('../api/lineage/1?depth=2&max=2000')).json();
			if (g.nodes.length !== 2000) throw new Error('got ' + g.nodes.length + ' nodes');
			const keep = new Set(g.nodes.slice(0, 300).map(n => n.id));
			const small = Object.assign({}, g, { nodes: g.nodes.filter(n => keep.has(n.id)),
				edges: g.edges.filter(e => keep.has(e.child) && keep.has(e.parent)) });
			let t = performance.now();
			tribLineage.draw(small);
			const b = performance.now() - t;
			t = performance.now();
			tribLineage.draw(g);
			return [performance.now() - t, b];
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		total += ms[0]
		base += ms[1]
	}
	b.ReportMetric(total/float64(b.N), "ms/draw")
	b.ReportMetric(base/float64(b.N), "ms/draw-300")
	b.ReportMetric(total/base, "ratio-2000/300")
}
