package cli

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tributary-ai/tributary/ipfs/config"
	"github.com/tributary-ai/tributary/ipfs/node"
	"github.com/tributary-ai/tributary/ipfs/peerid"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := ContentCommand()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return strings.TrimSpace(out.String()), err
}

func TestContentCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(filepath.Join(data, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"hello": "hello world", "sub/x": strings.Repeat("x", 5000), ".secret": "s"} {
		if err := os.WriteFile(filepath.Join(data, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("hello", filepath.Join(data, "link")); err != nil {
		t.Fatal(err)
	}

	out, err := run(t, "cid", filepath.Join(data, "hello"))
	if err != nil || out != "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e" {
		t.Fatalf("cid: %q %v", out, err)
	}
	root, err := run(t, "cid", data)
	if err != nil {
		t.Fatal(err)
	}
	withHidden, _ := run(t, "cid", "--hidden", data)
	if withHidden == root {
		t.Fatal("--hidden ignored")
	}
	if _, err := run(t, "verify", root, data); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if _, err := run(t, "verify", withHidden, data); err == nil || !strings.Contains(err.Error(), "mismatch") {
		t.Fatalf("verify mismatch: %v", err)
	}
	if _, err := run(t, "cid", filepath.Join(dir, "nope")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("missing path: %v", err)
	}
	if _, err := run(t, "verify", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", data); err == nil || !strings.Contains(err.Error(), "CIDv0") {
		t.Fatalf("CIDv0: %v", err)
	}

	// Node not running: actionable message.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + ln.Addr().String()
	ln.Close()
	if _, err := run(t, "add", "--ipfs-api", dead, data); err == nil || !strings.Contains(err.Error(), "tributaryd start") {
		t.Fatalf("dead node: %v", err)
	}

	n, err := node.NewNode(context.Background(), node.NodeOptions{
		ListenAddresses: []string{"/ip4/127.0.0.1/tcp/0"},
		APIAddress:      "127.0.0.1:0",
		StoragePath:     t.TempDir(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	// The API URL comes from the home's app.toml.
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "config"), 0o755); err != nil {
		t.Fatal(err)
	}
	toml := "[ipfs]\nenable = true\nmode = \"embedded\"\napi_address = \"" + strings.TrimPrefix(n.APIURL(), "http://") + "\"\n"
	if err := os.WriteFile(filepath.Join(home, "config", "app.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = run(t, "add", "--home", home, data)
	if err != nil || !strings.HasPrefix(out, root+" ") {
		t.Fatalf("add: %q %v", out, err)
	}

	got := filepath.Join(dir, "got")
	if _, err := run(t, "get", "--home", home, root, got); err != nil {
		t.Fatalf("get: %v", err)
	}
	if c, _ := run(t, "cid", got); c != root {
		t.Fatalf("fetched copy has CID %s, want %s", c, root)
	}
	car := filepath.Join(dir, "d.car")
	if _, err := run(t, "export", "--ipfs-api", n.APIURL(), root, car); err != nil {
		t.Fatalf("export: %v", err)
	}
	out, err = run(t, "import", "--ipfs-api", n.APIURL(), car)
	if err != nil || out != root {
		t.Fatalf("import: %q %v", out, err)
	}

	// Content the node does not hold (and has no peer for): a quick, plain answer, not a wait for
	// the timeout ending in "not a CAR file: ... deadline exceeded".
	start := time.Now()
	_, err = run(t, "get", "--home", home, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", filepath.Join(dir, "none"))
	if err == nil || !strings.Contains(err.Error(), "is not held by the node") || strings.Contains(err.Error(), "not a CAR file") {
		t.Fatalf("get of content the node does not hold: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("get of content the node does not hold took %s", d)
	}
	// The replication commands say plainly that this node does not replicate.
	if _, err := run(t, "replicate", "status", "--home", home); err == nil || !strings.Contains(err.Error(), "does not replicate") {
		t.Fatalf("replicate status without a replicator: %v", err)
	}

	// Pins: what `add` and `import` stored is pinned local; unpinned, gc frees it all.
	out, err = run(t, "ls", "--home", home)
	lines := strings.Split(out, "\n")
	if err != nil || len(lines) != 2 || !strings.HasPrefix(lines[0], "CID") {
		t.Fatalf("ls: %q %v", out, err)
	}
	if f := strings.Fields(lines[1]); len(f) != 7 || f[0] != root || f[1] != "local" || f[5] != "true" || f[6] != "false" {
		t.Fatalf("ls row %q: want %s local, complete, not revoked", lines[1], root)
	}
	if _, err := run(t, "unpin", "--home", home, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"); err == nil || !strings.Contains(err.Error(), "not pinned") {
		t.Fatalf("unpin of a CID that is not pinned: %v", err)
	}
	if _, err := run(t, "unpin", "--home", home, root); err != nil {
		t.Fatalf("unpin: %v", err)
	}
	out, err = run(t, "gc", "--home", home)
	if err != nil || !strings.Contains(out, `"pins": 0`) || strings.Contains(out, `"removed_blocks": 0`) {
		t.Fatalf("gc: %q %v", out, err)
	}
	out, err = run(t, "stat", "--home", home)
	if err != nil || !strings.Contains(out, `"blocks": 0`) || !strings.Contains(out, `"local": 0`) {
		t.Fatalf("stat after gc: %q %v", out, err)
	}
	start = time.Now()
	if _, err := run(t, "pin", "--home", home, "--timeout", "2s", root); err == nil {
		t.Fatal("pin of content gone and served by no peer succeeded")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("pin of content nobody serves took %s despite --timeout 2s", d)
	}
}

// TestPeerID checks that `content peer-id` creates the identity offline, keeps it, and that the node
// started later on the same storage path has that peer ID (what scripts/localnet.sh relies on).
func TestPeerID(t *testing.T) {
	home := t.TempDir()
	storage := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.MkdirAll(filepath.Join(home, "config"), 0o755); err != nil {
		t.Fatal(err)
	}
	appToml := "[ipfs]\nenable = true\nmode = \"embedded\"\nstorage_path = \"" + storage + "\"\n"
	if err := os.WriteFile(filepath.Join(home, "config", "app.toml"), []byte(appToml), 0o644); err != nil {
		t.Fatal(err)
	}
	first, err := run(t, "peer-id", "--home", home)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(storage, peerid.File)); err != nil {
		t.Fatalf("identity not kept in the configured storage_path: %v", err)
	}
	again, err := run(t, "peer-id", "--home", home)
	if err != nil || again != first {
		t.Fatalf("second peer-id = %q, %v; want %q", again, err, first)
	}
	n, err := node.NewNode(context.Background(), node.NodeOptions{
		ListenAddresses: []string{"/ip4/127.0.0.1/tcp/0"}, StoragePath: storage,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if n.ID().String() != first {
		t.Fatalf("node started with peer ID %s, peer-id printed %s", n.ID(), first)
	}

	// Without an app.toml the default storage path under the home is used.
	bare := t.TempDir()
	id, err := run(t, "peer-id", "--home", bare)
	if err != nil || id == first {
		t.Fatalf("peer-id of a bare home = %q, %v; want a new identity", id, err)
	}
	if _, err := os.Stat(filepath.Join(bare, config.DefaultStoragePath, peerid.File)); err != nil {
		t.Fatal(err)
	}
}
