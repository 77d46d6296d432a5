//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// faultsBasePort keeps this test's localnet clear of the other e2e tests' ports, and below Linux's
// ephemeral range (32768-60999): a node restarted here must find its ports free, and an outgoing
// connection of any process may hold a port of that range.
const faultsBasePort = 31650

// TestFaults puts one four-validator network (equal power) through crashes and restarts, in order:
// a validator killed while transactions stream in, two killed at once, and the whole network
// stopped and started from disk. After each, what was committed before must still be there, so
// the subtests share one network and one ledger of committed transfers.
func TestFaults(t *testing.T) {
	base := startNetwork(t, faultsBasePort, 4)
	sink := strings.TrimSpace(base.cli(0, "keys", "add", "sink", "--output", "json"))
	var key struct{ Address string }
	if err := json.Unmarshal([]byte(sink), &key); err != nil || key.Address == "" {
		t.Fatalf("keys add sink: %v: %s", err, sink)
	}
	l := &ledger{sink: key.Address}

	if !t.Run("KillOneDuringTxStream", func(t *testing.T) { killOneDuringTxStream(t, base.on(t), l) }) {
		return
	}
	if !t.Run("KillTwoHaltsThenResumes", func(t *testing.T) { killTwoHaltsThenResumes(t, base.on(t), l) }) {
		return
	}
	t.Run("RestartWholeNetwork", func(t *testing.T) { restartWholeNetwork(t, base.on(t), l) })
}

// ledger is what the fault tests committed: transfers to sink, by sender.
type ledger struct {
	sink    string
	hashes  []string
	total   int64            // sum sent to sink
	spent   map[string]int64 // per sender: amounts plus fees
	initial map[string]int64 // per sender and sink: balance before the first transfer
	last    int64            // the highest block holding a transfer
}

// check requires node i to have every committed transfer exactly once: each hash queryable and
// committed successfully, the sink's balance and every sender's balance exactly what the ledger
// says, and the chain's index holding exactly these transfers to sink.
//
// The transfers were awaited through other nodes, so node i may not have committed (or, its tx indexer
// running behind the commit, indexed) the last of them yet: check first waits until it has committed
// l.last and answers each hash, and only then judges.
func (l *ledger) check(t *testing.T, nw *network, i int) {
	t.Helper()
	nw.node(i).waitHeight(l.last)
	for _, h := range l.hashes {
		var out string
		waitFor(t, fmt.Sprintf("node%d to index transfer %s", i, h), defaultWait, func() (bool, string) {
			var err error
			out, err = nw.tryCLI(i, "query", "tx", h, "--node", nw.rpc(i), "-o", "json")
			return err == nil, out
		})
		var res txResult
		if json.Unmarshal([]byte(out), &res) != nil || res.Code != 0 || res.Height == "0" {
			t.Fatalf("node%d: committed transfer %s not committed successfully: %s", i, h, out)
		}
	}
	if got, want := nw.balance(i, l.sink), l.initial[l.sink]+l.total; got != want {
		t.Fatalf("node%d: sink balance %d, want %d (%d transfers)", i, got, want, len(l.hashes))
	}
	for addr, spent := range l.spent {
		if got, want := nw.balance(i, addr), l.initial[addr]-spent; got != want {
			t.Fatalf("node%d: sender %s balance %d, want %d", i, addr, got, want)
		}
	}
	var found struct {
		TotalCount string `json:"total_count"`
		Txs        []struct {
			TxHash string `json:"txhash"`
		} `json:"txs"`
	}
	out := nw.cli(i, "query", "txs", "--query", "transfer.recipient='"+l.sink+"'", "--limit", "100", "--node", nw.rpc(i), "-o", "json")
	if err := json.Unmarshal([]byte(out), &found); err != nil {
		t.Fatalf("query txs: %v: %s", err, out)
	}
	seen := map[string]int{}
	for _, tx := range found.Txs {
		seen[tx.TxHash]++
	}
	for _, h := range l.hashes {
		if seen[h] != 1 {
			t.Fatalf("node%d: transfer %s is in %d blocks, want exactly 1", i, h, seen[h])
		}
	}
	if found.TotalCount != strconv.Itoa(len(l.hashes)) || len(seen) != len(l.hashes) {
		t.Fatalf("node%d: %s transfers to sink on chain, want exactly the %d accepted", i, found.TotalCount, len(l.hashes))
	}
}

