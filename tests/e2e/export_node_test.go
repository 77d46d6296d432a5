//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// The single-node driver and helpers of TestExportImport.

// exNode is one tributaryd process with its home and a block of ports.
type exNode struct {
	t    *testing.T
	bin  string
	home string
	base int
	cmd  *exec.Cmd
	log  *os.File
}

func (n *exNode) rpc() string { return fmt.Sprintf("tcp://127.0.0.1:%d", n.base+1) }
func (n *exNode) api() string { return fmt.Sprintf("http://127.0.0.1:%d", n.base+3) }

// configure moves every listener to the node's port block and enables the REST API.
func (n *exNode) configure() {
	n.t.Helper()
	cfg, app := filepath.Join(n.home, "config", "config.toml"), filepath.Join(n.home, "config", "app.toml")
	p := func(k int) int { return n.base + k }
	for _, s := range []struct{ file, section, key, value string }{
		{cfg, "rpc", "laddr", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, p(1))},
		{cfg, "rpc", "pprof_laddr", `""`},
		{cfg, "p2p", "laddr", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, p(0))},
		{app, "grpc", "address", fmt.Sprintf(`"127.0.0.1:%d"`, p(2))},
		{app, "api", "enable", "true"},
		{app, "api", "address", fmt.Sprintf(`"tcp://127.0.0.1:%d"`, p(3))},
		{app, "ipfs", "listen_addresses", fmt.Sprintf(`["/ip4/127.0.0.1/tcp/%d"]`, p(4))},
		{app, "ipfs", "gateway_address", fmt.Sprintf(`"127.0.0.1:%d"`, p(5))},
		{app, "ipfs", "api_address", fmt.Sprintf(`"127.0.0.1:%d"`, p(6))},
	} {
		if err := exSetTOML(s.file, s.section, s.key, s.value); err != nil {
			n.t.Fatal(err)
		}
	}
}

// exSetTOML sets KEY in [SECTION] of a TOML file (the Go twin of localnet.sh's set_toml); the key must exist.
func exSetTOML(file, section, key, value string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	lines := strings.Split(string(raw), "\n")
	cur, found := "", false
	for i, l := range lines {
		if strings.HasPrefix(l, "[") {
			cur = strings.Trim(strings.TrimSpace(l), "[]")
			continue
		}
		if cur == section && strings.HasPrefix(l, key) && strings.HasPrefix(strings.TrimSpace(l[len(key):]), "=") {
			lines[i], found = key+" = "+value, true
		}
	}
	if !found {
		return fmt.Errorf("no key %s in [%s] of %s", key, section, file)
	}
	return os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o600)
}

func (n *exNode) start() {
	n.t.Helper()
	f, err := os.OpenFile(filepath.Join(n.home, "node.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		n.t.Fatal(err)
	}
	n.log = f
	n.cmd = exec.Command(n.bin, "start", "--home", n.home, "--log_no_color")
	n.cmd.Stdout, n.cmd.Stderr = f, f
	if err := n.cmd.Start(); err != nil {
		n.t.Fatal(err)
	}
	cmd := n.cmd
	n.t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
		}
		_ = f.Close()
	})
}

// stop ends the node with SIGTERM and waits until it has flushed its stores and exited.
func (n *exNode) stop() {
	n.t.Helper()
	if err := n.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		n.t.Fatal(err)
	}
	if err := n.cmd.Wait(); err != nil {
		n.t.Fatalf("%s did not stop cleanly: %v (log %s)", n.home, err, n.log.Name())
	}
}

// latest is the last height the application has committed (ABCI Info), or -1. CometBFT's /status reports
// the block store's height, which runs ahead of the application's commit: a query at that height can still
// be "in the future".
func (n *exNode) latest() int64 {
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/abci_info", n.base+1))
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var st struct {
		Result struct {
			Response struct {
				LastBlockHeight string `json:"last_block_height"`
			} `json:"response"`
		} `json:"result"`
	}
	if json.NewDecoder(resp.Body).Decode(&st) != nil {
		return -1
	}
	h, err := strconv.ParseInt(st.Result.Response.LastBlockHeight, 10, 64)
	if err != nil {
		return -1
	}
	return h
}

