package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// SPDX 3.0.1 constants.
const (
	SPDXContext     = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
	spdxCreationRef = "_:creationinfo"
)

// SPDXAssetID is the spdxId of an asset in an SPDX export of chain.
func SPDXAssetID(chainID string, id uint64) string {
	return fmt.Sprintf("urn:tributary:%s:asset:%d", chainID, id)
}

// spdxRelationship maps a lineage relation to SPDX 3's relationship from the child to the parent:
// trainedOn for training data, descendantOf for every derivation of a parent model or dataset.
func spdxRelationship(r types.Relation) string {
	if r == types.Relation_RELATION_TRAINED_ON {
		return "trainedOn"
	}
	return "descendantOf"
}

// spdx3 writes an SPDX 3.0.1 JSON-LD document: one @graph streamed element by element. Agents
// (owners, contributors) are written once, on first sight.
type spdx3 struct {
	o      *out
	meta   Meta
	n      int
	agents map[string]bool
}

func newSPDX3(w io.Writer, meta Meta) *spdx3 {
	return &spdx3{o: newOut(w), meta: meta, agents: map[string]bool{}}
}

func (s *spdx3) id(kind string, parts ...any) string {
	b := strings.Builder{}
	fmt.Fprintf(&b, "urn:tributary:%s:%s", s.meta.ChainID, kind)
	for _, p := range parts {
		fmt.Fprintf(&b, ":%v", p)
	}
	return b.String()
}

func (s *spdx3) element(v map[string]any) {
	v["creationInfo"] = spdxCreationRef
	s.o.item(&s.n)
	s.o.json(v)
}

func (s *spdx3) agent(addr string) string {
	id := s.id("account", addr)
	if !s.agents[addr] {
		s.agents[addr] = true
		s.element(map[string]any{"type": "Agent", "spdxId": id, "name": addr})
	}
	return id
}

func (s *spdx3) begin(root types.Asset) error {
	tool := s.meta.Tool
	if tool == "" {
		tool = "tributaryd"
	}
	chainAgent := s.id("chain")
	s.o.str(`{"@context":"` + SPDXContext + `","@graph":[`)
	s.o.item(&s.n)
	s.o.json(map[string]any{
		"type": "CreationInfo", "@id": spdxCreationRef, "specVersion": "3.0.1",
		// SPDX 3 dates are whole seconds in UTC.
		"created":   s.meta.Time.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z"),
		"createdBy": []string{chainAgent},
		"comment":   fmt.Sprintf("read from chain %s at height %d (block time %s) by %s", s.meta.ChainID, s.meta.Height, s.meta.Time.UTC().Format(time.RFC3339Nano), tool),
	})
	s.element(map[string]any{"type": "SoftwareAgent", "spdxId": chainAgent, "name": "Tributary chain " + s.meta.ChainID})
	s.element(map[string]any{
		"type": "SpdxDocument", "spdxId": s.id("export", root.Id, s.meta.Height),
		"name":               fmt.Sprintf("Lineage of %s (asset %d) on %s at height %d", root.Name, root.Id, s.meta.ChainID, s.meta.Height),
		"profileConformance": []string{"core", "software", "ai", "dataset", "simpleLicensing"},
		"rootElement":        []string{SPDXAssetID(s.meta.ChainID, root.Id)},
	})
	return s.asset(root)
}

