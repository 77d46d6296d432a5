package export_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/export"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// TestExamples keeps the examples docs/standards.md shows true: a small lineage (a dataset, a model
// trained on it, an adapter of the model) exported in each format must equal the indented files in
// testdata/examples. UPDATE_EXAMPLES=1 rewrites them.
func TestExamples(t *testing.T) {
	c := newChain(t)
	ds := c.register(t, types.AssetKind_ASSET_KIND_DATASET, "tiny-stories", "CDLA-Sharing-1.0", []string{"hf-datasets:roneneldan/TinyStories"}, c.list(3, 1))
	base := c.register(t, types.AssetKind_ASSET_KIND_MODEL, "tiny-lm", "Apache-2.0", []string{"hf:acme/tiny-lm"}, c.list(1),
		edge(ds, 10000, types.Relation_RELATION_TRAINED_ON))
	lora := c.register(t, types.AssetKind_ASSET_KIND_MODEL, "tiny-lm-poetry-lora", "Apache-2.0", nil, c.list(1),
		edge(base, 10000, types.Relation_RELATION_ADAPTER_OF))
	sch, spdx := cycloneDXSchema(t), spdx3Schema(t)
	for _, tc := range []struct {
		format export.Format
		file   string
	}{
		{export.FormatCycloneDX, "cyclonedx.json"},
		{export.FormatSPDX3, "spdx3.jsonld"},
		{export.FormatPROVJSON, "prov.json"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			doc := exportDoc(t, c, lora, tc.format)
			switch tc.format {
			case export.FormatCycloneDX:
				validate(t, sch, doc)
			case export.FormatSPDX3:
				validate(t, spdx, doc)
			}
			var indented bytes.Buffer
			require.NoError(t, json.Indent(&indented, doc, "", "  "))
			path := filepath.Join("testdata", "examples", tc.file)
			if os.Getenv("UPDATE_EXAMPLES") != "" {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, indented.Bytes(), 0o600))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run UPDATE_EXAMPLES=1 go test -run TestExamples ./x/provenance/export/")
			require.Equal(t, string(want), indented.String())
		})
	}
}
