package node

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/dagio"

	"github.com/tributary-ai/tributary/ipfs/cids"

	"github.com/tributary-ai/tributary/ipfs/client"
)

// startNode starts a node on port 0 that dials peers. It accepts any peer, so that tests can
// connect nodes in one direction (the second to the first); TestInboundPeersAreGated tests the
// gate itself.
func startNode(t *testing.T, limit uint64, peers ...string) *Node {
	t.Helper()
	return startNodeWith(t, NodeOptions{StorageLimit: limit, Peers: peers, AcceptAnyPeer: true})
}

// startNodeWith starts a node with o on loopback port 0, in a fresh store unless o names one.
func startNodeWith(t *testing.T, o NodeOptions) *Node {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	o.ListenAddresses = []string{"/ip4/127.0.0.1/tcp/0"}
	o.GatewayAddress, o.APIAddress = "127.0.0.1:0", "127.0.0.1:0"
	if o.StoragePath == "" {
		o.StoragePath = t.TempDir()
	}
	n, err := NewNode(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// eventually polls cond every 20ms until it holds or the deadline passes.
func eventually(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func writeDataset(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "dataset")
	for i := range 12 {
		p := filepath.Join(root, fmt.Sprintf("part-%d", i%3), fmt.Sprintf("file-%02d.bin", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data := bytes.Repeat([]byte{byte(i), byte(i * 7), 0x5a}, 1000*(i+1))
		if i == 5 {
			data = bytes.Repeat(data, 200) // > 1 MiB: a multi-block file
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestTwoNodesExchangeOverBitswap(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	a := startNode(t, 0)
	b := startNode(t, 0, a.Addrs()...)
	eventually(t, "b to connect to a", 30*time.Second, func() bool { return len(b.Peers()) > 0 && len(a.Peers()) > 0 })

	dataset := writeDataset(t)
	// Add to a through its API, as `tributaryd content add` does.
	root, size, err := client.AddPathToAPI(ctx, a.APIURL(), dataset, dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, wantSize, err := dagio.CIDOfPath(ctx, dataset, dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !root.Equals(want) || size != wantSize {
		t.Fatalf("API add gave %s (%d), dagio.CIDOfPath %s (%d)", root, size, want, wantSize)
	}

	// b fetches the whole DAG from a over bitswap.
	if err := b.Fetch(ctx, root); err != nil {
		t.Fatal(err)
	}
	var carA, carB bytes.Buffer
	if err := a.ExportCAR(ctx, root, &carA); err != nil {
		t.Fatal(err)
	}
	if err := b.ExportCAR(ctx, root, &carB); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(carA.Bytes(), carB.Bytes()) {
		t.Fatal("b's copy differs from a's")
	}

	// b's gateway serves a CAR that verifies and is complete.
	resp := gatewayGet(t, b.GatewayURL()+"/ipfs/"+root.String(), "application/vnd.ipld.car")
	verify := openStore(t)
	roots, err := dagio.ImportCAR(ctx, verify, bytes.NewReader(resp))
	if err != nil {
		t.Fatalf("gateway CAR does not verify: %v", err)
	}
	if len(roots) != 1 || !roots[0].Equals(root) {
		t.Fatalf("gateway CAR roots %v", roots)
	}
	// And a raw block.
	raw := gatewayGet(t, b.GatewayURL()+"/ipfs/"+root.String(), "application/vnd.ipld.raw")
	if err := cids.VerifyBlock(root, raw); err != nil {
		t.Fatal(err)
	}

	// The API reads back through the same client code that talks to kubo.
	api := client.NewAPIClient(b.APIURL(), nil)
	if err := api.FetchDAG(ctx, root, openStore(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := api.BlockGet(ctx, root); err != nil {
		t.Fatal(err)
	}
	id, err := api.ID(ctx)
	if err != nil || id.ID != b.ID().String() {
		t.Fatalf("id %v %v", id, err)
	}
}

func gatewayGet(t *testing.T, url, accept string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", accept)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", url, resp.Status, body)
	}
	return body
}

func openStore(t *testing.T) *dagio.Store {
	t.Helper()
	s, err := dagio.OpenStore(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestCorruptedBlockIsNotServed corrupts a's copy of a block on disk: a's
// gateway must not serve it and b must not accept anything but the real
// block, so b's fetch fails.
func TestCorruptedBlockIsNotServed(t *testing.T) {
	a := startNode(t, 0)
	b := startNode(t, 0, a.Addrs()...)
	eventually(t, "b to connect to a", 30*time.Second, func() bool { return len(b.Peers()) > 0 })

	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("some content that will rot"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := a.Import(context.Background(), p, dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	corruptBlockFiles(t, a.Store(), res.Root)

	// The gateway refuses it.
	req, _ := http.NewRequest(http.MethodGet, a.GatewayURL()+"/ipfs/"+res.Root.String(), nil)
	req.Header.Set("Accept", "application/vnd.ipld.raw")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatalf("the gateway must answer a corrupted block at once (it serves only its store): %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		t.Fatalf("gateway answered 200 for a block it cannot have (%d bytes, verifies: %v)", len(body), cids.VerifyBlock(res.Root, body) == nil)
	}
	// b cannot get it.
	fctx, fcancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer fcancel()
	if err := b.Fetch(fctx, res.Root); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("fetch of a corrupted block: %v", err)
	}
	if has, _ := b.Store().Has(context.Background(), res.Root); has {
		t.Fatal("b stored a corrupted block")
	}
}

// corruptBlockFiles flips a byte in every flatfs file of store (the test
// store holds one block).
func corruptBlockFiles(t *testing.T, s *dagio.Store, c cid.Cid) {
	t.Helper()
	if _, err := s.Get(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(s.Dir(), func(path string, d os.DirEntry, err error) error {
		if err != nil || filepath.Ext(path) != ".data" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data[0] ^= 0xff
		n++
		return os.WriteFile(path, data, 0o644)
	})
	if err != nil || n == 0 {
		t.Fatalf("corrupting %d files: %v", n, err)
	}
	if _, err := s.Get(context.Background(), c); !errors.Is(err, cids.ErrBlockCorrupt) {
		t.Fatalf("corruption not detected: %v", err)
	}
}

func TestAPIStorageLimitAndShutdown(t *testing.T) {
	a := startNode(t, 64<<10)
	p := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := client.AddPathToAPI(context.Background(), a.APIURL(), p, dagio.ImportOptions{})
	if !errors.Is(err, client.ErrAPI) || !bytes.Contains([]byte(err.Error()), []byte("storage limit")) {
		t.Fatalf("over-limit add: %v", err)
	}

	api, gw := a.APIURL(), a.GatewayURL()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	// The ports are free again and nothing answers.
	for _, u := range []string{api, gw} {
		ln, err := net.Listen("tcp", u[len("http://"):])
		if err != nil {
			t.Fatalf("port of %s still taken: %v", u, err)
		}
		ln.Close()
	}
	if _, err := client.NewAPIClient(api, nil).ID(context.Background()); !errors.Is(err, client.ErrNodeUnreachable) {
		t.Fatalf("closed node: %v", err)
	}
}
