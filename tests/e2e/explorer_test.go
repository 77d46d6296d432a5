//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multibase"
)

// TestExplorer runs the demo's story with KEEP=1 and looks at the node's explorer in a real headless
// Chromium: the fine-tune's lineage picture, the asset and address pages against the REST queries, search
// by CID in two multibases, and no console error anywhere. A screenshot of every page is kept as a test
// artifact (go test -artifacts).
func TestExplorer(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("the explorer test needs Debian's chromium (apt-get install -y chromium): %v", err)
	}
	bin := binary(t)
	tmp := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(repoRoot(t), "scripts", "demo.sh"))
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "TRIBUTARYD="+bin, "TMPDIR="+tmp, "KEEP=1", "NO_COLOR=1", "DEMO_BASE_PORT=37800")
	out, err := cmd.CombinedOutput()
	text := string(out)
	if m := regexp.MustCompile(`kill (\d+) && rm -rf (\S+)`).FindStringSubmatch(text); m != nil {
		pid, _ := strconv.Atoi(m[1])
		t.Cleanup(func() {
			_ = syscall.Kill(pid, syscall.SIGTERM) // the demo's node, started by this test
			for i := 0; i < 100 && syscall.Kill(pid, 0) == nil; i++ {
				time.Sleep(100 * time.Millisecond) // process exit has no event to wait on
			}
			_ = os.RemoveAll(m[2])
		})
	}
	if err != nil {
		t.Fatalf("demo failed: %v\n%s", err, text)
	}
	m := regexp.MustCompile(`REST (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("the demo does not print its REST address:\n%s", text)
	}
	rest := m[1]
	if !strings.Contains(text, rest+"/explorer/") {
		t.Errorf("the demo does not print the explorer URL")
	}

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000))
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()

	var mu sync.Mutex
	var consoleErrors []string
	listenErr := chromedp.Listen(browser, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			consoleErrors = append(consoleErrors, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				consoleErrors = append(consoleErrors, "console.error")
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				consoleErrors = append(consoleErrors, ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	if listenErr != nil {
		t.Fatalf("starting chromium: %v", listenErr)
	}
	shot := func(name string) {
		png, err := chromedp.Run(browser, chromedp.FullScreenshot(100))
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
			return
		}
		if err := os.WriteFile(filepath.Join(t.ArtifactDir(), name+".png"), png, 0o644); err != nil {
			t.Errorf("saving screenshot %s: %v", name, err)
		}
	}
	explorer := rest + "/explorer/"

	// Overview.
	if err := chromedp.Do(browser, chromedp.Navigate(explorer)); err != nil {
		t.Fatalf("overview: %v", err)
	}
	assets := must(chromedp.Run(browser, chromedp.Text(chromedp.CSS("#stat-assets"))))
	if assets != "4" {
		t.Errorf("overview counts %q assets, the demo registered 4", assets)
	}
	shot("overview")

	// The fine-tune (#4): exactly four assets and three edges with the demo's relations and weights.
	type edge struct{ Child, Parent, Relation, Weight string }
	if err := chromedp.Do(browser, chromedp.Navigate(explorer+"asset/4"), chromedp.WaitVisible(chromedp.CSS("#lineage svg .node")),
		chromedp.WaitVisible(chromedp.CSS("#flow svg .flow-node"))); err != nil {
		t.Fatalf("asset page: %v", err)
	}
	nodes := must(chromedp.Run(browser, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#lineage svg .node')].map(n => n.dataset.id + ' ' + n.dataset.status)`)))
	edges := must(chromedp.Run(browser, chromedp.Evaluate[[]edge](`[...document.querySelectorAll('#lineage svg .edge')].map(e => ({Child: e.dataset.child, Parent: e.dataset.parent, Relation: e.dataset.relation, Weight: e.dataset.weight}))`)))
	if len(nodes) != 4 {
		t.Errorf("lineage nodes %v, want the four assets", nodes)
	}
	want := map[edge]bool{
		{"4", "3", "finetuned-from", "100%"}: true,
		{"3", "1", "trained-on", "70%"}:      true,
		{"3", "2", "trained-on", "30%"}:      true,
	}
	if len(edges) != 3 {
		t.Errorf("lineage has %d edges %v, want 3", len(edges), edges)
	}
	for _, e := range edges {
		if !want[e] {
			t.Errorf("unexpected lineage edge %+v", e)
		}
	}
	if pays := must(chromedp.Run(browser, chromedp.Evaluate[int](`document.querySelectorAll('#payments tbody tr').length`))); pays != 4 {
		t.Errorf("the fine-tune's page lists %d payments, the demo made 4", pays)
	}
	shot("asset-4")

	// The page's CycloneDX download link serves the lineage export: #4 as the subject, its three ancestors
	// once each.
	href := must(chromedp.Run(browser, chromedp.AttributeValue(chromedp.CSS(`#exports a[href*="format=cyclonedx"]`), "href"))).Value
	type ref struct {
		BOMRef string `json:"bom-ref"`
	}
	var bom struct {
		BOMFormat string `json:"bomFormat"`
		Metadata  struct {
			Component ref `json:"component"`
		} `json:"metadata"`
		Components []ref `json:"components"`
	}
	page, err := url.Parse(explorer + "asset/4")
	if err != nil {
		t.Fatal(err)
	}
	link, err := page.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	getJSON(t, link.String(), &bom)
	refs := map[string]int{bom.Metadata.Component.BOMRef: 1}
	for _, c := range bom.Components {
		refs[c.BOMRef]++
	}
	if bom.BOMFormat != "CycloneDX" || bom.Metadata.Component.BOMRef != "asset-4" || len(bom.Components) != 3 || len(refs) != 4 {
		t.Errorf("export link %s: format %q, components %v, want the four assets once each", href, bom.BOMFormat, refs)
	}

	// Asset page numbers are the REST query's.
	var revenue struct {
		Reports []map[string]string `json:"reports"`
	}
	getJSON(t, rest+"/tributary/royalty/v1/revenue/3", &revenue)
	if len(revenue.Reports) != 1 {
		t.Fatalf("revenue of #3: %+v", revenue)
	}
	if err := chromedp.Do(browser, chromedp.Navigate(explorer+"asset/3"), chromedp.WaitVisible(chromedp.CSS("#flow svg .flow-node"))); err != nil {
		t.Fatalf("asset 3: %v", err)
	}
	titles := must(chromedp.Run(browser, chromedp.Evaluate[map[string]string](`Object.fromEntries([...document.querySelectorAll('#revenue-utrib td[data-field]')].map(td => [td.dataset.field, td.title]))`)))
	for _, field := range []string{"paid_direct", "received_upstream", "sent_upstream", "to_contributors", "claimed", "pending", "unattributed"} {
		got := strings.ReplaceAll(strings.TrimSuffix(titles[field], " utrib"), ",", "")
		if got != revenue.Reports[0][field] {
			t.Errorf("asset 3 %s: page %q, query %q", field, got, revenue.Reports[0][field])
		}
	}
	if revenue.Reports[0]["received_upstream"] == "0" {
		t.Errorf("the demo's heron-7b received nothing: the comparison above proves little")
	}
	shot("asset-3")

	// Address page of #4's owner: claimable as the query says, and its claim listed.
	if err := chromedp.Do(browser, chromedp.Navigate(explorer+"asset/4")); err != nil {
		t.Fatal(err)
	}
	owner := must(chromedp.Run(browser, chromedp.Text(chromedp.CSS("#asset-owner"))))
	if err := chromedp.Do(browser, chromedp.Click(chromedp.CSS("#asset-owner")), chromedp.WaitVisible(chromedp.CSS("#claimable-total"))); err != nil {
		t.Fatalf("address page: %v", err)
	}
	claimable := must(chromedp.Run(browser, chromedp.AttributeValue(chromedp.CSS("#claimable-total"), "title"))).Value
	claims := must(chromedp.Run(browser, chromedp.Evaluate[int](`document.querySelectorAll('#claims tbody tr').length`)))
	var cl struct {
		Total []struct{ Denom, Amount string } `json:"total"`
	}
	getJSON(t, rest+"/tributary/royalty/v1/claimable/"+owner, &cl)
	wantClaimable := ""
	for _, c := range cl.Total {
		wantClaimable += c.Amount + " " + c.Denom + " "
	}
	if strings.ReplaceAll(claimable, ",", "") != wantClaimable {
		t.Errorf("claimable of %s: page %q, query %q", owner, claimable, wantClaimable)
	}
	if claims != 1 {
		t.Errorf("the address page lists %d claims of %s, the demo made 1", claims, owner)
	}
	shot("address-owner-4")

	// Search by the CID in base32 and in base58btc finds #4.
	if err := chromedp.Do(browser, chromedp.Navigate(explorer+"asset/4")); err != nil {
		t.Fatal(err)
	}
	cid32 := must(chromedp.Run(browser, chromedp.Text(chromedp.CSS("#asset-cid"))))
	c, err := cid.Decode(cid32)
	if err != nil {
		t.Fatalf("asset page CID %q: %v", cid32, err)
	}
	cid58, err := c.StringOfBase(multibase.Base58BTC)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range []string{cid32, cid58} {
		err := chromedp.Do(browser, chromedp.Navigate(explorer), chromedp.SetValue(chromedp.ID("q"), q),
			chromedp.Submit(chromedp.ID("q")), chromedp.WaitVisible(chromedp.ID("asset-cid")))
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		loc := must(chromedp.Run(browser, chromedp.Location()))
		if !strings.HasSuffix(loc, "/explorer/asset/4") {
			t.Errorf("search %q went to %s, want asset 4", q, loc)
		}
		if i == 1 {
			shot("search-base58")
		}
	}
	if err := chromedp.Do(browser, chromedp.Navigate(explorer+"search?q=no-such-thing")); err != nil {
		t.Fatal(err)
	}
	notFound := must(chromedp.Run(browser, chromedp.Text(chromedp.CSS("main .error"))))
	if !strings.Contains(notFound, "Nothing matches") {
		t.Errorf("a search without match says %q", notFound)
	}
	if err := chromedp.Do(browser, chromedp.Navigate(explorer+"search?q=heron"), chromedp.WaitVisible(chromedp.CSS("main table"))); err != nil {
		t.Fatalf("name search: %v", err)
	}
	shot("search-name")

	// The phone viewport.
	if err := chromedp.Do(browser, chromedp.EmulateViewport(390, 844), chromedp.Navigate(explorer+"asset/4"),
		chromedp.WaitVisible(chromedp.CSS("#flow svg .flow-node"))); err != nil {
		t.Fatal(err)
	}
	shot("asset-4-phone")

	mu.Lock()
	defer mu.Unlock()
	for _, e := range consoleErrors {
		// A search without match answers 404 by design; the browser logs it.
		if !strings.Contains(e, "search?q=no-such-thing") {
			t.Errorf("browser console: %s", e)
		}
	}
	t.Logf("screenshots in %s", t.ArtifactDir())
}

// must turns a browser action's (value, error) into the value; an error panics, which fails the test.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("chromedp: %v", err))
	}
	return v
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url) //nolint:gosec,noctx // a loopback URL the test built
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
