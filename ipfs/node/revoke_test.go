package node

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/client"
)

// revoke marks asset id revoked in a block of its own and records it in the revocation index, as
// a governance MsgRevokeAsset does.
func (f *fakeChain) revoke(id uint64) {
	f.mu.Lock()
	h := f.height + 1
	f.mu.Unlock()
	f.revokeAt(id, h)
}

// revokeAt revokes asset id at height, which must not be below the last revocation's.
func (f *fakeChain) revokeAt(id uint64, height int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.assets[id-1].Revoked = true
	f.revocations = append(f.revocations, Revocation{AssetID: id, Height: height})
	f.height = height
}

// gatewayStatus is the gateway's status for a raw GET of c.
func gatewayStatus(t *testing.T, n *Node, c cid.Cid) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, n.GatewayURL()+"/ipfs/"+c.String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/vnd.ipld.raw")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// bitswapServes reports whether a fresh node connected only to n gets the whole DAG of c over
// bitswap within a few seconds.
func bitswapServes(t *testing.T, n *Node, c cid.Cid) bool {
	t.Helper()
	peer := startNode(t, 0, n.Addrs()[0])
	eventually(t, "a fresh peer to connect", 30*time.Second, func() bool { return len(peer.Peers()) > 0 })
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := peer.Fetch(ctx, c)
	if err != nil && !errors.Is(err, client.ErrNotFound) && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("fetch of %s from the replica: %v", c, err)
	}
	return err == nil
}

// TestRevocationStopsServingAndGCFrees: a replica replicates two assets from a holder, then the
// holder goes away (only the replica has them). Both assets are served by the replica's gateway
// and over bitswap. The operator pins the second locally. When the chain revokes both, neither
// is served any more (gateway 404, bitswap nothing) before any GC; GC then frees the first's
// blocks while the locally pinned second survives whole, still unserved. A third, never revoked
// asset keeps being served throughout.
func TestRevocationStopsServingAndGCFrees(t *testing.T) {
	ctx := context.Background()
	holder := startNode(t, 0)
	replica := startNode(t, 0, holder.Addrs()[0])
	datasetPath := writeDataset(t)
	dataset, datasetSize := importInto(t, holder, datasetPath)
	kept, keptSize := smallFile(t, holder, "revoked, but the operator keeps a copy")
	other, otherSize := smallFile(t, holder, "never revoked")
	chain := &fakeChain{}
	chain.register(dataset, datasetSize)
	chain.register(kept, keptSize)
	chain.register(other, otherSize)
	_, events := startLimitedReplicator(t, replica, chain, ReplicatorOptions{StallTimeout: 10 * time.Second})
	for range 3 {
		if e := next(t, events); e.Err != nil {
			t.Fatalf("replication: %+v", e)
		}
	}
	holder.Close() // from now on only the replica holds the content
	for _, c := range []cid.Cid{dataset, kept, other} {
		if s := gatewayStatus(t, replica, c); s != http.StatusOK {
			t.Fatalf("before revocation the gateway answers %d for %s", s, c)
		}
	}
	if !bitswapServes(t, replica, dataset) {
		t.Fatal("before revocation the replica does not serve the dataset over bitswap")
	}
	if err := replica.Pin(ctx, kept); err != nil {
		t.Fatal(err)
	}
	blocksBefore := replica.Store().Blocks()

	chain.revoke(1)
	chain.revoke(2)
	eventually(t, "the replica to stop serving revoked content", 30*time.Second, func() bool {
		return gatewayStatus(t, replica, dataset) == http.StatusNotFound && gatewayStatus(t, replica, kept) == http.StatusNotFound
	})
	if replica.Store().Blocks() != blocksBefore {
		t.Fatal("test premise: blocks were removed before GC")
	}
	for _, c := range []cid.Cid{dataset, kept} {
		if bitswapServes(t, replica, c) {
			t.Fatalf("revoked %s is still served over bitswap", c)
		}
	}
	if s := gatewayStatus(t, replica, other); s != http.StatusOK {
		t.Fatalf("content never revoked answers %d", s)
	}

	res, err := replica.GC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.RemovedBlocks == 0 {
		t.Fatalf("GC after revocation removed nothing: %+v", res)
	}
	if has, _ := replica.Store().Has(ctx, dataset); has {
		t.Fatal("the revoked dataset's root is still stored after GC")
	}
	requireWhole(t, replica.Store(), kept)
	requireWhole(t, replica.Store(), other)
	if s := gatewayStatus(t, replica, kept); s != http.StatusNotFound {
		t.Fatalf("locally pinned revoked content answers %d after GC, want 404", s)
	}
	if bitswapServes(t, replica, kept) {
		t.Fatal("locally pinned revoked content is served over bitswap")
	}
	pins, err := replica.Pins(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]PinStatus{}
	for _, p := range pins {
		got[string(p.Reason)+" "+p.CID] = p
	}
	if p, ok := got["local "+kept.String()]; !ok || !p.Revoked || !p.Complete {
		t.Fatalf("pins %+v: want %s local, complete and marked revoked", pins, kept)
	}
	if _, ok := got["registered "+dataset.String()]; ok {
		t.Fatalf("pins %+v: the revoked dataset is still pinned as registered", pins)
	}
	if p, ok := got["registered "+other.String()]; !ok || p.Name != "3" || !p.Complete {
		t.Fatalf("pins %+v: want %s registered for asset 3, complete", pins, other)
	}
}
