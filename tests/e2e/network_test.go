//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// network is a localnet of real validators: scripts/localnet.sh creates it the way an operator does (keys,
// genesis, gentxs, peers, ports), and each validator runs under the node driver. Node i's home holds the
// test-keyring keys validator<i> and user<i>, and its client config points at its own RPC, so "through
// node i" means with node i's home.
type network struct {
	t      *testing.T
	bin    string
	script string
	dir    string
	env    []string
	base   int
	n      int
	nodes  []*node
}

// Fixed gas and fees (minimum gas price 0.001utrib) keep balance arithmetic exact.
var (
	smallTx = []string{"--gas", "300000", "--fees", "300utrib"}
	bigTx   = []string{"--gas", "1000000", "--fees", "1000utrib"}
)

// defaultWait bounds waits for the network: generous, because CI machines are slow and shared.
const defaultWait = 180 * time.Second

const (
	smallTxFee = 300
	bigTxFee   = 1000
)

// startNetwork creates and starts an n-validator localnet under t.TempDir() on basePort (which
// must not overlap another test's ports) and waits until every node has committed height 2 with
// one app hash. The network is stopped when the test ends.
func startNetwork(t *testing.T, basePort, n int) *network {
	t.Helper()
	nw := createNetwork(t, basePort, n)
	nw.start()
	return nw
}

// createNetwork creates an n-validator localnet with `localnet.sh create` without starting it, so a test can
// change its genesis (editGenesis) or its nodes' launch first.
func createNetwork(t *testing.T, basePort, n int) *network {
	t.Helper()
	return createChain(t, basePort, n, "")
}

// createChain is createNetwork for a chain of its own name (empty: localnet.sh's default), so that two
// networks of one test are two different chains (the IBC test connects them).
func createChain(t *testing.T, basePort, n int, chainID string) *network {
	t.Helper()
	nw := &network{
		t:      t,
		bin:    binary(t),
		script: filepath.Join(repoRoot(t), "scripts", "localnet.sh"),
		dir:    filepath.Join(t.TempDir(), "localnet"),
		base:   basePort,
		n:      n,
	}
	nw.env = []string{"TRIBUTARYD=" + nw.bin, "LOCALNET_DIR=" + nw.dir, "BASE_PORT=" + strconv.Itoa(basePort)}
	if chainID != "" {
		nw.env = append(nw.env, "CHAIN_ID="+chainID)
	}
	t.Cleanup(func() {
		if t.Failed() {
			nw.dumpLogs()
		}
	})
	run(t, nw.env, nw.script, "create", strconv.Itoa(n))
	for i := range n {
		nw.nodes = append(nw.nodes, &node{t: t, owner: t, bin: nw.bin, home: nw.home(i), base: basePort + 10*i})
	}
	return nw
}

// editGenesis applies edit to the genesis every node shares (before the network first starts).
func (nw *network) editGenesis(edit func(map[string]any)) {
	nw.t.Helper()
	g0 := filepath.Join(nw.home(0), "config", "genesis.json")
	editJSON(nw.t, g0, edit)
	for i := 1; i < nw.n; i++ {
		writeFileT(nw.t, filepath.Join(nw.home(i), "config", "genesis.json"), readFile(nw.t, g0))
	}
	run(nw.t, nil, nw.bin, "genesis", "validate", "--home", nw.home(0))
}

// start starts every node that is not running and waits until all of them agree on one app hash at a
// height past where the network was.
func (nw *network) start() {
	nw.t.Helper()
	for _, n := range nw.nodes {
		if !n.running() {
			n.start()
		}
	}
	nw.awaitAgreement(nw.n, 2, defaultWait)
}

// stop stops every running node cleanly.
func (nw *network) stop() {
	nw.t.Helper()
	for _, n := range nw.nodes {
		if n.running() {
			n.t = nw.t
			n.signal(syscall.SIGTERM)
		}
	}
}

