package explorer

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	roytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// MaxFlowEntries bounds the contributors a reward-flow picture draws one by one; the rest are drawn as one
// "other contributors" band with their exact total share.
const MaxFlowEntries = 200

// Flow is the reward-flow picture: one unit paid to Asset, split into the protocol fee, the part every asset
// of its lineage passes to its contributors, and the unattributed part; each asset's part split again by
// contributor. Shares are exact decimals (18 places); Value is the same share as a float for the layout only.
type Flow struct {
	Asset uint64     `json:"asset"`
	Nodes []FlowNode `json:"nodes"`
	Links []FlowLink `json:"links"`
	// Entries is how many contributor entries the Attribution query has; Shown how many are drawn one by one.
	Entries uint64 `json:"entries"`
	Shown   int    `json:"shown"`
	// Revenue is each asset's revenue report: the actual amounts settled so far, in utrib.
	Revenue []FlowRevenue `json:"revenue"`
}

// FlowNode is a box of the Sankey. Kind is "payment", "fee", "unattributed", "asset", "contributor",
// "crowd" or "others". Href is relative to the explorer root, empty for boxes without a page.
type FlowNode struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
	Href  string `json:"href,omitempty"`
	Share string `json:"share"`
}

// FlowLink carries Share (exact) of one unit from node index Source to Target.
type FlowLink struct {
	Source int     `json:"source"`
	Target int     `json:"target"`
	Share  string  `json:"share"`
	Value  float64 `json:"value"`
}

// FlowRevenue is one asset's revenue report in utrib (zero when it has none yet).
type FlowRevenue struct {
	ID             uint64 `json:"id"`
	Name           string `json:"name"`
	PaidDirect     string `json:"paid_direct"`
	Received       string `json:"received_upstream"`
	Sent           string `json:"sent_upstream"`
	ToContributors string `json:"to_contributors"`
	Claimed        string `json:"claimed"`
	Pending        string `json:"pending"`
	Unattributed   string `json:"unattributed"`
}

type flowBuilder struct {
	f     *Flow
	index map[string]int
	share []math.LegacyDec
}

func (b *flowBuilder) node(key, label, kind, href string) int {
	if i, ok := b.index[key]; ok {
		return i
	}
	b.index[key] = len(b.f.Nodes)
	b.f.Nodes = append(b.f.Nodes, FlowNode{Key: key, Label: label, Kind: kind, Href: href})
	b.share = append(b.share, math.LegacyZeroDec())
	return b.index[key]
}

func (b *flowBuilder) link(from, to int, share math.LegacyDec) {
	if !share.IsPositive() {
		return
	}
	b.share[to] = b.share[to].Add(share)
	v, _ := share.Float64() // layout only: labels carry the exact share
	b.f.Links = append(b.f.Links, FlowLink{Source: from, Target: to, Share: FormatShare(share), Value: v})
}

