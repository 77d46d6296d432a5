package dagio

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	offline "github.com/ipfs/boxo/exchange/offline"
	dag "github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
	ds "github.com/ipfs/go-datastore"
	dssync "github.com/ipfs/go-datastore/sync"
	ipld "github.com/ipfs/go-ipld-format"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

const (
	emptyFileCID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
	emptyDirCID  = "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354"
)

// writeFile writes n deterministic pseudo-random bytes derived from seed.
// helloWorldCID is the IPIP-499 fixture: the 11 bytes "hello world" as one raw leaf.
const helloWorldCID = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e"

func writeFile(t testing.TB, path string, n int64, seed uint64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.CopyN(f, newDataReader(seed), n); err != nil {
		t.Fatal(err)
	}
}

// newDataReader returns an endless deterministic byte stream.
func newDataReader(seed uint64) io.Reader {
	return &chachaReader{r: rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), byte(seed >> 16), byte(seed >> 24)})}
}

type chachaReader struct{ r *rand.ChaCha8 }

func (c *chachaReader) Read(p []byte) (int, error) { return c.r.Read(p) }

func cidOf(t testing.TB, path string, opts ImportOptions) (string, uint64) {
	t.Helper()
	c, size, err := CIDOfPath(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("CIDOfPath(%s): %v", path, err)
	}
	if err := cids.ValidateCID(c); err != nil {
		t.Fatalf("CIDOfPath(%s) produced a CID the chain refuses: %v", path, err)
	}
	return c.String(), size
}

func TestCIDOfPathFixtures(t *testing.T) {
	dir := t.TempDir()
	hello := filepath.Join(dir, "hello.txt")
	if err := os.WriteFile(hello, []byte("hello world"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	emptyDir := filepath.Join(dir, "emptydir")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string
		size uint64
	}{
		{hello, helloWorldCID, 11},
		{empty, emptyFileCID, 0},
		{emptyDir, emptyDirCID, 0},
	}
	for _, tc := range tests {
		got, size := cidOf(t, tc.path, ImportOptions{})
		if got != tc.want || size != tc.size {
			t.Errorf("%s: got %s (%d bytes), want %s (%d bytes)", filepath.Base(tc.path), got, size, tc.want, tc.size)
		}
	}
}

func TestCIDOfPathFileLayout(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		size  int64
		codec uint64
		links int
	}{
		{1, cid.Raw, 0},
		{cids.ChunkSize - 1, cid.Raw, 0},
		{cids.ChunkSize, cid.Raw, 0},
		{cids.ChunkSize + 1, cid.DagProtobuf, 2},
		{3*cids.ChunkSize + 5, cid.DagProtobuf, 4},
	}
	bs := newMemBlockstore()
	for _, tc := range tests {
		p := filepath.Join(dir, fmt.Sprint(tc.size))
		writeFile(t, p, tc.size, uint64(tc.size))
		res, err := Import(context.Background(), p, bs, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Root.Type() != tc.codec || res.Size != uint64(tc.size) {
			t.Fatalf("%d bytes: codec %x size %d", tc.size, res.Root.Type(), res.Size)
		}
		c, size := cidOf(t, p, ImportOptions{})
		if c != res.Root.String() || size != res.Size {
			t.Fatalf("CIDOfPath and Import disagree: %s vs %s", c, res.Root)
		}
		nd := getNode(t, bs, res.Root)
		if len(nd.Links()) != tc.links {
			t.Fatalf("%d bytes: %d links, want %d", tc.size, len(nd.Links()), tc.links)
		}
		assertSameContent(t, bs, res.Root, p)
	}
}

func newMemBlockstore() blockstore.Blockstore {
	return blockstore.NewBlockstore(dssync.MutexWrap(ds.NewMapDatastore()))
}

func dagOf(bs blockstore.Blockstore) ipld.DAGService {
	return dag.NewDAGService(blockservice.New(bs, offline.Exchange(bs)))
}

func getNode(t testing.TB, bs blockstore.Blockstore, c cid.Cid) ipld.Node {
	t.Helper()
	nd, err := dagOf(bs).Get(context.Background(), c)
	if err != nil {
		t.Fatalf("get %s: %v", c, err)
	}
	return nd
}

// assertSameContent reads the file DAG back from bs and compares it with path.
func assertSameContent(t testing.TB, bs blockstore.Blockstore, root cid.Cid, path string) {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := uio.NewDagReader(context.Background(), getNode(t, bs, root), dagOf(bs))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: content read back from the DAG differs (%d vs %d bytes)", path, len(got), len(want))
	}
}

