package cards_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/client/cards"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestReadCards(t *testing.T) {
	model, dataset := types.AssetKind_ASSET_KIND_MODEL, types.AssetKind_ASSET_KIND_DATASET
	tests := []struct {
		dir       string
		kind      types.AssetKind
		name      string
		license   string
		ownID     string
		refs      []cards.Ref
		checked   int
		unchecked int
	}{
		{"merge", model, "zephyr-hermes-slerp", "Apache-2.0", "", []cards.Ref{
			{ExternalID: "hf:mistralai/mistral-7b-v0.1", Relation: types.Relation_RELATION_MERGED_FROM, Field: "base_model"},
			{ExternalID: "hf:huggingfaceh4/zephyr-7b-beta", Relation: types.Relation_RELATION_MERGED_FROM, Field: "base_model"},
			{ExternalID: "hf:teknium/openhermes-2.5-mistral-7b", Relation: types.Relation_RELATION_MERGED_FROM, Field: "base_model"},
		}, 0, 0},
		{"adapter", model, "", "LicenseRef-llama3.1", "", []cards.Ref{
			{ExternalID: "hf:meta-llama/llama-3.1-8b", Relation: types.Relation_RELATION_ADAPTER_OF, Field: "base_model"},
			{ExternalID: "hf-datasets:tatsu-lab/alpaca", Relation: types.Relation_RELATION_TRAINED_ON, Field: "datasets"},
			{ExternalID: "hf-datasets:databricks/databricks-dolly-15k", Relation: types.Relation_RELATION_TRAINED_ON, Field: "datasets"},
		}, 0, 0},
		{"quantized", model, "Mistral 7B Instruct v0.3", "Apache-2.0", "", []cards.Ref{
			{ExternalID: "hf:mistralai/mistral-7b-instruct-v0.3", Relation: types.Relation_RELATION_QUANTIZED_FROM, Field: "base_model"},
		}, 0, 0},
		{"dataset", dataset, "Acme QA", "CC-BY-SA-4.0", "hf-datasets:acme/acme-qa", []cards.Ref{
			{ExternalID: "hf-datasets:rajpurkar/squad", Relation: types.Relation_RELATION_DERIVED_FROM, Field: "source_datasets"},
			{ExternalID: "hf-datasets:wikimedia/wikipedia", Relation: types.Relation_RELATION_DERIVED_FROM, Field: "source_datasets"},
		}, 2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			r, err := cards.Read(filepath.Join("testdata", tc.dir), "", tc.kind)
			require.NoError(t, err)
			require.Equal(t, tc.name, r.Name)
			require.Equal(t, tc.license, r.License)
			require.NoError(t, types.ValidateLicense(r.License), "the mapped licence is one the chain accepts")
			require.Equal(t, tc.ownID, r.OwnID)
			require.Equal(t, tc.refs, r.Refs)
			var checked, unchecked int
			for _, f := range r.Files {
				if f.Checked {
					checked++
				} else {
					unchecked++
				}
			}
			require.Equal(t, tc.checked, checked, "FileObjects whose sha256 was checked")
			require.Equal(t, tc.unchecked, unchecked, "the repo link and the FileSet are reported unchecked")
		})
	}
}

func TestReadRefusesAModelCardAsADataset(t *testing.T) {
	_, err := cards.Read(filepath.Join("testdata", "adapter"), "", types.AssetKind_ASSET_KIND_DATASET)
	require.ErrorIs(t, err, cards.ErrCard)
}

// copyDir copies a fixture so that a test can damage it.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	return dst
}

func TestCroissantRefusals(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   error
	}{
		{"a file differs from its sha256", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "data", "test.jsonl"), []byte("{\"id\":\"3\",\"text\":\"C\"}\n"), 0o600))
		}, cards.ErrDigestMismatch},
		{"a file with a declared sha256 is missing", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, "data", "train.jsonl")))
		}, cards.ErrFileMissing},
		{"contentUrl escapes PATH", func(t *testing.T, dir string) {
			bz, err := os.ReadFile(filepath.Join(dir, cards.CroissantFile))
			require.NoError(t, err)
			bz = []byte(replaceOnce(t, string(bz), `"contentUrl": "data/train.jsonl"`, `"contentUrl": "../../etc/passwd"`))
			bz = []byte(replaceOnce(t, string(bz), `"name": "train.jsonl"`, `"name": "../train.jsonl"`))
			require.NoError(t, os.WriteFile(filepath.Join(dir, cards.CroissantFile), bz, 0o600))
		}, cards.ErrFileMissing},
		{"not JSON", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, cards.CroissantFile), []byte("{"), 0o600))
		}, cards.ErrCroissant},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, filepath.Join("testdata", "dataset"))
			tc.damage(t, dir)
			_, err := cards.Read(dir, "", types.AssetKind_ASSET_KIND_DATASET)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestCroissantFlagPath(t *testing.T) {
	dir := copyDir(t, filepath.Join("testdata", "dataset"))
	elsewhere := filepath.Join(t.TempDir(), "meta.json")
	require.NoError(t, os.Rename(filepath.Join(dir, cards.CroissantFile), elsewhere))
	r, err := cards.Read(dir, elsewhere, types.AssetKind_ASSET_KIND_DATASET)
	require.NoError(t, err)
	require.Equal(t, elsewhere, r.CroissantPath)
	require.True(t, r.Files[0].Checked, "files are still found under PATH, not beside the Croissant file")
}

func replaceOnce(t *testing.T, s, old, repl string) string {
	t.Helper()
	require.Contains(t, s, old, "fixture changed")
	return strings.Replace(s, old, repl, 1)
}

// TestReadDefersWhatFlagsCanOverride: a licence or parents the card states
// unusably are reported, not fatal, so that --license and --parent can
// still override them.
func TestReadDefersWhatFlagsCanOverride(t *testing.T) {
	dir := t.TempDir()
	card := "---\nlicense: other\nbase_model: acme/base\nbase_model_relation: distilled\n---\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, cards.CardFile), []byte(card), 0o600))
	r, err := cards.Read(dir, "", types.AssetKind_ASSET_KIND_MODEL)
	require.NoError(t, err)
	require.ErrorIs(t, r.LicenseErr, cards.ErrLicense)
	require.ErrorIs(t, r.RefsErr, cards.ErrRelation)
	require.Empty(t, r.License)
	require.Empty(t, r.Refs)
}
