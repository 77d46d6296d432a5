package export

import (
	"crypto/sha256"
	"fmt"
	"io"
	"strconv"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Property names of the CycloneDX export; "tributary:" is the namespace CycloneDX asks extensions to use.
const (
	PropAssetID          = "tributary:asset_id"
	PropCID              = "tributary:cid"
	PropKind             = "tributary:kind"
	PropStatus           = "tributary:status"
	PropRevokeReason     = "tributary:revoke_reason"
	PropOwner            = "tributary:owner"
	PropMetadataCID      = "tributary:metadata_cid"
	PropSizeBytes        = "tributary:size_bytes"
	PropExternalID       = "tributary:external_id"
	PropParent           = "tributary:parent" // "ID WEIGHT_BPS RELATION", one per edge
	PropContributor      = "tributary:contributor"
	PropMerkleRoot       = "tributary:contributors:merkle_root"
	PropMerkleMembers    = "tributary:contributors:member_count"
	PropMerkleTotalUnits = "tributary:contributors:total_units"
	PropMerkleMembersCID = "tributary:contributors:members_cid"
	PropUpstreamShare    = "tributary:policy:upstream_share_bps"
	PropMinDerivShare    = "tributary:policy:min_derivative_share_bps"
	PropCreatedHeight    = "tributary:created_height"
	PropChainID          = "tributary:chain_id"
	PropHeight           = "tributary:height"
	PropTime             = "tributary:time"
)

// BOMRef is the bom-ref of an asset in a CycloneDX export.
func BOMRef(id uint64) string { return "asset-" + strconv.FormatUint(id, 10) }

// cycloneDX writes a CycloneDX 1.6 JSON BOM: the root asset is metadata.component, ancestors are
// components (written as read), and dependencies, written last, hold the lineage.
type cycloneDX struct {
	o     *out
	meta  Meta
	n     int
	edges []edge
	ids   []uint64
}

func newCycloneDX(w io.Writer, meta Meta) *cycloneDX {
	return &cycloneDX{o: newOut(w), meta: meta}
}

// serialNumber is a deterministic urn:uuid (a version-5-shaped UUID of chain, height and asset), so that
// two exports of one lineage at one height are byte-identical.
func serialNumber(meta Meta, id uint64) string {
	h := sha256.Sum256(fmt.Appendf(nil, "tributary/%s/%d/%d", meta.ChainID, meta.Height, id))
	h[6] = (h[6] & 0x0f) | 0x50
	h[8] = (h[8] & 0x3f) | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func (c *cycloneDX) begin(root types.Asset) error {
	comp, err := component(root)
	if err != nil {
		return err
	}
	tool := c.meta.Tool
	if tool == "" {
		tool = "tributaryd"
	}
	md := cdx.Metadata{
		Timestamp: c.meta.Time.UTC().Format(time.RFC3339),
		Tools:     &cdx.ToolsChoice{Components: &[]cdx.Component{{Type: cdx.ComponentTypeApplication, Name: tool}}},
		Component: &comp,
		Properties: &[]cdx.Property{
			{Name: PropChainID, Value: c.meta.ChainID},
			{Name: PropHeight, Value: strconv.FormatInt(c.meta.Height, 10)},
			{Name: PropTime, Value: c.meta.Time.UTC().Format(time.RFC3339Nano)},
		},
	}
	c.edges = append(c.edges, edgesOf(root)...)
	c.ids = append(c.ids, root.Id)
	c.o.str(fmt.Sprintf(`{"$schema":"http://cyclonedx.org/schema/bom-1.6.schema.json","bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":%q,"version":1,"metadata":`,
		serialNumber(c.meta, root.Id)))
	c.o.json(md)
	c.o.str(`,"components":[`)
	return c.o.err
}

func (c *cycloneDX) asset(a types.Asset) error {
	comp, err := component(a)
	if err != nil {
		return err
	}
	c.o.item(&c.n)
	c.o.json(comp)
	c.edges = append(c.edges, edgesOf(a)...)
	c.ids = append(c.ids, a.Id)
	return c.o.err
}

func (c *cycloneDX) end() error {
	c.o.str(`],"dependencies":[`)
	parents := make(map[uint64][]string, len(c.ids))
	for _, e := range c.edges {
		parents[e.child] = append(parents[e.child], BOMRef(e.parent))
	}
	n := 0
	for _, id := range c.ids {
		d := cdx.Dependency{Ref: BOMRef(id)}
		if ps := parents[id]; len(ps) > 0 {
			d.Dependencies = &ps
		}
		c.o.item(&n)
		c.o.json(d)
	}
	c.o.str("]}\n")
	return c.o.flush()
}

// component maps an asset to a CycloneDX component: machine-learning-model or data, its CID's sha2-256
// digest as a hash, the licence expression, the external identifiers as references, everything else as
// tributary: properties, and for a model a modelCard naming the datasets it was trained on.
func component(a types.Asset) (cdx.Component, error) {
	digest, err := sha256Hex(a.Cid)
	if err != nil {
		return cdx.Component{}, err
	}
	typ := cdx.ComponentTypeData
	if a.Kind == types.AssetKind_ASSET_KIND_MODEL {
		typ = cdx.ComponentTypeMachineLearningModel
	}
	refs := []cdx.ExternalReference{{Type: cdx.ERTypeDistribution, URL: "ipfs://" + a.Cid, Comment: "content root on IPFS"}}
	for _, ext := range a.ExternalIds {
		refs = append(refs, cdx.ExternalReference{Type: cdx.ERTypeOther, URL: externalURL(ext), Comment: ext})
	}
	comp := cdx.Component{
		BOMRef:             BOMRef(a.Id),
		Type:               typ,
		Name:               a.Name,
		Description:        a.Description,
		Hashes:             &[]cdx.Hash{{Algorithm: cdx.HashAlgoSHA256, Value: digest}},
		Licenses:           &cdx.Licenses{{Expression: a.License}},
		ExternalReferences: &refs,
		Properties:         ptr(properties(a)),
	}
	if typ == cdx.ComponentTypeData {
		comp.Data = &[]cdx.ComponentData{{Type: cdx.ComponentDataTypeDataset, Name: a.Name}}
	} else {
		var datasets []cdx.MLDatasetChoice
		for _, p := range a.Parents {
			if p.Relation == types.Relation_RELATION_TRAINED_ON {
				datasets = append(datasets, cdx.MLDatasetChoice{Ref: BOMRef(p.AssetId)})
			}
		}
		card := &cdx.MLModelCard{}
		if len(datasets) > 0 {
			card.ModelParameters = &cdx.MLModelParameters{Datasets: &datasets}
		}
		comp.ModelCard = card
	}
	return comp, nil
}

func properties(a types.Asset) []cdx.Property {
	props := []cdx.Property{
		{Name: PropAssetID, Value: strconv.FormatUint(a.Id, 10)},
		{Name: PropCID, Value: a.Cid},
		{Name: PropKind, Value: kindSlug(a.Kind)},
		{Name: PropStatus, Value: statusSlug(a.Status)},
		{Name: PropOwner, Value: a.Owner},
		{Name: PropSizeBytes, Value: strconv.FormatUint(a.SizeBytes, 10)},
		{Name: PropCreatedHeight, Value: strconv.FormatInt(a.CreatedHeight, 10)},
		{Name: PropUpstreamShare, Value: strconv.FormatUint(uint64(a.Policy.UpstreamShareBps), 10)},
		{Name: PropMinDerivShare, Value: strconv.FormatUint(uint64(a.Policy.MinDerivativeShareBps), 10)},
	}
	if a.RevokeReason != "" {
		props = append(props, cdx.Property{Name: PropRevokeReason, Value: a.RevokeReason})
	}
	if a.MetadataCid != "" {
		props = append(props, cdx.Property{Name: PropMetadataCID, Value: a.MetadataCid})
	}
	for _, ext := range a.ExternalIds {
		props = append(props, cdx.Property{Name: PropExternalID, Value: ext})
	}
	for _, p := range a.Parents {
		props = append(props, cdx.Property{Name: PropParent, Value: fmt.Sprintf("%d %d %s", p.AssetId, p.WeightBps, relationSlug(p.Relation))})
	}
	if list := a.Contributors.GetList(); list != nil {
		for _, m := range list.Members {
			props = append(props, cdx.Property{Name: PropContributor, Value: fmt.Sprintf("%s %d", m.Address, m.Units)})
		}
	}
	if m := a.Contributors.GetMerkle(); m != nil {
		props = append(props,
			cdx.Property{Name: PropMerkleRoot, Value: fmt.Sprintf("%x", m.Root)},
			cdx.Property{Name: PropMerkleMembers, Value: strconv.FormatUint(m.MemberCount, 10)},
			cdx.Property{Name: PropMerkleTotalUnits, Value: strconv.FormatUint(m.TotalUnits, 10)},
			cdx.Property{Name: PropMerkleMembersCID, Value: m.MembersCid})
	}
	return props
}

func ptr[T any](v T) *T { return &v }
