package docs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/tributary-ai/tributary/cmd/tributaryd/cmd"
	ipfscli "github.com/tributary-ai/tributary/ipfs/cli"
)

// asTributaryd is set in the environment of the tributaryd wrapper the offline examples run:
// the test binary then is tributaryd (the same code as cmd/tributaryd's main), so the examples
// need no separate build and run in `make test`.
const asTributaryd = "DOCS_TEST_AS_TRIBUTARYD"

func TestMain(m *testing.M) {
	if os.Getenv(asTributaryd) == "1" {
		os.Exit(tributaryd(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// tributaryd is cmd/tributaryd's main on args.
func tributaryd(args []string) int {
	if len(args) > 0 && args[0] == "content" {
		root := ipfscli.StandaloneRootCmd()
		root.SetArgs(args)
		if err := root.Execute(); err != nil {
			fmt.Fprintln(os.Stderr, "Error:", err)
			return 1
		}
		return 0
	}
	root := cmd.NewRootCmd()
	root.SetArgs(args)
	if err := svrcmd.Execute(root, cmd.EnvPrefix, cmd.DefaultNodeHome); err != nil {
		fmt.Fprintln(root.OutOrStderr(), err)
		return 1
	}
	return 0
}

// passphrase answers the file keyring's prompts (new passphrase, repeat, unlock ...).
const passphrase = "docs-test-passphrase"

// TestOfflineExamples runs every block marked offline, each file's blocks in order in one fresh
// $HOME (so ~/.tributary is the test's) and one working directory, with tributaryd on PATH.
func TestOfflineExamples(t *testing.T) {
	blocks, err := Collect(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	// Every tributaryd gets endless passphrases on stdin: one command's buffered reader would take
	// a block's whole stdin from the next.
	wrapper := fmt.Sprintf("#!/bin/sh\nyes %s | %s=1 exec %q \"$@\"\n", passphrase, asTributaryd, self)
	if err := os.WriteFile(filepath.Join(bin, "tributaryd"), []byte(wrapper), 0o755); err != nil { //nolint:gosec // an executable wrapper
		t.Fatal(err)
	}
	byFile := map[string][]Block{}
	var files []string
	for _, b := range blocks {
		if b.Mode != Offline {
			continue
		}
		if byFile[b.File] == nil {
			files = append(files, b.File)
		}
		byFile[b.File] = append(byFile[b.File], b)
	}
	if len(files) == 0 {
		t.Fatal("no offline examples found: the marks or the parser are broken")
	}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			home := t.TempDir()
			env := []string{"HOME=" + home, "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
			for _, b := range byFile[file] {
				script, err := Substitute(b.Script, Placeholders("docs-offline-1"))
				if err != nil {
					t.Fatalf("%s: %v", b, err)
				}
				if _, err := Run(context.Background(), b, script, home, env, ""); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// repoRoot is the repository root (this file lives in tests/docs).
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}
