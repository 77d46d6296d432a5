package dagio

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

func openTestStore(t testing.TB, limit uint64) *Store {
	t.Helper()
	s, err := OpenStore(filepath.Join(t.TempDir(), "ipfs"), limit)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStoreCARRoundTrip(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "tree")
	buildTestTree(t, root)
	src := openTestStore(t, 0)
	res, err := Import(ctx, root, src, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if src.Used() < res.Size {
		t.Fatalf("store holds %d bytes for %d content bytes", src.Used(), res.Size)
	}

	var car bytes.Buffer
	if err := ExportCAR(ctx, src, res.Root, &car); err != nil {
		t.Fatal(err)
	}
	dst := openTestStore(t, 0)
	roots, err := ImportCAR(ctx, dst, bytes.NewReader(car.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || !roots[0].Equals(res.Root) {
		t.Fatalf("roots %v, want %s", roots, res.Root)
	}
	assertSameContent(t, dst.Blockstore, getLink(t, dst, res.Root, "sub", "b.bin"), filepath.Join(root, "sub", "b.bin"))

	// Exporting again from the copy gives the same bytes: the order is deterministic.
	var car2 bytes.Buffer
	if err := ExportCAR(ctx, dst, res.Root, &car2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(car.Bytes(), car2.Bytes()) {
		t.Fatal("CAR export is not deterministic")
	}

	// A flipped byte in a block is caught on import.
	bad := bytes.Clone(car.Bytes())
	bad[len(bad)-1] ^= 0xff
	if _, err := ImportCAR(ctx, openTestStore(t, 0), bytes.NewReader(bad)); !errors.Is(err, cids.ErrBlockCorrupt) {
		t.Fatalf("corrupted CAR: %v", err)
	}
	// A CAR missing blocks is refused.
	if _, err := ImportCAR(ctx, openTestStore(t, 0), bytes.NewReader(car.Bytes()[:car.Len()/2])); err == nil {
		t.Fatal("truncated CAR accepted")
	}
}

func TestStoreDetectsCorruptionOnDisk(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ipfs")
	s, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := filepath.Join(t.TempDir(), "f")
	writeFile(t, p, 100, 9)
	res, err := Import(ctx, p, s, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Find the block file and flip a byte in it.
	var files []string
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && filepath.Ext(path) == ".data" {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) != 1 {
		t.Fatalf("block files %v: %v", files, err)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	data[0] ^= 1
	if err := os.WriteFile(files[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, res.Root); !errors.Is(err, cids.ErrBlockCorrupt) {
		t.Fatalf("corrupted block served: %v", err)
	}
}

func TestStoreLimit(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "f")
	writeFile(t, p, 3*cids.ChunkSize, 3)
	s := openTestStore(t, 2*cids.ChunkSize)
	if _, err := Import(ctx, p, s, ImportOptions{}); !errors.Is(err, ErrStorageLimit) {
		t.Fatalf("over-limit import: %v", err)
	}
	if s.Used() > 2*cids.ChunkSize {
		t.Fatalf("store grew past its limit: %d", s.Used())
	}
	// Re-opening keeps the accounting.
	dir := filepath.Join(t.TempDir(), "ipfs")
	s2, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, p, s2, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	used := s2.Used()
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	s3, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if s3.Used() != used {
		t.Fatalf("usage after reopen %d, before %d", s3.Used(), used)
	}
	if _, err := s3.Get(ctx, cid.MustParse(helloWorldCID)); err == nil {
		t.Fatal("missing block found")
	}
}

// TestStoreCountsBlocks: the block count (published as a metric) follows puts, repeated puts and
// deletes, and is recounted on reopen.
func TestStoreCountsBlocks(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ipfs")
	s, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var bs []blocks.Block
	for _, d := range []string{"a", "b", "c"} {
		bs = append(bs, blocks.NewBlock([]byte(d)))
	}
	if err := s.PutMany(ctx, bs); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, bs[0]); err != nil {
		t.Fatal(err)
	}
	if got := s.Blocks(); got != 3 {
		t.Fatalf("after 3 puts and a repeat: %d blocks", got)
	}
	if err := s.DeleteBlock(ctx, bs[1].Cid()); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteBlock(ctx, bs[1].Cid()); err != nil {
		t.Fatal(err)
	}
	if got := s.Blocks(); got != 2 {
		t.Fatalf("after a delete and a repeated delete: %d blocks", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openTestStoreAt(t, dir)
	if got := s.Blocks(); got != 2 {
		t.Fatalf("reopened: %d blocks", got)
	}
}

func openTestStoreAt(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := OpenStore(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
