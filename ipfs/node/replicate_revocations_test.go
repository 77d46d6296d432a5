package node

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
)

// replicated gives n count small registered assets that are already replicated (stored whole
// and pinned PinRegistered under their asset id), registers them on chain, and returns their
// CIDs by asset id - 1. It stands for a node that has followed a long chain, without fetching.
func replicated(t *testing.T, n *Node, chain *fakeChain, count int) []cid.Cid {
	t.Helper()
	ctx := context.Background()
	bs := make([]blocks.Block, count)
	cids := make([]cid.Cid, count)
	for i := range bs {
		data := fmt.Appendf(nil, "replicated asset %d", i+1)
		h, err := multihash.Sum(data, multihash.SHA2_256, -1)
		if err != nil {
			t.Fatal(err)
		}
		cids[i] = cid.NewCidV1(cid.Raw, h)
		if bs[i], err = blocks.NewBlockWithCid(data, cids[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := n.store.PutMany(ctx, bs); err != nil {
		t.Fatal(err)
	}
	for i, c := range cids {
		id := chain.register(c, uint64(len(bs[i].RawData())))
		if err := n.pins.add(ctx, c, PinRegistered, fmt.Sprint(id)); err != nil {
			t.Fatal(err)
		}
	}
	return cids
}

// memDir is a fresh directory in memory where the system has one (/dev/shm), else on disk: the
// pin set writes synchronously, and 10,000 pins would otherwise measure the disk, not the poll.
func memDir(t *testing.T) string {
	t.Helper()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "tributary-node-test-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// newFollower returns a replicator of n over chain whose registration cursor is past every
// asset (they are replicated), so that a poll only follows revocations.
func newFollower(t *testing.T, n *Node, chain *fakeChain, statePath string, batch int) *Replicator {
	t.Helper()
	r, err := NewReplicator(n, chain, ReplicatorOptions{StatePath: statePath, RevocationBatch: batch})
	if err != nil {
		t.Fatal(err)
	}
	last, _ := chain.LastAssetID(context.Background())
	r.mu.Lock()
	r.state.NextAssetID = last + 1
	r.mu.Unlock()
	return r
}

// registeredPin reports whether c is pinned PinRegistered.
func registeredPin(t *testing.T, n *Node, c cid.Cid) bool {
	t.Helper()
	pn, err := n.pins.pinner(PinRegistered)
	if err != nil {
		t.Fatal(err)
	}
	_, pinned, err := pn.IsPinned(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return pinned
}

// TestRevocationActedOnWithinOnePoll: a node replicates 10,000 assets; the chain revokes the last.
// After one poll it is no longer served (gateway 404) and no longer pinned as registered, while
// its neighbour still is, and the poll read that one asset from the chain, not the others: a
// round robin over the replicated assets (64 a poll) would reach asset 10,000 only after about
// 156 polls, and would read 64 assets doing so.
func TestRevocationActedOnWithinOnePoll(t *testing.T) {
	ctx := context.Background()
	n := startNodeWith(t, NodeOptions{StoragePath: memDir(t)})
	chain := &fakeChain{}
	const count = 10_000
	cids := replicated(t, n, chain, count)
	r := newFollower(t, n, chain, filepath.Join(t.TempDir(), ReplicationStateFile), 0)
	last, neighbour := cids[count-1], cids[count-2]
	if s := gatewayStatus(t, n, last); s != http.StatusOK {
		t.Fatalf("test premise: before revocation the gateway answers %d", s)
	}

	chain.revokeAt(count, 42)
	readsBefore := chain.contentReads
	if err := r.poll(ctx); err != nil {
		t.Fatal(err)
	}
	if s := gatewayStatus(t, n, last); s != http.StatusNotFound {
		t.Fatalf("after one poll the revoked asset answers %d, want 404", s)
	}
	if registeredPin(t, n, last) {
		t.Fatal("after one poll the revoked asset is still pinned as registered")
	}
	if s := gatewayStatus(t, n, neighbour); s != http.StatusOK || !registeredPin(t, n, neighbour) {
		t.Fatalf("the asset never revoked answers %d (pinned %v)", s, registeredPin(t, n, neighbour))
	}
	if reads := chain.contentReads - readsBefore; reads != 1 {
		t.Fatalf("the poll read %d assets from the chain, want only the revoked one", reads)
	}
	if got, want := r.Status().RevocationsFrom, (RevocationCursor{Height: 42, AssetID: count + 1}); got != want {
		t.Fatalf("revocation cursor %+v after the poll, want %+v", got, want)
	}
}

// TestRevocationCursorPersists: three assets are revoked in one block and a fourth, still owed
// (not fetched yet), in the next; a poll takes two revocations. The first poll acts on assets 1
// and 2 only; after a restart from the state file the replicator resumes at asset 3 of that block
// (it neither reads 1 and 2 again nor skips 3, as a cursor of heights alone would), then acts on
// the owed asset 4, which leaves the owed list instead of being fetched.
func TestRevocationCursorPersists(t *testing.T) {
	ctx := context.Background()
	n := startNode(t, 0)
	chain := &fakeChain{}
	cids := replicated(t, n, chain, 3)
	owed := replicated(t, n, chain, 1)[0]
	statePath := filepath.Join(t.TempDir(), ReplicationStateFile)
	r := newFollower(t, n, chain, statePath, 2)
	r.mu.Lock()
	r.state.Owed = append(r.state.Owed, owedEntry{AssetID: 4, CID: owed.String(), Size: 1})
	r.mu.Unlock()
	for id := uint64(1); id <= 3; id++ {
		chain.revokeAt(id, 7)
	}
	chain.revokeAt(4, 8)

	if err := r.poll(ctx); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{http.StatusNotFound, http.StatusNotFound, http.StatusOK} {
		if s := gatewayStatus(t, n, cids[i]); s != want {
			t.Fatalf("after the first poll asset %d answers %d, want %d", i+1, s, want)
		}
	}
	r.saveIfDirty()

	// Restart: a new replicator reads the state file.
	r2, err := NewReplicator(n, chain, ReplicatorOptions{StatePath: statePath, RevocationBatch: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r2.Status().RevocationsFrom, (RevocationCursor{Height: 7, AssetID: 3}); got != want {
		t.Fatalf("cursor after restart %+v, want %+v", got, want)
	}
	chain.mu.Lock()
	chain.revocationReads, chain.contentReads = nil, 0
	chain.mu.Unlock()
	r2.mu.Lock()
	r2.state.NextAssetID = 5 // registrations are not what this test follows
	r2.mu.Unlock()
	if err := r2.poll(ctx); err != nil {
		t.Fatal(err)
	}
	if got := chain.revocationReads; len(got) != 1 || got[0] != (RevocationCursor{Height: 7, AssetID: 3}) {
		t.Fatalf("after restart the replicator asked for revocations from %+v, want once from height 7, asset 3", got)
	}
	if chain.contentReads != 2 {
		t.Fatalf("after restart the poll read %d assets, want 2 (assets 3 and 4, not 1 and 2 again)", chain.contentReads)
	}
	if s := gatewayStatus(t, n, cids[2]); s != http.StatusNotFound {
		t.Fatalf("asset 3 answers %d after the second poll, want 404", s)
	}
	st := r2.Status()
	if len(st.Owed) != 0 {
		t.Fatalf("owed %+v: the revoked asset 4 is still to be fetched", st.Owed)
	}
	if want := (RevocationCursor{Height: 8, AssetID: 5}); st.RevocationsFrom != want {
		t.Fatalf("cursor %+v, want %+v", st.RevocationsFrom, want)
	}
	// Caught up: the next poll reads nothing.
	if err := r2.poll(ctx); err != nil {
		t.Fatal(err)
	}
	if chain.contentReads != 2 {
		t.Fatalf("a poll with no new revocation read %d assets", chain.contentReads-2)
	}
}

// TestAttemptRevokedMeanwhileIsNotPinned: an attempt whose asset is revoked while it runs (its
// CID already marked revoked when the DAG is whole) does not pin it, so the next GC can free it,
// and its outcome neither re-queues nor gives the CID up.
func TestAttemptRevokedMeanwhileIsNotPinned(t *testing.T) {
	ctx := context.Background()
	n := startNode(t, 0)
	chain := &fakeChain{}
	data := []byte("revoked while it was being fetched")
	h, err := multihash.Sum(data, multihash.SHA2_256, -1)
	if err != nil {
		t.Fatal(err)
	}
	c := cid.NewCidV1(cid.Raw, h)
	b, err := blocks.NewBlockWithCid(data, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.store.Put(ctx, b); err != nil { // fetched: the DAG is local
		t.Fatal(err)
	}
	id := chain.register(c, uint64(len(data)))
	r := newFollower(t, n, chain, filepath.Join(t.TempDir(), ReplicationStateFile), 0)
	e := owedEntry{AssetID: id, CID: c.String(), Size: uint64(len(data))}
	r.mu.Lock()
	r.state.Owed = append(r.state.Owed, e)
	r.mu.Unlock()
	if err := n.Revoke(ctx, c); err != nil {
		t.Fatal(err)
	}

	j := job{entry: e, cid: c, attempt: 1}
	res, err := r.attempt(ctx, j, make(chan struct{}, 1))
	if !errors.Is(err, errRevokedWhileFetching) {
		t.Fatalf("attempt: %v, want errRevokedWhileFetching", err)
	}
	if registeredPin(t, n, c) {
		t.Fatal("content revoked during its fetch was pinned as registered")
	}
	r.record(ctx, result{job: j, res: res, err: err})
	if st := r.Status(); len(st.Owed) != 0 || len(st.GivenUp) != 0 {
		t.Fatalf("owed %+v, given up %+v: a revoked CID must leave both lists", st.Owed, st.GivenUp)
	}
}
