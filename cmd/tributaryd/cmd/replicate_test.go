package cmd

import (
	"errors"
	"strings"
	"testing"

	ipfsnode "github.com/tributary-ai/tributary/ipfs/node"
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
