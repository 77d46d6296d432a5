package explorer

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	roytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// maxListed bounds the children and payments an asset page lists.
const maxListed = 100

// AssetView is everything the asset page shows.
type AssetView struct {
	Asset      provtypes.Asset
	GatewayURL string // the CID's link, empty when no gateway is configured
	MembersURL string // the Merkle members file's link
	Parents    []ParentRow
	Children   []uint64
	// MoreChildren is true when the asset has more than maxListed children.
	MoreChildren bool
	Revenue      []roytypes.RevenueReport
	Prices       sdk.Coins
	Payments     []Payment
	PaymentCount uint64
	// OpenDisputes are the x/dispute disputes open against the asset: its new revenue is held meanwhile.
	OpenDisputes []uint64
	// Amendments are the changes disputes made to the asset, oldest first.
	Amendments []AmendmentRow
}

// ParentRow is a parent edge with the parent's name.
type ParentRow struct {
	ID       uint64
	Name     string
	Relation string
	Weight   string
}

func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("%w: asset id %q is not a positive integer", ErrBadRequest, s)
	}
	return id, nil
}

func (s *Server) gatewayLink(cid string) string {
	if s.cfg.GatewayURL == "" || cid == "" {
		return ""
	}
	return s.cfg.GatewayURL + "/ipfs/" + cid
}

func (s *Server) assetView(ctx context.Context, id uint64) (*AssetView, error) {
	resp, err := s.chain.Provenance.Asset(ctx, &provtypes.QueryAssetRequest{Id: id})
	if err != nil {
		return nil, fmt.Errorf("asset %d: %w", id, err)
	}
	a := resp.Asset
	v := &AssetView{Asset: a, GatewayURL: s.gatewayLink(a.Cid), OpenDisputes: resp.OpenDisputeIds, Amendments: amendmentRows(resp.Amendments)}
	if m := a.Contributors.GetMerkle(); m != nil {
		v.MembersURL = s.gatewayLink(m.MembersCid)
	}
	for _, p := range a.Parents {
		row := ParentRow{ID: p.AssetId, Relation: relationName(p.Relation), Weight: FormatBps(p.WeightBps)}
		if pr, err := s.chain.Provenance.Asset(ctx, &provtypes.QueryAssetRequest{Id: p.AssetId}); err == nil {
			row.Name = pr.Asset.Name
		}
		v.Parents = append(v.Parents, row)
	}
	children, err := s.chain.Provenance.Children(ctx, &provtypes.QueryChildrenRequest{Id: id, Pagination: &query.PageRequest{Limit: maxListed}})
	if err != nil {
		return nil, fmt.Errorf("children of asset %d: %w", id, err)
	}
	v.Children = children.ChildIds
	v.MoreChildren = children.Pagination != nil && len(children.Pagination.NextKey) > 0
	rev, err := s.chain.Royalty.RevenueReport(ctx, &roytypes.QueryRevenueReportRequest{AssetId: id})
	if err != nil {
		return nil, fmt.Errorf("revenue of asset %d: %w", id, err)
	}
	v.Revenue = rev.Reports
	prices, err := s.chain.Royalty.Prices(ctx, &roytypes.QueryPricesRequest{AssetId: id})
	if err != nil {
		return nil, fmt.Errorf("prices of asset %d: %w", id, err)
	}
	v.Prices = prices.Prices
	// Typed events carry JSON values: the id is matched as the JSON string it is.
	v.Payments, v.PaymentCount, err = s.payments(ctx, fmt.Sprintf(`tributary.royalty.v1.EventPaid.asset_id='"%d"'`, id), 10)
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.assetView(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "asset", fmt.Sprintf("#%d %s", id, v.Asset.Name), v)
}
