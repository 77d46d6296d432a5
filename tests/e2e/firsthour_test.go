//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// firstHourBase is the port block of TestFirstHour's node (run under the e2e lock).
const firstHourBase = 32400

// cliResult is what a user sees: the exit status and everything printed.
type cliResult struct {
	code   int
	stdout string
	all    string
}

// TestFirstHour makes, on a real node, the mistakes a new user makes (and the things they get
// right), and checks what they see: the exit status and the words. A mistake must fail with a
// non-zero status and a plain reason (no source paths, no gRPC wrapping, no message type names);
// a success must say what happened.
func TestFirstHour(t *testing.T) {
	bin := binary(t)
	tmp := t.TempDir()
	home := filepath.Join(tmp, "node")
	// TRIBUTARYD_HOME, the binary's own variable, is init-node.sh's too.
	initOut := run(t, []string{"TRIBUTARYD_HOME=" + home, "TRIBUTARYD=" + bin}, filepath.Join(repoRoot(t), "scripts", "init-node.sh"))
	// A local chain votes in a minute, and says so loudly.
	if !strings.Contains(initOut, "LOCAL CHAIN: governance votes last 60s") ||
		!strings.Contains(readFile(t, filepath.Join(home, "config", "genesis.json")), `"voting_period": "60s"`) {
		t.Fatalf("init-node.sh did not set (or did not announce) the short local voting period:\n%s", initOut)
	}
	n := newNode(t, home, firstHourBase)
	// Exporting a home that never ran used to panic in a module's ExportGenesis.
	if out, err := exec.Command(bin, "export", "--home", home).CombinedOutput(); err == nil ||
		!strings.Contains(string(out), "nothing to export") || strings.Contains(string(out), "panic") {
		t.Fatalf("export of a never-started home: %v\n%s", err, out)
	}
	n.start()
	n.waitHeight(2)

	cli := func(args ...string) cliResult {
		t.Helper()
		cmd := exec.Command(bin, append(args, "--home", n.home, "--node", n.rpc())...)
		var out bytes.Buffer
		all := &lockedBuffer{}
		cmd.Stdout = &multi{&out, all}
		cmd.Stderr = all
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return cliResult{code: code, stdout: out.String(), all: all.String()}
	}
	tx := func(from string, args ...string) cliResult {
		t.Helper()
		return cli(append(append([]string{"tx"}, args...), "--from", from, "--fees", "50000utrib", "-y")...)
	}
	ok := func(t *testing.T, r cliResult, words ...string) {
		t.Helper()
		if r.code != 0 {
			t.Fatalf("exit %d, want success: %s", r.code, r.all)
		}
		has(t, r, words...)
	}
	fails := func(t *testing.T, r cliResult, words ...string) {
		t.Helper()
		if r.code == 0 {
			t.Fatalf("exit 0, want a failure saying %q: %s", words, r.all)
		}
		has(t, r, words...)
	}

	data := filepath.Join(tmp, "corpus")
	writeFileT(t, filepath.Join(data, "a.txt"), "first hour corpus\n")
	writeFileT(t, filepath.Join(data, ".gitattributes"), "*.bin filter=lfs\n")
	reg := func(from, kind string, args ...string) cliResult {
		t.Helper()
		return tx(from, append([]string{"provenance", "register-" + kind}, args...)...)
	}

	t.Run("registration mistakes are refused before anything is hashed", func(t *testing.T) {
		fails(t, reg("alice", "dataset", data), "--license is required")
		fails(t, reg("alice", "dataset", data, "--license", "apache 2.0 or"), "license")
		fails(t, reg("alice", "dataset", data, "--license", "MIT", "--contributors", "alice:3,nobody:1"),
			"--contributors item 2", "neither an address nor a key name")
		fails(t, reg("alice", "dataset", data, "--license", "MIT", "--contributors", "alice:0"), "units must be a positive integer")
		fails(t, reg("alice", "model", data, "--license", "MIT", "--parent", "1:9000:trained-on"), "sum to 9000")
		fails(t, reg("alice", "model", data, "--license", "MIT", "--parent", "99:10000:trained-on"), "--parent 1", "no asset #99")
		fails(t, reg("alice", "model", data, "--license", "MIT", "--upstream-share-bps", "500"), "has no parents to share with")
		fails(t, reg("alice", "dataset", "--cid", exRawCID(t, "x"), "--license", "MIT"), "needs --name")
		fails(t, reg("alice", "dataset", "--cid", exRawCID(t, "x"), "--name", "x", "--license", "MIT"), "needs --size")
		fails(t, reg("alice", "dataset", "--cid", exRawCID(t, "x"), "--name", "x", "--size", "3", "--license", "MIT", "--store"), "nothing to upload")
		fails(t, reg("alice", "dataset", data, "--size", "3", "--license", "MIT"), "computed from PATH")
		fails(t, cli("tx", "provenance", "register-dataset", data, "--license", "MIT", "-y"), "no signer", "--from")
	})

	t.Run("a registration waits for its block and names the new asset", func(t *testing.T) {
		r := reg("alice", "dataset", data, "--license", "MIT", "--contributors", "alice:3,bob:1", "--hidden")
		ok(t, r, "registered dataset #1 (bafy", "in block")
		has(t, r, "not stored")
		var a struct {
			Asset struct {
				Name         string
				Contributors map[string]any
			}
		}
		q := cli("query", "provenance", "asset", "1", "-o", "json")
		ok(t, q)
		if err := json.Unmarshal([]byte(q.stdout), &a); err != nil || a.Asset.Name != "corpus" || a.Asset.Contributors["list"] == nil {
			t.Fatalf("asset 1 as JSON: %s", q.stdout)
		}
		text := cli("query", "provenance", "asset", "1")
		ok(t, text, "list:", "kind: dataset")
		hasNot(t, text, "Set:", "tributary/provenance/ContributorList", "ASSET_KIND")

		// The same content again is refused by the chain's simulation, in plain words, for free.
		dup := reg("alice", "dataset", data, "--license", "MIT", "--hidden")
		fails(t, dup, "already registered")
	})

	t.Run("a name is never '.' and an empty directory is warned about", func(t *testing.T) {
		empty := filepath.Join(tmp, "empty-set")
		if err := os.MkdirAll(empty, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "tx", "provenance", "register-dataset", ".", "--license", "MIT", "--from", "bob",
			"--fees", "50000utrib", "-y", "--home", n.home, "--node", n.rpc())
		cmd.Dir = empty
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("register .: %v: %s", err, out)
		}
		for _, w := range []string{"registered dataset #2", "warning", "no content"} {
			if !strings.Contains(string(out), w) {
				t.Fatalf("register . says %q, want %q", out, w)
			}
		}
		ok(t, cli("query", "provenance", "asset", "2"), "name: empty-set")
	})

	t.Run("payments and claims say what moved", func(t *testing.T) {
		fails(t, tx("carol", "royalty", "pay", "1", "999"), "has no denom", "999utrib")
		fails(t, tx("carol", "royalty", "pay", "1", "1.5trib"), "whole numbers")
		fails(t, tx("carol", "royalty", "pay", "abc", "5utrib"), `asset id "abc"`)
		fails(t, tx("carol", "royalty", "pay", "1", "5uatom"), "denom")
		// Without --fees the node's minimum gas price refuses it: say what fee would do.
		fails(t, cli("tx", "royalty", "pay", "1", "5utrib", "--from", "carol", "-y"), "requires at least", "pass --fees")
		ok(t, tx("carol", "royalty", "pay", "1", "1000000utrib", "--reference", "req-1"), "paid 1,000,000 utrib to #1", "protocol fee")
		fails(t, tx("erin", "royalty", "claim"), "nothing to claim")
		// --all reads each claim's has_more from the committed result: bob's one asset is paid in one round.
		ok(t, tx("bob", "royalty", "claim", "--all"), "claimed", "#1")
		fails(t, tx("bob", "royalty", "claim", "--all"), "nothing to claim")
		ok(t, cli("query", "royalty", "claimable", "erin"), "nothing to claim now", "claim-merkle")
		// Asset 1 has two contributors: a page of one says where the next begins, and that key
		// gives the second.
		var page struct {
			Entries    []struct{ Address string }
			Pagination struct {
				NextKey string `json:"next_key"`
			}
		}
		first := cli("query", "royalty", "attribution", "1", "--page-limit", "1", "-o", "json")
		if first.code != 0 || json.Unmarshal([]byte(first.stdout), &page) != nil || len(page.Entries) != 1 || page.Pagination.NextKey == "" {
			t.Fatalf("attribution --page-limit 1: %s", first.all)
		}
		firstAddr := page.Entries[0].Address
		second := cli("query", "royalty", "attribution", "1", "--page-limit", "1", "--page-key", page.Pagination.NextKey, "-o", "json")
		page.Pagination.NextKey = ""
		if second.code != 0 || json.Unmarshal([]byte(second.stdout), &page) != nil || len(page.Entries) != 1 ||
			page.Entries[0].Address == firstAddr || page.Pagination.NextKey != "" {
			t.Fatalf("attribution's second page: %s", second.all)
		}
		fails(t, cli("query", "royalty", "claimable", "not-a-key"), "neither an address nor a key name")
	})

	t.Run("owner commands take key names and keep what is not changed", func(t *testing.T) {
		meta := exRawCID(t, "card")
		ok(t, tx("alice", "provenance", "update-asset", "1", "first", "--metadata-cid", meta), "updated asset #1")
		ok(t, tx("alice", "provenance", "update-asset", "1", "second"), "updated asset #1")
		ok(t, cli("query", "provenance", "asset", "1"), "description: second", "metadata_cid: "+meta)
		ok(t, tx("alice", "provenance", "transfer-ownership", "1", "bob"), "proposed", "as the new owner of asset #1")
		ok(t, tx("bob", "provenance", "accept-ownership", "1"), "you now own asset #1")
		fails(t, tx("alice", "provenance", "retire", "1"), "owner")
		ok(t, cli("query", "provenance", "assets", "--owner", "bob", "--kind", "dataset"), "name: corpus")
	})

	t.Run("json output and --async are for scripts", func(t *testing.T) {
		r := tx("dave", "royalty", "pay", "1", "1000utrib", "-o", "json")
		if r.code != 0 { // not ok(): the full result rightly names the message type
			t.Fatalf("exit %d: %s", r.code, r.all)
		}
		var res struct {
			TxHash string `json:"txhash"`
			Height string `json:"height"`
			Code   uint32 `json:"code"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.TxHash == "" || res.Height == "0" || res.Height == "" {
			t.Fatalf("-o json: %s", r.stdout)
		}
		// --dry-run used to end after the gas estimate in silence; the SDK wants an address (not a key
		// name) in --from for it. It runs before --async: a dry run simulates against the node's check
		// state, which an unconfirmed --async transaction has already moved to the next sequence while
		// the client still reads the committed one.
		dave := strings.TrimSpace(run(t, nil, bin, "keys", "show", "dave", "-a", "--home", n.home))
		ok(t, tx(dave, "royalty", "pay", "1", "1000utrib", "--dry-run"), "dry run:", "nothing was signed or broadcast")
		ok(t, tx("dave", "royalty", "pay", "1", "1000utrib", "--async"), "submitted transaction", "wait-tx")
	})

	t.Run("TRIBUTARYD_HOME stands for --home", func(t *testing.T) {
		cmd := exec.Command(bin, "keys", "show", "alice", "-a")
		cmd.Env = append(os.Environ(), "TRIBUTARYD_HOME="+n.home)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.HasPrefix(strings.TrimSpace(string(out)), "trib1") {
			t.Fatalf("keys show with TRIBUTARYD_HOME: %v %s", err, out)
		}
	})

	t.Run("REST answers 400 for bad input and 404 for unknown things", func(t *testing.T) {
		for path, want := range map[string]int{
			"/tributary/provenance/v1/assets/1":                                            http.StatusOK,
			"/tributary/provenance/v1/assets?kind=dataset":                                 http.StatusOK,
			"/tributary/provenance/v1/assets?kind=ASSET_KIND_MODEL":                        http.StatusOK,
			"/tributary/provenance/v1/assets?kind=nope":                                    http.StatusBadRequest,
			"/tributary/provenance/v1/assets/999":                                          http.StatusNotFound,
			"/tributary/provenance/v1/cids/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG": http.StatusBadRequest,
			"/tributary/provenance/v1/cids/not-a-cid":                                      http.StatusBadRequest,
			"/tributary/provenance/v1/assets/1/lineage?depth=100":                          http.StatusBadRequest,
			"/tributary/royalty/v1/claimable/alice":                                        http.StatusBadRequest,
			"/tributary/royalty/v1/prices/999":                                             http.StatusNotFound,
			"/tributary/royalty/v1/revenue/999":                                            http.StatusNotFound,
		} {
			if code, body := n.get(path, 0); code != want {
				t.Errorf("GET %s: %d, want %d: %s", path, code, want, body)
			}
		}
		// The CLI's enum names filter as the CLI does: only datasets are registered here.
		for kind, want := range map[string]bool{"dataset": true, "model": false, "ASSET_KIND_DATASET": true} {
			code, body := n.get("/tributary/provenance/v1/assets?kind="+kind, 0)
			var page struct{ Assets []struct{ Name string } }
			if code != http.StatusOK || json.Unmarshal([]byte(body), &page) != nil {
				t.Fatalf("GET assets?kind=%s: %d %s", kind, code, body)
			}
			if listed := len(page.Assets) > 0 && page.Assets[0].Name == "corpus"; listed != want {
				t.Errorf("GET assets?kind=%s: %s, want corpus listed: %v", kind, body, want)
			}
		}
	})
}

// has requires every word in what the user saw, and no build paths or wrappers anywhere.
func has(t *testing.T, r cliResult, words ...string) {
	t.Helper()
	for _, w := range words {
		if !strings.Contains(r.all, w) {
			t.Fatalf("output (exit %d) lacks %q:\n%s\n-- stdout alone:\n%s", r.code, w, r.all, r.stdout)
		}
	}
	hasNot(t, r, ".go:", "rpc error", "desc =", "Msg", `"--0"`, "math/big")
}

func hasNot(t *testing.T, r cliResult, words ...string) {
	t.Helper()
	for _, w := range words {
		if strings.Contains(r.all, w) {
			t.Fatalf("output contains %q:\n%s", w, r.all)
		}
	}
}

// multi writes to two buffers (stdout alone, and stdout+stderr as the user saw them).
type multi struct {
	a *bytes.Buffer
	b *lockedBuffer
}

func (m *multi) Write(p []byte) (int, error) {
	m.a.Write(p)
	return m.b.Write(p)
}

// lockedBuffer is stdout and stderr interleaved as the user saw them. exec copies each stream in its own
// goroutine, and a bare bytes.Buffer shared by both loses writes: io.Copy uses its ReadFrom, which
// reserves the buffer's tail while blocked reading stderr and then cuts back to what stderr gave, dropping
// whatever stdout wrote meanwhile (this hid every success sentence from the suite). lockedBuffer has no
// ReadFrom, so each stream's copy goes through Write, under the lock.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
