//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const contentGCBase = 32700

// pinRow is one row of the table `tributaryd content ls` prints.
type pinRow struct{ cid, reason, asset, complete, revoked string }

// pins lists node i's pins through `tributaryd content ls`.
func (nw *network) pins(i int) []pinRow {
	nw.t.Helper()
	var rows []pinRow
	for _, line := range strings.Split(strings.TrimSpace(nw.cli(i, "content", "ls", "--ipfs-api", nw.ipfsAPI(i))), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) != 7 {
			nw.t.Fatalf("content ls line %q", line)
		}
		rows = append(rows, pinRow{cid: f[0], reason: f[1], asset: f[2], complete: f[5], revoked: f[6]})
	}
	return rows
}

// passProposal submits a governance proposal of msgs through node 0, every validator votes yes, and it
// waits until the proposal passed and every running node has committed the block it passed in.
func passProposal(t *testing.T, nw *network, title, summary, deposit string, msgs ...any) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"messages": msgs, "deposit": deposit, "title": title, "summary": summary, "metadata": ""})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "proposal.json")
	writeFileT(t, file, string(body))
	res := nw.tx(0, nw.rpc(0), append([]string{"tx", "gov", "submit-proposal", file, "--from", "validator0"}, bigTx...)...)
	id, ok := res.event("submit_proposal", "proposal_id")
	if !ok {
		t.Fatalf("no proposal id in %+v", res.Events)
	}
	nw.voteYes(id)
	nw.awaitPassed(id)
}

// TestRevokedContentIsCollected: on two real validators, a dataset stored through node 0 (content add:
// a local pin there) is replicated by node 1 (a registered pin). Governance revokes the asset. Node 1
// stops serving it (gateway 404) before any GC, and its `content gc` frees the blocks (only-if-cached
// 412 afterwards), which its Prometheus endpoint counts. Node 0 keeps its locally pinned copy through GC, whole, but does not serve it either.
func TestRevokedContentIsCollected(t *testing.T) {
	nw := createNetwork(t, contentGCBase, 2)
	var minDeposit string
	nw.editGenesis(func(g map[string]any) {
		gov := jsonPath(t, g, "app_state", "gov", "params")
		gov["voting_period"] = "10s"
		gov["expedited_voting_period"] = "5s"
		dep := gov["min_deposit"].([]any)[0].(map[string]any)
		minDeposit = fmt.Sprint(dep["amount"]) + fmt.Sprint(dep["denom"])
	})
	enableMetrics(t, nw.node(1))
	nw.start()

	data := filepath.Join(t.TempDir(), "to-be-revoked")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 5<<19) // three 1 MiB chunks
	rand.New(rand.NewSource(11)).Read(big)
	writeFileT(t, filepath.Join(data, "shard.bin"), string(big))
	cid := strings.TrimSpace(nw.cli(0, "content", "cid", data))
	reg := nw.tx(0, nw.rpc(0), append([]string{"tx", "provenance", "register-dataset", data,
		"--license", "CC-BY-4.0", "--contributors", nw.addr(0, "user0") + ":1",
		"--store", "--ipfs-api", nw.ipfsAPI(0), "--from", "user0"}, bigTx...)...)
	id := assetID(t, reg)
	nw.awaitReplicated(1, id, cid)
	if rows := nw.pins(1); len(rows) != 1 || rows[0].cid != cid || rows[0].reason != "registered" || rows[0].asset != id || rows[0].complete != "true" {
		t.Fatalf("node1 pins %+v, want %s registered for asset %s, complete", rows, cid, id)
	}

	revoke := map[string]any{"@type": "/tributary.provenance.v1.MsgRevokeAsset", "authority": moduleAddr(t, "gov"),
		"asset_id": id, "reason": "infringing content (e2e)"}
	passProposal(t, nw, "Revoke asset "+id, "The content infringes.", minDeposit, revoke)
	for i := range 2 {
		waitFor(t, fmt.Sprintf("node%d to stop serving the revoked content", i), defaultWait, func() (bool, string) {
			code := nw.gatewayStatus(i, cid, false)
			return code == http.StatusNotFound, strconv.Itoa(code)
		})
	}

	var gc struct {
		RemovedBlocks int    `json:"removed_blocks"`
		FreedBytes    uint64 `json:"freed_bytes"`
	}
	if err := json.Unmarshal([]byte(nw.cli(1, "content", "gc", "--ipfs-api", nw.ipfsAPI(1))), &gc); err != nil {
		t.Fatal(err)
	}
	if gc.RemovedBlocks < 4 || gc.FreedBytes < uint64(len(big)) {
		t.Fatalf("node1 gc %+v: want the dataset's 4+ blocks and %d+ bytes freed", gc, len(big))
	}
	if code := nw.gatewayStatus(1, cid, true); code != http.StatusPreconditionFailed {
		t.Fatalf("node1 gateway, only-if-cached, after gc: %d, want 412 (not held)", code)
	}
	if rows := nw.pins(1); len(rows) != 0 {
		t.Fatalf("node1 pins after revocation %+v, want none", rows)
	}
	// The node's Prometheus endpoint counts the collection (docs/operators.md, "Metrics").
	m := nw.node(1).appMetrics()
	if m["tributary_ipfs_gc_runs"] != 1 || m["tributary_ipfs_gc_freed_bytes"] != float64(gc.FreedBytes) ||
		m["tributary_ipfs_gc_removed_blocks"] != float64(gc.RemovedBlocks) {
		t.Fatalf("node1 GC metrics runs=%v freed=%v removed=%v, want 1, %d, %d", m["tributary_ipfs_gc_runs"],
			m["tributary_ipfs_gc_freed_bytes"], m["tributary_ipfs_gc_removed_blocks"], gc.FreedBytes, gc.RemovedBlocks)
	}
	if m["tributary_ipfs_replication_replicated"] < 1 || m["tributary_ipfs_replication_fetched_bytes"] < float64(len(big)) {
		t.Fatalf("node1 replication metrics replicated=%v fetched=%v, want 1+ and %d+ bytes",
			m["tributary_ipfs_replication_replicated"], m["tributary_ipfs_replication_fetched_bytes"], len(big))
	}

	nw.cli(0, "content", "gc", "--ipfs-api", nw.ipfsAPI(0))
	rows := nw.pins(0)
	if len(rows) != 1 || rows[0].cid != cid || rows[0].reason != "local" || rows[0].complete != "true" || rows[0].revoked != "true" {
		t.Fatalf("node0 pins after revocation and gc %+v, want %s local, complete, revoked", rows, cid)
	}
	if code := nw.gatewayStatus(0, cid, false); code != http.StatusNotFound {
		t.Fatalf("node0 gateway serves its locally pinned revoked copy: %d, want 404", code)
	}
}