// stream is one sender's run of transfers to sink through one node.
type stream struct {
	node     int
	key      string
	addr     string
	accepted []string // hashes CheckTx accepted, in order
	sum      int64
	err      error
}

// send broadcasts transfers with consecutive sequence numbers, so they need not wait for each
// other's blocks, and records those CheckTx accepts. The CLI honours --sequence only with --offline
// (and --account-number); it still broadcasts to --node. A rejection or a failed broadcast ends the
// stream with an error: the test then fails, because the node it goes through is up.
func (s *stream) send(nw *network, sink string, accNum, seq int64, amounts []int64) {
	for j, amount := range amounts {
		out, err := nw.tryCLI(s.node, append([]string{"tx", "bank", "send", s.key, sink,
			strconv.FormatInt(amount, 10) + "utrib", "--offline", "--account-number", strconv.FormatInt(accNum, 10),
			"--sequence", strconv.FormatInt(seq+int64(j), 10), "--node", nw.rpc(s.node), "-y", "-o", "json"}, smallTx...)...)
		var res txResult
		if err != nil || json.Unmarshal([]byte(out), &res) != nil || res.Code != 0 || res.TxHash == "" {
			s.err = fmt.Errorf("%s through node%d, sequence %d: %v %s", s.key, s.node, seq+int64(j), err, out)
			return
		}
		s.accepted = append(s.accepted, res.TxHash)
		s.sum += amount
	}
}

// killOneDuringTxStream: three senders stream transfers through nodes 1-3; node 0 is SIGKILLed
// after each has had half of its transfers accepted, and the rest are sent with node 0 dead. With
// 3 of 4 equal validators (75% > 2/3) the chain must keep committing, every accepted transfer
// must be in a block exactly once, and node 0, restarted, must catch up to the same app hash.
func killOneDuringTxStream(t *testing.T, nw *network, l *ledger) {
	const perHalf = 4
	streams := []*stream{{node: 1, key: "user1"}, {node: 2, key: "user2"}, {node: 3, key: "user3"}}
	l.initial = map[string]int64{l.sink: nw.balance(1, l.sink)}
	l.spent = map[string]int64{}
	accNums, seqs := make([]int64, len(streams)), make([]int64, len(streams))
	for k, s := range streams {
		s.addr = nw.addr(s.node, s.key)
		l.initial[s.addr] = nw.balance(1, s.addr)
		accNums[k], seqs[k] = account(t, nw, s.node, s.addr)
	}
	amounts := func(k, half int) []int64 { // distinct amounts, so a double-counted one shows
		var a []int64
		for j := range perHalf {
			a = append(a, int64(1000*(k+1)+10*half+j+1))
		}
		return a
	}

	var wg sync.WaitGroup
	for k, s := range streams {
		wg.Add(1)
		go func() { defer wg.Done(); s.send(nw, l.sink, accNums[k], seqs[k], amounts(k, 0)) }()
	}
	wg.Wait()
	for _, s := range streams {
		if s.err != nil {
			t.Fatal(s.err)
		}
	}
	nw.node(0).kill()
	killedAt := nw.height(1)
	for k, s := range streams {
		wg.Add(1)
		go func() { defer wg.Done(); s.send(nw, l.sink, accNums[k], seqs[k]+perHalf, amounts(k, 1)) }()
	}
	// The chain keeps committing while the second half is sent.
	nw.awaitHeight(1, killedAt+3, defaultWait)
	wg.Wait()
	for _, s := range streams {
		if s.err != nil {
			t.Fatal(s.err)
		}
	}
	if nw.height(0) != -1 {
		t.Fatal("node0 still answers after it was killed")
	}

	var last int64
	for _, s := range streams {
		for _, h := range s.accepted {
			res := nw.awaitTx(s.node, nw.rpc(s.node), h)
			if hh, _ := strconv.ParseInt(res.Height, 10, 64); hh > last {
				last = hh
			}
			l.hashes = append(l.hashes, h)
		}
		l.total += s.sum
		l.spent[s.addr] += s.sum + int64(len(s.accepted))*smallTxFee
	}
	if len(l.hashes) != len(streams)*2*perHalf {
		t.Fatalf("%d transfers accepted, want %d", len(l.hashes), len(streams)*2*perHalf)
	}
	if last <= killedAt {
		t.Fatalf("no transfer committed after node0 was killed at height %d (last at %d)", killedAt, last)
	}
	l.last = last
	l.check(t, nw, 2)

	nw.node(0).start()
	hash, h := nw.awaitAgreement(4, nw.height(1)+1, defaultWait)
	t.Logf("node0 killed at height %d; transfers committed up to %d; all 4 agree on %s at %d", killedAt, last, hash, h)
	l.check(t, nw, 0)
}

