package explorer

import (
	"fmt"
	"strings"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// AmendmentRow is one change a dispute's outcome made to an asset, in words.
type AmendmentRow struct {
	DisputeID uint64
	Height    int64
	What      string
}

// amendmentRows describes the asset query's amendments (x/dispute remedies recorded by x/provenance), so the
// page shows which edges and which contributor lists came from a dispute and what they replaced.
func amendmentRows(list []provtypes.Amendment) []AmendmentRow {
	rows := make([]AmendmentRow, 0, len(list))
	for _, a := range list {
		var parts []string
		if p := a.AddedParent; p.AssetId != 0 {
			prev := make([]string, 0, len(a.PreviousParents))
			for _, e := range a.PreviousParents {
				prev = append(prev, fmt.Sprintf("#%d %s", e.AssetId, FormatBps(e.WeightBps)))
			}
			parts = append(parts, fmt.Sprintf("added parent #%d (%s, %s); the parents were %s with an upstream share of %s",
				p.AssetId, relationName(p.Relation), FormatBps(p.WeightBps), strings.Join(prev, ", "), FormatBps(a.PreviousUpstreamShareBps)))
		}
		if a.PreviousOwner != "" {
			parts = append(parts, fmt.Sprintf("reassigned: the owner was %s; %s replaced by %s", a.PreviousOwner,
				contributorsText(a.PreviousContributors), contributorsText(a.NewContributors)))
		}
		if a.Revoked {
			parts = append(parts, "revoked")
		}
		rows = append(rows, AmendmentRow{DisputeID: a.DisputeId, Height: a.Height, What: strings.Join(parts, "; ")})
	}
	return rows
}

// contributorsText names a contributor set briefly: a list by its size, a Merkle commitment by its crowd.
func contributorsText(c *provtypes.Contributors) string {
	switch {
	case c == nil:
		return "no contributors"
	case c.GetList() != nil:
		return fmt.Sprintf("a list of %d contributors", len(c.GetList().Members))
	case c.GetMerkle() != nil:
		return fmt.Sprintf("a crowd of %d members", c.GetMerkle().MemberCount)
	}
	return "no contributors"
}