// buildTree writes a small tree with everything the importer must handle.
func buildTestTree(t testing.TB, root string) {
	t.Helper()
	writeFile(t, filepath.Join(root, "a.bin"), 3000, 1)
	writeFile(t, filepath.Join(root, "sub", "b.bin"), cids.ChunkSize+7, 2)
	writeFile(t, filepath.Join(root, "sub", "deeper", "c.txt"), 10, 3)
	writeFile(t, filepath.Join(root, "ünïcödé 名前.txt"), 42, 4)
	writeFile(t, filepath.Join(root, ".hidden"), 5, 5)
	writeFile(t, filepath.Join(root, "sub", ".hiddendir", "x"), 5, 6)
	if err := os.MkdirAll(filepath.Join(root, "empty", "nested-empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "zero"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub/b.bin", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/does/not/exist", filepath.Join(root, "dangling")); err != nil {
		t.Fatal(err)
	}
}

func TestCIDOfPathTree(t *testing.T) {
	root := filepath.Join(t.TempDir(), "tree")
	buildTestTree(t, root)

	base, size := cidOf(t, root, ImportOptions{})
	if want := uint64(3000 + cids.ChunkSize + 7 + 10 + 42); size != want {
		t.Fatalf("size %d, want %d", size, want)
	}
	for _, par := range []int{1, 2, 7} {
		if got, _ := cidOf(t, root, ImportOptions{Parallelism: par}); got != base {
			t.Fatalf("parallelism %d changed the CID: %s vs %s", par, got, base)
		}
	}
	withHidden, hsize := cidOf(t, root, ImportOptions{IncludeHidden: true})
	if withHidden == base || hsize != size+10 {
		t.Fatalf("hidden entries not included on request: %s %d", withHidden, hsize)
	}

	bs := newMemBlockstore()
	var last int64
	res, err := Import(context.Background(), root, bs, ImportOptions{Progress: func(n int64) { last = n }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Root.String() != base || last != int64(size) {
		t.Fatalf("Import: root %s progress %d, want %s %d", res.Root, last, base, size)
	}
	if res.Files != 5 || res.Symlinks != 2 || res.Directories != 5 {
		t.Fatalf("counts: %+v", res)
	}
	// Walk the stored DAG: every entry is there, symlinks are symlink nodes.
	dir, err := uio.NewDirectoryFromNode(dagOf(bs), getNode(t, bs, res.Root))
	if err != nil {
		t.Fatal(err)
	}
	links, err := dir.Links(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range links {
		names = append(names, l.Name)
	}
	want := []string{"a.bin", "dangling", "empty", "link", "sub", "zero", "ünïcödé 名前.txt"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("root entries %v, want %v", names, want)
	}
	ln, err := dir.Find(context.Background(), "link")
	if err != nil {
		t.Fatal(err)
	}
	fsn, err := unixfs.ExtractFSNode(ln)
	if err != nil {
		t.Fatal(err)
	}
	if fsn.Type() != unixfs.TSymlink || string(fsn.Data()) != "sub/b.bin" {
		t.Fatalf("link stored as %v %q", fsn.Type(), fsn.Data())
	}
	assertSameContent(t, bs, getLink(t, bs, res.Root, "sub", "b.bin"), filepath.Join(root, "sub", "b.bin"))
}

func getLink(t testing.TB, bs blockstore.Blockstore, root cid.Cid, names ...string) cid.Cid {
	t.Helper()
	c, err := getLinkErr(bs, root, names...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func getLinkErr(bs blockstore.Blockstore, root cid.Cid, names ...string) (cid.Cid, error) {
	c := root
	for _, name := range names {
		nd, err := dagOf(bs).Get(context.Background(), c)
		if err != nil {
			return cid.Undef, err
		}
		dir, err := uio.NewDirectoryFromNode(dagOf(bs), nd)
		if err != nil {
			return cid.Undef, err
		}
		child, err := dir.Find(context.Background(), name)
		if err != nil {
			return cid.Undef, fmt.Errorf("%s: %w", name, err)
		}
		c = child.Cid()
	}
	return c, nil
}

func TestCIDOfPathErrors(t *testing.T) {
	if _, _, err := CIDOfPath(context.Background(), filepath.Join(t.TempDir(), "missing"), ImportOptions{}); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing path: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := filepath.Join(t.TempDir(), "f")
	writeFile(t, p, 10, 1)
	if _, _, err := CIDOfPath(ctx, p, ImportOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

// BenchmarkCIDOfPath hashes a seeded 64 MiB file (multi-leaf, pipelined)
// and a tree of 1,000 small files (file-level parallelism).
func BenchmarkCIDOfPath(b *testing.B) {
	dir := b.TempDir()
	big := filepath.Join(dir, "big")
	writeFile(b, big, 64<<20, 42)
	tree := filepath.Join(dir, "tree")
	for i := range 1000 {
		writeFile(b, filepath.Join(tree, fmt.Sprint(i%10), fmt.Sprint(i)), int64(100+i*7), uint64(i))
	}
	for _, bc := range []struct {
		name  string
		path  string
		bytes int64
	}{{"file-64MiB", big, 64 << 20}, {"tree-1000", tree, 0}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(bc.bytes)
			for b.Loop() {
				if _, _, err := CIDOfPath(context.Background(), bc.path, ImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