func (n *exNode) waitHeight(h int64) int64 {
	n.t.Helper()
	var got int64
	waitFor(n.t, fmt.Sprintf("%s at height %d", n.home, h), 90*time.Second, func() (bool, string) {
		got = n.latest()
		return got >= h, "height " + itoa(got)
	})
	return got
}

// tx broadcasts a transaction signed by from (sync mode) and returns its hash; CheckTx must accept it.
func (n *exNode) tx(from string, args ...string) string {
	n.t.Helper()
	out := run(n.t, nil, n.bin, n.txArgs(from, args)...)
	var res struct {
		TxHash string `json:"txhash"`
		Code   uint32 `json:"code"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(exLastJSON(out)), &res); err != nil || res.Code != 0 {
		n.t.Fatalf("tx %v from %s refused: %s", args, from, out)
	}
	return res.TxHash
}

func (n *exNode) txArgs(from string, args []string) []string {
	return append(append([]string{"tx"}, args...), "--from", from, "--home", n.home, "--node", n.rpc(),
		"--keyring-backend", "test", "--chain-id", "tributary-local", "--gas", "600000", "--fees", "600utrib",
		"-y", "-o", "json")
}

// txFails sends a transaction expected to fail and returns its code and log, whether CheckTx or the block
// refused it.
func (n *exNode) txFails(from string, args ...string) (uint32, string) {
	n.t.Helper()
	out, _ := tryRun(nil, n.bin, n.txArgs(from, args)...)
	var res struct {
		TxHash string `json:"txhash"`
		Code   uint32 `json:"code"`
		RawLog string `json:"raw_log"`
	}
	if err := json.Unmarshal([]byte(exLastJSON(out)), &res); err != nil {
		n.t.Fatalf("tx %v: %s", args, out)
	}
	if res.Code != 0 {
		return res.Code, res.RawLog
	}
	r := n.waitTx(res.TxHash)
	return r.Code, r.RawLog
}

type exTxResult struct {
	Height string `json:"height"`
	Code   uint32 `json:"code"`
	RawLog string `json:"raw_log"`
}

// waitTx waits until the transaction is in a block and returns its result.
func (n *exNode) waitTx(hash string) exTxResult {
	n.t.Helper()
	var res struct {
		TxResponse exTxResult `json:"tx_response"`
	}
	waitFor(n.t, "tx "+hash+" in a block", 60*time.Second, func() (bool, string) {
		code, body := n.get("/cosmos/tx/v1beta1/txs/"+hash, 0)
		if code != http.StatusOK {
			return false, body
		}
		return json.Unmarshal([]byte(body), &res) == nil, body
	})
	return res.TxResponse
}

// waitTxs waits until every transaction is in a block and succeeded.
func (n *exNode) waitTxs(hashes ...string) {
	n.t.Helper()
	for _, h := range hashes {
		if r := n.waitTx(h); r.Code != 0 {
			n.t.Fatalf("tx %s failed in block %s: code %d %s", h, r.Height, r.Code, r.RawLog)
		}
	}
}

func (n *exNode) waitQueueEmpty() {
	n.t.Helper()
	waitFor(n.t, "an empty settlement queue", 60*time.Second, func() (bool, string) {
		code, body := n.get("/tributary/royalty/v1/settlement_queue", 0)
		var q struct {
			Entries []any `json:"entries"`
		}
		return code == http.StatusOK && json.Unmarshal([]byte(body), &q) == nil && len(q.Entries) == 0, body
	})
}

// get queries the REST gateway, at a height when height > 0, and returns the status and body.
func (n *exNode) get(path string, height int64) (int, string) {
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

func (n *exNode) assetIDByCID(c string) uint64 {
	n.t.Helper()
	code, body := n.get("/tributary/provenance/v1/cids/"+c, 0)
	if code != http.StatusOK {
		n.t.Fatalf("asset by cid %s: %d %s", c, code, body)
	}
	id, err := strconv.ParseUint(fmt.Sprint(exField[map[string]any](n.t, body, "asset")["id"]), 10, 64)
	if err != nil {
		n.t.Fatal(err)
	}
	return id
}

func (n *exNode) assetCID(id uint64) string {
	n.t.Helper()
	code, body := n.get(fmt.Sprintf("/tributary/provenance/v1/assets/%d", id), 0)
	if code != http.StatusOK {
		n.t.Fatalf("asset %d: %d %s", id, code, body)
	}
	return fmt.Sprint(exField[map[string]any](n.t, body, "asset")["cid"])
}

// snapshot answers every query at a height (0: the latest), each as canonical JSON ("status body").
func (n *exNode) snapshot(queries map[string]string, height int64) map[string]string {
	n.t.Helper()
	out := make(map[string]string, len(queries))
	for name, path := range queries {
		code, body := n.get(path, height)
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			n.t.Fatalf("%s: %s at height %d is not JSON: %s", n.home, path, height, body)
		}
		canon, err := json.Marshal(v) // sorted keys, no whitespace
		if err != nil {
			n.t.Fatal(err)
		}
		out[name] = strconv.Itoa(code) + " " + string(canon)
	}
	return out
}

// snapshotAt waits until the node has committed height h, then answers every query at h.
func (n *exNode) snapshotAt(queries map[string]string, h int64) map[string]string {
	n.t.Helper()
	n.waitHeight(h)
	return n.snapshot(queries, h)
}

// checkConservation checks, through queries only, that the royalty module account holds exactly the pending
// revenue plus what contributors were allocated and have not claimed (which includes carried remainders).
func (n *exNode) checkConservation(ids map[string]uint64) {
	n.t.Helper()
	h := n.latest()
	code, body := n.get("/cosmos/auth/v1beta1/module_accounts/royalty", h)
	if code != http.StatusOK {
		n.t.Fatalf("royalty module account: %s", body)
	}
	acct := exField[map[string]any](n.t, body, "account")
	base, _ := acct["base_account"].(map[string]any)
	moduleAddr := fmt.Sprint(base["address"])
	_, body = n.get("/cosmos/bank/v1beta1/balances/"+moduleAddr+"/by_denom?denom=utrib", h)
	balance := exInt(n.t, fmt.Sprint(exField[map[string]any](n.t, body, "balance")["amount"]))

	owed := new(big.Int)
	for _, id := range ids {
		_, body := n.get(fmt.Sprintf("/tributary/royalty/v1/revenue/%d", id), h)
		for _, r := range exField[[]any](n.t, body, "reports") {
			rep := r.(map[string]any)
			if rep["denom"] != "utrib" {
				continue
			}
			owed.Add(owed, exInt(n.t, fmt.Sprint(rep["pending"])))
			owed.Add(owed, exInt(n.t, fmt.Sprint(rep["to_contributors"])))
			owed.Sub(owed, exInt(n.t, fmt.Sprint(rep["claimed"])))
		}
	}
	if balance.Cmp(owed) != 0 {
		n.t.Errorf("%s at height %d: royalty module holds %s utrib, pending + unclaimed pools = %s", n.home, h, balance, owed)
	} else {
		n.t.Logf("%s at height %d: royalty module holds %s utrib = pending + unclaimed pools", n.home, h, balance)
	}
}

// exQueries names every provenance and royalty query of the test's state, with its REST path.
func exQueries(ids map[string]uint64, cids, addr map[string]string) map[string]string {
	q := map[string]string{
		"provenance-params": "/tributary/provenance/v1/params",
		"royalty-params":    "/tributary/royalty/v1/params",
		"assets":            "/tributary/provenance/v1/assets",
		// Enums by name and by number (x/provenance/types/gateway.go).
		"assets-datasets":  "/tributary/provenance/v1/assets?kind=ASSET_KIND_DATASET",
		"assets-models":    "/tributary/provenance/v1/assets?kind=2",
		"assets-page":      "/tributary/provenance/v1/assets?pagination.limit=2&pagination.count_total=true",
		"assets-of-alice":  "/tributary/provenance/v1/assets?owner=" + addr["alice"],
		"settlement-queue": "/tributary/royalty/v1/settlement_queue",
		"queue-page":       "/tributary/royalty/v1/settlement_queue?pagination.limit=1&pagination.count_total=true",
	}
	for name, id := range ids {
		p := fmt.Sprintf("/tributary/provenance/v1/assets/%d", id)
		q["asset/"+name] = p
		q["asset-by-cid/"+name] = "/tributary/provenance/v1/cids/" + cids[name]
		q["children/"+name] = p + "/children"
		q["ancestors/"+name] = p + "/ancestors"
		q["ancestors-page/"+name] = p + "/ancestors?pagination.limit=2"
		q["lineage/"+name] = p + "/lineage?depth=64"
		q["revenue/"+name] = fmt.Sprintf("/tributary/royalty/v1/revenue/%d", id)
		q["attribution/"+name] = fmt.Sprintf("/tributary/royalty/v1/attribution/%d", id)
		q["prices/"+name] = fmt.Sprintf("/tributary/royalty/v1/prices/%d", id)
	}
	for name, a := range addr {
		q["assets-by-contributor/"+name] = "/tributary/provenance/v1/contributors/" + a + "/assets"
		q["claimable/"+name] = "/tributary/royalty/v1/claimable/" + a
	}
	return q
}

// exMovesWithSettlement says whether a query's answer changes when EndBlock settles queued revenue.
func exMovesWithSettlement(name string) bool {
	for _, p := range []string{"settlement-queue", "queue-page", "revenue/", "claimable/"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func exCompare(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	names := make([]string, 0, len(a))
	for name := range a {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasPrefix(a[name], "200 ") {
			t.Errorf("%s: %s failed on the old chain: %s", what, name, a[name])
		}
		if a[name] != b[name] {
			t.Errorf("%s: %s differs\nold: %s\nnew: %s", what, name, a[name], b[name])
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// exDropCreated removes created_height and created_time from the asset with the given id wherever it appears
// in a snapshot.
func exDropCreated(t *testing.T, snap map[string]string, id string) map[string]string {
	t.Helper()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["id"] == id && v["cid"] != nil {
				delete(v, "created_height")
				delete(v, "created_time")
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	out := make(map[string]string, len(snap))
	for name, entry := range snap {
		status, body, _ := strings.Cut(entry, " ")
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
		canon, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = status + " " + string(canon)
	}
	return out
}

// exMembersFile is a parsed members file and its Merkle tree.
type exMembersFile struct{ members []provtypes.Member }

func exMembers(t *testing.T, path string) exMembersFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, err := provtypes.ParseMembersFile(bufio.NewReader(f), addresscodec.NewBech32Codec("trib"))
	if err != nil {
		t.Fatal(err)
	}
	return exMembersFile{members: ms}
}

// proofArgs are the claim-merkle arguments UNITS HASH... of a member.
func (m exMembersFile) proofArgs(t *testing.T, address string) []string {
	t.Helper()
	want, err := addresscodec.NewBech32Codec("trib").StringToBytes(address)
	if err != nil {
		t.Fatal(err)
	}
	for i, mem := range m.members {
		if !bytes.Equal(mem.Address, want) {
			continue
		}
		proof, err := provtypes.MerkleProof(m.members, i)
		if err != nil {
			t.Fatal(err)
		}
		args := []string{strconv.FormatUint(mem.Units, 10)}
		for _, h := range proof {
			args = append(args, hex.EncodeToString(h))
		}
		return args
	}
	t.Fatalf("%s is not in the members file", address)
	return nil
}

// exRawCID is the CIDv1 (raw, sha2-256) of data.
func exRawCID(t *testing.T, data string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(data))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		t.Fatal(err)
	}
	return cid.NewCidV1(cid.Raw, mh).String()
}

func exWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func exEditJSON(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(readFile(t, path)), &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	exWrite(t, path, string(out))
}

// exPath walks nested JSON objects.
func exPath(t *testing.T, doc map[string]any, keys ...string) map[string]any {
	t.Helper()
	cur := doc
	for _, k := range keys {
		next, ok := cur[k].(map[string]any)
		if !ok {
			t.Fatalf("no object %q in %v", k, keys)
		}
		cur = next
	}
	return cur
}

// exField decodes one top-level field of a JSON body (a snapshot entry may carry its "status " prefix).
func exField[T any](t *testing.T, body, field string) T {
	t.Helper()
	if i := strings.IndexByte(body, ' '); i > 0 && i < 4 {
		body = body[i+1:]
	}
	var doc map[string]json.RawMessage
	var v T
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("not JSON: %s", body)
	}
	raw, ok := doc[field]
	if !ok || string(raw) == "null" {
		return v
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("field %s of %s: %v", field, body, err)
	}
	return v
}

func exInt(t *testing.T, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not an integer: %q", s)
	}
	return v
}

// exLastJSON is the last line of a command's output that looks like a JSON object (the CLI may print notes
// such as the computed CID before the response).
func exLastJSON(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "{") {
			return lines[i]
		}
	}
	return out
}
