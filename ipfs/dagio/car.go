package dagio

import (
	"context"
	"errors"
	"fmt"
	"io"

	dag "github.com/ipfs/boxo/ipld/merkledag"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	carv2 "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/storage"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// ErrIncompleteDAG is returned by ImportCAR when a root's DAG is not
// entirely in the store after the import.
var ErrIncompleteDAG = errors.New("DAG is incomplete")

// BlockGetter reads blocks; a blockstore.Blockstore is one.
type BlockGetter interface {
	Get(ctx context.Context, c cid.Cid) (blocks.Block, error)
}

// ExportCAR writes the DAG under root as a CAR v1 stream to w, blocks in
// depth-first pre-order with duplicates written once (the order of kubo's
// `ipfs dag export`). Every block is checked against its CID on the way out.
func ExportCAR(ctx context.Context, bs BlockGetter, root cid.Cid, w io.Writer) error {
	if err := cids.ValidateCID(root); err != nil {
		return err
	}
	cw, err := storage.NewWritable(w, []cid.Cid{root}, carv2.WriteAsCarV1(true), carv2.AllowDuplicatePuts(true))
	if err != nil {
		return err
	}
	err = WalkDAG(ctx, bs, root, func(b blocks.Block) error {
		return cw.Put(ctx, b.Cid().KeyString(), b.RawData())
	})
	if err != nil {
		return fmt.Errorf("cannot export %s: %w", root, err)
	}
	return cw.Finalize()
}

// MaxDAGDepth bounds how many links deep WalkDAG follows a DAG: far beyond any unixfs DAG (a
// balanced file tree of 1 MiB chunks is 4 levels deep at 1 TiB; a directory tree is as deep as
// its file system allows, 2,048 levels for Linux's 4,096-byte paths), and a bound on the walk's
// memory for a DAG built to be deep.
const MaxDAGDepth = 4096

// ErrDAGTooDeep is returned by WalkDAG for a DAG deeper than MaxDAGDepth.
var ErrDAGTooDeep = errors.New("DAG is deeper than Tributary follows")

// WalkDAG calls fn for every block of the DAG under root, depth-first,
// pre-order, each block once. Only the codecs cids.ValidateCID allows are followed.
// The walk is iterative (an explicit stack), so no depth can overflow the goroutine
// stack (the recursive walk it replaces died with a fatal error at a few million
// levels); a DAG deeper than MaxDAGDepth fails with ErrDAGTooDeep.
func WalkDAG(ctx context.Context, bs BlockGetter, root cid.Cid, fn func(blocks.Block) error) error {
	type item struct {
		c     cid.Cid
		depth int
	}
	seen := cid.NewSet()
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !seen.Visit(it.c) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if it.depth > MaxDAGDepth {
			return fmt.Errorf("%w: %s is more than %d links below %s", ErrDAGTooDeep, it.c, MaxDAGDepth, root)
		}
		if err := cids.ValidateCID(it.c); err != nil {
			return err
		}
		b, err := bs.Get(ctx, it.c)
		if err != nil {
			return fmt.Errorf("block %s: %w", it.c, err)
		}
		if err := cids.VerifyBlock(it.c, b.RawData()); err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		if it.c.Type() != cid.DagProtobuf {
			continue
		}
		nd, err := dag.DecodeProtobuf(b.RawData())
		if err != nil {
			return fmt.Errorf("block %s: %w", it.c, err)
		}
		links := nd.Links()
		// Pushed last to first, so that the first link is walked first (pre-order, as the
		// recursive walk and kubo's dag export do).
		for i := len(links) - 1; i >= 0; i-- {
			if !seen.Has(links[i].Cid) {
				stack = append(stack, item{links[i].Cid, it.depth + 1})
			}
		}
	}
	return nil
}

// BlockStore both reads and writes blocks.
type BlockStore interface {
	BlockGetter
	BlockWriter
}

// ImportCAR reads a CAR (v1 or v2) from r into bs and returns its roots.
// Each block's CID must pass cids.ValidateCID and its bytes must hash to it
// (cids.ErrBlockCorrupt otherwise); then every root's DAG must be complete in bs
// (ErrIncompleteDAG otherwise), so a successful import can be served whole.
func ImportCAR(ctx context.Context, bs BlockStore, r io.Reader) ([]cid.Cid, error) {
	br, err := carv2.NewBlockReader(r, carv2.MaxAllowedSectionSize(cids.MaxBlockSize))
	if err != nil {
		return nil, fmt.Errorf("not a CAR file: %w", err)
	}
	for _, root := range br.Roots {
		if err := cids.ValidateCID(root); err != nil {
			return nil, fmt.Errorf("CAR root: %w", err)
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// NextReader leaves verification to us (Next would do it too, but
		// with an error we could not tell from a read error).
		c, rd, size, err := br.NextReader()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading CAR: %w", err)
		}
		if size > cids.MaxBlockSize {
			return nil, fmt.Errorf("reading CAR: block %s of %d bytes exceeds %d", c, size, cids.MaxBlockSize)
		}
		if err := cids.ValidateCID(c); err != nil {
			return nil, fmt.Errorf("CAR block: %w", err)
		}
		data, err := io.ReadAll(rd)
		if err != nil {
			return nil, fmt.Errorf("reading CAR block %s: %w", c, err)
		}
		if err := cids.VerifyBlock(c, data); err != nil {
			return nil, err
		}
		b, err := blocks.NewBlockWithCid(data, c)
		if err != nil {
			return nil, err
		}
		if err := bs.Put(ctx, b); err != nil {
			return nil, err
		}
	}
	// Each distinct root is walked once: a header may repeat one root thousands of times (2,000
	// copies cost 1.26 s when each was walked; go-car allows 32 MiB headers).
	var roots []cid.Cid
	walked := cid.NewSet()
	for _, root := range br.Roots {
		if !walked.Visit(root) {
			continue
		}
		roots = append(roots, root)
		if err := WalkDAG(ctx, bs, root, func(blocks.Block) error { return nil }); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrIncompleteDAG, root, err)
		}
	}
	return roots, nil
}
