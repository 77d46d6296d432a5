package node

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// startLimitedReplicator runs a replicator with the given options (StatePath, Poll and Events
// filled in) and returns it and its events.
func startLimitedReplicator(t *testing.T, node *Node, src ContentSource, o ReplicatorOptions) (*Replicator, <-chan ReplicationEvent) {
	t.Helper()
	events := make(chan ReplicationEvent, 64)
	o.StatePath = filepath.Join(t.TempDir(), ReplicationStateFile)
	o.Poll = 20 * time.Millisecond
	o.Events = events
	r, err := NewReplicator(node, src, o)
	if err != nil {
		t.Fatal(err)
	}
	startReplicator(t, r)
	return r, events
}

// smallFile imports a small distinct file into n and returns its CID and size.
func smallFile(t *testing.T, n *Node, text string) (cid.Cid, uint64) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.txt")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return importInto(t, n, p)
}

// TestReplicatorBoundsOversizedRegistration: a registrant declares a third of the real size of a
// DAG they serve. The replicating node stops fetching once the DAG passes its bound, removes what
// it fetched, never holds more than the bound (plus one block in flight) meanwhile, gives the CID
// up at once, and still replicates an honest registration made after it. With and without a
// storage_limit: the bound, not the disk, is what stops it.
func TestReplicatorBoundsOversizedRegistration(t *testing.T) {
	for _, limit := range []uint64{0, 64 << 20} {
		t.Run(fmt.Sprintf("storage_limit=%d", limit), func(t *testing.T) {
			holder := startNode(t, 0)
			replica := startNode(t, limit, holder.Addrs()[0])
			big, bigSize := importInto(t, holder, writeDataset(t))
			declared := bigSize / 3
			if FetchBound(declared) >= bigSize {
				t.Fatalf("test data too small: bound %d of %d declared is not below the real %d", FetchBound(declared), declared, bigSize)
			}
			honest, honestSize := smallFile(t, holder, "an honest registration after the oversized one")

			base := replica.Store().Used()
			var peak atomic.Uint64
			stopWatch := make(chan struct{})
			watched := make(chan struct{})
			go func() { // samples the store while the replicator works
				defer close(watched)
				for {
					peak.Store(max(peak.Load(), replica.Store().Used()))
					select {
					case <-stopWatch:
						return
					case <-time.After(time.Millisecond):
					}
				}
			}()

			chain := &fakeChain{}
			chain.register(big, declared)
			chain.register(honest, honestSize)
			r, events := startLimitedReplicator(t, replica, chain, ReplicatorOptions{StallTimeout: 10 * time.Second})

			got := map[uint64]ReplicationEvent{}
			for range 2 {
				e := next(t, events)
				got[e.AssetID] = e
			}
			close(stopWatch)
			<-watched

			if e := got[1]; !errors.Is(e.Err, ErrExceedsBound) || !e.GivenUp || e.Attempt != 1 {
				t.Fatalf("oversized registration: event %+v, want ErrExceedsBound and given up at the first attempt", e)
			}
			if e := got[2]; e.Err != nil || !holdsDAG(replica.Store(), honest) {
				t.Fatalf("honest registration after it: event %+v, held %v", e, holdsDAG(replica.Store(), honest))
			}
			if ceiling := base + FetchBound(declared) + cids.MaxBlockSize; peak.Load() > ceiling {
				t.Fatalf("the replica held %d bytes while fetching, more than bound + one block (%d)", peak.Load(), ceiling)
			}
			if has, _ := replica.Store().Has(context.Background(), big); has {
				t.Fatal("the abandoned DAG's root is still stored")
			}
			if used, want := replica.Store().Used(), base+FetchBound(honestSize); used > want {
				t.Fatalf("after abandoning, the store holds %d bytes, want at most %d (the honest DAG)", used, want)
			}
			st := r.Status()
			if len(st.GivenUp) != 1 || st.GivenUp[0].CID != big.String() || !strings.Contains(st.GivenUp[0].Reason, "larger than its registered size") {
				t.Fatalf("given-up list %+v, want the oversized CID with its reason", st.GivenUp)
			}
		})
	}
}

// TestReplicatorMaxAssetSizeAndRetry: a CID registered above replicate_max_asset_size is not
// fetched but listed as given up with the reason; RetryCID fetches it anyway.
func TestReplicatorMaxAssetSizeAndRetry(t *testing.T) {
	holder := startNode(t, 0)
	replica := startNode(t, 0, holder.Addrs()[0])
	c, _ := smallFile(t, holder, "registered as larger than this operator replicates")
	chain := &fakeChain{}
	chain.register(c, 5<<30)
	r, events := startLimitedReplicator(t, replica, chain, ReplicatorOptions{MaxAssetSize: 1 << 30, StallTimeout: 10 * time.Second})

	eventually(t, "the asset to be taken in", 10*time.Second, func() bool { return r.Status().NextAssetID == 2 })
	st := r.Status()
	if len(st.Owed) != 0 || len(st.GivenUp) != 1 || !strings.Contains(st.GivenUp[0].Reason, "replicate_max_asset_size") {
		t.Fatalf("status %+v, want nothing owed and the CID given up for replicate_max_asset_size", st)
	}
	if has, _ := replica.Store().Has(context.Background(), c); has {
		t.Fatal("a CID above replicate_max_asset_size was fetched")
	}
	if _, err := r.RetryCID(cid.MustParse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")); !errors.Is(err, ErrNotGivenUp) {
		t.Fatalf("retry of a CID never given up: %v", err)
	}
	if n, err := r.RetryCID(c); err != nil || n != 1 {
		t.Fatalf("retry: %d, %v", n, err)
	}
	if e := next(t, events); e.Err != nil || !e.CID.Equals(c) {
		t.Fatalf("after retry: %+v", e)
	}
	if !holdsDAG(replica.Store(), c) || len(r.Status().GivenUp) != 0 {
		t.Fatalf("after retry: held %v, status %+v", holdsDAG(replica.Store(), c), r.Status())
	}
}