// killTwoHaltsThenResumes: with nodes 2 and 3 SIGKILLed only half of the voting power is left,
// below the 2/3 CometBFT needs, so nodes 0 and 1 must stop committing; restarted, the four must
// resume from the same block, agree on the app hash, and still hold every earlier transfer.
func killTwoHaltsThenResumes(t *testing.T, nw *network, l *ledger) {
	nw.node(2).kill()
	nw.node(3).kill()
	stuck := awaitHalt(t, nw, []int{0, 1})
	header := nw.cli(0, "query", "block", "--type=height", itoa(stuck), "--node", nw.rpc(0), "-o", "json")

	nw.node(2).start()
	nw.node(3).start()
	hash, h := nw.awaitAgreement(4, stuck+2, defaultWait)
	for _, i := range []int{1, 2, 3} {
		if got := nw.cli(i, "query", "block", "--type=height", itoa(stuck), "--node", nw.rpc(i), "-o", "json"); got != header {
			t.Fatalf("node%d has another block at the halt height %d:\n%s\nnode0:\n%s", i, stuck, got, header)
		}
	}
	t.Logf("halted at height %d; resumed, all 4 agree on %s at %d", stuck, hash, h)
	l.check(t, nw, 3)
}

// restartWholeNetwork: an asset registered and everything committed before `localnet.sh stop` must
// be there, identical, after it is started again on the same homes, and heights must continue.
func restartWholeNetwork(t *testing.T, nw *network, l *ledger) {
	dir := filepath.Join(t.TempDir(), "survey")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "answers.csv"), []byte("q,a\n1,yes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	user0 := nw.addr(0, "user0")
	id := assetID(t, nw.tx(1, nw.rpc(1), append([]string{"tx", "provenance", "register-dataset", dir,
		"--license", "CC-BY-4.0", "--contributors", user0 + ":2," + l.sink + ":1", "--from", "validator1"}, bigTx...)...))
	// The asset record, and what x/royalty derives from its contributors.
	asset := func(i int) string {
		return nw.cli(i, "query", "provenance", "asset", id, "-o", "json") +
			nw.cli(i, "query", "royalty", "attribution", id, "-o", "json")
	}
	_, before := nw.awaitAgreement(4, nw.height(1), defaultWait)
	// Agreement is on block-store heights, which run a block ahead of the applications' commits: node 2's
	// record and node 3's balances must include the registration's block (before >= its height).
	nw.awaitCommitted(before)
	record := asset(2)
	header := nw.cli(0, "query", "block", "--type=height", itoa(before), "-o", "json")
	var stopAt int64
	balances := map[string]int64{}
	for _, a := range []string{user0, nw.addr(1, "validator1"), l.sink} {
		balances[a] = nw.balance(3, a)
	}

	for i := range nw.n {
		stopAt = max(stopAt, nw.height(i))
	}
	nw.stop()
	for i := range nw.n {
		if nw.height(i) != -1 {
			t.Fatalf("node%d still answers after stop", i)
		}
	}
	nw.start()
	// Heights continue from disk: past where the nodes stopped, with the old blocks unchanged.
	_, after := nw.awaitAgreement(4, stopAt+1, defaultWait)

	if got := nw.cli(3, "query", "block", "--type=height", itoa(before), "-o", "json"); got != header {
		t.Fatalf("block %d changed across the restart:\n%s\nwas:\n%s", before, got, header)
	}
	if got := asset(3); got != record {
		t.Fatalf("asset %s after the restart:\n%s\nwas:\n%s", id, got, record)
	}
	for a, want := range balances {
		if got := nw.balance(0, a); got != want {
			t.Fatalf("%s has %d after the restart, had %d", a, got, want)
		}
	}
	l.check(t, nw, 1)
	t.Logf("stopped at height %d, resumed to %d; asset %s and %d transfers intact", stopAt, after, id, len(l.hashes))
}

