package node

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/tributary-ai/tributary/ipfs/client"
	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// TestGatewayDoesNotFetchForStrangers: content held only by another peer, connected to the node,
// is not fetched when a stranger asks the node's gateway or RPC for it: the answer is a quick 404
// and the node's store does not grow (it used to fetch and keep whatever was asked).
func TestGatewayDoesNotFetchForStrangers(t *testing.T) {
	outside := startNode(t, 0)
	n := startNode(t, 0, outside.Addrs()[0])
	eventually(t, "the node to connect to the outside peer", 30*time.Second, func() bool { return len(n.Peers()) > 0 })

	p := filepath.Join(t.TempDir(), "elsewhere.bin")
	if err := os.WriteFile(p, bytes.Repeat([]byte("held only by the outside peer "), 40000), 0o600); err != nil {
		t.Fatal(err)
	}
	root, _ := importInto(t, outside, p)
	usedBefore, blocksBefore := n.Store().Used(), n.Store().Blocks()

	for _, accept := range []string{"application/vnd.ipld.raw", "application/vnd.ipld.car"} {
		req, err := http.NewRequest(http.MethodGet, n.GatewayURL()+"/ipfs/"+root.String(), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept", accept)
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("gateway %s for a CID the node does not hold: %s, want 404", accept, resp.Status)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("gateway took %s to answer 404", d)
		}
	}
	req, err := http.NewRequest(http.MethodGet, n.GatewayURL()+"/ipfs/"+root.String()+"?format=raw", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Cache-Control", "only-if-cached")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusPreconditionFailed {
		t.Fatalf("gateway only-if-cached for a CID the node does not hold: %s, want 412", resp.Status)
	}
	api := client.NewAPIClient(n.APIURL(), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := api.BlockGet(ctx, root); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("block/get of a CID the node does not hold: %v, want ErrNotFound", err)
	}
	if err := api.FetchDAG(ctx, root, openStore(t)); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("dag/export of a CID the node does not hold: %v, want ErrNotFound", err)
	}
	if ctx.Err() != nil {
		t.Fatal("the RPC waited for peers instead of answering from the store")
	}
	if has, _ := n.Store().Has(context.Background(), root); has || n.Store().Used() != usedBefore || n.Store().Blocks() != blocksBefore {
		t.Fatalf("the node stored what a stranger asked for: root held %v, used %d -> %d, blocks %d -> %d",
			has, usedBefore, n.Store().Used(), blocksBefore, n.Store().Blocks())
	}
}

// TestInboundPeersAreGated: with accept_any_peer off, a node accepts connections from its
// configured peers only: a stranger who knows its address cannot stay connected, and so cannot
// get its blocks over bitswap, while a configured peer can. accept_any_peer opens the gate.
func TestInboundPeersAreGated(t *testing.T) {
	gated := startNodeWith(t, NodeOptions{})
	root, _ := smallFile(t, gated, "held by a gated node")
	configured := startNode(t, 0, gated.Addrs()[0])
	stranger := startNode(t, 0, gated.Addrs()[0])
	// configured is in gated's peers list (no address needed to admit it).
	gated.AddPeer(peer.AddrInfo{ID: configured.ID()})

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := configured.Fetch(ctx, root); err != nil {
		t.Fatalf("a configured peer cannot fetch from the gated node: %v", err)
	}
	sctx, scancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer scancel()
	if err := stranger.Fetch(sctx, root); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("a stranger's fetch from the gated node: %v, want ErrNotFound", err)
	}
	for _, p := range gated.Peers() {
		if p == stranger.ID() {
			t.Fatal("the stranger is connected to the gated node")
		}
	}

	open := startNodeWith(t, NodeOptions{AcceptAnyPeer: true})
	c, _ := smallFile(t, open, "held by an open node")
	target, err := peer.AddrInfoFromString(open.Addrs()[0])
	if err != nil {
		t.Fatal(err)
	}
	stranger.AddPeer(*target)
	if err := stranger.Fetch(ctx, c); err != nil {
		t.Fatalf("accept_any_peer: a stranger cannot fetch: %v", err)
	}
}

// TestRejectedImportLeavesNothing: a CAR upload cut off part way (an aborted upload, or one whose
// DAG is incomplete) is refused and the blocks it had already stored are removed again; the same
// upload whole then succeeds.
func TestRejectedImportLeavesNothing(t *testing.T) {
	n := startNode(t, 0)
	src := startNode(t, 0)
	root, _ := importInto(t, src, writeDataset(t))
	var car bytes.Buffer
	if err := src.ExportCAR(context.Background(), root, &car); err != nil {
		t.Fatal(err)
	}
	api := client.NewAPIClient(n.APIURL(), nil)
	cut := car.Bytes()[:car.Len()*6/10]
	if _, err := api.DagImport(context.Background(), bytes.NewReader(cut)); err == nil {
		t.Fatal("a truncated CAR was accepted")
	}
	// Counted on disk: flatfs keeps the shard directories it created (they count in Used).
	if files := blockFiles(t, n.Store()); files != 0 || n.Store().Blocks() != 0 {
		t.Fatalf("a refused import left %d block files (%d counted)", files, n.Store().Blocks())
	}
	roots, err := api.DagImport(context.Background(), bytes.NewReader(car.Bytes()))
	if err != nil || len(roots) != 1 || !roots[0].Equals(root) || !holdsDAG(n.Store(), root) {
		t.Fatalf("whole CAR after the refused one: %v %v", roots, err)
	}
}

// blockFiles counts the block files of a flatfs store.
func blockFiles(t *testing.T, s *dagio.Store) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(s.Dir(), func(path string, d os.DirEntry, err error) error {
		if err == nil && filepath.Ext(path) == ".data" {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
