package export_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/ipfs/cids"
	"github.com/tributary-ai/tributary/x/provenance/export"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func exportDoc(t testing.TB, c *chain, root uint64, f export.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, export.Export(c.ctx, &buf, c.query, root, f, testMeta))
	return buf.Bytes()
}

func digestOf(t testing.TB, cid string) string {
	c, err := cids.ParseCID(cid)
	require.NoError(t, err)
	mh := c.Hash()
	return hex.EncodeToString(mh[len(mh)-32:])
}

// graph is what a reader recovers from an export: assets by id (with licence and CID digest) and the
// weighted edges.
type graph struct {
	licenses map[uint64]string
	digests  map[uint64]string
	edges    map[[2]uint64]types.ParentEdge
}

func newGraph() graph {
	return graph{licenses: map[uint64]string{}, digests: map[uint64]string{}, edges: map[[2]uint64]types.ParentEdge{}}
}

// requireMatches checks a read-back graph against the chain: the same assets (each once), licences,
// digests of the CIDs, and the same edges with their weights and relations.
func (g graph) requireMatches(t *testing.T, c *chain, want expected) {
	t.Helper()
	require.Len(t, g.licenses, len(want.assets))
	for id, a := range want.assets {
		require.Equal(t, a.License, g.licenses[id], "licence of asset %d", id)
		require.Equal(t, digestOf(t, a.Cid), g.digests[id], "digest of asset %d", id)
	}
	require.Equal(t, want.edges, g.edges)
}

func relationOf(t testing.TB, slug string) types.Relation {
	r, ok := types.Relation_value["RELATION_"+strings.ToUpper(strings.ReplaceAll(slug, "-", "_"))]
	require.True(t, ok, slug)
	return types.Relation(r)
}

// readCycloneDX reads a BOM back with cyclonedx-go's own decoder.
func readCycloneDX(t testing.TB, doc []byte) graph {
	var bom cdx.BOM
	require.NoError(t, cdx.NewBOMDecoder(bytes.NewReader(doc), cdx.BOMFileFormatJSON).Decode(&bom))
	require.Equal(t, cdx.SpecVersion1_6, bom.SpecVersion)
	comps := append([]cdx.Component{*bom.Metadata.Component}, *bom.Components...)
	g := newGraph()
	refs := map[string]uint64{}
	for _, comp := range comps {
		var id uint64
		for _, p := range *comp.Properties {
			if p.Name == export.PropAssetID {
				id, _ = strconv.ParseUint(p.Value, 10, 64)
			}
		}
		require.NotZero(t, id)
		require.NotContains(t, g.licenses, id, "asset %d listed twice", id)
		refs[comp.BOMRef] = id
		g.licenses[id] = (*comp.Licenses)[0].Expression
		require.Len(t, *comp.Hashes, 1)
		require.Equal(t, cdx.HashAlgoSHA256, (*comp.Hashes)[0].Algorithm)
		g.digests[id] = (*comp.Hashes)[0].Value
		for _, p := range *comp.Properties {
			if p.Name == export.PropParent {
				var parent uint64
				var w uint32
				var rel string
				_, err := fmt.Sscanf(p.Value, "%d %d %s", &parent, &w, &rel)
				require.NoError(t, err)
				g.edges[[2]uint64{id, parent}] = types.ParentEdge{AssetId: parent, WeightBps: w, Relation: relationOf(t, rel)}
			}
		}
	}
	// The dependency graph must say the same as the weighted properties.
	deps := 0
	for _, d := range *bom.Dependencies {
		if d.Dependencies == nil {
			continue
		}
		for _, p := range *d.Dependencies {
			require.Contains(t, g.edges, [2]uint64{refs[d.Ref], refs[p]}, "dependency %s -> %s", d.Ref, p)
			deps++
		}
	}
	require.Equal(t, len(g.edges), deps)
	return g
}

