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

// WalkDAG calls fn for every block of the DAG under root, depth-first,
// pre-order, each block once. Only the codecs cids.ValidateCID allows are followed.
func WalkDAG(ctx context.Context, bs BlockGetter, root cid.Cid, fn func(blocks.Block) error) error {
	seen := cid.NewSet()
	var visit func(c cid.Cid) error
	visit = func(c cid.Cid) error {
		if !seen.Visit(c) {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := cids.ValidateCID(c); err != nil {
			return err
		}
		b, err := bs.Get(ctx, c)
		if err != nil {
			return fmt.Errorf("block %s: %w", c, err)
		}
		if err := cids.VerifyBlock(c, b.RawData()); err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		if c.Type() != cid.DagProtobuf {
			return nil
		}
		nd, err := dag.DecodeProtobuf(b.RawData())
		if err != nil {
			return fmt.Errorf("block %s: %w", c, err)
		}
		for _, l := range nd.Links() {
			if err := visit(l.Cid); err != nil {
				return err
			}
		}
		return nil
	}
	return visit(root)
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
	for _, root := range br.Roots {
		if err := WalkDAG(ctx, bs, root, func(blocks.Block) error { return nil }); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrIncompleteDAG, root, err)
		}
	}
	return br.Roots, nil
}
