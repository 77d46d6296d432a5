//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// upgradeBase is the port block of TestUpgradeAndStateSync's five nodes (31900-31949), clear of the other
// tests' blocks and below the ephemeral port range.
const upgradeBase = 31900

// upgradeName is the plan name the e2eupgrade build handles (app/upgrades/e2etest).
const upgradeName = "v2-e2e"

// upgradeLead is how many blocks after the proposal the upgrade height lies: the 15 s voting period
// must end well before it, at about one block a second.
const upgradeLead = 45

// TestUpgradeAndStateSync runs one four-validator network through a governance software upgrade and then
// lets a fifth node join it by state sync.
//
// Upgrade: with assets, a lineage, unclaimed rewards and revenue still queued for settlement, the validators
// pass a MsgSoftwareUpgrade; every node halts at the height. Validators 1-3 run under cosmovisor v1.5.0 with
// the upgrade binary (built with the e2eupgrade tag, whose handler runs the module migrations and sets a
// parameter) installed for the plan: cosmovisor, not the test, switches them to it and they continue, each
// now served by the new build. node0 runs the old binary on its own: it stays at the last pre-upgrade height
// and, restarted, refuses to execute the upgrade block again; switched to the new binary by hand (the
// operator's manual procedure) it catches up. All four agree on the app hash, every provenance and royalty
// query answers at the last pre-upgrade height exactly as the old binary did, the migrated parameter is
// there, and the money still balances.
//
// State sync: a fifth node with no blocks joins from a validator's snapshot (trust height and hash read from
// a peer's RPC), reaches the same app hash, answers the same queries, and its IPFS node fetches the
// registered content.
func TestUpgradeAndStateSync(t *testing.T) {
	newBin := buildUpgradeBinary(t)
	cosmovisor := cosmovisorBinary(t)
	nw := createNetwork(t, upgradeBase, 4)
	var minDeposit string
	nw.editGenesis(func(g map[string]any) {
		gov := jsonPath(t, g, "app_state", "gov", "params")
		gov["voting_period"] = "15s"
		gov["expedited_voting_period"] = "10s"
		dep := gov["min_deposit"].([]any)[0].(map[string]any)
		minDeposit = fmt.Sprint(dep["amount"]) + fmt.Sprint(dep["denom"])
		// The upgrade sets max_contributors back to the module default: the migration the test checks.
		jsonPath(t, g, "app_state", "provenance", "params")["max_contributors"] = 2
		// The smallest settlement gas budget (an asset or two per block) keeps revenue queued across the
		// upgrade height.
		jsonPath(t, g, "app_state", "royalty", "params")["settlement_gas_budget"] = "100000"
		// x/royalty refuses a budget its lineage bounds do not fit (types.SettlementStepGas); every asset here
		// has at most 2 parents.
		jsonPath(t, g, "app_state", "provenance", "params")["max_parents"] = 2
	})
	for i := range nw.n {
		app := filepath.Join(nw.home(i), "config", "app.toml")
		setTOML(t, app, "state-sync", "snapshot-interval", "10")
		setTOML(t, app, "state-sync", "snapshot-keep-recent", "3")
		// node4 joins later by state sync and is in no node's [ipfs] peers list: let it connect (an
		// operator adds a new node's peer id to peers instead; docs/operators.md, "State sync").
		setTOML(t, app, "ipfs", "accept_any_peer", "true")
		enableMetrics(t, nw.node(i))
	}
	for i := 1; i < nw.n; i++ {
		underCosmovisor(t, nw.node(i), cosmovisor, nw.bin, map[string]string{upgradeName: newBin})
	}
	nw.start()
	oldVersion := nw.node(1).appVersion()
	if oldVersion == "" || oldVersion == upgradeVersion || cosmovisorCurrent(t, nw.node(1)) != "genesis" {
		t.Fatalf("before the upgrade node1 runs version %q from cosmovisor/%s, want the genesis binary",
			oldVersion, cosmovisorCurrent(t, nw.node(1)))
	}

	st := buildUpgradeState(t, nw)
	h := proposeUpgrade(t, nw, minDeposit)
	payUntilHalt(t, nw, st, h)

	// The reference: every query at the last pre-upgrade height, answered by the old binary.
	queries := exQueries(st.ids, st.cids, st.addr)
	before := nw.node(1).snapshotAt(queries, h-1)
	if n := len(exField[[]any](t, before["settlement-queue"], "entries")); n == 0 {
		t.Fatalf("the settlement queue is empty at height %d: the upgrade would not carry pending revenue", h-1)
	}
	awaitUpgradeHalt(t, nw, h)

	// cosmovisor switches validators 1-3 at the height by itself, in the process the test started.
	nw.node(1).waitHeight(h + 3)
	for i := 1; i < nw.n; i++ {
		awaitCosmovisorSwitch(t, nw.node(i), oldVersion)
	}
	refuseWithOldBinary(t, nw.node(0), h)
	nw.node(0).launch = launchWith(newBin)
	nw.node(0).start()
	hash, at := nw.awaitAgreement(4, h+5, defaultWait)
	t.Logf("upgrade %s applied at %d; all four agree on %s at %d", upgradeName, h, hash, at)

	checkUpgraded(t, nw, st, queries, before, h)
	stateSyncJoin(t, nw, newBin, st, queries)
}