var spdxDate = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// readSPDX3 checks what the SPDX 3.0.1 JSON schema cannot (one creation info, unique ids, relationships whose
// ends exist; the schema itself is checked by the callers) and reads the document back.
func readSPDX3(t testing.TB, doc []byte) graph {
	var d struct {
		Context string           `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	require.NoError(t, json.Unmarshal(doc, &d))
	require.Equal(t, export.SPDXContext, d.Context)
	byID := map[string]map[string]any{}
	var creation map[string]any
	for _, el := range d.Graph {
		if el["type"] == "CreationInfo" {
			creation = el
			continue
		}
		id, _ := el["spdxId"].(string)
		require.NotEmpty(t, id, "every element has an spdxId: %v", el)
		require.NotContains(t, byID, id, "spdxId %s twice", id)
		require.Equal(t, "_:creationinfo", el["creationInfo"])
		byID[id] = el
	}
	require.NotNil(t, creation)
	require.Equal(t, "3.0.1", creation["specVersion"])
	require.Regexp(t, spdxDate, creation["created"])
	for _, by := range creation["createdBy"].([]any) {
		require.Contains(t, byID, by)
	}
	g := newGraph()
	ids := map[string]uint64{}
	for id, el := range byID {
		switch el["type"] {
		case "ai_AIPackage", "dataset_DatasetPackage":
			n, err := strconv.ParseUint(id[strings.LastIndex(id, ":")+1:], 10, 64)
			require.NoError(t, err)
			ids[id] = n
			require.Regexp(t, spdxDate, el["releaseTime"])
			require.Contains(t, byID, el["suppliedBy"])
			hash := el["verifiedUsing"].([]any)[0].(map[string]any)
			require.Equal(t, "sha256", hash["algorithm"])
			g.digests[n] = hash["hashValue"].(string)
			if el["type"] == "dataset_DatasetPackage" {
				require.NotEmpty(t, el["dataset_datasetType"], "datasetType is required")
			}
		case "Relationship", "SpdxDocument", "Agent", "SoftwareAgent", "simplelicensing_LicenseExpression":
		default:
			t.Fatalf("unexpected element type %v", el["type"])
		}
	}
	for _, el := range byID {
		switch el["type"] {
		case "SpdxDocument":
			for _, r := range el["rootElement"].([]any) {
				require.Contains(t, ids, r)
			}
		case "Relationship":
			from := el["from"].(string)
			to := el["to"].([]any)
			require.Len(t, to, 1)
			require.Contains(t, ids, from)
			require.Contains(t, byID, to[0])
			switch el["relationshipType"] {
			case "hasDeclaredLicense":
				g.licenses[ids[from]] = byID[to[0].(string)]["simplelicensing_licenseExpression"].(string)
			case "trainedOn", "descendantOf":
				var rel string
				var w uint32
				_, err := fmt.Sscanf(el["comment"].(string), "tributary:relation=%s tributary:weight_bps=%d", &rel, &w)
				require.NoError(t, err)
				r := relationOf(t, rel)
				require.Equal(t, r == types.Relation_RELATION_TRAINED_ON, el["relationshipType"] == "trainedOn")
				parent := ids[to[0].(string)]
				g.edges[[2]uint64{ids[from], parent}] = types.ParentEdge{AssetId: parent, WeightBps: w, Relation: r}
			default:
				t.Fatalf("unexpected relationship %v", el["relationshipType"])
			}
		}
	}
	return g
}

// readPROV checks the PROV-JSON document's structure (no npm package ships the PROV-JSON schema) and
// reads it back.
func readPROV(t testing.TB, doc []byte) graph {
	var d struct {
		Prefix          map[string]string         `json:"prefix"`
		Entity          map[string]map[string]any `json:"entity"`
		Agent           map[string]map[string]any `json:"agent"`
		WasDerivedFrom  map[string]map[string]any `json:"wasDerivedFrom"`
		WasAttributedTo map[string]map[string]any `json:"wasAttributedTo"`
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&d))
	require.Equal(t, "urn:tributary:"+testMeta.ChainID+":", d.Prefix["trib"])
	g := newGraph()
	for id, e := range d.Entity {
		if id == "trib:snapshot" {
			require.EqualValues(t, testMeta.Height, e["trib:height"])
			continue
		}
		n, err := strconv.ParseUint(strings.TrimPrefix(id, "trib:asset/"), 10, 64)
		require.NoError(t, err)
		g.licenses[n] = e["trib:license"].(string)
		g.digests[n] = e["trib:sha2-256"].(string)
	}
	for _, r := range d.WasDerivedFrom {
		child := r["prov:generatedEntity"].(string)
		parent := r["prov:usedEntity"].(string)
		require.Contains(t, d.Entity, child)
		require.Contains(t, d.Entity, parent)
		c, _ := strconv.ParseUint(strings.TrimPrefix(child, "trib:asset/"), 10, 64)
		p, _ := strconv.ParseUint(strings.TrimPrefix(parent, "trib:asset/"), 10, 64)
		g.edges[[2]uint64{c, p}] = types.ParentEdge{AssetId: p, WeightBps: uint32(r["trib:weight_bps"].(float64)), Relation: relationOf(t, r["trib:relation"].(string))}
	}
	for _, r := range d.WasAttributedTo {
		require.Contains(t, d.Entity, r["prov:entity"])
		require.Contains(t, d.Agent, r["prov:agent"])
	}
	return g
}

// TestExportMatchesChain: each format, read back, lists every asset of the lineage once with its
// licence and CID digest, and every edge with its weight and relation; the CycloneDX BOM validates
// against the official schema and reads back with cyclonedx-go.
func TestExportMatchesChain(t *testing.T) {
	c := newChain(t)
	root := c.lineage(t)
	want := c.expected(t, root)
	require.Len(t, want.assets, 8, "all eight assets, the shared base model once")
	require.Len(t, want.edges, 9)
	sch, spdx := cycloneDXSchema(t), spdx3Schema(t)

	for _, tc := range []struct {
		format export.Format
		read   func(testing.TB, []byte) graph
	}{
		{export.FormatCycloneDX, func(t testing.TB, doc []byte) graph { validate(t, sch, doc); return readCycloneDX(t, doc) }},
		{export.FormatSPDX3, func(t testing.TB, doc []byte) graph { validate(t, spdx, doc); return readSPDX3(t, doc) }},
		{export.FormatPROVJSON, readPROV},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			doc := exportDoc(t, c, root, tc.format)
			tc.read(t, doc).requireMatches(t, c, want)
			require.Equal(t, doc, exportDoc(t, c, root, tc.format), "an export at one height is reproducible byte for byte")
			// What the chain knows beyond the graph is in the document too.
			for _, s := range []string{testMeta.ChainID, "hf-datasets:huggingfacefw/fineweb", "doi:10.57967/hf/2493", c.addrs[1]} {
				require.Contains(t, string(doc), s)
			}
		})
	}
}

// TestExportLeafAndErrors: an asset without ancestors exports alone; an unknown asset or format fails.
func TestExportLeafAndErrors(t *testing.T) {
	c := newChain(t)
	id := c.register(t, types.AssetKind_ASSET_KIND_DATASET, "solo", "CC0-1.0", nil, c.list(1))
	doc := exportDoc(t, c, id, export.FormatCycloneDX)
	validate(t, cycloneDXSchema(t), doc)
	g := readCycloneDX(t, doc)
	require.Len(t, g.licenses, 1)
	require.Empty(t, g.edges)

	var buf bytes.Buffer
	require.ErrorIs(t, export.Export(c.ctx, &buf, c.query, 99, export.FormatSPDX3, testMeta), types.ErrAssetNotFound)
	require.ErrorIs(t, export.Export(c.ctx, &buf, c.query, id, "xml", testMeta), export.ErrUnknownFormat)
	_, err := export.ParseFormat("cdx")
	require.ErrorIs(t, err, export.ErrUnknownFormat)
}
