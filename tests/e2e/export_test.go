//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Port blocks of the two chains of TestExportImport (p2p, RPC, gRPC, REST, IPFS libp2p, gateway, IPFS API at
// base+0..6): away from the defaults that TestSingleNodeTransfer uses and from the other e2e tests' blocks
// (30600-30739, 31600-31689), and below Linux's ephemeral range (32768-60999), since the old node is
// restarted on its ports and an outgoing connection of any process may hold a port of that range.
const (
	exportOldBase = 31800
	exportNewBase = 31820
)

// TestExportImport builds a chain state with every kind of royalty and provenance state (datasets, a Merkle
// commitment with one proven and two unproven members, a lineage with a diamond, a retired asset, a price,
// claimed and unclaimed rewards, and a settlement queue that still holds pending revenue), stops the node,
// exports it, and starts a new chain from the exported genesis with the same validator key.
//
// The new chain cannot be queried at the exported state itself: it commits that state together with its first
// block, whose EndBlock settles the next queued asset. So the old chain is restarted too, and both are queried
// at every height from the first new block until the queue is empty: each provenance and royalty query must
// answer byte for byte the same (after re-encoding the JSON with sorted keys; nothing else is normalised). A
// lost or altered piece of genesis state shows up at the first height as a difference. Then the same
// transactions (a late Merkle proof, a claim, a refused payment to the retired asset, a new registration) go to
// both chains and every query is compared again, and the royalty module's balance is checked against pending
// revenue plus unclaimed pools.
func TestExportImport(t *testing.T) {
	bin := binary(t)
	tmp := t.TempDir()
	oldHome := filepath.Join(tmp, "old")
	run(t, []string{"TRIBUTARY_HOME=" + oldHome, "TRIBUTARYD=" + bin}, filepath.Join(repoRoot(t), "scripts", "init-node.sh"))
	old := newNode(t, oldHome, exportOldBase)
	// The smallest settlement gas budget settles an asset or two per block, so a payment to the tip of the
	// lineage takes several blocks to reach the roots and the node can be stopped with revenue still queued. Two explicit contributors at most turn a list of
	// three into a Merkle commitment.
	editJSON(t, filepath.Join(old.home, "config", "genesis.json"), func(g map[string]any) {
		jsonPath(t, g, "app_state", "royalty", "params")["settlement_gas_budget"] = "100000"
		jsonPath(t, g, "app_state", "provenance", "params")["max_contributors"] = 2
		// x/royalty refuses a budget its lineage bounds do not fit (types.SettlementStepGas: 73,320 gas at 2
		// parents and 2 contributors); no asset here has more than 2 parents.
		jsonPath(t, g, "app_state", "provenance", "params")["max_parents"] = 2
	})
	run(t, nil, bin, "genesis", "validate", "--home", old.home)
	old.start()
	old.waitHeight(2)

	names := []string{"validator", "alice", "bob", "carol", "dave", "erin"}
	addr := map[string]string{}
	for _, n := range names {
		addr[n] = strings.TrimSpace(run(t, nil, bin, "keys", "show", n, "-a", "--home", old.home, "--keyring-backend", "test"))
	}

	// The lineage (ids in registration order):
	//   D1 dataset (alice 3, bob 1; derivatives owe it >= 5%)     D2 dataset (Merkle: carol 2, dave 1, erin 1)
	//        \ 60%                                               / 40%
	//         M model (erin; upstream 30%)
	//         | 100% finetuned-from                \
	//         F fine-tune (bob 1, erin 1; upstream 20%; price 5utrib)   \
	//         | 100% quantized-from                   \ 50% derived-from
	//         Q quantized (dave; upstream 50%; retired)  \
	//          \ 50% adapter-of                           |
	//           G adapter (alice; upstream 40%) ----------+
	reg := func(from, kind string, args ...string) string {
		return old.tx(from, append([]string{"provenance", "register-" + kind, "--license", "MIT"}, args...)...)
	}
	cids := map[string]string{}
	for _, n := range []string{"D1", "M", "F", "Q", "G", "D3"} {
		cids[n] = exRawCID(t, "export-test "+n)
	}
	membersOut := filepath.Join(tmp, "members-d2.csv")
	membersIn := filepath.Join(tmp, "members-in.csv")
	writeFileT(t, membersIn, fmt.Sprintf("address,units\n%s,2\n%s,1\n%s,1\n", addr["carol"], addr["dave"], addr["erin"]))
	d2Dir := filepath.Join(tmp, "d2")
	writeFileT(t, filepath.Join(d2Dir, "part-0.txt"), "the second dataset, registered from local content\n")
	old.waitTxs(
		reg("alice", "dataset", "--cid", cids["D1"], "--size", "1000", "--name", "D1",
			"--contributors", addr["alice"]+":3,"+addr["bob"]+":1", "--min-derivative-share-bps", "500"),
		reg("carol", "dataset", d2Dir, "--name", "D2", "--contributors-file", membersIn, "--members-out", membersOut),
	)
	ids := map[string]uint64{"D1": old.assetIDByCID(cids["D1"])}
	ids["D2"] = 3 - ids["D1"]
	cids["D2"] = old.assetCID(ids["D2"])
	parent := func(n string, w int, rel string) string { return fmt.Sprintf("%d:%d:%s", ids[n], w, rel) }

	old.waitTxs(reg("erin", "model", "--cid", cids["M"], "--size", "7000", "--name", "M",
		"--parent", parent("D1", 6000, "trained-on"), "--parent", parent("D2", 4000, "trained-on"), "--upstream-share-bps", "3000"))
	ids["M"] = 3
	old.waitTxs(reg("bob", "model", "--cid", cids["F"], "--size", "7000", "--name", "F",
		"--parent", parent("M", 10000, "finetuned-from"), "--upstream-share-bps", "2000",
		"--contributors", addr["bob"]+":1,"+addr["erin"]+":1"))
	ids["F"] = 4
	old.waitTxs(
		reg("dave", "model", "--cid", cids["Q"], "--size", "3500", "--name", "Q",
			"--parent", parent("F", 10000, "quantized-from"), "--upstream-share-bps", "5000"),
		old.tx("bob", "royalty", "set-price", "4", "5utrib"),
	)
	ids["Q"] = 5
	old.waitTxs(reg("alice", "model", "--cid", cids["G"], "--size", "100", "--name", "G",
		"--parent", parent("Q", 5000, "adapter-of"), "--parent", parent("M", 5000, "derived-from"), "--upstream-share-bps", "4000"))
	ids["G"] = 6
	for n, id := range ids {
		if got := old.assetCID(id); got != cids[n] {
			t.Fatalf("asset %d is %s, want %s (%s)", id, got, cids[n], n)
		}
	}

	// A first payment settles completely; bob claims, carol proves her Merkle membership and claims; dave and
	// erin leave theirs unproven and alice and erin leave their rewards unclaimed. Q is retired afterwards.
	old.waitTxs(old.tx("validator", "royalty", "pay", "6", "1000000utrib"))
	old.waitQueueEmpty()
	members := exMembers(t, membersOut)
	old.waitTxs(
		old.tx("bob", "royalty", "claim"),
		old.tx("carol", append([]string{"royalty", "claim-merkle", strconv.FormatUint(ids["D2"], 10)}, members.proofArgs(t, addr["carol"])...)...),
		old.tx("dave", "provenance", "retire", "5"),
	)

	// The last payments: the node is stopped as soon as they are in a block, with most of the lineage unsettled.
	// The payment to the tip goes last: from its block on, its six-asset lineage settles over several blocks.
	last := []string{
		old.tx("carol", "royalty", "pay", strconv.FormatUint(ids["D1"], 10), "5003utrib"),
		old.tx("erin", "royalty", "pay", "4", "123457utrib"),
		old.tx("validator", "royalty", "pay", "6", "777777utrib"),
	}
	old.waitTxs(last...)
	old.stop()

	exported := filepath.Join(tmp, "exported.json")
	run(t, nil, bin, "export", "--home", old.home, "--output-document", exported)
	run(t, nil, bin, "genesis", "validate", exported, "--home", old.home)
	var gen struct {
		InitialHeight int64 `json:"initial_height"`
		Consensus     struct {
			Validators []struct {
				Address string `json:"address"`
				PubKey  struct {
					Value string `json:"value"`
				} `json:"pub_key"`
				Power string `json:"power"`
			} `json:"validators"`
		} `json:"consensus"`
		AppState struct {
			Royalty struct {
				SettlementQueue []string `json:"settlement_queue"`
				Pending         []struct {
					AssetID string `json:"asset_id"`
					Amount  string `json:"amount"`
				} `json:"pending"`
			} `json:"royalty"`
		} `json:"app_state"`
	}
	if err := json.Unmarshal([]byte(readFile(t, exported)), &gen); err != nil {
		t.Fatal(err)
	}
	exportedHeight := gen.InitialHeight - 1
	t.Logf("exported at height %d: initial_height %d, settlement queue %v, pending %+v",
		exportedHeight, gen.InitialHeight, gen.AppState.Royalty.SettlementQueue, gen.AppState.Royalty.Pending)
	if len(gen.AppState.Royalty.SettlementQueue) == 0 {
		t.Fatalf("the exported settlement queue is empty: the node settled everything before it stopped")
	}
	// The exported validator set is the old validator, with its consensus key: the new chain needs that key.
	var pvKey struct {
		PubKey struct {
			Value string `json:"value"`
		} `json:"pub_key"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(old.home, "config", "priv_validator_key.json"))), &pvKey); err != nil {
		t.Fatal(err)
	}
	if v := gen.Consensus.Validators; len(v) != 1 || v[0].PubKey.Value != pvKey.PubKey.Value || v[0].Power != "100000" {
		t.Fatalf("exported validators %+v, want the one validator with key %s and power 100000", v, pvKey.PubKey.Value)
	}

	// The new chain: a fresh home with the exported genesis and the old validator's keys (and the keyring, so
	// the same accounts can sign on it).
	freshHome := filepath.Join(tmp, "new")
	run(t, nil, bin, "init", "imported", "--chain-id", "tributary-local", "--home", freshHome)
	for _, f := range []string{"config/genesis.json", "config/priv_validator_key.json", "config/node_key.json", "config/client.toml"} {
		src := filepath.Join(old.home, f)
		if f == "config/genesis.json" {
			src = exported
		}
		writeFileT(t, filepath.Join(freshHome, f), readFile(t, src))
	}
	if err := os.CopyFS(filepath.Join(freshHome, "keyring-test"), os.DirFS(filepath.Join(old.home, "keyring-test"))); err != nil {
		t.Fatal(err)
	}
	fresh := newNode(t, freshHome, exportNewBase)
	fresh.start()
	old.start() // resumes from the exported height: the reference the new chain is compared with
	if h := fresh.waitHeight(gen.InitialHeight); h < gen.InitialHeight {
		t.Fatalf("new chain at %d", h)
	}

	queries := exQueries(ids, cids, addr)
	// The exported state is what the old chain answers at the exported height (once the restarted node
	// answers at all: it was started together with the new chain, whose first block is all we waited for).
	atExport := old.snapshotAt(queries, exportedHeight)
	var queue []string
	for _, e := range exField[[]any](t, atExport["settlement-queue"], "entries") {
		queue = append(queue, fmt.Sprint(e.(map[string]any)["asset_id"]))
	}
	// The query lists the queue in settlement order (descending id), genesis in key order (ascending).
	sort.Strings(queue)
	sort.Strings(gen.AppState.Royalty.SettlementQueue)
	if strings.Join(queue, ",") != strings.Join(gen.AppState.Royalty.SettlementQueue, ",") {
		t.Fatalf("old chain's queue at %d is %v, exported %v", exportedHeight, queue, gen.AppState.Royalty.SettlementQueue)
	}

	// Height by height until both queues are empty.
	h := gen.InitialHeight
	for ; ; h++ {
		if h > gen.InitialHeight+20 {
			t.Fatalf("the settlement queue is still not empty at height %d", h)
		}
		a, b := old.snapshotAt(queries, h), fresh.snapshotAt(queries, h)
		exCompare(t, fmt.Sprintf("height %d", h), a, b)
		if h == gen.InitialHeight {
			// Nothing but settlement moves: every other query still answers as at the exported height.
			for name, want := range atExport {
				if !exMovesWithSettlement(name) && b[name] != want {
					t.Errorf("%s at the first new height differs from the exported state:\nexported: %s\nnew:      %s", name, want, b[name])
				}
			}
		}
		if len(exField[[]any](t, b["settlement-queue"], "entries")) == 0 {
			break
		}
	}
	t.Logf("%d queries answered identically at each height %d..%d; the queue is empty at %d", len(queries), gen.InitialHeight, h, h)
	fresh.checkConservation(ids)

	// The same transactions on both chains: a Merkle member proves long after the export (its claim position
	// starts at index 0), alice claims, a payment to the retired asset is refused, a registration takes id 7.
	for _, n := range []*node{old, fresh} {
		n.waitTxs(
			n.tx("dave", append([]string{"royalty", "claim-merkle", strconv.FormatUint(ids["D2"], 10)}, members.proofArgs(t, addr["dave"])...)...),
			n.tx("alice", "royalty", "claim"),
			n.tx("bob", "provenance", "register-dataset", "--cid", cids["D3"], "--size", "1", "--name", "D3", "--license", "MIT"),
		)
		if code, log := n.txFails("erin", "royalty", "pay", "5", "1000utrib"); code != 4 || !strings.Contains(log, "not active") {
			t.Errorf("%s: a payment to the retired asset: code %d (want royalty 4, ErrInactiveAsset), %s", n.home, code, log)
		}
		if got := n.assetIDByCID(cids["D3"]); got != 7 {
			t.Errorf("%s: the registration after the import got id %d, want 7", n.home, got)
		}
	}
	ids["D3"] = 7
	queries = exQueries(ids, cids, addr)
	// D3 was registered in a different block on each chain: its created_height and created_time are the only
	// answers that may differ (checked by exCompare to be the only difference).
	a, b := exDropCreated(t, old.snapshot(queries, 0), "7"), exDropCreated(t, fresh.snapshot(queries, 0), "7")
	exCompare(t, "after the same transactions", a, b)
	old.checkConservation(ids)
	fresh.checkConservation(ids)
}
