//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"path/filepath"
)

// batchTx signs msgs (JSON messages with their "@type") as one transaction from key from in node i's keyring,
// broadcasts it through node i and waits for it to commit successfully. Tests use it for work the CLI sends
// one message per transaction, when many messages must land in one block: a template comes from the real
// CLI (a bank send with --generate-only), with the messages in place of its own, and is signed by `tx sign`.
func (nw *network) batchTx(i int, from string, gas int, msgs []any) txResult {
	nw.t.Helper()
	var tx map[string]any
	tmpl := nw.cli(i, "tx", "bank", "send", from, nw.addr(i, from), "1utrib", "--generate-only",
		"--gas", fmt.Sprint(gas), "--fees", fmt.Sprintf("%dutrib", (gas+999)/1000), "-o", "json")
	if err := json.Unmarshal([]byte(tmpl), &tx); err != nil {
		nw.t.Fatalf("generate-only template: %v: %s", err, tmpl)
	}
	tx["body"].(map[string]any)["messages"] = msgs
	bz, err := json.Marshal(tx)
	if err != nil {
		nw.t.Fatal(err)
	}
	dir := nw.t.TempDir()
	unsigned, signed := filepath.Join(dir, "unsigned.json"), filepath.Join(dir, "signed.json")
	writeFileT(nw.t, unsigned, string(bz))
	writeFileT(nw.t, signed, nw.cli(i, "tx", "sign", unsigned, "--from", from, "--node", nw.rpc(i), "-o", "json"))
	out := nw.cli(i, "tx", "broadcast", signed, "--node", nw.rpc(i), "-o", "json")
	var res txResult
	if err := json.Unmarshal([]byte(lastJSON(out)), &res); err != nil || res.Code != 0 || res.TxHash == "" {
		nw.t.Fatalf("batch of %d messages refused: %s", len(msgs), out)
	}
	return nw.awaitTx(i, nw.rpc(i), res.TxHash)
}
