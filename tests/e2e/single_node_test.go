//go:build e2e

package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// singleNodeBase is TestSingleNodeTransfer's port block, clear of the other tests' blocks.
const singleNodeBase = 31840

// TestSingleNodeTransfer is the foundation's acceptance path on real processes: init-node.sh makes
// a home, `tributaryd start` produces blocks, a bank send made with the CLI is committed and its
// result is queryable.
func TestSingleNodeTransfer(t *testing.T) {
	bin := binary(t)
	home := filepath.Join(t.TempDir(), "node")
	run(t, []string{"TRIBUTARY_HOME=" + home, "TRIBUTARYD=" + bin}, filepath.Join(repoRoot(t), "scripts", "init-node.sh"))
	node := newNode(t, home, singleNodeBase)
	node.start()
	node.waitHeight(3)
	cli := node.cli
	bob := strings.TrimSpace(cli("keys", "show", "bob", "-a"))
	balance := func() string {
		var res struct {
			Balance struct{ Amount string } `json:"balance"`
		}
		if err := json.Unmarshal([]byte(cli("query", "bank", "balance", bob, "utrib", "-o", "json")), &res); err != nil {
			t.Fatal(err)
		}
		return res.Balance.Amount
	}
	if got := balance(); got != "1000000000000" {
		t.Fatalf("bob starts with %s utrib, want the 1000000000000 init-node.sh funds", got)
	}

	var sent struct {
		TxHash string `json:"txhash"`
		Code   uint32 `json:"code"`
	}
	out := cli("tx", "bank", "send", "alice", bob, "4242utrib", "--fees", "500utrib", "--node", node.rpc(), "-y", "-o", "json")
	if err := json.Unmarshal([]byte(out), &sent); err != nil || sent.Code != 0 {
		t.Fatalf("send rejected: %s", out)
	}

	var committed struct {
		Height string `json:"height"`
		Code   uint32 `json:"code"`
	}
	out = cli("query", "wait-tx", sent.TxHash, "--timeout", "30s", "--node", node.rpc(), "-o", "json")
	if err := json.Unmarshal([]byte(out), &committed); err != nil || committed.Code != 0 || committed.Height == "0" {
		t.Fatalf("send not committed: %s", out)
	}
	if got := balance(); got != "1000000004242" {
		t.Fatalf("bob has %s utrib after the transfer, want 1000000004242", got)
	}
	// The committed transaction is queryable by hash.
	if out := cli("query", "tx", sent.TxHash, "--node", node.rpc(), "-o", "json"); !strings.Contains(out, "4242") {
		t.Fatalf("query tx does not show the transfer: %s", out)
	}

	// Stopped cleanly, the node's state exports as a genesis that validates and carries the transfer.
	node.stop()
	exported := filepath.Join(t.TempDir(), "exported.json")
	if err := writeFile(exported, cli("export")); err != nil {
		t.Fatal(err)
	}
	cli("genesis", "validate", exported)
	var gen struct {
		AppState struct {
			Bank struct {
				Balances []struct {
					Address string
					Coins   []struct{ Denom, Amount string }
				}
				DenomMetadata []struct{ Base, Display string } `json:"denom_metadata"`
			}
		} `json:"app_state"`
	}
	if err := json.Unmarshal([]byte(readFile(t, exported)), &gen); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range gen.AppState.Bank.Balances {
		if b.Address == bob && len(b.Coins) == 1 && b.Coins[0].Amount == "1000000004242" && b.Coins[0].Denom == "utrib" {
			found = true
		}
	}
	if !found {
		t.Fatalf("exported genesis lacks bob's balance after the transfer")
	}
	if len(gen.AppState.Bank.DenomMetadata) != 1 || gen.AppState.Bank.DenomMetadata[0].Base != "utrib" {
		t.Fatalf("exported genesis lacks the utrib denom metadata: %+v", gen.AppState.Bank.DenomMetadata)
	}
}
