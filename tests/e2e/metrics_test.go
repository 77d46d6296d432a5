//go:build e2e

package e2e

import (
	"bufio"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// portCometMetrics is the offset of a node's CometBFT Prometheus listener in its port block.
const portCometMetrics = 7

// enableMetrics turns on what docs/operators.md tells an operator to turn on: the application's
// Prometheus sink (served by the REST server at /metrics?format=prometheus) and CometBFT's own listener.
func enableMetrics(t *testing.T, n *node) {
	t.Helper()
	app, cfg := n.home+"/config/app.toml", n.home+"/config/config.toml"
	setTOML(t, app, "telemetry", "enabled", "true")
	setTOML(t, app, "telemetry", "prometheus-retention-time", "3600")
	setTOML(t, cfg, "instrumentation", "prometheus", "true")
	setTOML(t, cfg, "instrumentation", "prometheus_listen_addr", strconv.Quote(fmt.Sprintf("127.0.0.1:%d", n.port(portCometMetrics))))
}

// scrape returns every sample of a Prometheus text exposition as "name{labels}" -> value.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("scrape %s: %v", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape %s: status %d", url, resp.StatusCode)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			continue
		}
		out[line[:i]] = v
	}
	return out
}

// appMetrics scrapes the node's application metrics.
func (n *node) appMetrics() map[string]float64 {
	return scrape(n.t, n.api()+"/metrics?format=prometheus")
}

// cometMetrics scrapes the node's CometBFT metrics.
func (n *node) cometMetrics() map[string]float64 {
	return scrape(n.t, fmt.Sprintf("http://127.0.0.1:%d/metrics", n.port(portCometMetrics)))
}