// awaitCosmovisorSwitch checks that cosmovisor moved a node to the upgrade binary: its current link names
// the plan, the node answers with the upgrade build's version (not oldVersion), and the process the test
// started is still the one running (cosmovisor relaunched tributaryd, the test did not).
func awaitCosmovisorSwitch(t *testing.T, n *node, oldVersion string) {
	t.Helper()
	waitFor(t, n.home+" to run the upgrade binary", defaultWait, func() (bool, string) {
		v := n.appVersion()
		return v == upgradeVersion, "version " + v
	})
	if got := cosmovisorCurrent(t, n); got != upgradeName {
		t.Fatalf("%s: cosmovisor's current binary is %s, want upgrades/%s", n.home, got, upgradeName)
	}
	if !n.running() {
		t.Fatalf("%s: the cosmovisor process exited: %v", n.home, n.cmd.ProcessState)
	}
	if log := readFile(t, filepath.Join(n.home, "node.log")); !strings.Contains(log, "upgrade detected, relaunching") {
		t.Fatalf("%s: no relaunch in cosmovisor's log although the node runs %s (was %s)", n.home, upgradeVersion, oldVersion)
	}
}

// refuseWithOldBinary checks node0, which ran the old binary without cosmovisor: it stays at the last
// pre-upgrade height while the network moves past it, and restarted on the same binary it refuses the
// upgrade block again (it logs UPGRADE NEEDED once more and either stays up without the block, a consensus
// failure, or exits, as block sync panics on a block it cannot execute). It is left stopped.
func refuseWithOldBinary(t *testing.T, old *node, h int64) {
	t.Helper()
	stuck := func(when string) {
		// A restarted node may log UPGRADE NEEDED during its handshake replay and exit a moment later, before
		// its RPC ever answers; or answer RPC and exit a moment later, when block sync reaches the block. So
		// the judgement rests on one observation, never on two that the exit can fall between: the height
		// it answered, or, if it did not answer, its exit.
		got := int64(-1)
		waitFor(t, "node0 on the old binary to exit or answer RPC", defaultWait, func() (bool, string) {
			if got = old.latest(); got >= 0 {
				return true, ""
			}
			return !old.running(), "running, RPC not answering"
		})
		if got < 0 {
			if old.cmd.ProcessState.Success() {
				t.Fatalf("the old binary exited cleanly at the upgrade height (%s)", when)
			}
			t.Logf("the old binary exited (%v) rather than execute block %d (%s)", old.cmd.ProcessState, h, when)
			return
		}
		if got != h-1 {
			t.Fatalf("the old binary is at height %d, want it stuck at %d (%s)", got, h-1, when)
		}
		// It may have exited by itself since it answered: stop it only if it has not.
		if err := old.send(syscall.SIGTERM); err != nil && old.running() {
			t.Fatalf("signalling node0: %v", err)
		}
		old.awaitExit(60 * time.Second)
		t.Logf("the old binary stayed at height %d while the network passed %d (%s); it exited: %v", h-1, h+3, when, old.cmd.ProcessState)
	}
	stuck("at the halt")
	needed := strings.Count(readFile(t, filepath.Join(old.home, "node.log")), upgradeNeeded(h))
	old.start()
	waitFor(t, "node0 on the old binary to refuse the upgrade block again", defaultWait, func() (bool, string) {
		return strings.Count(readFile(t, filepath.Join(old.home, "node.log")), upgradeNeeded(h)) > needed, "no new UPGRADE NEEDED line"
	})
	stuck("restarted")
}

