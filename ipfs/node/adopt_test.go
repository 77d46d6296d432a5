package node

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// downChain is a chain that does not answer.
type downChain struct{}

func (downChain) LastAssetID(context.Context) (uint64, error) {
	return 0, errors.New("chain not answering")
}
func (downChain) Content(context.Context, uint64) (RegisteredContent, error) {
	return RegisteredContent{}, errors.New("chain not answering")
}
func (downChain) Revocations(context.Context, RevocationCursor, int) ([]Revocation, error) {
	return nil, errors.New("chain not answering")
}

// TestUpgradeAdoptsReplicatedContent: a node replicated assets 1 and 3 before pins existed
// (simulated by deleting its pin database after a real replication), asset 2 is still owed, and
// asset 3 was revoked while the node was down. On the first start with pins, GC refuses until the
// replicator has read the chain (it does not while the chain is down); then asset 1 is pinned as
// registered for its asset, the owed 2 and the revoked 3 are not, and the first GC keeps 1 whole
// and removes 3.
func TestUpgradeAdoptsReplicatedContent(t *testing.T) {
	ctx := context.Background()
	holder := startNode(t, 0)
	dir := t.TempDir()
	replica := startNodeWith(t, NodeOptions{StoragePath: dir, Peers: holder.Addrs(), AcceptAnyPeer: true})
	dataset, datasetSize := importInto(t, holder, writeDataset(t))
	revoked, revokedSize := smallFile(t, holder, "replicated, then revoked while the node was down")
	chain := &fakeChain{}
	chain.register(dataset, datasetSize)
	chain.register(rawCID(t, "registered, nobody serves it"), 100)
	chain.register(revoked, revokedSize)
	statePath := filepath.Join(dir, ReplicationStateFile)
	_, events, stop := runReplicator(t, replica, chain, statePath)
	for done := 0; done < 2; {
		if e := next(t, events); e.Err == nil {
			done++
		}
	}
	stop()
	replica.Close()
	if err := os.RemoveAll(filepath.Join(dir, "pins.db")); err != nil {
		t.Fatal(err)
	}
	chain.revoke(3)

	replica = startNodeWith(t, NodeOptions{StoragePath: dir, AcceptAnyPeer: true})
	if has, _ := replica.Store().Has(ctx, dataset); !has {
		t.Fatal("test premise: the replicated dataset is not in the store")
	}
	r, err := NewReplicator(replica, downChain{}, ReplicatorOptions{StatePath: statePath, Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = r.Run(runCtx) }()
	if _, err := replica.GC(ctx); !errors.Is(err, ErrAdoptionPending) {
		t.Fatalf("GC before adoption: %v, want ErrAdoptionPending", err)
	}
	cancel()
	<-done
	if _, err := replica.GC(ctx); !errors.Is(err, ErrAdoptionPending) {
		t.Fatalf("GC while the chain is down: %v, want ErrAdoptionPending", err)
	}

	r, err = NewReplicator(replica, chain, ReplicatorOptions{StatePath: statePath, Poll: 20 * time.Millisecond, StallTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	startReplicator(t, r)
	eventually(t, "adoption", 30*time.Second, func() bool { return !replica.adoptPending.Load() })
	pins, err := replica.pins.list(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != 1 || !pins[0].CID.Equals(dataset) || pins[0].Reason != PinRegistered || pins[0].Name != "1" {
		t.Fatalf("pins after adoption %+v, want only %s registered for asset 1", pins, dataset)
	}
	res, err := replica.GC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	requireWhole(t, replica.Store(), dataset)
	if has, _ := replica.Store().Has(ctx, revoked); has {
		t.Fatalf("revoked %s survived the first GC (%+v)", revoked, res)
	}
}
