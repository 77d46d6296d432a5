package explorer

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

const (
	maxSearchResults = 50
	maxQueryLen      = 256
)

// SearchView is the search page: what was asked and the assets whose names match (when nothing matched
// exactly).
type SearchView struct {
	Query   string
	Matches []AssetRow
	Scanned int
	Total   uint64
}

// search answers an asset id ("4", "#4"), a CID in any multibase, an account address, an external identifier
// (hf:ORG/NAME, doi:...) or part of an asset's name. An exact answer redirects to its page; a name search lists the matches.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > maxQueryLen {
		s.fail(w, r, fmt.Errorf("%w: a search is at most %d bytes", ErrBadRequest, maxQueryLen))
		return
	}
	root := rootOf(r)
	if q == "" {
		s.render(w, r, http.StatusOK, "search", "Search", &SearchView{})
		return
	}
	if id, err := strconv.ParseUint(strings.TrimPrefix(q, "#"), 10, 64); err == nil && id > 0 {
		redirect(w, root+"asset/"+strconv.FormatUint(id, 10))
		return
	}
	if addr, err := parseAddress(q); err == nil {
		redirect(w, root+"address/"+url.PathEscape(addr))
		return
	}
	if resp, err := s.chain.Provenance.AssetByCID(r.Context(), &provtypes.QueryAssetByCIDRequest{Cid: q}); err == nil {
		redirect(w, root+"asset/"+strconv.FormatUint(resp.Asset.Id, 10))
		return
	} // any error (not a CID, no such CID) leaves the name search; a node that does not answer fails it below
	if ext, err := provtypes.NormalizeExternalID(q); err == nil {
		// An external identifier (hf:, hf-datasets:, doi:, https://) may be claimed by several assets: one
		// claimant opens its page, several are listed with their owners and statuses for the reader to judge.
		resp, err := s.chain.Provenance.AssetsByExternalID(r.Context(), &provtypes.QueryAssetsByExternalIDRequest{
			ExternalId: ext, Pagination: &query.PageRequest{Limit: maxSearchResults}})
		if err == nil && len(resp.Claimants) == 1 {
			redirect(w, root+"asset/"+strconv.FormatUint(resp.Claimants[0].AssetId, 10))
			return
		}
		if err == nil && len(resp.Claimants) > 1 {
			v := &SearchView{Query: q}
			for _, c := range resp.Claimants {
				name := "claims " + ext
				if a, err := s.chain.Provenance.Asset(r.Context(), &provtypes.QueryAssetRequest{Id: c.AssetId}); err == nil {
					name = a.Asset.Name
				}
				v.Matches = append(v.Matches, AssetRow{ID: c.AssetId, Name: name, Kind: kindName(c.Kind), Status: statusName(c.Status), Owner: c.Owner})
			}
			s.render(w, r, http.StatusOK, "search", "Search", v)
			return
		}
	}
	sum, err := s.cachedSummary(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &SearchView{Query: q, Matches: sum.searchNames(q), Scanned: sum.Scanned, Total: sum.Assets}
	status := http.StatusOK
	if len(v.Matches) == 0 {
		status = http.StatusNotFound
	}
	s.render(w, r, status, "search", "Search", v)
}

// redirect answers 303 with a relative Location: http.Redirect would resolve it against the path the mount
// prefix was stripped from, and send the browser out of the explorer.
func redirect(w http.ResponseWriter, to string) {
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusSeeOther)
}
