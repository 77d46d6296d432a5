package cards_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/client/cards"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

const (
	active  = types.AssetStatus_ASSET_STATUS_ACTIVE
	retired = types.AssetStatus_ASSET_STATUS_RETIRED
)

// fakeIndex stands in for the chain's AssetsByExternalID query.
func fakeIndex(m map[string][]cards.Claimant) cards.Lookup {
	return func(_ context.Context, id string) ([]cards.Claimant, error) { return m[id], nil }
}

func TestResolve(t *testing.T) {
	base := cards.Ref{ExternalID: "hf:acme/base", Relation: types.Relation_RELATION_FINETUNED_FROM, Field: "base_model"}
	data := cards.Ref{ExternalID: "hf-datasets:acme/data", Relation: types.Relation_RELATION_TRAINED_ON, Field: "datasets"}
	index := map[string][]cards.Claimant{
		"hf:acme/base":          {{AssetID: 3, Owner: "trib1a", Status: retired}, {AssetID: 7, Owner: "trib1b", Status: active}},
		"hf-datasets:acme/data": {{AssetID: 4, Owner: "trib1a", Status: active}, {AssetID: 9, Owner: "trib1mallory", Status: active}},
		"hf:acme/gone":          {{AssetID: 5, Owner: "trib1c", Status: types.AssetStatus_ASSET_STATUS_REVOKED}},
		"hf:acme/same":          {{AssetID: 7, Owner: "trib1b", Status: active}},
	}
	tests := []struct {
		name     string
		refs     []cards.Ref
		skip     bool
		want     []uint64
		skipped  int
		err      error
		contains []string
	}{
		{"the one active claimant wins over a retired one", []cards.Ref{base}, false, []uint64{7}, 0, nil, nil},
		{"two active claimants are refused with both listed", []cards.Ref{base, data}, false, nil, 0, cards.ErrAmbiguous,
			[]string{"#4 (owner trib1a, active)", "#9 (owner trib1mallory, active)"}},
		{"ambiguity is refused even with --skip-unregistered", []cards.Ref{data}, true, nil, 0, cards.ErrAmbiguous, nil},
		{"no claimant at all is refused", []cards.Ref{{ExternalID: "hf:acme/none", Field: "base_model"}}, false, nil, 0, cards.ErrUnregistered,
			[]string{"no asset claims it"}},
		{"only inactive claimants are listed", []cards.Ref{{ExternalID: "hf:acme/gone", Field: "base_model"}}, false, nil, 0, cards.ErrUnregistered,
			[]string{"#5 (owner trib1c, revoked)"}},
		{"--skip-unregistered goes on without it", []cards.Ref{base, {ExternalID: "hf:acme/none"}}, true, []uint64{7}, 1, nil, nil},
		{"a parent named twice is kept once", []cards.Ref{base, {ExternalID: "hf:acme/same"}}, false, []uint64{7}, 0, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, skipped, err := cards.Resolve(context.Background(), tc.refs, fakeIndex(index), tc.skip)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				for _, s := range tc.contains {
					require.ErrorContains(t, err, s)
				}
				return
			}
			require.NoError(t, err)
			var ids []uint64
			for _, r := range got {
				ids = append(ids, r.AssetID)
			}
			require.Equal(t, tc.want, ids)
			require.Len(t, skipped, tc.skipped)
		})
	}
}

func TestEdges(t *testing.T) {
	three := []cards.Resolved{
		{Ref: cards.Ref{ExternalID: "hf:a/x", Relation: types.Relation_RELATION_MERGED_FROM}, AssetID: 1},
		{Ref: cards.Ref{ExternalID: "hf:a/y", Relation: types.Relation_RELATION_MERGED_FROM}, AssetID: 2},
		{Ref: cards.Ref{ExternalID: "hf-datasets:a/z", Relation: types.Relation_RELATION_TRAINED_ON}, AssetID: 3},
	}
	tests := []struct {
		name    string
		weights []string
		want    []uint32
		err     error
	}{
		{"equal split, remainder to the first", nil, []uint32{3334, 3333, 3333}, nil},
		{"one by identifier, the rest share", []string{"HF:A/X=5000"}, []uint32{5000, 2500, 2500}, nil},
		{"one by asset id, remainder to the first free", []string{"#3=5001"}, []uint32{2500, 2499, 5001}, nil},
		{"all given and summing to 10000", []string{"1=2000", "2=3000", "3=5000"}, []uint32{2000, 3000, 5000}, nil},
		{"all given but short", []string{"1=2000", "2=3000", "3=4000"}, nil, cards.ErrWeight},
		{"over 10000", []string{"1=6000", "2=6000"}, nil, cards.ErrWeight},
		{"nothing left for the others", []string{"1=5000", "2=5000"}, nil, cards.ErrWeight},
		{"a weight naming no parent", []string{"hf:a/typo=100"}, nil, cards.ErrWeight},
		{"a parent named twice", []string{"1=100", "hf:a/x=200"}, nil, cards.ErrWeight},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := map[string]uint32{}
			for _, s := range tc.weights {
				k, bps, err := cards.ParseWeight(s)
				require.NoError(t, err)
				w[k] = bps
			}
			edges, err := cards.Edges(three, w)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			var got []uint32
			var sum uint32
			for i, e := range edges {
				got = append(got, e.WeightBps)
				sum += e.WeightBps
				require.Equal(t, three[i].Relation, e.Relation)
			}
			require.Equal(t, tc.want, got)
			require.EqualValues(t, types.BasisPoints, sum)
		})
	}
	for _, bad := range []string{"1", "1=0", "1=10001", "x=5", "1=-3"} {
		_, _, err := cards.ParseWeight(bad)
		require.ErrorIs(t, err, cards.ErrWeight, bad)
	}
}
