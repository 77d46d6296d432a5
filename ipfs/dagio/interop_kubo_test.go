//go:build kubo

// The interop suite compares CIDOfPath with the reference implementation:
//
//	KUBO_BIN=$(scripts/kubo.sh) go test -tags kubo -run Kubo -timeout 30m ./ipfs/
//
// It creates a throwaway kubo repo, applies the unixfs-v1-2025 profile and
// runs `ipfs add --only-hash -r -Q [--hidden]` on a generated corpus. Set
// KUBO_BIG=1 to include the >1 GiB file whose DAG needs two levels of
// internal nodes (> 1024 leaves); it takes a few minutes on 2 cores.
package dagio

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

func kubo(t *testing.T, repo string, args ...string) string {
	t.Helper()
	bin := os.Getenv("KUBO_BIN")
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "IPFS_PATH="+repo)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("ipfs %v: %v: %s", args, err, errb.String())
	}
	return strings.TrimSpace(out.String())
}

func TestKuboInterop(t *testing.T) {
	if os.Getenv("KUBO_BIN") == "" {
		t.Skip("KUBO_BIN not set: run scripts/kubo.sh")
	}
	repo := t.TempDir()
	kubo(t, repo, "init", "--empty-repo")
	kubo(t, repo, "config", "profile", "apply", "unixfs-v1-2025")

	dir := t.TempDir()
	corpus := map[string]func(p string){}
	file := func(name string, n int64) {
		corpus[name] = func(p string) { writeFile(t, p, n, uint64(n)) }
	}
	for _, n := range []int64{0, 1, 11, cids.ChunkSize - 1, cids.ChunkSize, cids.ChunkSize + 1, 1024*cids.ChunkSize - 1, 1024 * cids.ChunkSize} {
		file(fmt.Sprintf("file-%d", n), n)
	}
	if os.Getenv("KUBO_BIG") != "" {
		file("file-two-levels", 1024*cids.ChunkSize+1) // 1025 leaves: root -> 2 internal nodes
		file("file-two-levels-plus", 1030*cids.ChunkSize+12345)
	}
	corpus["hello"] = func(p string) {
		if err := os.WriteFile(p, []byte("hello world"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	corpus["tree"] = func(p string) { buildTestTree(t, p) }
	corpus["emptydir"] = func(p string) {
		if err := os.MkdirAll(filepath.Join(p, "a", "b", "c"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	corpus["hamt-at-threshold"] = func(p string) { makeThresholdDir(t, p, 0) }
	corpus["hamt-above-threshold"] = func(p string) { makeThresholdDir(t, p, 1) }
	corpus["hamt-big"] = func(p string) {
		for i := range 10000 {
			writeFile(t, filepath.Join(p, fmt.Sprintf("entry-%05d-ünï.dat", i)), int64(i%97), uint64(i))
		}
	}
	corpus["nested-hamt"] = func(p string) {
		makeThresholdDir(t, filepath.Join(p, "inner"), 5)
		writeFile(t, filepath.Join(p, "x"), 123, 7)
	}
	corpus[".hidden-root"] = func(p string) { buildTestTree(t, p) }
	corpus["symlink-root"] = func(p string) {
		if err := os.Symlink("hello", p); err != nil {
			t.Fatal(err)
		}
	}

	ctx := context.Background()
	for name, mk := range corpus {
		p := filepath.Join(dir, name)
		mk(p)
		for _, hidden := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/hidden=%v", name, hidden), func(t *testing.T) {
				args := []string{"add", "--only-hash", "-r", "-Q"}
				if hidden {
					args = append(args, "--hidden")
				}
				want := kubo(t, repo, append(args, p)...)
				got, _, err := CIDOfPath(ctx, p, ImportOptions{IncludeHidden: hidden})
				if err != nil {
					t.Fatal(err)
				}
				if got.String() != want {
					t.Fatalf("CID %s, kubo %s", got, want)
				}
			})
		}
	}
}
