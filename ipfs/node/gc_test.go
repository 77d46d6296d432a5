package node

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// dagBlocks lists the blocks of the DAG under root in s (failing if any is missing or corrupt).
func dagBlocks(t *testing.T, s dagio.BlockGetter, root cid.Cid) []blocks.Block {
	t.Helper()
	var out []blocks.Block
	if err := dagio.WalkDAG(context.Background(), s, root, func(b blocks.Block) error {
		out = append(out, b)
		return nil
	}); err != nil {
		t.Fatalf("DAG %s is not whole: %v", root, err)
	}
	return out
}

// requireWhole re-verifies the DAG under root from the store: every block hashes to its CID
// (the store's Get and the walk re-hash) and, exported and imported into a fresh store, it is
// complete under the same root.
func requireWhole(t *testing.T, s *dagio.Store, root cid.Cid) {
	t.Helper()
	var car bytes.Buffer
	if err := dagio.ExportCAR(context.Background(), s, root, &car); err != nil {
		t.Fatalf("%s is not whole after GC: %v", root, err)
	}
	err := dagio.WithScratchStore(func(fresh *dagio.Store) error {
		roots, err := dagio.ImportCAR(context.Background(), fresh, &car)
		if err == nil && (len(roots) != 1 || !roots[0].Equals(root)) {
			t.Fatalf("re-imported roots %v, want %s", roots, root)
		}
		return err
	})
	if err != nil {
		t.Fatalf("%s does not re-verify: %v", root, err)
	}
}

