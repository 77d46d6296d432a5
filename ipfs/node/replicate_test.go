package node

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// fakeChain is a ContentSource whose registrations and revocations the test appends. Each
// revocation happens at a block height of its own unless the test sets height.
type fakeChain struct {
	mu          sync.Mutex
	assets      []RegisteredContent
	revocations []Revocation
	height      int64
	// contentReads counts Content calls; revocationReads records each Revocations call's cursor.
	contentReads    int
	revocationReads []RevocationCursor
}

// register adds an asset whose one CID is declared with size bytes.
func (f *fakeChain) register(c cid.Cid, size uint64) uint64 {
	return f.add(RegisteredContent{Items: []RegisteredCID{{CID: c, Size: size}}})
}

// add registers content under the next asset id and returns the id.
func (f *fakeChain) add(content RegisteredContent) uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	content.AssetID = uint64(len(f.assets) + 1)
	f.assets = append(f.assets, content)
	return content.AssetID
}

func (f *fakeChain) LastAssetID(context.Context) (uint64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return uint64(len(f.assets)), nil
}

func (f *fakeChain) Content(_ context.Context, id uint64) (RegisteredContent, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.contentReads++
	if id == 0 || id > uint64(len(f.assets)) {
		return RegisteredContent{}, fmt.Errorf("no asset %d", id)
	}
	return f.assets[id-1], nil
}

// Revocations answers as the chain's Revocations query does: ascending (height, asset id), from
// the cursor on, at most limit.
func (f *fakeChain) Revocations(_ context.Context, from RevocationCursor, limit int) ([]Revocation, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.revocationReads = append(f.revocationReads, from)
	var out []Revocation
	for _, r := range f.revocations { // appended in ascending (height, asset id)
		if len(out) == limit {
			break
		}
		if r.Height > from.Height || (r.Height == from.Height && r.AssetID >= from.AssetID) {
			out = append(out, r)
		}
	}
	return out, nil
}

// runReplicator starts a replicator on node with quick polls and retries and returns it, its
// events and a stop function. The stall timeout (3 s) only decides how soon an unserved CID is
// retried: served content is not bound by it (a busy machine may take longer to move a DAG).
func runReplicator(t *testing.T, node *Node, src ContentSource, statePath string) (*Replicator, <-chan ReplicationEvent, func()) {
	t.Helper()
	events := make(chan ReplicationEvent, 16)
	r, err := NewReplicator(node, src, ReplicatorOptions{
		StatePath:    statePath,
		Poll:         20 * time.Millisecond,
		StallTimeout: 3 * time.Second,
		MaxBackoff:   100 * time.Millisecond,
		MaxAttempts:  100,
		Events:       events,
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, events, startReplicator(t, r)
}

// startReplicator runs r until the returned stop (also run at cleanup) is called.
func startReplicator(t *testing.T, r *Replicator) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = r.Run(ctx)
	}()
	stop = func() { cancel(); <-done }
	t.Cleanup(stop)
	return stop
}

// next waits for the replicator's next outcome.
func next(t *testing.T, events <-chan ReplicationEvent) ReplicationEvent {
	t.Helper()
	select {
	case e := <-events:
		return e
	case <-time.After(30 * time.Second):
		t.Fatal("no replication event within 30s")
		return ReplicationEvent{}
	}
}

// holdsDAG reports whether every block under root is in s (no network involved).
func holdsDAG(s *dagio.Store, root cid.Cid) bool {
	return dagio.ExportCAR(context.Background(), s, root, io.Discard) == nil
}

