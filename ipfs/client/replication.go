package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"

	"github.com/ipfs/go-cid"
)

// ReplicationStatus asks a Tributary node for its replicator's progress (the JSON of
// node.ReplicationStatus) and returns it undecoded, for printing; kubo has no such route.
func (c *APIClient) ReplicationStatus(ctx context.Context) (json.RawMessage, error) {
	return c.rawJSON(ctx, "tributary/replication", nil)
}

// maxJSONAnswer bounds what rawJSON reads: a node's listings are capped well below it.
const maxJSONAnswer = 64 << 20

// rawJSON posts a Tributary route and returns its JSON answer undecoded, for printing.
func (c *APIClient) rawJSON(ctx context.Context, cmd string, q url.Values) (json.RawMessage, error) {
	resp, err := c.post(ctx, cmd, q, nil, "")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	bz, err := io.ReadAll(io.LimitReader(resp.Body, maxJSONAnswer))
	if err != nil || !json.Valid(bz) {
		return nil, fmt.Errorf("%w: bad %s answer from %s: %v", ErrAPI, cmd, c.base, err)
	}
	return bz, nil
}

// ReplicationRetry re-queues a CID the node's replicator gave up and returns how many of its
// registrations were re-queued.
func (c *APIClient) ReplicationRetry(ctx context.Context, k cid.Cid) (int, error) {
	resp, err := c.post(ctx, "tributary/replication/retry", url.Values{"arg": {k.String()}}, nil, "")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var out struct{ Requeued int }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return 0, fmt.Errorf("%w: bad replication retry answer from %s: %v", ErrAPI, c.base, err)
	}
	return out.Requeued, nil
}
