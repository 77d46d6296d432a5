package dagio

import (
	"context"
	"fmt"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	offline "github.com/ipfs/boxo/exchange/offline"
	"github.com/ipfs/boxo/files"
	dag "github.com/ipfs/boxo/ipld/merkledag"
	unixfile "github.com/ipfs/boxo/ipld/unixfs/file"
	"github.com/ipfs/go-cid"
)

// WriteUnixFS writes the UnixFS file, directory or symlink root (which must
// be entirely in bs) to the new path out, like `ipfs get`.
func WriteUnixFS(ctx context.Context, bs blockstore.Blockstore, root cid.Cid, out string) error {
	ds := dag.NewDAGService(blockservice.New(bs, offline.Exchange(bs)))
	nd, err := ds.Get(ctx, root)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", root, err)
	}
	f, err := unixfile.NewUnixfsFile(ctx, ds, nd)
	if err != nil {
		return fmt.Errorf("%s is not UnixFS content: %w", root, err)
	}
	defer f.Close()
	if err := files.WriteTo(f, out); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	return nil
}
