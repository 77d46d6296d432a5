package node

import "testing"

// TestFetchBound: size + size/8 + 1 MiB, saturating at the largest uint64.
func TestFetchBound(t *testing.T) {
	for _, tc := range []struct{ size, want uint64 }{
		{0, 1 << 20},
		{8 << 20, 9<<20 + 1<<20},
		{^uint64(0) - 1, ^uint64(0)},
	} {
		if got := FetchBound(tc.size); got != tc.want {
			t.Errorf("FetchBound(%d) = %d, want %d", tc.size, got, tc.want)
		}
	}
}