func importInto(t *testing.T, n *Node, path string) (cid.Cid, uint64) {
	t.Helper()
	res, err := n.Import(context.Background(), path, dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Root, res.Size
}

func TestReplicatorFollowsRegistrations(t *testing.T) {
	holder := startNode(t, 0)
	replica := startNode(t, 0, holder.Addrs()[0])

	dataset, datasetSize := importInto(t, holder, writeDataset(t))
	small := filepath.Join(t.TempDir(), "small.txt")
	if err := os.WriteFile(small, []byte("registered later, served at once"), 0o600); err != nil {
		t.Fatal(err)
	}
	smallCID, smallSize := importInto(t, holder, small)
	// Registered before anybody serves it: the replicator must not wait on it forever.
	lateDir := filepath.Join(t.TempDir(), "late.txt")
	if err := os.WriteFile(lateDir, []byte("served only after a while"), 0o600); err != nil {
		t.Fatal(err)
	}
	late, lateSize, err := dagio.CIDOfPath(context.Background(), lateDir, dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}

	chain := &fakeChain{}
	chain.register(dataset, datasetSize)
	chain.register(late, lateSize)
	chain.register(smallCID, smallSize)
	statePath := filepath.Join(t.TempDir(), ReplicationStateFile)
	r, events, stop := runReplicator(t, replica, chain, statePath)

	// Fetched concurrently: outcomes arrive in any order.
	got := map[uint64]ReplicationEvent{}
	for range 3 {
		e := next(t, events)
		got[e.AssetID] = e
	}
	want := []struct {
		asset uint64
		c     cid.Cid
		ok    bool
	}{{1, dataset, true}, {2, late, false}, {3, smallCID, true}}
	for _, w := range want {
		e := got[w.asset]
		if !e.CID.Equals(w.c) || (e.Err == nil) != w.ok || e.Attempt != 1 {
			t.Fatalf("asset %d: event %+v, want %s ok=%v attempt 1", w.asset, e, w.c, w.ok)
		}
		if !w.ok && !strings.Contains(e.Err.Error(), "no block arrived") {
			t.Fatalf("stalled fetch error %q does not say why", e.Err)
		}
	}
	for _, c := range []cid.Cid{dataset, smallCID} {
		if !holdsDAG(replica.Store(), c) {
			t.Fatalf("replica does not hold all of %s", c)
		}
	}

	// Once somebody serves it, the retry gets it.
	importInto(t, holder, lateDir)
	for {
		e := next(t, events)
		if !e.CID.Equals(late) || e.AssetID != 2 || e.Attempt < 2 {
			t.Fatalf("unexpected event %+v while waiting for the retry of %s", e, late)
		}
		if e.Err == nil {
			break
		}
	}
	if !holdsDAG(replica.Store(), late) {
		t.Fatalf("replica does not hold %s after the retry succeeded", late)
	}
	stop()
	if st := r.Status(); st.NextAssetID != 4 || len(st.Owed) != 0 || len(st.GivenUp) != 0 {
		t.Fatalf("status after replication = %+v, want next 4, nothing owed or given up", st)
	}

	// A restart resumes after asset 3: the next event is the new registration, nothing older.
	another := filepath.Join(t.TempDir(), "another.txt")
	if err := os.WriteFile(another, []byte("registered after the restart"), 0o600); err != nil {
		t.Fatal(err)
	}
	anotherCID, anotherSize := importInto(t, holder, another)
	chain.register(anotherCID, anotherSize)
	_, events, _ = runReplicator(t, replica, chain, statePath)
	if e := next(t, events); e.AssetID != 4 || !e.CID.Equals(anotherCID) || e.Err != nil {
		t.Fatalf("first event after restart %+v, want asset 4 replicated", e)
	}
}

func TestReplicatorStateErrors(t *testing.T) {
	node := startNode(t, 0)
	path := filepath.Join(t.TempDir(), ReplicationStateFile)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := NewReplicator(node, &fakeChain{}, ReplicatorOptions{StatePath: path})
	if err == nil || !strings.Contains(err.Error(), "delete it to start over") {
		t.Fatalf("corrupt state: err = %v", err)
	}
}

// flakyChain fails LastAssetID while down is set, counting the calls.
type flakyChain struct {
	fakeChain
	mu      sync.Mutex
	down    bool
	downErr error // what a down chain answers (default: "chain not answering")
	calls   chan struct{}
}

func (f *flakyChain) LastAssetID(ctx context.Context) (uint64, error) {
	f.mu.Lock()
	down := f.down
	f.mu.Unlock()
	select {
	case f.calls <- struct{}{}:
	default:
	}
	if down {
		if f.downErr != nil {
			return 0, f.downErr
		}
		return 0, fmt.Errorf("chain not answering")
	}
	return f.fakeChain.LastAssetID(ctx)
}

// recordingLogger keeps every message.
type recordingLogger struct {
	mu   sync.Mutex
	msgs []string
}

func (l *recordingLogger) Info(msg string, _ ...any)  { l.add("info: " + msg) }
func (l *recordingLogger) Error(msg string, _ ...any) { l.add("error: " + msg) }
func (l *recordingLogger) add(m string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, m)
}