// upgradeNeeded is the line x/upgrade logs when a binary without the plan's handler reaches its height.
func upgradeNeeded(h int64) string {
	return fmt.Sprintf("UPGRADE %q NEEDED at height: %d", upgradeName, h)
}

// launchWith starts a node on another tributaryd binary.
func launchWith(bin string) func(n *node) *exec.Cmd {
	return func(n *node) *exec.Cmd { return exec.Command(bin, "start", "--home", n.home, "--log_no_color") }
}

// upgradeVersion is the version the upgrade binary reports, so that a test can tell which build serves a node.
const upgradeVersion = "v2-e2e-build"

// buildUpgradeBinary builds tributaryd with the e2eupgrade tag (the handler of upgradeName) and version
// upgradeVersion into the test's temporary folder.
func buildUpgradeBinary(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "tributaryd-v2")
	build := exec.Command("go", "build", "-tags", "e2eupgrade",
		"-ldflags", "-X github.com/cosmos/cosmos-sdk/version.Version="+upgradeVersion, "-o", out, "./cmd/tributaryd")
	build.Dir = repoRoot(t)
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags e2eupgrade: %v\n%s", err, b)
	}
	return out
}

// upgradeState is what the test registered, by name: asset ids and CIDs, and the addresses of the users
// (exQueries names them alice, bob, carol, dave).
type upgradeState struct {
	ids  map[string]uint64
	cids map[string]string
	addr map[string]string
	// dataCID is the CID of D, whose content node0 stores and state sync's new node must fetch.
	dataCID string
	// spread are small datasets paid all at once just before the halt: more settlement work than the
	// smallest gas budget does in the blocks left, so revenue is still queued at the upgrade height.
	spread []uint64
}

// spreadAssets is how many datasets are paid in one transaction before the halt. Settling an asset costs
// ~6,000-7,000 gas (x/royalty README, "Gas"), so at the 100,000-gas budget they take ~10 blocks, more than
// the ~7 blocks between that payment and the halt.
const spreadAssets = 150

// allIDs is every asset the test registered, for the conservation check.
func (st *upgradeState) allIDs() map[string]uint64 {
	all := make(map[string]uint64, len(st.ids)+len(st.spread))
	for name, id := range st.ids {
		all[name] = id
	}
	for k, id := range st.spread {
		all["spread-"+strconv.Itoa(k)] = id
	}
	return all
}

