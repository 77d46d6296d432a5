package idheap_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/internal/idheap"
)

func TestOrder(t *testing.T) {
	for _, tc := range []struct {
		name string
		q    *idheap.Queue
		want []uint64
	}{
		{"ascending", idheap.Ascending(), []uint64{1, 2, 3, 5, 8, 13}},
		{"descending", idheap.Descending(), []uint64{13, 8, 5, 3, 2, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, id := range []uint64{5, 13, 1, 8, 3, 2} {
				tc.q.Push(id)
			}
			var got []uint64
			for tc.q.Len() > 0 {
				got = append(got, tc.q.Pop())
			}
			require.Equal(t, tc.want, got)
		})
	}
}