func (l *recordingLogger) count(m string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, x := range l.msgs {
		if x == m {
			n++
		}
	}
	return n
}

// TestReplicatorLogsSourceErrorsOnce: a chain that does not answer for many polls is one error
// line, and its recovery one info line, not a line every poll.
func TestReplicatorLogsSourceErrorsOnce(t *testing.T) {
	node := startNode(t, 0)
	src := &flakyChain{down: true, calls: make(chan struct{})}
	logger := &recordingLogger{}
	r, err := NewReplicator(node, src, ReplicatorOptions{
		StatePath: filepath.Join(t.TempDir(), ReplicationStateFile), Poll: 5 * time.Millisecond, Logger: logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	startReplicator(t, r)

	for range 5 {
		<-src.calls
	}
	src.mu.Lock()
	src.down = false
	src.mu.Unlock()
	eventually(t, "the recovery to be logged", 10*time.Second, func() bool { return logger.count("info: content replication resumed") == 1 })
	if n := logger.count("error: content replication"); n != 1 {
		t.Fatalf("%d error lines for one outage, want 1", n)
	}
}

// TestReplicatorWaitsForFirstBlockQuietly: a chain with no block yet (every node start) is not an
// error line: the replicator asks again at the next poll.
func TestReplicatorWaitsForFirstBlockQuietly(t *testing.T) {
	node := startNode(t, 0)
	src := &flakyChain{down: true, downErr: fmt.Errorf("%w: not ready; please wait for first block", ErrChainNotReady), calls: make(chan struct{})}
	logger := &recordingLogger{}
	r, err := NewReplicator(node, src, ReplicatorOptions{
		StatePath: filepath.Join(t.TempDir(), ReplicationStateFile), Poll: 5 * time.Millisecond, Logger: logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	startReplicator(t, r)
	for range 5 { // five polls before the first block
		<-src.calls
	}
	if n := logger.count("error: content replication"); n != 0 {
		t.Fatalf("%d error lines while waiting for the first block, want none", n)
	}
}

// TestReplicatorUnservedCIDDelaysNothing registers a CID nobody serves and then, in the same
// poll, one that is served: the second must arrive long before the first is given up (the stall
// timeout here is ten minutes, far past the test's patience).
func TestReplicatorUnservedCIDDelaysNothing(t *testing.T) {
	holder := startNode(t, 0)
	replica := startNode(t, 0, holder.Addrs()[0])
	unserved, _, err := dagio.CIDOfPath(context.Background(), writeDataset(t), dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(t.TempDir(), "small.txt")
	if err := os.WriteFile(small, []byte("served"), 0o600); err != nil {
		t.Fatal(err)
	}
	served, servedSize := importInto(t, holder, small)
	chain := &fakeChain{}
	chain.register(unserved, 1<<20)
	chain.register(served, servedSize)

	events := make(chan ReplicationEvent, 4)
	r, err := NewReplicator(replica, chain, ReplicatorOptions{
		StatePath: filepath.Join(t.TempDir(), ReplicationStateFile), Poll: 20 * time.Millisecond,
		StallTimeout: 10 * time.Minute, Concurrency: 1, Events: events,
	})
	if err != nil {
		t.Fatal(err)
	}
	startReplicator(t, r)

	if e := next(t, events); e.AssetID != 2 || !e.CID.Equals(served) || e.Err != nil {
		t.Fatalf("first outcome %+v, want asset 2 replicated while asset 1 still waits", e)
	}
	if !holdsDAG(replica.Store(), served) {
		t.Fatal("replica does not hold the served CID")
	}
}