// importUnpinned stores the DAG of path in n's store without pinning it (what a fetch that
// never completed, or content added before pins existed, leaves).
func importUnpinned(t *testing.T, n *Node, path string) (cid.Cid, []blocks.Block) {
	t.Helper()
	res, err := dagio.Import(context.Background(), path, n.Store(), dagio.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Root, dagBlocks(t, n.Store(), res.Root)
}

// TestGCKeepsPinnedDAGsWholeAndRemovesTheRest: a store holding a locally pinned dataset, a
// registered pin, an unpinned (abandoned) DAG, a partial fetch (some blocks of a DAG, its root
// among them) and an unpinned file whose blocks the pinned dataset shares. GC keeps exactly the
// blocks the pins reach, each pinned DAG re-verifies against its CID, the rest is gone and the
// freed bytes are what the removed blocks held; a second GC removes nothing.
func TestGCKeepsPinnedDAGsWholeAndRemovesTheRest(t *testing.T) {
	ctx := context.Background()
	n := startNode(t, 0)
	datasetPath := writeDataset(t)
	dataset, _ := importInto(t, n, datasetPath) // pinned local by Import
	registered, _ := smallFile(t, n, "registered content, pinned for asset 7")
	if err := n.pins.remove(ctx, registered, PinLocal); err != nil {
		t.Fatal(err)
	}
	if err := n.pins.add(ctx, registered, PinRegistered, "7"); err != nil {
		t.Fatal(err)
	}

	// Garbage of three kinds.
	abandonedDir := filepath.Join(t.TempDir(), "abandoned")
	if err := os.MkdirAll(abandonedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"nobody pinned this", "nor this"} {
		if err := os.WriteFile(filepath.Join(abandonedDir, string(rune('a'+i))), bytes.Repeat([]byte(text), 5000), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, abandoned := importUnpinned(t, n, abandonedDir)
	partialPath := filepath.Join(t.TempDir(), "partial.bin")
	if err := os.WriteFile(partialPath, bytes.Repeat([]byte("a fetch that stopped half way "), 150000), 0o600); err != nil {
		t.Fatal(err)
	}
	var partial []blocks.Block
	err := dagio.WithScratchStore(func(s *dagio.Store) error {
		res, err := dagio.Import(ctx, partialPath, s, dagio.ImportOptions{})
		if err != nil {
			return err
		}
		all := dagBlocks(t, s, res.Root)
		partial = all[:len(all)/2+1] // the root and some leaves, as a fetch leaves them
		return n.Store().PutMany(ctx, partial)
	})
	if err != nil {
		t.Fatal(err)
	}
	// A file identical to one of the dataset's: its one block is shared with a pinned DAG.
	shared := filepath.Join(datasetPath, "part-0", "file-00.bin")
	sharedRoot, _ := importUnpinned(t, n, shared)

	keep := map[string]bool{}
	for _, root := range []cid.Cid{dataset, registered} {
		for _, b := range dagBlocks(t, n.Store(), root) {
			keep[string(b.Cid().Hash())] = true
		}
	}
	if !keep[string(sharedRoot.Hash())] {
		t.Fatal("test setup: the shared file is not part of the dataset's DAG")
	}
	var garbageBytes uint64
	garbage := map[string]bool{}
	for _, b := range append(abandoned, partial...) {
		if k := string(b.Cid().Hash()); !keep[k] && !garbage[k] {
			garbage[k] = true
			garbageBytes += uint64(len(b.RawData()))
		}
	}
	if got, want := n.Store().Blocks(), int64(len(keep)+len(garbage)); got != want {
		t.Fatalf("store holds %d blocks before GC, want %d", got, want)
	}

	res, err := n.GC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pins != 2 || res.KeptBlocks != len(keep) || res.RemovedBlocks != len(garbage) || res.FreedBytes != garbageBytes {
		t.Fatalf("GC = %+v, want 2 pins, %d kept, %d removed, %d bytes freed", res, len(keep), len(garbage), garbageBytes)
	}
	if got := n.Store().Blocks(); got != int64(len(keep)) {
		t.Fatalf("store holds %d blocks after GC, want the %d pinned ones", got, len(keep))
	}
	for _, root := range []cid.Cid{dataset, registered, sharedRoot} {
		requireWhole(t, n.Store(), root)
	}
	for _, b := range append(abandoned, partial...) {
		if has, _ := n.Store().Has(ctx, b.Cid()); has != keep[string(b.Cid().Hash())] {
			t.Fatalf("block %s held=%v after GC, want %v", b.Cid(), has, !has)
		}
	}
	again, err := n.GC(ctx)
	if err != nil || again.RemovedBlocks != 0 || again.KeptBlocks != len(keep) {
		t.Fatalf("second GC = %+v, %v; want nothing removed", again, err)
	}
}

// TestGCWaitsForImportsInProgress: an import (or replication attempt) holds the pin lock from its
// first block to its pin. A GC started meanwhile waits for it (boxo's GCRequested says it is
// waiting), so the blocks written before the pin survive; without the lock GC would sweep them.
func TestGCWaitsForImportsInProgress(t *testing.T) {
	ctx := context.Background()
	n := startNode(t, 0)
	unlock := n.gcl.PinLock(ctx)
	b := blocks.NewBlock([]byte("written by an import that has not pinned yet"))
	if err := n.Store().Put(ctx, b); err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		res GCResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := n.GC(ctx)
		done <- outcome{res, err}
	}()
	eventually(t, "GC to wait for the import's pin lock", 10*time.Second, func() bool { return n.gcl.GCRequested(ctx) })
	if err := n.pins.add(ctx, b.Cid(), PinLocal, ""); err != nil {
		t.Fatal(err)
	}
	unlock.Unlock(ctx)
	out := <-done
	if out.err != nil || out.res.RemovedBlocks != 0 {
		t.Fatalf("GC = %+v, %v; want nothing removed", out.res, out.err)
	}
	if has, _ := n.Store().Has(ctx, b.Cid()); !has {
		t.Fatal("GC swept a block written under the pin lock")
	}
}

// TestStorageLimitNeverEvictsPins: with the store nearly full of a pinned dataset and garbage, an
// import that does not fit fails with ErrStorageLimit and nothing pinned is touched; after GC frees
// the garbage, the same import fits.
func TestStorageLimitNeverEvictsPins(t *testing.T) {
	ctx := context.Background()
	n := startNode(t, 600<<10)
	keptPath := filepath.Join(t.TempDir(), "kept.bin")
	if err := os.WriteFile(keptPath, bytes.Repeat([]byte("pinned, never evicted "), 10000), 0o600); err != nil {
		t.Fatal(err)
	}
	kept, _ := importInto(t, n, keptPath) // ~220 KB, pinned
	garbagePath := filepath.Join(t.TempDir(), "garbage.bin")
	if err := os.WriteFile(garbagePath, bytes.Repeat([]byte("garbage nobody pinned "), 10000), 0o600); err != nil {
		t.Fatal(err)
	}
	importUnpinned(t, n, garbagePath) // ~220 KB more
	laterPath := filepath.Join(t.TempDir(), "later.bin")
	if err := os.WriteFile(laterPath, bytes.Repeat([]byte("added when the store is full "), 8000), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Import(ctx, laterPath, dagio.ImportOptions{}); !errors.Is(err, dagio.ErrStorageLimit) {
		t.Fatalf("import past the limit: %v, want ErrStorageLimit", err)
	}
	requireWhole(t, n.Store(), kept)
	res, err := n.GC(ctx)
	if err != nil || res.RemovedBlocks == 0 {
		t.Fatalf("GC = %+v, %v; want the garbage removed", res, err)
	}
	later, _ := importInto(t, n, laterPath)
	requireWhole(t, n.Store(), kept)
	requireWhole(t, n.Store(), later)
}