func (s *Server) buildFlow(ctx context.Context, id uint64) (*Flow, error) {
	att, err := s.chain.Royalty.Attribution(ctx, &roytypes.QueryAttributionRequest{
		AssetId: id, Pagination: &query.PageRequest{Limit: MaxFlowEntries, CountTotal: true},
	})
	if err != nil {
		return nil, fmt.Errorf("attribution of asset %d: %w", id, err)
	}
	assets := map[uint64]provtypes.Asset{}
	assetOf := func(aid uint64) (provtypes.Asset, error) {
		if a, ok := assets[aid]; ok {
			return a, nil
		}
		resp, err := s.chain.Provenance.Asset(ctx, &provtypes.QueryAssetRequest{Id: aid})
		if err != nil {
			return provtypes.Asset{}, fmt.Errorf("asset %d: %w", aid, err)
		}
		assets[aid] = resp.Asset
		return resp.Asset, nil
	}
	paid, err := assetOf(id)
	if err != nil {
		return nil, err
	}
	f := &Flow{Asset: id, Shown: len(att.Entries)}
	if att.Pagination != nil {
		f.Entries = att.Pagination.Total
	}
	b := &flowBuilder{f: f, index: map[string]int{}}
	src := b.node("payment", fmt.Sprintf("1 unit paid to #%d %s", id, paid.Name), "payment", fmt.Sprintf("asset/%d", id))
	b.share[src] = math.LegacyOneDec()
	if att.ProtocolFee.IsPositive() {
		b.link(src, b.node("fee", "protocol fee (community pool)", "fee", ""), att.ProtocolFee)
	}
	if att.Unattributed.IsPositive() {
		b.link(src, b.node("unattributed", "unattributed (community pool)", "unattributed", ""), att.Unattributed)
	}

	rest := math.LegacyOneDec().Sub(att.ProtocolFee).Sub(att.Unattributed)
	perAsset := map[uint64]math.LegacyDec{}
	var order []uint64
	for _, e := range att.Entries {
		if _, ok := perAsset[e.AssetId]; !ok {
			order = append(order, e.AssetId)
			perAsset[e.AssetId] = math.LegacyZeroDec()
		}
		perAsset[e.AssetId] = perAsset[e.AssetId].Add(e.Share)
		rest = rest.Sub(e.Share)
	}
	for _, aid := range order {
		a, err := assetOf(aid)
		if err != nil {
			return nil, err
		}
		b.link(src, b.node(assetKey(aid), fmt.Sprintf("#%d %s", aid, a.Name), "asset", fmt.Sprintf("asset/%d", aid)), perAsset[aid])
	}
	for _, e := range att.Entries {
		from := b.index[assetKey(e.AssetId)]
		var to int
		if e.Address == "" {
			owner := assets[e.AssetId]
			m := owner.Contributors.GetMerkle()
			members := uint64(0)
			if m != nil {
				members = m.MemberCount
			}
			to = b.node(fmt.Sprintf("crowd/%d", e.AssetId), fmt.Sprintf("crowd of #%d (%d members)", e.AssetId, members), "crowd",
				fmt.Sprintf("asset/%d", e.AssetId))
		} else {
			to = b.node("addr/"+e.Address, e.Address, "contributor", "address/"+e.Address)
		}
		b.link(from, to, e.Share)
	}
	if len(att.Entries) < int(f.Entries) && rest.IsPositive() {
		// The entries beyond the cap: their total is what the drawn ones leave (up to 18-decimal truncation).
		b.link(src, b.node("others", fmt.Sprintf("%d more contributors", f.Entries-uint64(len(att.Entries))), "others", ""), rest)
	}
	for i := range f.Nodes {
		f.Nodes[i].Share = FormatShare(b.share[i])
	}
	ids := make([]uint64, 0, len(assets))
	for aid := range assets {
		ids = append(ids, aid)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
	for _, aid := range ids {
		rev, err := s.chain.Royalty.RevenueReport(ctx, &roytypes.QueryRevenueReportRequest{AssetId: aid})
		if err != nil {
			return nil, fmt.Errorf("revenue of asset %d: %w", aid, err)
		}
		f.Revenue = append(f.Revenue, flowRevenue(assets[aid], rev.Reports))
	}
	return f, nil
}

func assetKey(id uint64) string { return fmt.Sprintf("asset/%d", id) }

func flowRevenue(a provtypes.Asset, reports []roytypes.RevenueReport) FlowRevenue {
	z := math.ZeroInt()
	r := roytypes.RevenueReport{PaidDirect: z, ReceivedUpstream: z, SentUpstream: z, ToContributors: z, Claimed: z, Pending: z, Unattributed: z}
	for _, rep := range reports {
		if rep.Denom == Denom {
			r = rep
		}
	}
	return FlowRevenue{ID: a.Id, Name: a.Name, PaidDirect: FormatTRIB(r.PaidDirect), Received: FormatTRIB(r.ReceivedUpstream),
		Sent: FormatTRIB(r.SentUpstream), ToContributors: FormatTRIB(r.ToContributors), Claimed: FormatTRIB(r.Claimed),
		Pending: FormatTRIB(r.Pending), Unattributed: FormatTRIB(r.Unattributed)}
}

func (s *Server) apiFlow(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		writeJSONError(w, err)
		return
	}
	f, err := s.buildFlow(r.Context(), id)
	if err != nil {
		writeJSONError(w, err)
		return
	}
	writeJSON(w, f)
}
