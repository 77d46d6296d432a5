//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/tributary-ai/tributary/tests/docs"
)

// docsBase is the port block of TestDocsExamplesOnChain's node (run under the e2e lock).
const docsBase = 32500

// TestDocsExamplesOnChain runs every documentation block marked `<!-- docs-test: chain -->`
// (tests/docs) in document order, file after file, against one fresh single-node chain made by
// scripts/init-node.sh, exactly as written — no line is rewritten except the placeholders of
// docs.Placeholders. What the documentation takes for granted is made true first (docsSetup):
// the demo keys alice..erin of init-node.sh, the folders the examples register and a members
// file for the crowd. The examples reach the node through the binary's own environment
// variables (TRIBUTARYD_HOME, TRIBUTARYD_NODE) and confirm as a reader does (TRIBUTARYD_YES);
// tributaryd on PATH is build/tributaryd.
//
// Afterwards the node is stopped with SIGTERM: a normal start, a day of examples and a clean stop
// log no ERR line (issue 17: "not ready; please wait for first block" and three ERR lines on
// every SIGTERM used to).
func TestDocsExamplesOnChain(t *testing.T) {
	bin := binary(t)
	blocks, err := docs.Collect(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	var chain []docs.Block
	for _, b := range blocks {
		if b.Mode == docs.Chain {
			chain = append(chain, b)
		}
	}
	if len(chain) == 0 {
		t.Fatal("no chain examples found: the marks or the parser are broken")
	}

	tmp := t.TempDir()
	home := filepath.Join(tmp, "node")
	run(t, []string{"TRIBUTARYD_HOME=" + home, "TRIBUTARYD=" + bin}, filepath.Join(repoRoot(t), "scripts", "init-node.sh"))
	n := newNode(t, home, docsBase)
	n.start()
	n.waitHeight(2)

	work := filepath.Join(tmp, "work")
	docsSetup(t, bin, home, work)
	pathDir := filepath.Join(tmp, "bin")
	if err := os.MkdirAll(pathDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A link, not a copy: tributaryd finds its content helper beside the file it resolves to.
	if err := os.Symlink(bin, filepath.Join(pathDir, "tributaryd")); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"PATH=" + pathDir + string(os.PathListSeparator) + os.Getenv("PATH"),
		"TRIBUTARYD_HOME=" + home,
		"TRIBUTARYD_NODE=" + n.rpc(),
		"TRIBUTARYD_YES=true",
	}
	var gen struct {
		ChainID string `json:"chain_id"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(home, "config", "genesis.json"))), &gen); err != nil || gen.ChainID == "" {
		t.Fatalf("genesis chain_id: %v", err)
	}
	chainID := gen.ChainID
	for _, b := range chain {
		script, err := docs.Substitute(b.Script, docs.Placeholders(chainID))
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		out, err := docs.Run(context.Background(), b, script, work, env, "")
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s ran:\n%s", b, out)
	}
	t.Logf("%d chain examples ran", len(chain))

	n.stop()
	var errs []string
	lines := strings.Split(readFile(t, filepath.Join(home, "node.log")), "\n")
	for i, line := range lines {
		if strings.Contains(line, " ERR ") {
			errs = append(errs, strings.Join(lines[max(0, i-3):i+1], "\n")) // with what led to it
		}
	}
	if len(errs) > 0 {
		t.Errorf("the node logged %d ERR lines on a normal run and stop:\n%s", len(errs), strings.Join(errs, "\n"))
	}
}

// docsSetup makes what the documentation takes for granted, in work: the folders its examples
// register (a few distinct files each) and members.csv, a crowd of max_contributors+2 members
// in which dave and erin hold 1,000 units each (the README registers it as a Merkle commitment
// and dave claims from it; x/provenance/README.md has erin claim).
func docsSetup(t *testing.T, bin, home, work string) {
	t.Helper()
	for _, dir := range []string{"my-dataset", "my-model", "crowd-dataset", "wiki-2026", "llm-7b", "corpus"} {
		writeFileT(t, filepath.Join(work, dir, "data.txt"), "the "+dir+" of the documentation examples\n")
	}
	var members strings.Builder
	members.WriteString("address,units\n")
	for _, k := range []string{"dave", "erin"} {
		addr := strings.TrimSpace(run(t, nil, bin, "keys", "show", k, "-a", "--home", home, "--keyring-backend", "test"))
		fmt.Fprintf(&members, "%s,1000\n", addr)
	}
	for i := range 256 {
		fmt.Fprintf(&members, "%s,1\n", docsMember(t, i))
	}
	writeFileT(t, filepath.Join(work, "members.csv"), members.String())
}

// docsMember is the i-th made-up member of the crowd: a valid address nobody holds the key of.
func docsMember(t *testing.T, i int) string {
	t.Helper()
	b := make([]byte, 20)
	b[0], b[1], b[19] = 0xd0, byte(i>>8), byte(i)
	addr, err := bech32.ConvertAndEncode("trib", b)
	if err != nil {
		t.Fatal(err)
	}
	return addr
}