// buildUpgradeState registers a stored dataset D (user0 3 units, user1 1), a model M trained on it, and a
// fine-tune F of M with a price; F is paid for and settled, user1 claims and user0 leaves its reward
// unclaimed.
func buildUpgradeState(t *testing.T, nw *network) *upgradeState {
	t.Helper()
	st := &upgradeState{ids: map[string]uint64{}, cids: map[string]string{}, addr: map[string]string{}}
	for i, name := range []string{"alice", "bob", "carol", "dave"} {
		st.addr[name] = nw.addr(i, "user"+strconv.Itoa(i))
	}
	data := filepath.Join(t.TempDir(), "corpus")
	writeFileT(t, filepath.Join(data, "part-0.txt"), "the corpus the upgrade test registers and state sync replicates\n")
	reg := nw.tx(0, nw.rpc(0), append([]string{"tx", "provenance", "register-dataset", data, "--name", "D",
		"--license", "MIT", "--contributors", st.addr["alice"] + ":3," + st.addr["bob"] + ":1",
		"--store", "--ipfs-api", nw.ipfsAPI(0), "--from", "user0"}, bigTx...)...)
	st.ids["D"] = mustUint(t, assetID(t, reg))
	st.cids["D"], _ = reg.event("tributary.provenance.v1.EventAssetRegistered", "cid")
	st.dataCID = st.cids["D"]

	// register-model looks its parent up through the node it talks to (node i), which must first have
	// committed the parent's block (parentAt): the parent was registered through another node.
	model := func(i int, name, parent string, parentAt int64) int64 {
		nw.node(i).waitHeight(parentAt)
		st.cids[name] = exRawCID(t, "upgrade-test "+name)
		res := nw.tx(i, nw.rpc(i), append([]string{"tx", "provenance", "register-model", "--cid", st.cids[name],
			"--size", "1000", "--name", name, "--license", "MIT", "--parent", parent, "--upstream-share-bps", "3000",
			"--from", "user" + strconv.Itoa(i)}, bigTx...)...)
		st.ids[name] = mustUint(t, assetID(t, res))
		return res.committedAt(t)
	}
	mAt := model(2, "M", fmt.Sprintf("%d:10000:trained-on", st.ids["D"]), reg.committedAt(t))
	model(3, "F", fmt.Sprintf("%d:10000:finetuned-from", st.ids["M"]), mAt)
	nw.tx(3, nw.rpc(3), append([]string{"tx", "royalty", "set-price", strconv.FormatUint(st.ids["F"], 10), "5utrib", "--from", "user3"}, smallTx...)...)
	nw.tx(1, nw.rpc(1), append([]string{"tx", "royalty", "pay", strconv.FormatUint(st.ids["F"], 10), "1000000utrib", "--from", "validator1"}, smallTx...)...)
	waitFor(t, "the first payment to settle up to D", defaultWait, func() (bool, string) {
		c := claimable(t, nw, 1, st.addr["bob"])
		return c > 0, "bob can claim " + itoa(c)
	})
	claim := nw.tx(1, nw.rpc(1), append([]string{"tx", "royalty", "claim", "--from", "user1"}, smallTx...)...)
	nw.node(0).waitHeight(claim.committedAt(t)) // settled before the claim, as node 1 saw; node 0 is asked
	if c := claimable(t, nw, 0, st.addr["alice"]); c == 0 {
		t.Fatal("alice has nothing to claim: the upgrade would not carry unclaimed rewards")
	}

	// The spread datasets, registered by carol in one transaction.
	owner := st.addr["carol"]
	msgs := make([]any, spreadAssets)
	for k := range msgs {
		msgs[k] = map[string]any{
			"@type": "/tributary.provenance.v1.MsgRegisterAsset", "owner": owner, "kind": "ASSET_KIND_DATASET",
			"cid": provtypes.RawCIDv1([32]byte{0xab, byte(k >> 8), byte(k)}), "size_bytes": "1000",
			"name": "spread-" + strconv.Itoa(k), "license": "MIT",
			"contributors": map[string]any{"list": map[string]any{"members": []any{map[string]any{"address": owner, "units": "1"}}}},
			"policy":       map[string]any{},
		}
	}
	res := nw.batchTx(2, "user2", 30_000_000, msgs)
	t.Logf("%d spread datasets registered in one transaction (gas %s)", len(msgs), res.GasUsed)
	for _, e := range res.Events {
		if e.Type != "tributary.provenance.v1.EventAssetRegistered" {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == "asset_id" {
				v, err := strconv.Unquote(a.Value)
				if err != nil {
					v = a.Value
				}
				st.spread = append(st.spread, mustUint(t, v))
			}
		}
	}
	if len(st.spread) != spreadAssets {
		t.Fatalf("the batch registered %d assets, want %d", len(st.spread), spreadAssets)
	}
	return st
}

// proposeUpgrade submits a MsgSoftwareUpgrade for upgradeName, has every validator vote yes, waits until the
// proposal passed and returns the upgrade height.
func proposeUpgrade(t *testing.T, nw *network, deposit string) int64 {
	t.Helper()
	gov, err := addresscodec.NewBech32Codec("trib").BytesToString(authtypes.NewModuleAddress("gov"))
	if err != nil {
		t.Fatal(err)
	}
	h := nw.node(0).latest() + upgradeLead
	proposal := filepath.Join(t.TempDir(), "upgrade.json")
	writeFileT(t, proposal, fmt.Sprintf(`{
  "messages": [{"@type": "/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade", "authority": %q,
    "plan": {"name": %q, "height": "%d", "info": "tributaryd built with -tags e2eupgrade"}}],
  "deposit": %q, "title": "Upgrade to %s", "summary": "The upgrade test's software upgrade."
}`, gov, upgradeName, h, deposit, upgradeName))
	res := nw.tx(0, nw.rpc(0), append([]string{"tx", "gov", "submit-proposal", proposal, "--from", "validator0"}, bigTx...)...)
	id, ok := res.event("submit_proposal", "proposal_id")
	if !ok {
		t.Fatalf("no proposal id in %+v", res.Events)
	}
	nw.voteYes(id)
	// node 2 is asked for the plan: every node must have committed the block the proposal passed in.
	nw.awaitPassed(id)
	if plan := nw.cli(2, "query", "upgrade", "plan", "-o", "json"); !strings.Contains(plan, upgradeName) {
		t.Fatalf("no upgrade plan after the proposal passed: %s", plan)
	}
	if got := nw.node(0).latest(); got >= h-8 {
		t.Fatalf("the proposal passed at height %d, too close to the upgrade height %d for the test's payments", got, h)
	}
	t.Logf("proposal %s passed: upgrade %s at height %d", id, upgradeName, h)
	return h
}

