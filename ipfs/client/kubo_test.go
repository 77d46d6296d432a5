//go:build kubo

package client

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// startKubo runs an offline kubo daemon on random loopback ports and
// returns its RPC URL.
func startKubo(t *testing.T) (string, func(...string) string) {
	t.Helper()
	bin := os.Getenv("KUBO_BIN")
	if bin == "" {
		t.Skip("KUBO_BIN not set: run scripts/kubo.sh")
	}
	repo := t.TempDir()
	ipfsCmd := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "IPFS_PATH="+repo)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("ipfs %v: %v: %s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	ipfsCmd("init", "--empty-repo", "--profile", "test")
	ipfsCmd("config", "Addresses.API", "/ip4/127.0.0.1/tcp/0")
	ipfsCmd("config", "Addresses.Gateway", "/ip4/127.0.0.1/tcp/0")
	daemon := exec.Command(bin, "daemon", "--offline")
	daemon.Env = append(os.Environ(), "IPFS_PATH="+repo)
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = daemon.Process.Kill() // the daemon is a throwaway; Wait reaps it
		_ = daemon.Wait()
	})
	// kubo writes the address it bound to into $IPFS_PATH/api.
	var url string
	deadline := time.Now().Add(60 * time.Second)
	for url == "" {
		if time.Now().After(deadline) {
			t.Fatal("kubo daemon did not start")
		}
		if b, err := os.ReadFile(filepath.Join(repo, "api")); err == nil {
			ma := strings.Split(strings.TrimSpace(string(b)), "/") // /ip4/127.0.0.1/tcp/PORT
			if len(ma) == 5 {
				url = "http://" + ma[2] + ":" + ma[4]
				if _, err := NewAPIClient(url, nil).ID(context.Background()); err != nil {
					url = ""
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return url, ipfsCmd
}

func TestRemoteKubo(t *testing.T) {
	url, ipfsCmd := startKubo(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := NewAPIClient(url, nil)
	if id, err := c.ID(ctx); err != nil || id.ID == "" {
		t.Fatalf("check: %v %v", id, err)
	}

	dir := filepath.Join(t.TempDir(), "data")
	mustOK(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	mustOK(t, os.WriteFile(filepath.Join(dir, "a"), bytes.Repeat([]byte("abc"), 1<<20), 0o644)) // 3 MiB: 3 leaves
	mustOK(t, os.WriteFile(filepath.Join(dir, "sub", "b"), []byte("hello world"), 0o644))
	mustOK(t, os.Symlink("a", filepath.Join(dir, "l")))

	res, err := c.AddPath(ctx, dir, dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := dagio.CIDOfPath(ctx, dir, dagio.ImportOptions{})
	if err != nil || !res.Root.Equals(want) {
		t.Fatalf("pushed %s, computed %s (%v)", res.Root, want, err)
	}
	// kubo has it pinned under our CID, and serves it back verified.
	if pins := ipfsCmd("pin", "ls", "--type=recursive", "-q"); !strings.Contains(pins, res.Root.String()) {
		t.Fatalf("kubo pins %q, want %s", pins, res.Root)
	}
	if err := verifyDAG(ctx, c, res.Root); err != nil {
		t.Fatal(err)
	}
	// Read back file bytes through kubo's own UnixFS reader.
	if got := ipfsCmd("cat", res.Root.String()+"/sub/b"); got != "hello world" {
		t.Fatalf("kubo cat: %q", got)
	}
	// Content kubo does not have is not "verified".
	p := filepath.Join(t.TempDir(), "other")
	mustOK(t, os.WriteFile(p, []byte("never pushed"), 0o644))
	other, _, _ := dagio.CIDOfPath(ctx, p, dagio.ImportOptions{})
	sctx, scancel := context.WithTimeout(ctx, 10*time.Second)
	defer scancel()
	if err := verifyDAG(sctx, c, other); err == nil {
		t.Fatal("missing content verified")
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// verifyDAG checks that kubo holds the complete DAG under root with the
// right bytes, reading it through a scratch store that is removed after.
func verifyDAG(ctx context.Context, c *APIClient, root cid.Cid) error {
	return dagio.WithScratchStore(func(s *dagio.Store) error { return c.FetchDAG(ctx, root, s) })
}
