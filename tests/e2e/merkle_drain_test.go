//go:build e2e

package e2e

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// TestMerkleDrainRefused replays issue 10's critical finding on a real node through the CLI: a
// hand-built Merkle commitment whose one leaf carries 2^64-1 units, declared with total_units
// 2^64-1, signed and broadcast. CheckTx refuses it with the bounds error, so it never reaches a
// block and no fee is charged. The same commitment at the largest legal total registers, and the
// chain stores exactly the declared bound. Extend it with claims once x/royalty caps them.
func TestMerkleDrainRefused(t *testing.T) {
	bin := binary(t)
	home := filepath.Join(t.TempDir(), "node")
	run(t, []string{"TRIBUTARY_HOME=" + home, "TRIBUTARYD=" + bin}, filepath.Join(repoRoot(t), "scripts", "init-node.sh"))
	node := exec.Command(bin, "start", "--home", home, "--log_no_color")
	logFile, err := createFile(filepath.Join(home, "node.log"))
	if err != nil {
		t.Fatal(err)
	}
	node.Stdout, node.Stderr = logFile, logFile
	if err := node.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = node.Process.Signal(syscall.SIGTERM)
		_ = node.Wait()
		_ = logFile.Close()
	})
	waitFor(t, "block 2", 90*time.Second, func() (bool, string) {
		h := height(bin, "", home)
		return h >= 2, "height " + itoa(h)
	})
	cli := func(args ...string) string { return run(t, nil, bin, append(args, "--home", home)...) }
	alice := strings.TrimSpace(cli("keys", "show", "alice", "-a"))
	aliceBytes, err := sdk.GetFromBech32(alice, "trib")
	if err != nil {
		t.Fatal(err)
	}
	balance := func() string {
		var res struct{ Balance struct{ Amount string } }
		if err := json.Unmarshal([]byte(cli("query", "bank", "balance", alice, "utrib", "-o", "json")), &res); err != nil {
			t.Fatal(err)
		}
		return res.Balance.Amount
	}

	// broadcast signs a MsgRegisterAsset whose members file holds alice alone with leafUnits, declaring
	// totalUnits, and returns the broadcast result.
	seq := 0
	broadcast := func(leafUnits, totalUnits uint64) (code uint32, rawLog, txHash string) {
		seq++
		root := provtypes.MerkleLeaf(aliceBytes, leafUnits)
		msg := map[string]any{
			"@type": "/tributary.provenance.v1.MsgRegisterAsset",
			"owner": alice, "kind": "ASSET_KIND_DATASET",
			"cid":  provtypes.RawCIDv1([32]byte{byte(seq), 1}),
			"name": "crowd-" + strconv.Itoa(seq), "license": "MIT",
			"contributors": map[string]any{"merkle": map[string]any{
				"root": base64.StdEncoding.EncodeToString(root[:]), "member_count": "1",
				"total_units": strconv.FormatUint(totalUnits, 10), "members_cid": provtypes.RawCIDv1([32]byte{byte(seq), 2}),
			}},
			"policy": map[string]any{},
		}
		// A template from the real CLI, with the hand-built message in place of its own.
		var tx map[string]any
		if err := json.Unmarshal([]byte(cli("tx", "bank", "send", "alice", alice, "1utrib", "--generate-only",
			"--gas", "400000", "--fees", "2000utrib", "-o", "json")), &tx); err != nil {
			t.Fatal(err)
		}
		tx["body"].(map[string]any)["messages"] = []any{msg}
		bz, err := json.Marshal(tx)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		unsigned, signed := filepath.Join(dir, "unsigned.json"), filepath.Join(dir, "signed.json")
		if err := writeFile(unsigned, string(bz)); err != nil {
			t.Fatal(err)
		}
		if err := writeFile(signed, cli("tx", "sign", unsigned, "--from", "alice", "-o", "json")); err != nil {
			t.Fatal(err)
		}
		var res struct {
			Code   uint32 `json:"code"`
			RawLog string `json:"raw_log"`
			TxHash string `json:"txhash"`
		}
		out, _ := tryRun(nil, bin, "tx", "broadcast", signed, "-o", "json", "--home", home)
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("broadcast output: %q: %v", out, err)
		}
		return res.Code, res.RawLog, res.TxHash
	}

	before := balance()
	code, rawLog, _ := broadcast(math.MaxUint64, math.MaxUint64)
	if code == 0 || !strings.Contains(rawLog, "total_units is 18446744073709551615, at most 1000000000000000") {
		t.Fatalf("the drain commitment was not refused with the bounds error: code %d, log %q", code, rawLog)
	}
	if after := balance(); after != before {
		t.Fatalf("a refused registration cost alice %s -> %s utrib: CheckTx must refuse it before any fee", before, after)
	}

	// At the largest legal total it registers, and the chain keeps exactly the declared bound.
	code, rawLog, hash := broadcast(provtypes.MaxTotalUnits, provtypes.MaxTotalUnits)
	if code != 0 {
		t.Fatalf("a registration at the bound was refused: %s", rawLog)
	}
	var committed struct {
		Code   uint32 `json:"code"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(cli("query", "wait-tx", hash, "--timeout", "60s", "-o", "json")), &committed); err != nil || committed.Code != 0 {
		t.Fatalf("registration at the bound not committed: %+v %v", committed, err)
	}
	out := cli("query", "provenance", "assets", "--owner", alice, "-o", "json")
	if !strings.Contains(strings.Join(strings.Fields(out), ""), `"total_units":"1000000000000000"`) {
		t.Fatalf("the registered commitment does not carry the bound: %s", out)
	}
}
