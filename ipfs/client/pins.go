package client

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/ipfs/go-cid"
)

// Pin asks a Tributary node to keep the DAG of k as a local pin (fetching what it lacks from its
// peers) and returns the node's answer.
func (c *APIClient) Pin(ctx context.Context, k cid.Cid) (json.RawMessage, error) {
	return c.rawJSON(ctx, "tributary/pin/add", url.Values{"arg": {k.String()}})
}

// Unpin removes a Tributary node's local pin of k.
func (c *APIClient) Unpin(ctx context.Context, k cid.Cid) (json.RawMessage, error) {
	return c.rawJSON(ctx, "tributary/pin/rm", url.Values{"arg": {k.String()}})
}

// Pins lists a Tributary node's pins with reason, size and completeness (node.PinStatus).
func (c *APIClient) Pins(ctx context.Context) (json.RawMessage, error) {
	return c.rawJSON(ctx, "tributary/pin/ls", nil)
}

// ContentStat returns a Tributary node's store, pin and replication counts (node.ContentStat).
func (c *APIClient) ContentStat(ctx context.Context) (json.RawMessage, error) {
	return c.rawJSON(ctx, "tributary/stat", nil)
}

// GC runs a Tributary node's garbage collection and returns what it removed (node.GCResult).
func (c *APIClient) GC(ctx context.Context) (json.RawMessage, error) {
	return c.rawJSON(ctx, "tributary/gc", nil)
}
