package cmd

import "testing"

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
