package explorer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	roytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

const (
	// OverviewScanCap bounds the assets whose revenue reports the overview adds up (newest first); a chain
	// with more says so on the page instead of making every node do unbounded work per request.
	OverviewScanCap = 1000
	// summaryTTL is how long one overview computation is shared by every request.
	summaryTTL = 3 * time.Second
	// latestCount is how many registrations and payments the overview lists.
	latestCount = 10
	scanPage    = 100
)

// msgPayQuery finds every payment in the tx index.
const msgPayQuery = "message.action='/tributary.royalty.v1.MsgPay'"

// Summary is the overview's numbers. Money is utrib.
type Summary struct {
	// Assets is how many assets were ever registered.
	Assets uint64 `json:"assets"`
	// Scanned is how many of the newest assets the sums below cover (all of them unless Assets > OverviewScanCap).
	Scanned int `json:"scanned"`
	// Contributors counts distinct addresses of explicit contributor lists; CrowdMembers adds up the members
	// of Merkle commitments (a crowd member may also appear elsewhere).
	Contributors int    `json:"contributors"`
	CrowdMembers uint64 `json:"crowd_members"`
	Payments     uint64 `json:"payments"`
	// PaidDirect is what payers paid to assets after the protocol fee; Settled is what settlement allocated
	// to contributors; Claimed what they withdrew; Pending what waits for settlement.
	PaidDirect   math.Int   `json:"paid_direct"`
	Settled      math.Int   `json:"settled"`
	Claimed      math.Int   `json:"claimed"`
	Pending      math.Int   `json:"pending"`
	Unattributed math.Int   `json:"unattributed"`
	Latest       []AssetRow `json:"latest"`
	LatestPays   []Payment  `json:"latest_payments"`
	names        []AssetRow
}

// AssetRow is an asset in a list.
type AssetRow struct {
	ID     uint64 `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Status string `json:"status"`
	Owner  string `json:"owner"`
	Height int64  `json:"height"`
}

func rowOf(a provtypes.Asset) AssetRow {
	return AssetRow{ID: a.Id, Name: a.Name, Kind: kindName(a.Kind), Status: statusName(a.Status), Owner: a.Owner, Height: a.CreatedHeight}
}

// summary returns the overview, computed at most once per summaryTTL however many requests ask.
func (s *Server) cachedSummary(ctx context.Context) (*Summary, error) {
	c := &s.summary
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.summary != nil && time.Since(c.at) < c.ttl {
		return c.summary, nil
	}
	sum, err := s.computeSummary(ctx)
	if err != nil {
		return nil, err
	}
	c.summary, c.at = sum, time.Now()
	return sum, nil
}

func (s *Server) computeSummary(ctx context.Context) (*Summary, error) {
	sum := &Summary{PaidDirect: math.ZeroInt(), Settled: math.ZeroInt(), Claimed: math.ZeroInt(),
		Pending: math.ZeroInt(), Unattributed: math.ZeroInt()}
	explicit := map[string]struct{}{}
	var key []byte
	for first := true; first || (len(key) > 0 && sum.Scanned < OverviewScanCap); first = false {
		limit := uint64(min(scanPage, OverviewScanCap-sum.Scanned))
		resp, err := s.chain.Provenance.Assets(ctx, &provtypes.QueryAssetsRequest{
			Pagination: &query.PageRequest{Key: key, Limit: limit, Reverse: true},
		})
		if err != nil {
			return nil, fmt.Errorf("listing assets: %w", err)
		}
		if first && len(resp.Assets) > 0 {
			// Ids are assigned from 1 without gaps and assets are never deleted: the newest id is the count,
			// which spares the node a count_total walk over every asset.
			sum.Assets = resp.Assets[0].Id
		}
		key = nil
		if resp.Pagination != nil {
			key = resp.Pagination.NextKey
		}
		for _, a := range resp.Assets {
			sum.Scanned++
			row := rowOf(a)
			if len(sum.Latest) < latestCount {
				sum.Latest = append(sum.Latest, row)
			}
			sum.names = append(sum.names, row)
			if l := a.Contributors.GetList(); l != nil {
				for _, m := range l.Members {
					explicit[m.Address] = struct{}{}
				}
			} else if m := a.Contributors.GetMerkle(); m != nil {
				sum.CrowdMembers += m.MemberCount
			}
			rev, err := s.chain.Royalty.RevenueReport(ctx, &roytypes.QueryRevenueReportRequest{AssetId: a.Id})
			if err != nil {
				return nil, fmt.Errorf("revenue of asset %d: %w", a.Id, err)
			}
			for _, r := range rev.Reports {
				if r.Denom != Denom {
					continue
				}
				sum.PaidDirect = sum.PaidDirect.Add(r.PaidDirect)
				sum.Settled = sum.Settled.Add(r.ToContributors)
				sum.Claimed = sum.Claimed.Add(r.Claimed)
				sum.Pending = sum.Pending.Add(r.Pending)
				sum.Unattributed = sum.Unattributed.Add(r.Unattributed)
			}
		}
	}
	sum.Contributors = len(explicit)
	pays, total, err := s.payments(ctx, msgPayQuery, latestCount)
	if err != nil {
		return nil, err
	}
	sum.Payments, sum.LatestPays = total, pays
	return sum, nil
}

// searchNames finds assets whose name contains q (case-insensitively) among the scanned ones.
func (sum *Summary) searchNames(q string) []AssetRow {
	q = strings.ToLower(q)
	var out []AssetRow
	for _, row := range sum.names {
		if strings.Contains(strings.ToLower(row.Name), q) {
			out = append(out, row)
			if len(out) == maxSearchResults {
				break
			}
		}
	}
	return out
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	sum, err := s.cachedSummary(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "overview", "Overview", sum)
}

func (s *Server) apiSummary(w http.ResponseWriter, r *http.Request) {
	sum, err := s.cachedSummary(r.Context())
	if err != nil {
		writeJSONError(w, err)
		return
	}
	writeJSON(w, sum)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func writeJSONError(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(statusOf(err))
	_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()}) // best effort on a failed request
}