// node is validator i's driver, reporting failures to the network's test.
func (nw *network) node(i int) *node {
	n := nw.nodes[i]
	n.t = nw.t
	return n
}

// on is the network for a subtest: failures are reported to (and stop) t.
func (nw *network) on(t *testing.T) *network {
	c := *nw
	c.t = t
	return &c
}

func (nw *network) home(i int) string { return filepath.Join(nw.dir, "node"+strconv.Itoa(i)) }

func (nw *network) port(i, k int) int { return nw.base + 10*i + k }

// rpc is node i's CometBFT RPC, for --node.
func (nw *network) rpc(i int) string { return fmt.Sprintf("tcp://127.0.0.1:%d", nw.port(i, portRPC)) }

// ipfsAPI is node i's embedded IPFS RPC, for --ipfs-api.
func (nw *network) ipfsAPI(i int) string {
	return fmt.Sprintf("http://127.0.0.1:%d", nw.port(i, portIPFSAPI))
}

// cli runs tributaryd with node i's home and fails the test on error.
func (nw *network) cli(i int, args ...string) string {
	nw.t.Helper()
	return run(nw.t, nil, nw.bin, append(args, "--home", nw.home(i))...)
}

// tryCLI runs tributaryd with node i's home.
func (nw *network) tryCLI(i int, args ...string) (string, error) {
	return tryRun(nil, nw.bin, append(args, "--home", nw.home(i))...)
}

// addr is the address of key name in node i's keyring.
func (nw *network) addr(i int, name string) string {
	nw.t.Helper()
	return strings.TrimSpace(nw.cli(i, "keys", "show", name, "-a"))
}

