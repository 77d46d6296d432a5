//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// journeyBasePort keeps this test's localnet clear of the other e2e tests' ports (and, like
// faultsBasePort, below the ephemeral port range).
const journeyBasePort = 31600

// TestJourneyAcrossNodes is the whole journey on four real validators, crossing nodes at every
// step: a dataset is added and registered through node 0, its content fetched through node 2 over
// bitswap and compared byte for byte; a model citing two datasets is registered through node 2;
// payments go through node 1 and claims through node 3; every payout is checked to the micro-unit
// against the split computed here from the chain's params and x/royalty's rounding rules.
func TestJourneyAcrossNodes(t *testing.T) {
	nw := startNetwork(t, journeyBasePort, 4)
	user0, user1, user2, user3 := nw.addr(0, "user0"), nw.addr(1, "user1"), nw.addr(2, "user2"), nw.addr(3, "user3")
	val3 := nw.addr(3, "validator3")

	// Content: a 2.5 MiB file (three 1 MiB chunks, so several blocks travel) and a small one.
	data := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 5<<19)
	rand.New(rand.NewSource(6)).Read(big)
	files := map[string][]byte{"shard-000.bin": big, "README.txt": []byte("tributary journey corpus\n")}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(data, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cid := strings.TrimSpace(nw.cli(0, "content", "cid", data))
	added := strings.Fields(nw.cli(0, "content", "add", data, "--ipfs-api", nw.ipfsAPI(0)))
	wantSize := strconv.Itoa(len(big) + len(files["README.txt"]))
	if len(added) != 2 || added[0] != cid || added[1] != wantSize {
		t.Fatalf("content add through node0 printed %v, want [%s %s]", added, cid, wantSize)
	}

	// Dataset D through node 0: user0 3 units, user3 1 unit.
	reg := nw.tx(0, nw.rpc(0), append([]string{"tx", "provenance", "register-dataset", data,
		"--license", "CC-BY-4.0", "--contributors", user0 + ":3," + user3 + ":1",
		"--min-derivative-share-bps", "1000", "--store", "--ipfs-api", nw.ipfsAPI(0), "--from", "user0"}, bigTx...)...)
	dID := assetID(t, reg)
	if got, _ := reg.event("tributary.provenance.v1.EventAssetRegistered", "cid"); got != cid {
		t.Fatalf("dataset registered with CID %q, want %s", got, cid)
	}
	// Dataset D2 (CID only, not stored) through node 0: validator3 1 unit.
	d2Dir := filepath.Join(t.TempDir(), "labels")
	if err := os.MkdirAll(d2Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d2Dir, "labels.csv"), []byte("id,label\n1,cat\n2,dog\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	regD2 := nw.tx(0, nw.rpc(0), append([]string{"tx", "provenance", "register-dataset", d2Dir,
		"--license", "CC0-1.0", "--contributors", val3 + ":1", "--from", "user0"}, bigTx...)...)
	d2ID := assetID(t, regD2)

	// Every node replicates D on its own, fetched from node 0 over bitswap ([ipfs] replicate), and
	// none holds D2, whose content nobody stored: only-if-cached answers 412 from local stores.
	for i := 1; i < 4; i++ {
		nw.awaitReplicated(i, dID, cid)
	}
	d2CID := strings.TrimSpace(nw.cli(0, "content", "cid", d2Dir))
	if code := nw.gatewayStatus(3, d2CID, true); code != http.StatusPreconditionFailed {
		t.Fatalf("node3 gateway, only-if-cached, unstored D2 %s: status %d, want 412", d2CID, code)
	}

	// Node 2 never had the content added to it: it comes from node 0 over bitswap, verified block by block.
	out := filepath.Join(t.TempDir(), "fetched")
	nw.cli(2, "content", "get", cid, out, "--ipfs-api", nw.ipfsAPI(2), "--timeout", "3m")
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("fetched through node2: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s fetched through node2 differs from what node0 stored (%d vs %d bytes)", name, len(got), len(want))
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != len(files) {
		t.Fatalf("fetched %d entries, want %d", len(entries), len(files))
	}

	// Model M through node 2, trained on D (70%) and D2 (30%), 30% of its revenue upstream;
	// user2 is its only contributor (the signer, 1 unit).
	const upstreamBps, wD, wD2 = 3000, 7000, 3000
	modelDir := filepath.Join(t.TempDir(), "model")
	if err := os.MkdirAll(modelDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(modelDir, "weights.bin"), big[:4096], 0o644); err != nil {
		t.Fatal(err)
	}
	// register-model looks its parents up through node 2: it must have committed D2 (D it has replicated).
	nw.node(2).waitHeight(regD2.committedAt(t))
	regM := nw.tx(2, nw.rpc(2), append([]string{"tx", "provenance", "register-model", modelDir,
		"--license", "Apache-2.0", "--upstream-share-bps", strconv.Itoa(upstreamBps),
		"--parent", dID + ":" + strconv.Itoa(wD) + ":trained-on", "--parent", d2ID + ":" + strconv.Itoa(wD2) + ":trained-on",
		"--from", "user2"}, bigTx...)...)
	mID := assetID(t, regM)

	// Node 3 sees the lineage node 2 wrote, once it has committed that block (it may be one behind node 2).
	nw.node(3).waitHeight(regM.committedAt(t))
	var lineage struct {
		Edges []json.RawMessage `json:"edges"`
	}
	lin := nw.cli(3, "query", "provenance", "lineage", mID, "-o", "json")
	if err := json.Unmarshal([]byte(lin), &lineage); err != nil || len(lineage.Edges) != 2 {
		t.Fatalf("lineage of the model through node3: %v: %s", err, lin)
	}

	// Expected split, from the params and x/royalty's rounding table.
	var rp struct {
		Params struct {
			ProtocolFeeBps int64 `json:"protocol_fee_bps"`
		} `json:"params"`
	}
	if err := json.Unmarshal([]byte(nw.cli(1, "query", "royalty", "params", "-o", "json")), &rp); err != nil {
		t.Fatal(err)
	}
	f := rp.Params.ProtocolFeeBps
	const payModel, payDataset = 1_234_567, 500_001
	revM := payModel - (payModel*f+9_999)/10000 // the fee rounds up: the remainder is the asset's
	up := revM * upstreamBps / 10000
	toModel := revM - up
	toD, toD2 := up*wD/10000, up*wD2/10000
	toD += up - toD - toD2 // what the floors leave goes to the largest weight
	revD := payDataset - (payDataset*f+9_999)/10000
	totalD := toD + revD
	// D's index rises by totalD×1e18/4 (exact: 4 divides 1e18); a claim floors units×index/1e18.
	want := map[string]int64{
		user0: totalD * 3 / 4,
		user3: totalD * 1 / 4,
		val3:  toD2,
		user2: toModel,
	}

	// Payments through node 1.
	payer0 := nw.balance(1, user1)
	var paidAt int64
	for _, p := range []struct {
		asset  string
		amount int64
	}{{mID, payModel}, {dID, payDataset}} {
		res := nw.tx(1, nw.rpc(1), append([]string{"tx", "royalty", "pay", p.asset,
			strconv.FormatInt(p.amount, 10) + "utrib", "--reference", "journey", "--from", "user1"}, smallTx...)...)
		if got, _ := res.event("tributary.royalty.v1.EventPaid", "asset_id"); got != p.asset {
			t.Fatalf("payment for asset %s emitted EventPaid for %q", p.asset, got)
		}
		paidAt = res.committedAt(t)
	}
	if got, w := nw.balance(1, user1), payer0-payModel-payDataset-2*smallTxFee; got != w {
		t.Fatalf("payer balance %d, want %d", got, w)
	}

	// Claims through node 3, each claimant signing with the keyring of its own node. Settlement is done in
	// the payments' own blocks, which node 3 may not have committed yet when node 1 has.
	nw.node(3).waitHeight(paidAt)
	claimants := []struct {
		node      int
		key, addr string
	}{{0, "user0", user0}, {3, "user3", user3}, {3, "validator3", val3}, {2, "user2", user2}}
	for _, c := range claimants {
		if got := claimable(t, nw, 3, c.addr); got != want[c.addr] {
			t.Errorf("%s: claimable %d through node3, want %d", c.key, got, want[c.addr])
		}
		before := nw.balance(3, c.addr)
		claim := nw.tx(c.node, nw.rpc(3), append([]string{"tx", "royalty", "claim", "--from", c.key}, smallTx...)...)
		if got := nw.balance(3, c.addr) - before; got != want[c.addr]-smallTxFee {
			t.Errorf("%s received %d, want %d (payout %d minus the %d fee)", c.key, got, want[c.addr]-smallTxFee, want[c.addr], smallTxFee)
		}
		nw.node(1).waitHeight(claim.committedAt(t)) // the claim was awaited through node 3
		if got := claimable(t, nw, 1, c.addr); got != 0 {
			t.Errorf("%s: %d still claimable after the claim", c.key, got)
		}
	}
	t.Logf("fee %d bps; payouts %v (D total %d, model %d, D2 %d)", f, want, totalD, toModel, toD2)

	// Every node ends with the same state.
	nw.awaitAgreement(4, nw.height(3), defaultWait)
}

// assetID is the id in a registration's EventAssetRegistered.
func assetID(t *testing.T, res txResult) string {
	t.Helper()
	id, ok := res.event("tributary.provenance.v1.EventAssetRegistered", "asset_id")
	if !ok || id == "" {
		t.Fatalf("no EventAssetRegistered in tx %s", res.TxHash)
	}
	return id
}

// claimable is addr's total claimable utrib as node i reports it.
func claimable(t *testing.T, nw *network, i int, addr string) int64 {
	t.Helper()
	return claimableOf(t, nw, i, addr, "utrib")
}