// payUntilHalt pays every spread dataset in one transaction about six blocks before the upgrade height (more
// settlement work than the blocks left can do, so revenue is still queued when the chain halts), then F from
// every user in the last blocks, one payment per block and payer.
func payUntilHalt(t *testing.T, nw *network, st *upgradeState, h int64) {
	t.Helper()
	nw.node(0).waitHeight(h - 8)
	msgs := make([]any, len(st.spread))
	for k, id := range st.spread {
		msgs[k] = map[string]any{
			"@type": "/tributary.royalty.v1.MsgPay", "payer": st.addr["bob"], "asset_id": strconv.FormatUint(id, 10),
			"amount": map[string]any{"denom": "utrib", "amount": strconv.Itoa(1000 + k)},
		}
	}
	res := nw.batchTx(1, "user1", 15_000_000, msgs)
	t.Logf("%d spread payments landed at height %s (gas %s), the upgrade is at %d", len(msgs), res.Height, res.GasUsed, h)
	for i := range nw.n {
		n := nw.node(i)
		n.waitHeight(h - 5 + int64(i))
		// --async: the CLI waits for inclusion by default, and the last payments may only reach a block after the
		// halt, on the new binary.
		n.tx("user"+strconv.Itoa(i), "royalty", "pay", strconv.FormatUint(st.ids["F"], 10), strconv.Itoa(10007*(i+1))+"utrib", "--async")
	}
}

// awaitUpgradeHalt waits until every node has logged that the upgrade is needed at h and written
// upgrade-info.json (which cosmovisor watches) for the plan, and checks that a node without cosmovisor
// stopped at h-1.
func awaitUpgradeHalt(t *testing.T, nw *network, h int64) {
	t.Helper()
	for i := range nw.n {
		n := nw.node(i)
		waitFor(t, fmt.Sprintf("node%d to halt at the upgrade height %d", i, h), defaultWait, func() (bool, string) {
			log := readFile(t, filepath.Join(n.home, "node.log"))
			return strings.Contains(log, upgradeNeeded(h)), "height " + itoa(n.latest())
		})
		// A node under cosmovisor may already run the upgrade binary past h; the one on the old binary alone
		// must not have committed h.
		if got := n.latest(); !n.group && got != h-1 {
			t.Fatalf("node%d committed height %d, want %d: it ran past the upgrade height", i, got, h-1)
		}
		var info struct {
			Name   string `json:"name"`
			Height int64  `json:"height"`
		}
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(n.home, "data", "upgrade-info.json"))), &info); err != nil ||
			info.Name != upgradeName || info.Height != h {
			t.Fatalf("node%d upgrade-info.json: %+v %v", i, info, err)
		}
	}
}

