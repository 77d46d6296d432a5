package cards_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/client/cards"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestParseCard(t *testing.T) {
	tests := []struct {
		name string
		card string
		base []string
		err  error
	}{
		{"base_model as one string", "---\nbase_model: acme/base\n---\n", []string{"acme/base"}, nil},
		{"base_model as a list, CRLF and a BOM", "\xef\xbb\xbf---\r\nbase_model:\r\n- a/x\r\n- b/y\r\n---\r\nbody", []string{"a/x", "b/y"}, nil},
		{"no front matter is an empty card", "# Just a title\n\n---\nbase_model: not/front-matter\n", nil, nil},
		{"front matter never closed", "---\nlicense: mit\n", nil, cards.ErrCard},
		{"base_model as a mapping", "---\nbase_model:\n  name: a/x\n---\n", nil, cards.ErrCard},
		{"invalid YAML", "---\nlicense: [mit\n---\n", nil, cards.ErrCard},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := cards.ParseCard([]byte(tc.card))
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, cards.StringList(tc.base), c.BaseModels)
		})
	}
}

func TestBaseModelRelation(t *testing.T) {
	tests := []struct {
		name    string
		card    cards.Card
		adapter bool
		want    types.Relation
		err     error
	}{
		{"stated merge", cards.Card{BaseModelRelation: "merge"}, false, types.Relation_RELATION_MERGED_FROM, nil},
		{"stated finetune wins over an adapter config", cards.Card{BaseModelRelation: "Finetune"}, true, types.Relation_RELATION_FINETUNED_FROM, nil},
		{"adapter_config.json means adapter", cards.Card{BaseModels: cards.StringList{"a/x"}}, true, types.Relation_RELATION_ADAPTER_OF, nil},
		{"several base models mean merge", cards.Card{BaseModels: cards.StringList{"a/x", "b/y"}}, false, types.Relation_RELATION_MERGED_FROM, nil},
		{"one base model means finetune", cards.Card{BaseModels: cards.StringList{"a/x"}}, false, types.Relation_RELATION_FINETUNED_FROM, nil},
		{"a relation the Hub does not define", cards.Card{BaseModelRelation: "distilled"}, false, 0, cards.ErrRelation},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cards.BaseModelRelation(tc.card, tc.adapter)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestRefsRefuseMalformedIdentifiers(t *testing.T) {
	_, err := cards.ModelRefs(cards.Card{BaseModels: cards.StringList{"acme/bad name"}}, types.Relation_RELATION_FINETUNED_FROM)
	require.ErrorIs(t, err, types.ErrInvalidExternalID)
	_, err = cards.DatasetRefs(cards.Card{SourceDatasets: cards.StringList{"extended|a//b"}})
	require.ErrorIs(t, err, types.ErrInvalidExternalID)
}

func TestOwnIDFromURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://huggingface.co/datasets/Acme/QA":        "hf-datasets:acme/qa",
		"https://huggingface.co/Acme/Model-7B/tree/main": "hf:acme/model-7b",
		"https://zenodo.org/records/42":                  "https://zenodo.org/records/42",
		"http://example.com/x":                           "",
		"not a url":                                      "",
	} {
		require.Equal(t, want, cards.OwnIDFromURL(in), in)
	}
}
