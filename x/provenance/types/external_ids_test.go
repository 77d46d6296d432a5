package types_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestNormalizeExternalID(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      error
	}{
		{in: "hf:meta-llama/Llama-3.1-8B", want: "hf:meta-llama/llama-3.1-8b"},
		{in: "HF:Org/Name", want: "hf:org/name"},
		{in: "hf:gpt2", want: "hf:gpt2"},
		{in: "hf-datasets:allenai/c4", want: "hf-datasets:allenai/c4"},
		{in: "HF-Datasets:HuggingFaceFW/fineweb", want: "hf-datasets:huggingfacefw/fineweb"},
		{in: "doi:10.5281/zenodo.1234567", want: "doi:10.5281/zenodo.1234567"},
		{in: "DOI:10.48550/ARXIV.2307.09288", want: "doi:10.48550/arxiv.2307.09288"},
		{in: "https://Example.ORG/Models/X?v=1#Top", want: "https://example.org/Models/X?v=1#Top"},
		{in: "https://example.org", want: "https://example.org"},
		// Attacks and typos: the cheapest ways to make the index lie or grow.
		{in: "", err: types.ErrInvalidExternalID},
		{in: "hf:", err: types.ErrInvalidExternalID},
		{in: "hf:org/", err: types.ErrInvalidExternalID},
		{in: "hf:/name", err: types.ErrInvalidExternalID},
		{in: "hf:a/b/c", err: types.ErrInvalidExternalID},
		{in: "hf:org/na me", err: types.ErrInvalidExternalID},
		{in: "hf:org/-name", err: types.ErrInvalidExternalID},
		{in: "hf:org/a--b", err: types.ErrInvalidExternalID},
		{in: "hf:org/a..b", err: types.ErrInvalidExternalID},
		{in: "hf:org/" + strings.Repeat("a", 97), err: types.ErrInvalidExternalID},
		{in: "hf:org/ünï", err: types.ErrInvalidExternalID},
		{in: "doi:11.1234/x", err: types.ErrInvalidExternalID},
		{in: "doi:10.12/x", err: types.ErrInvalidExternalID},
		{in: "doi:10.1234/", err: types.ErrInvalidExternalID},
		{in: "doi:10.1234/a b", err: types.ErrInvalidExternalID},
		{in: "http://example.org", err: types.ErrInvalidExternalID},
		{in: "https://", err: types.ErrInvalidExternalID},
		{in: "https:///path", err: types.ErrInvalidExternalID},
		{in: "https://user:pw@example.org/", err: types.ErrInvalidExternalID},
		{in: "https://example.org/a b", err: types.ErrInvalidExternalID},
		{in: "https://example.org/\x00", err: types.ErrInvalidExternalID},
		{in: "https://example.org/" + strings.Repeat("a", 300), err: types.ErrInvalidExternalID},
		{in: "ipfs://bafy", err: types.ErrInvalidExternalID},
		{in: "meta-llama/Llama-3.1-8B", err: types.ErrInvalidExternalID},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := types.NormalizeExternalID(tc.in)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			again, err := types.NormalizeExternalID(got)
			require.NoError(t, err)
			require.Equal(t, got, again, "canonical forms are fixed points")
		})
	}
}

func TestNormalizeExternalIDs(t *testing.T) {
	many := make([]string, types.MaxExternalIDs+1)
	for i := range many {
		many[i] = "hf:org/m" + strings.Repeat("x", i+1)
	}
	for _, tc := range []struct {
		name string
		in   []string
		want []string
		err  error
	}{
		{name: "none", in: nil, want: nil},
		{name: "canonical in order", in: []string{"HF:A/B", "doi:10.1234/Q"}, want: []string{"hf:a/b", "doi:10.1234/q"}},
		{name: "at the bound", in: many[:types.MaxExternalIDs], want: many[:types.MaxExternalIDs]},
		{name: "over the bound", in: many, err: types.ErrTooManyExternalIDs},
		{name: "duplicate once canonical", in: []string{"hf:Org/Model", "hf:org/model"}, err: types.ErrDuplicateExternalID},
		{name: "one bad", in: []string{"hf:a/b", "ftp://x"}, err: types.ErrInvalidExternalID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := types.NormalizeExternalIDs(tc.in)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
	require.ErrorIs(t, types.ValidateCanonicalExternalIDs([]string{"HF:a/b"}), types.ErrInvalidExternalID, "genesis must hold canonical ids")
	require.NoError(t, types.ValidateCanonicalExternalIDs([]string{"hf:a/b"}))
}