// checkUpgraded checks the upgraded network: the plan is applied, the migrated parameter is the default,
// the new binary answers every query at the last pre-upgrade height byte for byte as the old one did, the
// queries settlement does not move answer the same today, and the royalty module's balance is exactly what
// it owes. Then alice claims the reward she left unclaimed before the upgrade.
func checkUpgraded(t *testing.T, nw *network, st *upgradeState, queries, before map[string]string, h int64) {
	t.Helper()
	if out := nw.cli(3, "query", "upgrade", "applied", upgradeName, "-o", "json"); !strings.Contains(out, strconv.FormatInt(h, 10)) {
		t.Fatalf("upgrade %s not applied at %d: %s", upgradeName, h, out)
	}
	n := nw.node(2)
	_, params := n.get("/tributary/provenance/v1/params", 0)
	if got := fmt.Sprint(exField[map[string]any](t, params, "params")["max_contributors"]); got == "2" {
		t.Fatalf("provenance max_contributors is still the pre-upgrade 2 after the migration: %s", params)
	}
	exCompare(t, fmt.Sprintf("height %d on the new binary", h-1), before, n.snapshot(queries, h-1))
	now := n.snapshot(queries, 0)
	for name, want := range before {
		if exMovesWithSettlement(name) || name == "provenance-params" {
			continue
		}
		if now[name] != want {
			t.Errorf("%s changed across the upgrade:\nbefore: %s\nafter:  %s", name, want, now[name])
		}
	}
	n.checkConservation(st.allIDs())
	// The revenue carried across the upgrade finishes settling on the new binary before alice claims, so
	// that her claim takes everything she is owed.
	waitFor(t, "the settlement queue to drain after the upgrade", defaultWait, func() (bool, string) {
		_, body := n.get("/tributary/royalty/v1/settlement_queue", 0)
		return len(exField[[]any](t, body, "entries")) == 0, body
	})
	// The drain was seen through node 2; what alice is owed is read through node 0, which must have
	// committed it too (else owed would miss the last settlement, and the claimed metric would exceed it).
	nw.node(0).waitHeight(n.latest())
	owed := claimable(t, nw, 0, st.addr["alice"])
	nw.tx(0, nw.rpc(0), append([]string{"tx", "royalty", "claim", "--from", "user0"}, smallTx...)...)
	if left := claimable(t, nw, 0, st.addr["alice"]); left != 0 || owed == 0 {
		t.Fatalf("alice could claim %d before her claim and %d after", owed, left)
	}

	// Metrics: node0's application has executed exactly one claim since it restarted on the new binary, for
	// what the chain said alice was owed; one more payment moves the payment counters by exactly that payment
	// (payments sent just before the halt may have landed after it, so the counters are compared before and
	// after); CometBFT reports the height the chain is at.
	pre := nw.node(0).appMetrics()
	pay := nw.tx(2, nw.rpc(2), append([]string{"tx", "royalty", "pay", strconv.FormatUint(st.ids["M"], 10), "4321utrib", "--from", "user2"}, smallTx...)...)
	paidEvent, _ := pay.event("tributary.royalty.v1.EventPaid", "amount")
	nw.node(0).waitHeight(mustInt(t, pay.Height))
	m := nw.node(0).appMetrics()
	if got := m[`tributary_royalty_payments{denom="utrib"}`] - pre[`tributary_royalty_payments{denom="utrib"}`]; got != 1 {
		t.Errorf("tributary_royalty_payments{denom=utrib} moved by %g for one payment", got)
	}
	if got := m[`tributary_royalty_paid{denom="utrib"}`] - pre[`tributary_royalty_paid{denom="utrib"}`]; got != 4321 || !strings.Contains(paidEvent, "4321") {
		t.Errorf("tributary_royalty_paid{denom=utrib} moved by %g; the committed EventPaid amount is %s", got, paidEvent)
	}
	if got := m["tributary_royalty_claims"]; got != 1 {
		t.Errorf("tributary_royalty_claims = %g, want 1 (alice's claim)", got)
	}
	if got := m[`tributary_royalty_claimed{denom="utrib"}`]; got != float64(owed) {
		t.Errorf("tributary_royalty_claimed{denom=utrib} = %g, want the %d utrib the chain paid alice", got, owed)
	}
	if got := nw.node(0).cometMetrics()[`cometbft_consensus_height{chain_id="tributary-localnet"}`]; got <= float64(h) {
		t.Errorf("cometbft_consensus_height = %g, want past the upgrade height %d", got, h)
	}
}

