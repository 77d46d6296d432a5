package cmd

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"google.golang.org/grpc"

	ipfsnode "github.com/tributary-ai/tributary/ipfs/node"
	provkeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// TestMembersFileBound: the bound on a members file grows with its declared member count and
// saturates instead of wrapping at the largest counts a commitment may declare and beyond.
func TestMembersFileBound(t *testing.T) {
	for _, tc := range []struct{ count, want uint64 }{
		{0, membersHeaderBytes},
		{1, membersHeaderBytes + membersBytesPerLine},
		{1_000_000_000, membersHeaderBytes + 1_000_000_000*membersBytesPerLine},
		{^uint64(0) / 2, ^uint64(0)},
		{^uint64(0), ^uint64(0)},
	} {
		if got := membersFileBound(tc.count); got != tc.want {
			t.Errorf("membersFileBound(%d) = %d, want %d", tc.count, got, tc.want)
		}
	}
}

// TestNotReady: only baseapp's "before the first block" answer is the replicator's quiet wait;
// any other query error stays an error.
func TestNotReady(t *testing.T) {
	before := errors.New("rpc error: code = Unknown desc = codespace sdk code 26: invalid height: tributary is not ready; please wait for first block")
	if err := notReady(before); !errors.Is(err, ipfsnode.ErrChainNotReady) || !strings.Contains(err.Error(), "code 26") {
		t.Fatalf("notReady(before the first block) = %v, want ErrChainNotReady keeping the node's words", err)
	}
	other := errors.New("rpc error: code = Unavailable desc = connection refused")
	if err := notReady(other); errors.Is(err, ipfsnode.ErrChainNotReady) || !errors.Is(err, other) {
		t.Fatalf("notReady(other) = %v, want it unchanged", err)
	}
}

// revocationsClient answers Revocations and records the request; every other query is unused.
type revocationsClient struct {
	provtypes.QueryClient
	got *provtypes.QueryRevocationsRequest
}

func (c *revocationsClient) Revocations(_ context.Context, req *provtypes.QueryRevocationsRequest, _ ...grpc.CallOption) (*provtypes.QueryRevocationsResponse, error) {
	c.got = req
	return &provtypes.QueryRevocationsResponse{Revocations: []provtypes.Revocation{{AssetId: 9, Height: 40}, {AssetId: 2, Height: 41}}}, nil
}

// TestChainContentRevocations: the replicator's cursor becomes from_height and a page key at
// (height, asset id), so that a page resumes inside a height; the limit is capped at the query's
// maximum (a larger one would be refused, stalling revocations); entries map one to one.
func TestChainContentRevocations(t *testing.T) {
	c := &revocationsClient{}
	got, err := chainContent{q: c}.Revocations(context.Background(), ipfsnode.RevocationCursor{Height: 40, AssetID: 9}, 5000)
	if err != nil {
		t.Fatal(err)
	}
	if c.got.FromHeight != 40 || !bytes.Equal(c.got.Pagination.Key, provtypes.RevocationPageKey(40, 9)) ||
		c.got.Pagination.Limit != provkeeper.MaxRevocationsLimit {
		t.Fatalf("request %+v, want from_height 40, the key of (40, 9) and limit %d", c.got, provkeeper.MaxRevocationsLimit)
	}
	want := []ipfsnode.Revocation{{AssetID: 9, Height: 40}, {AssetID: 2, Height: 41}}
	if !slices.Equal(got, want) {
		t.Fatalf("revocations %+v, want %+v", got, want)
	}
}