// txResult is what broadcasting and querying a transaction answer.
type txResult struct {
	TxHash  string `json:"txhash"`
	Code    uint32 `json:"code"`
	Height  string `json:"height"`
	RawLog  string `json:"raw_log"`
	GasUsed string `json:"gas_used"`
	Events  []struct {
		Type       string `json:"type"`
		Attributes []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"attributes"`
	} `json:"events"`
}

// tx signs with node i's keyring, broadcasts to the RPC via (a node's tcp:// address), requires
// CheckTx to accept it, waits until it is committed and requires it to have succeeded.
func (nw *network) tx(i int, via string, args ...string) txResult {
	nw.t.Helper()
	return nw.awaitTx(i, via, nw.broadcast(i, via, args...))
}

// broadcast is tx without the wait: it returns the hash once CheckTx accepted the transaction, so that
// several transactions can go into the next blocks together (awaitTx each afterwards).
func (nw *network) broadcast(i int, via string, args ...string) string {
	nw.t.Helper()
	out := nw.cli(i, append(args, "--node", via, "-y", "-o", "json")...)
	var res txResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Code != 0 || res.TxHash == "" {
		nw.t.Fatalf("tx %v rejected: %s", args, out)
	}
	return res.TxHash
}

// voteYes has every validator vote yes on a proposal. The votes are all broadcast before any is awaited:
// one after the other, each waiting for its block, they can take longer than a test's short voting
// period on a loaded machine, and the proposal would fail for want of quorum.
func (nw *network) voteYes(id string) {
	nw.t.Helper()
	hashes := make([]string, nw.n)
	for i := range nw.n {
		hashes[i] = nw.broadcast(i, nw.rpc(i), append([]string{"tx", "gov", "vote", id, "yes", "--from", "validator" + strconv.Itoa(i)}, smallTx...)...)
	}
	for i, h := range hashes {
		nw.awaitTx(i, nw.rpc(i), h)
	}
}

// awaitPassed waits until proposal id has passed, as node 0 sees it, and then until every running node
// has committed that block, so that the proposal's effects can be queried through any node.
func (nw *network) awaitPassed(id string) {
	nw.t.Helper()
	waitFor(nw.t, "proposal "+id+" to pass", defaultWait, func() (bool, string) {
		out, _ := nw.tryCLI(0, "query", "gov", "proposal", id, "-o", "json")
		return strings.Contains(out, "PROPOSAL_STATUS_PASSED"), out
	})
	nw.awaitCommitted(nw.node(0).latest())
}

// awaitCommitted waits until every running node's application has committed height h. A transaction
// awaited through one node is committed there; another node may still be a block behind (or have the
// block in its store but not yet executed), and a query through it would not see the transaction.
func (nw *network) awaitCommitted(h int64) {
	nw.t.Helper()
	for i, n := range nw.nodes {
		if n.running() {
			nw.node(i).waitHeight(h)
		}
	}
}

// committedAt is the height a committed transaction's result names.
func (r txResult) committedAt(t *testing.T) int64 {
	t.Helper()
	return mustInt(t, r.Height)
}

// awaitTx waits (bounded) until hash is committed, as seen by the node at via, and requires success.
func (nw *network) awaitTx(i int, via, hash string) txResult {
	nw.t.Helper()
	out := nw.cli(i, "query", "wait-tx", hash, "--timeout", "90s", "--node", via, "-o", "json")
	var res txResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Code != 0 || res.Height == "" || res.Height == "0" {
		nw.t.Fatalf("tx %s not committed successfully: %s", hash, out)
	}
	return res
}

// balance is addr's utrib balance as node i sees it.
func (nw *network) balance(i int, addr string) int64 {
	nw.t.Helper()
	return nw.balanceOf(i, addr, "utrib")
}

// height is node i's latest committed height, -1 if it does not answer.
func (nw *network) height(i int) int64 { return height(nw.bin, nw.rpc(i), "") }

// statusRE matches localnet.sh status lines and its agreement line.
var (
	liveLineRE = regexp.MustCompile(`(?m)^node(\d+) +pid \d+ +height (\d+) `)
)

// awaitAgreement waits until `localnet.sh status` shows `up` live nodes and all of them agree on
// the app hash at a height >= minHeight; it returns that app hash and height.
func (nw *network) awaitAgreement(up int, minHeight int64, deadline time.Duration) (string, int64) {
	nw.t.Helper()
	var hash string
	var h int64
	waitFor(nw.t, fmt.Sprintf("%d nodes agreeing at height >= %d", up, minHeight), deadline, func() (bool, string) {
		out, _ := tryRun(nw.env, nw.script, "status")
		m := agreeRE.FindStringSubmatch(out)
		if m == nil || len(liveLineRE.FindAllString(out, -1)) != up {
			return false, out
		}
		hash = m[1]
		h, _ = strconv.ParseInt(m[2], 10, 64)
		return h >= minHeight, out
	})
	return hash, h
}

// awaitHeight waits until node i has committed height >= h.
func (nw *network) awaitHeight(i int, h int64, deadline time.Duration) {
	nw.t.Helper()
	waitFor(nw.t, fmt.Sprintf("node%d at height >= %d", i, h), deadline, func() (bool, string) {
		got := nw.height(i)
		return got >= h, "height " + itoa(got)
	})
}

// dumpLogs prints the tail of every node's log, so a failure on CI can be diagnosed.
func (nw *network) dumpLogs() {
	for i, n := range nw.nodes {
		b, err := os.ReadFile(filepath.Join(n.home, "node.log"))
		if err != nil {
			continue
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) > 25 {
			lines = lines[len(lines)-25:]
		}
		nw.t.Logf("node%d log tail:\n%s", i, strings.Join(lines, "\n"))
	}
}

// mustInt parses a decimal integer amount (test amounts stay far below 2^63).
func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("not an integer amount: %q", s)
	}
	return v
}

// event returns the value of attribute key of the first event of type typ, unquoted: typed
// events carry their fields JSON-encoded.
func (r txResult) event(typ, key string) (string, bool) {
	for _, e := range r.Events {
		if e.Type != typ {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == key {
				if v, err := strconv.Unquote(a.Value); err == nil {
					return v, true
				}
				return a.Value, true
			}
		}
	}
	return "", false
}