// account is addr's account number and next sequence as node i reports them.
func account(t *testing.T, nw *network, i int, addr string) (number, sequence int64) {
	t.Helper()
	var res struct {
		Account struct {
			Value struct {
				Number   string `json:"account_number"`
				Sequence string `json:"sequence"`
			} `json:"value"`
		} `json:"account"`
	}
	out := nw.cli(i, "query", "auth", "account", addr, "-o", "json")
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("account %s: %v: %s", addr, err, out)
	}
	num := func(s string) int64 { // zero values are omitted
		if s == "" {
			return 0
		}
		return mustInt(t, s)
	}
	return num(res.Account.Value.Number), num(res.Account.Value.Sequence)
}

// voteFraction matches "voted/total" in CometBFT's vote bit-array strings ("BA{4:xx__} 200/400 = 0.50").
var voteFraction = regexp.MustCompile(`(\d+)/(\d+) = `)

// awaitHalt waits until the live nodes have stopped committing and returns their last height.
//
// A halt is the absence of blocks, so it can only be observed over time. The assertion is: the live
// nodes' latest height stays the same across consecutive status polls spanning three block periods
// of the configured consensus timeouts (timeout_propose + timeout_commit: the longest a healthy
// network takes for a block, even with its proposer down), and the consensus state at the next
// height shows that less than 2/3 of the voting power has precommitted in any round, which is why
// it cannot commit. A network that still committed would advance the height within the window and
// fail the wait.
func awaitHalt(t *testing.T, nw *network, live []int) int64 {
	t.Helper()
	window := 3 * blockPeriod(t, nw.home(live[0]))
	var (
		last      int64 = -1
		since     time.Time
		polls     int
		lastState string
	)
	waitFor(t, fmt.Sprintf("nodes %v to stop committing for %s", live, window), defaultWait, func() (bool, string) {
		h := int64(-1)
		for _, i := range live {
			hi := nw.height(i)
			if hi < 0 {
				return false, fmt.Sprintf("node%d does not answer", i)
			}
			if h != -1 && hi != h {
				h = -2 // not yet settled on one height
				break
			}
			h = hi
		}
		if h != last || h < 0 {
			last, since, polls = h, time.Now(), 0
			return false, fmt.Sprintf("height %d changed", h)
		}
		polls++
		voted, total, err := precommitPower(nw, live[0], h+1)
		lastState = fmt.Sprintf("height %d unchanged over %d polls (%s); precommits at %d: %d/%d (%v)",
			h, polls, time.Since(since).Round(time.Millisecond), h+1, voted, total, err)
		return err == nil && polls >= 5 && time.Since(since) >= window && 3*voted < 2*total, lastState
	})
	t.Logf("halted: %s", lastState)
	return last
}

// blockPeriod is timeout_propose + timeout_commit from a node's config.toml.
func blockPeriod(t *testing.T, home string) time.Duration {
	t.Helper()
	cfg := readFile(t, filepath.Join(home, "config", "config.toml"))
	var sum time.Duration
	for _, key := range []string{"timeout_propose", "timeout_commit"} {
		m := regexp.MustCompile(`(?m)^` + key + ` = "([^"]+)"`).FindStringSubmatch(cfg)
		if m == nil {
			t.Fatalf("no %s in config.toml", key)
		}
		d, err := time.ParseDuration(m[1])
		if err != nil {
			t.Fatal(err)
		}
		sum += d
	}
	return sum
}

// precommitPower is the most voting power that has precommitted (for anything) in any round of
// height h, and the total, from node i's /consensus_state.
func precommitPower(nw *network, i int, h int64) (voted, total int64, err error) {
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/consensus_state", nw.port(i, portRPC)))
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	var cs struct {
		Result struct {
			RoundState struct {
				HRS   string `json:"height/round/step"`
				Votes []struct {
					Precommits string `json:"precommits_bit_array"`
				} `json:"height_vote_set"`
			} `json:"round_state"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&cs); err != nil {
		return 0, 0, err
	}
	if !strings.HasPrefix(cs.Result.RoundState.HRS, itoa(h)+"/") {
		return 0, 0, fmt.Errorf("consensus at %s, not height %d", cs.Result.RoundState.HRS, h)
	}
	for _, r := range cs.Result.RoundState.Votes {
		m := voteFraction.FindStringSubmatch(r.Precommits)
		if m == nil {
			return 0, 0, fmt.Errorf("unexpected bit array %q", r.Precommits)
		}
		v, _ := strconv.ParseInt(m[1], 10, 64)
		total, _ = strconv.ParseInt(m[2], 10, 64)
		voted = max(voted, v)
	}
	if total == 0 {
		return 0, 0, fmt.Errorf("no vote sets at height %d", h)
	}
	return voted, total, nil
}