// TestReplicatorSkipsRevoked: a revoked asset's content is never fetched, though it is served.
func TestReplicatorSkipsRevoked(t *testing.T) {
	holder := startNode(t, 0)
	replica := startNode(t, 0, holder.Addrs()[0])
	revoked, revokedSize := smallFile(t, holder, "revoked content")
	after, afterSize := smallFile(t, holder, "registered after the revoked one")
	chain := &fakeChain{}
	chain.add(RegisteredContent{Revoked: true, Items: []RegisteredCID{{CID: revoked, Size: revokedSize}}})
	chain.register(after, afterSize)
	_, events := startLimitedReplicator(t, replica, chain, ReplicatorOptions{StallTimeout: 10 * time.Second})
	if e := next(t, events); e.AssetID != 2 || e.Err != nil {
		t.Fatalf("first outcome %+v, want asset 2 replicated and nothing for the revoked asset 1", e)
	}
	if has, _ := replica.Store().Has(context.Background(), revoked); has {
		t.Fatal("revoked content was fetched")
	}
}

// TestReplicatorFirstAttemptsBeforeRetriesAndGivesUp: with room for 4 attempts at a time, 8
// registrations nobody serves and then a served one: the served one is attempted before any
// unserved one is retried (so failures cannot keep new registrations waiting), every unserved CID
// is given up after MaxAttempts, and the given-up list stays within its cap, counting what it
// dropped.
func TestReplicatorFirstAttemptsBeforeRetriesAndGivesUp(t *testing.T) {
	holder := startNode(t, 0)
	replica := startNode(t, 0, holder.Addrs()[0])
	chain := &fakeChain{}
	for i := range 8 {
		chain.register(rawCID(t, fmt.Sprintf("nobody serves %d", i)), 100)
	}
	served, servedSize := smallFile(t, holder, "served")
	chain.register(served, servedSize)
	r, events := startLimitedReplicator(t, replica, chain, ReplicatorOptions{
		StallTimeout: 1500 * time.Millisecond, MaxBackoff: time.Millisecond, Attempts: 4, MaxAttempts: 2, MaxGivenUp: 5,
	})

	failures, givenUp := 0, 0
	servedSeen := false
	for givenUp < 8 {
		e := next(t, events)
		switch {
		case e.AssetID == 9:
			if e.Err != nil || e.Attempt != 1 {
				t.Fatalf("served CID: %+v", e)
			}
			if failures < 4 {
				t.Fatalf("served CID replicated after %d first failures; the 4 registered before it come first", failures)
			}
			servedSeen = true
		case e.Attempt == 1:
			failures++
		case e.Attempt == 2:
			if !servedSeen {
				t.Fatalf("retry %+v ran before the served CID's first attempt", e)
			}
			if !e.GivenUp {
				t.Fatalf("second failure not given up with MaxAttempts 2: %+v", e)
			}
			givenUp++
		}
	}
	st := r.Status()
	if len(st.Owed) != 0 || len(st.GivenUp) != 5 || st.GivenUpDropped != 3 {
		t.Fatalf("status: %d owed, %d given up, %d dropped; want 0, 5 (the cap), 3", len(st.Owed), len(st.GivenUp), st.GivenUpDropped)
	}
}

// TestReplicatorOwedListIsCapped: with room for 3 owed CIDs, 10 unserved registrations move the
// cursor only as far as the room allows; the rest wait on the chain.
func TestReplicatorOwedListIsCapped(t *testing.T) {
	replica := startNode(t, 0)
	chain := &fakeChain{}
	for i := range 10 {
		chain.register(rawCID(t, fmt.Sprintf("unserved %d", i)), 100)
	}
	r, _ := startLimitedReplicator(t, replica, chain, ReplicatorOptions{StallTimeout: 10 * time.Minute, MaxOwed: 3})
	eventually(t, "the first registrations to be taken in", 10*time.Second, func() bool { return r.Status().NextAssetID > 1 })
	// An absence check: ten polls, in which the cursor would move on if the cap did not hold.
	time.Sleep(200 * time.Millisecond)
	if st := r.Status(); len(st.Owed) != 3 || st.NextAssetID != 4 {
		t.Fatalf("owed %d, next asset %d; want 3 owed and the cursor at 4", len(st.Owed), st.NextAssetID)
	}
}

// rawCID is the CIDv1 (raw, sha2-256) of text: a CID nobody serves.
func rawCID(t *testing.T, text string) cid.Cid {
	t.Helper()
	c, err := cid.V1Builder{Codec: cid.Raw, MhType: multihash.SHA2_256}.Sum([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
