// Package remote is the "remote" mode of the [ipfs] section: content is
// pushed to, and read back from, an external kubo daemon through its HTTP
// RPC. DAGs travel as CAR files (`/api/v0/dag/import?pin-roots=true`), so kubo
// keeps Tributary's CIDs whatever its own import settings, and everything
// read back (`/api/v0/dag/export`, `/api/v0/block/get`) is verified against
// the CIDs asked for.
package remote

import (
	"context"
	"fmt"
	"io"

	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs"
)

// Client is a kubo daemon reached through its RPC.
type Client struct {
	api *ipfs.APIClient
}

// New returns a client of the kubo RPC at rpcURL, e.g. "http://127.0.0.1:5001".
func New(rpcURL string) *Client {
	return &Client{api: ipfs.NewAPIClient(rpcURL, nil)}
}

// Check returns the daemon's identity, or ipfs.ErrNodeUnreachable.
func (c *Client) Check(ctx context.Context) (ipfs.NodeID, error) {
	return c.api.ID(ctx)
}

// PushPath adds a file or directory to kubo, pinned, under the CID
// ipfs.CIDOfPath computes.
func (c *Client) PushPath(ctx context.Context, path string, opts ipfs.ImportOptions) (ipfs.ImportResult, error) {
	return c.api.AddPath(ctx, path, opts)
}

// PushDAG sends the DAG under root from bs to kubo, pinned.
func (c *Client) PushDAG(ctx context.Context, bs ipfs.BlockGetter, root cid.Cid) error {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(ipfs.ExportCAR(ctx, bs, root, pw)) }()
	roots, err := c.api.DagImport(ctx, pr)
	pr.Close()
	if err != nil {
		return err
	}
	if len(roots) != 1 || !roots[0].Equals(root) {
		return fmt.Errorf("%w: kubo pinned %v, want %s", ipfs.ErrAPI, roots, root)
	}
	return nil
}

// FetchDAG reads the DAG under root from kubo into bs, verified.
func (c *Client) FetchDAG(ctx context.Context, root cid.Cid, bs ipfs.BlockStore) error {
	return c.api.FetchDAG(ctx, root, bs)
}

// VerifyDAG checks that kubo holds the complete DAG under root with the
// right bytes, reading it through a scratch store that is removed after.
func (c *Client) VerifyDAG(ctx context.Context, root cid.Cid) error {
	return ipfs.WithScratchStore(func(s *ipfs.Store) error { return c.FetchDAG(ctx, root, s) })
}
