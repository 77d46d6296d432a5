package dagio

import (
	"bytes"
	"context"
	"errors"
	"testing"

	dag "github.com/ipfs/boxo/ipld/merkledag"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	format "github.com/ipfs/go-ipld-format"
	carv2 "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/storage"
	"github.com/multiformats/go-multihash"
)

var pbBuilder = cid.V1Builder{Codec: cid.DagProtobuf, MhType: multihash.SHA2_256}

// memBlocks is an in-memory BlockStore (a flatfs store syncs every put: thousands of them take a
// minute on a busy machine).
type memBlocks map[cid.Cid]blocks.Block

func (m memBlocks) Get(_ context.Context, c cid.Cid) (blocks.Block, error) {
	if b, ok := m[c]; ok {
		return b, nil
	}
	return nil, format.ErrNotFound{Cid: c}
}

func (m memBlocks) Put(_ context.Context, b blocks.Block) error {
	m[b.Cid()] = b
	return nil
}

// chain stores a DAG that is a single path of depth dag-pb nodes above a raw leaf and returns its
// root and its blocks root first.
func chain(t *testing.T, s BlockStore, depth int) (cid.Cid, []cid.Cid) {
	t.Helper()
	ctx := context.Background()
	leaf := blocks.NewBlock([]byte("the bottom"))
	raw, err := cid.V1Builder{Codec: cid.Raw, MhType: multihash.SHA2_256}.Sum(leaf.RawData())
	if err != nil {
		t.Fatal(err)
	}
	lb, _ := blocks.NewBlockWithCid(leaf.RawData(), raw)
	if err := s.Put(ctx, lb); err != nil {
		t.Fatal(err)
	}
	order := []cid.Cid{raw}
	below := raw
	for range depth {
		nd := &dag.ProtoNode{}
		if err := nd.SetCidBuilder(pbBuilder); err != nil {
			t.Fatal(err)
		}
		if err := nd.AddRawLink("", &format.Link{Cid: below}); err != nil {
			t.Fatal(err)
		}
		if err := s.Put(ctx, nd); err != nil {
			t.Fatal(err)
		}
		below = nd.Cid()
		order = append([]cid.Cid{below}, order...)
	}
	return below, order
}

// TestWalkDAGIsIterativeAndBounded: a DAG one level deeper than MaxDAGDepth is refused with
// ErrDAGTooDeep (the recursive walk would have recursed as deep as it went, and at a few million
// levels died with a fatal stack overflow); one at the limit is walked in pre-order.
func TestWalkDAGIsIterativeAndBounded(t *testing.T) {
	s := memBlocks{}
	root, order := chain(t, s, MaxDAGDepth)
	var got []cid.Cid
	if err := WalkDAG(context.Background(), s, root, func(b blocks.Block) error { got = append(got, b.Cid()); return nil }); err != nil {
		t.Fatalf("DAG at the depth limit: %v", err)
	}
	if len(got) != len(order) || !got[0].Equals(order[0]) || !got[len(got)-1].Equals(order[len(order)-1]) {
		t.Fatalf("walked %d blocks, want %d in pre-order", len(got), len(order))
	}

	s2 := memBlocks{}
	deeper, _ := chain(t, s2, MaxDAGDepth+1)
	if err := WalkDAG(context.Background(), s2, deeper, func(blocks.Block) error { return nil }); !errors.Is(err, ErrDAGTooDeep) {
		t.Fatalf("DAG past the depth limit: %v, want ErrDAGTooDeep", err)
	}
}

// countingStore counts Gets.
type countingStore struct {
	memBlocks
	gets int
}

func (c *countingStore) Get(ctx context.Context, k cid.Cid) (blocks.Block, error) {
	c.gets++
	return c.memBlocks.Get(ctx, k)
}

// TestImportCARWalksDuplicateRootsOnce: a CAR header naming one root 2,000 times costs one walk
// of its DAG, and the root is reported once.
func TestImportCARWalksDuplicateRootsOnce(t *testing.T) {
	src := memBlocks{}
	root, order := chain(t, src, 10)
	roots := make([]cid.Cid, 2000)
	for i := range roots {
		roots[i] = root
	}
	var car bytes.Buffer
	w, err := storage.NewWritable(&car, roots, carv2.WriteAsCarV1(true))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range order {
		b, err := src.Get(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Put(context.Background(), c.KeyString(), b.RawData()); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Finalize(); err != nil {
		t.Fatal(err)
	}
	dst := &countingStore{memBlocks: memBlocks{}}
	got, err := ImportCAR(context.Background(), dst, &car)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Equals(root) {
		t.Fatalf("roots %v, want [%s]", got, root)
	}
	if dst.gets != len(order) {
		t.Fatalf("%d block reads to check %d blocks: duplicate roots were walked again", dst.gets, len(order))
	}
}