// stateSyncJoin adds a fifth node (node4, not a validator) that joins by state sync: its trust height and
// hash come from node1's RPC, snapshots from the validators. It must restore a snapshot (no block 1 in
// its store), reach the network's app hash, answer the queries like node1 at the same height, and its
// IPFS node must fetch the dataset's content.
func stateSyncJoin(t *testing.T, nw *network, newBin string, st *upgradeState, queries map[string]string) {
	t.Helper()
	home := nw.home(4)
	run(t, nil, newBin, "init", "node4", "--chain-id", "tributary-localnet", "--default-denom", "utrib", "--home", home)
	writeFileT(t, filepath.Join(home, "config", "genesis.json"), readFile(t, filepath.Join(nw.home(0), "config", "genesis.json")))
	joiner := newNode(t, home, nw.base+40)
	joiner.bin = nw.bin
	joiner.launch = launchWith(newBin)
	run(t, nil, nw.bin, "config", "chain-id", "tributary-localnet", "--home", home)

	// A snapshot newer than the trust height must exist: wait for the next one after it.
	trust := nw.node(1).latest() - 2
	trustHash := blockHash(t, nw.node(1), trust)
	nw.node(1).waitHeight((trust/10 + 1) * 10)

	var peers, ipfsPeers []string
	for i := range nw.n {
		peers = append(peers, strings.TrimSpace(nw.cli(i, "comet", "show-node-id"))+"@127.0.0.1:"+strconv.Itoa(nw.port(i, portP2P)))
		ipfsPeers = append(ipfsPeers, strconv.Quote(fmt.Sprintf("/ip4/127.0.0.1/tcp/%d/p2p/%s", nw.port(i, portIPFS),
			strings.TrimSpace(nw.cli(i, "content", "peer-id")))))
	}
	cfg, app := filepath.Join(home, "config", "config.toml"), filepath.Join(home, "config", "app.toml")
	setTOML(t, cfg, "p2p", "persistent_peers", strconv.Quote(strings.Join(peers, ",")))
	setTOML(t, cfg, "p2p", "allow_duplicate_ip", "true")
	setTOML(t, cfg, "p2p", "addr_book_strict", "false")
	setTOML(t, cfg, "statesync", "enable", "true")
	setTOML(t, cfg, "statesync", "rpc_servers", strconv.Quote(nw.rpc(1)+","+nw.rpc(2)))
	setTOML(t, cfg, "statesync", "trust_height", itoa(trust))
	setTOML(t, cfg, "statesync", "trust_hash", strconv.Quote(trustHash))
	setTOML(t, cfg, "statesync", "trust_period", `"168h0m0s"`)
	setTOML(t, app, "ipfs", "peers", "["+strings.Join(ipfsPeers, ", ")+"]")
	joiner.start()
	nw.nodes = append(nw.nodes, joiner)
	nw.n++

	hash, at := nw.awaitAgreement(5, nw.node(1).latest()+2, defaultWait)
	var status struct {
		Result struct {
			SyncInfo struct {
				Earliest string `json:"earliest_block_height"`
			} `json:"sync_info"`
		} `json:"result"`
	}
	if !joiner.rpcGet("/status", &status) {
		t.Fatal("node4 /status does not answer")
	}
	earliest := mustInt(t, status.Result.SyncInfo.Earliest)
	if earliest <= 1 {
		t.Fatalf("node4's earliest block is %d: it replayed the chain instead of restoring a snapshot", earliest)
	}
	t.Logf("node4 restored a snapshot (earliest block %d) and agrees on %s at %d", earliest, hash, at)
	// at is the lowest block-store height of the five, most likely node4's, whose application may not have
	// executed block at yet, nor its REST server have started: both nodes are asked once they can answer.
	exCompare(t, fmt.Sprintf("node4 vs node1 at height %d", at), nw.node(1).snapshotAt(queries, at), joiner.snapshotAt(queries, at))
	nw.awaitReplicated(4, strconv.FormatUint(st.ids["D"], 10), st.dataCID)
}

// blockHash is the hash of block h as a node's RPC reports it.
func blockHash(t *testing.T, n *node, h int64) string {
	t.Helper()
	var res struct {
		Result struct {
			BlockID struct {
				Hash string `json:"hash"`
			} `json:"block_id"`
		} `json:"result"`
	}
	if !n.rpcGet(fmt.Sprintf("/block?height=%d", h), &res) || res.Result.BlockID.Hash == "" {
		t.Fatalf("no block %d at %s", h, n.rpc())
	}
	return res.Result.BlockID.Hash
}

func mustUint(t *testing.T, s string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("not an id: %q", s)
	}
	return v
}
