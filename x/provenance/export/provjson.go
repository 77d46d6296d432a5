package export

import (
	"fmt"
	"io"
	"time"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// PROVNamespace is the namespace URI of the trib: prefix in a PROV-JSON export of chain.
func PROVNamespace(chainID string) string { return "urn:tributary:" + chainID + ":" }

// PROVAssetID is the qualified name of an asset in a PROV-JSON export.
func PROVAssetID(id uint64) string { return fmt.Sprintf("trib:asset/%d", id) }

// prov writes W3C PROV-JSON: entities are streamed; agents, derivations and attributions (small records
// of ids and numbers) are kept and written after them, since PROV-JSON groups records by kind.
type prov struct {
	o            *out
	meta         Meta
	n            int
	agents       []string
	seen         map[string]bool
	edges        []edge
	attributions []attribution
}

type attribution struct {
	asset uint64
	agent string
	role  string
	units uint64
}

func newPROV(w io.Writer, meta Meta) *prov {
	return &prov{o: newOut(w), meta: meta, seen: map[string]bool{}}
}

func (p *prov) begin(root types.Asset) error {
	p.o.str(`{"prefix":`)
	p.o.json(map[string]string{"trib": PROVNamespace(p.meta.ChainID), "xsd": "http://www.w3.org/2001/XMLSchema#"})
	p.o.str(`,"entity":{`)
	p.o.item(&p.n)
	p.o.str(`"trib:snapshot":`)
	p.o.json(map[string]any{
		"prov:type":               "trib:ChainSnapshot",
		"trib:chain_id":           p.meta.ChainID,
		"trib:height":             p.meta.Height,
		"prov:generatedAtTime":    map[string]string{"$": p.meta.Time.UTC().Format(time.RFC3339Nano), "type": "xsd:dateTime"},
		"trib:root":               PROVAssetID(root.Id),
		"trib:weight_bps_meaning": "share of the child's upstream revenue routed to this parent, in basis points (10000 = 100%)",
	})
	return p.asset(root)
}

func (p *prov) agent(addr string) string {
	id := "trib:account/" + addr
	if !p.seen[addr] {
		p.seen[addr] = true
		p.agents = append(p.agents, addr)
	}
	return id
}

func (p *prov) asset(a types.Asset) error {
	digest, err := sha256Hex(a.Cid)
	if err != nil {
		return err
	}
	attrs := map[string]any{
		"prov:type":                     "trib:" + kindSlug(a.Kind),
		"prov:label":                    a.Name,
		"prov:location":                 "ipfs://" + a.Cid,
		"trib:cid":                      a.Cid,
		"trib:sha2-256":                 digest,
		"trib:license":                  a.License,
		"trib:status":                   statusSlug(a.Status),
		"trib:size_bytes":               a.SizeBytes,
		"trib:upstream_share_bps":       a.Policy.UpstreamShareBps,
		"trib:min_derivative_share_bps": a.Policy.MinDerivativeShareBps,
		"trib:created_height":           a.CreatedHeight,
		"prov:generatedAtTime":          map[string]string{"$": a.CreatedTime.UTC().Format(time.RFC3339Nano), "type": "xsd:dateTime"},
	}
	if a.Description != "" {
		attrs["trib:description"] = a.Description
	}
	if len(a.ExternalIds) > 0 {
		attrs["trib:external_id"] = a.ExternalIds
	}
	if a.MetadataCid != "" {
		attrs["trib:metadata_cid"] = a.MetadataCid
	}
	if a.RevokeReason != "" {
		attrs["trib:revoke_reason"] = a.RevokeReason
	}
	if m := a.Contributors.GetMerkle(); m != nil {
		attrs["trib:contributors_merkle_root"] = fmt.Sprintf("%x", m.Root)
		attrs["trib:contributors_member_count"] = m.MemberCount
		attrs["trib:contributors_total_units"] = m.TotalUnits
		attrs["trib:contributors_members_cid"] = m.MembersCid
	}
	p.o.item(&p.n)
	p.o.json(PROVAssetID(a.Id))
	p.o.str(":")
	p.o.json(attrs)
	p.attributions = append(p.attributions, attribution{asset: a.Id, agent: p.agent(a.Owner), role: "owner"})
	if list := a.Contributors.GetList(); list != nil {
		for _, m := range list.Members {
			p.attributions = append(p.attributions, attribution{asset: a.Id, agent: p.agent(m.Address), role: "contributor", units: m.Units})
		}
	}
	p.edges = append(p.edges, edgesOf(a)...)
	return p.o.err
}

func (p *prov) end() error {
	p.o.str(`},"agent":{`)
	n := 0
	for _, addr := range p.agents {
		p.o.item(&n)
		p.o.json("trib:account/" + addr)
		p.o.str(":")
		p.o.json(map[string]any{"prov:type": "trib:Account", "trib:address": addr})
	}
	p.o.str(`},"wasDerivedFrom":{`)
	n = 0
	for _, e := range p.edges {
		p.o.item(&n)
		p.o.json(fmt.Sprintf("_:derivation/%d/%d", e.child, e.parent))
		p.o.str(":")
		p.o.json(map[string]any{
			"prov:generatedEntity": PROVAssetID(e.child), "prov:usedEntity": PROVAssetID(e.parent),
			"trib:relation": relationSlug(e.relation), "trib:weight_bps": e.weightBps,
		})
	}
	p.o.str(`},"wasAttributedTo":{`)
	n = 0
	for i, at := range p.attributions {
		rec := map[string]any{"prov:entity": PROVAssetID(at.asset), "prov:agent": at.agent, "prov:role": "trib:" + at.role}
		if at.role == "contributor" {
			rec["trib:units"] = at.units
		}
		p.o.item(&n)
		p.o.json(fmt.Sprintf("_:attribution/%d", i))
		p.o.str(":")
		p.o.json(rec)
	}
	p.o.str("}}\n")
	return p.o.flush()
}