// asset writes the asset as an ai_AIPackage or dataset_DatasetPackage, its licence expression, and its
// edges to its parents as relationships carrying weight and relation in their comment.
func (s *spdx3) asset(a types.Asset) error {
	digest, err := sha256Hex(a.Cid)
	if err != nil {
		return err
	}
	owner := s.agent(a.Owner)
	var originators []string
	if list := a.Contributors.GetList(); list != nil {
		for _, m := range list.Members {
			originators = append(originators, s.agent(m.Address))
		}
	}
	id := SPDXAssetID(s.meta.ChainID, a.Id)
	pkg := map[string]any{
		"spdxId":                    id,
		"name":                      a.Name,
		"software_packageVersion":   a.Cid,
		"software_downloadLocation": "ipfs://" + a.Cid,
		"releaseTime":               a.CreatedTime.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z"),
		"suppliedBy":                owner,
		"verifiedUsing":             []map[string]any{{"type": "Hash", "algorithm": "sha256", "hashValue": digest}},
		"comment":                   spdxComment(a),
	}
	if a.Description != "" {
		pkg["description"] = a.Description
	}
	if len(originators) > 0 {
		pkg["originatedBy"] = originators
	}
	if len(a.ExternalIds) > 0 {
		var ext []map[string]any
		for _, e := range a.ExternalIds {
			typ := "other"
			if strings.HasPrefix(e, types.ExternalIDHTTPS) {
				typ = "urlScheme"
			}
			ext = append(ext, map[string]any{"type": "ExternalIdentifier", "externalIdentifierType": typ, "identifier": e, "identifierLocator": []string{externalURL(e)}})
		}
		pkg["externalIdentifier"] = ext
	}
	if a.Kind == types.AssetKind_ASSET_KIND_MODEL {
		pkg["type"] = "ai_AIPackage"
		pkg["software_primaryPurpose"] = "model"
	} else {
		pkg["type"] = "dataset_DatasetPackage"
		pkg["software_primaryPurpose"] = "data"
		pkg["dataset_datasetType"] = []string{"noAssertion"}
	}
	s.element(pkg)
	license := s.id("license", a.Id)
	s.element(map[string]any{"type": "simplelicensing_LicenseExpression", "spdxId": license, "simplelicensing_licenseExpression": a.License})
	s.element(map[string]any{"type": "Relationship", "spdxId": s.id("relationship", a.Id, "license"), "from": id, "relationshipType": "hasDeclaredLicense", "to": []string{license}})
	for _, p := range a.Parents {
		s.element(map[string]any{
			"type": "Relationship", "spdxId": s.id("relationship", a.Id, p.AssetId),
			"from": id, "relationshipType": spdxRelationship(p.Relation), "to": []string{SPDXAssetID(s.meta.ChainID, p.AssetId)},
			"comment": fmt.Sprintf("tributary:relation=%s tributary:weight_bps=%d", relationSlug(p.Relation), p.WeightBps),
		})
	}
	return s.o.err
}

// spdxComment carries what SPDX has no property for, as space-separated tributary:key=value pairs.
func spdxComment(a types.Asset) string {
	parts := []string{
		fmt.Sprintf("tributary:asset_id=%d", a.Id),
		"tributary:kind=" + kindSlug(a.Kind),
		"tributary:status=" + statusSlug(a.Status),
		fmt.Sprintf("tributary:upstream_share_bps=%d", a.Policy.UpstreamShareBps),
		fmt.Sprintf("tributary:min_derivative_share_bps=%d", a.Policy.MinDerivativeShareBps),
	}
	if list := a.Contributors.GetList(); list != nil {
		for _, m := range list.Members {
			parts = append(parts, fmt.Sprintf("tributary:contributor=%s:%d", m.Address, m.Units))
		}
	}
	if m := a.Contributors.GetMerkle(); m != nil {
		parts = append(parts, fmt.Sprintf("tributary:merkle_root=%x tributary:member_count=%d tributary:total_units=%d tributary:members_cid=%s",
			m.Root, m.MemberCount, m.TotalUnits, m.MembersCid))
	}
	if a.MetadataCid != "" {
		parts = append(parts, "tributary:metadata_cid="+a.MetadataCid)
	}
	if a.RevokeReason != "" {
		parts = append(parts, fmt.Sprintf("tributary:revoke_reason=%q", a.RevokeReason))
	}
	return strings.Join(parts, " ")
}

func (s *spdx3) end() error {
	s.o.str("]}\n")
	return s.o.flush()
}
