//go:build e2e

package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// tx broadcasts a transaction signed by from (sync mode) and returns its hash; CheckTx must accept it.
func (n *node) tx(from string, args ...string) string {
	n.t.Helper()
	out := run(n.t, nil, n.bin, n.txArgs(from, args)...)
	var res struct {
		TxHash string `json:"txhash"`
		Code   uint32 `json:"code"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(lastJSON(out)), &res); err != nil || res.Code != 0 {
		n.t.Fatalf("tx %v from %s refused: %s", args, from, out)
	}
	return res.TxHash
}

func (n *node) txArgs(from string, args []string) []string {
	return append(append([]string{"tx"}, args...), "--from", from, "--home", n.home, "--node", n.rpc(),
		"--gas", "600000", "--fees", "600utrib", "-y", "-o", "json")
}

// txFails sends a transaction expected to fail and returns its code and log, whether CheckTx or the block
// refused it.
func (n *node) txFails(from string, args ...string) (uint32, string) {
	n.t.Helper()
	out, _ := tryRun(nil, n.bin, n.txArgs(from, args)...)
	var res struct {
		TxHash string `json:"txhash"`
		Code   uint32 `json:"code"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(lastJSON(out)), &res); err != nil {
		n.t.Fatalf("tx %v: %s", args, out)
	}
	if res.Code != 0 {
		return res.Code, res.RawLog
	}
	r := n.waitTx(res.TxHash)
	return r.Code, r.RawLog
}

type nodeTxResult struct {
	Height string `json:"height"`
	Code   uint32 `json:"code"`
	RawLog string `json:"raw_log"`
}

// waitTx waits until the transaction is in a block and returns its result.
func (n *node) waitTx(hash string) nodeTxResult {
	n.t.Helper()
	var res struct {
		TxResponse nodeTxResult `json:"tx_response"`
	}
	waitFor(n.t, "tx "+hash+" in a block", defaultWait, func() (bool, string) {
		code, body := n.get("/cosmos/tx/v1beta1/txs/"+hash, 0)
		if code != http.StatusOK {
			return false, body
		}
		return json.Unmarshal([]byte(body), &res) == nil, body
	})
	return res.TxResponse
}

// waitTxs waits until every transaction is in a block and succeeded.
func (n *node) waitTxs(hashes ...string) {
	n.t.Helper()
	for _, h := range hashes {
		if r := n.waitTx(h); r.Code != 0 {
			n.t.Fatalf("tx %s failed in block %s: code %d %s", h, r.Height, r.Code, r.RawLog)
		}
	}
}

func (n *node) waitQueueEmpty() {
	n.t.Helper()
	waitFor(n.t, "an empty settlement queue", defaultWait, func() (bool, string) {
		code, body := n.get("/tributary/royalty/v1/settlement_queue", 0)
		var q struct {
			Entries []any `json:"entries"`
		}
		return code == http.StatusOK && json.Unmarshal([]byte(body), &q) == nil && len(q.Entries) == 0, body
	})
}

// get queries the REST gateway, at a height when height > 0, and returns the status and body.
func (n *node) get(path string, height int64) (int, string) {
	req, err := http.NewRequest(http.MethodGet, n.api()+path, nil)
	if err != nil {
		return 0, err.Error()
	}
	if height > 0 {
		req.Header.Set("x-cosmos-block-height", strconv.FormatInt(height, 10))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err.Error()
	}
	return resp.StatusCode, string(body)
}

// lastJSON is the last line of a command's output that looks like a JSON object (the CLI may print notes
// such as the computed CID before the response).
func lastJSON(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "{") {
			return lines[i]
		}
	}
	return out
}
