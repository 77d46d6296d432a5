package explorer

import (
	"fmt"
	"net/http"
	"strconv"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

const (
	// DefaultLineageDepth is how many rings around the asset the picture shows first.
	DefaultLineageDepth = 2
	// MaxLineageDepth is the deepest ring the provenance Lineage query reaches; beyond it the user recentres
	// on a frontier asset (every node links to its own page).
	MaxLineageDepth = 63
	// DefaultLineageNodes caps a picture unless the request asks for more.
	DefaultLineageNodes = 300
	// MaxLineageNodes is the largest picture, the Lineage query's own cap.
	MaxLineageNodes = 2000
)

// LineageGraph is the lineage picture's data: the rings of the DAG up to Depth around Centre.
type LineageGraph struct {
	Centre uint64        `json:"centre"`
	Depth  int           `json:"depth"`
	Nodes  []LineageNode `json:"nodes"`
	Edges  []LineageEdge `json:"edges"`
	// More is true when the next ring has assets ("more" loads it).
	More bool `json:"more"`
	// Capped is true when the node cap cut the rings shown short: the picture is incomplete.
	Capped   bool `json:"capped"`
	MaxNodes int  `json:"max_nodes"`
}

// LineageNode is one asset of the picture; Distance is positive for ancestors, negative for descendants.
type LineageNode struct {
	ID       uint64 `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Status   string `json:"status"`
	Distance int32  `json:"distance"`
}

// LineageEdge is "Child derives from Parent" with the relation and the parent's weight.
type LineageEdge struct {
	Child     uint64 `json:"child"`
	Parent    uint64 `json:"parent"`
	Relation  string `json:"relation"`
	WeightBps uint32 `json:"weight_bps"`
	Weight    string `json:"weight"`
}

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%w: %s must be an integer from %d to %d", ErrBadRequest, name, lo, hi)
	}
	return n, nil
}

// apiLineage answers GET api/lineage/{id}?depth=&max=. It asks the chain for one ring more than it shows:
// the walk is breadth first, so a node of that ring proves the rings shown complete and that "more" exists.
func (s *Server) apiLineage(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		writeJSONError(w, err)
		return
	}
	depth, err := intParam(r, "depth", DefaultLineageDepth, 1, MaxLineageDepth)
	if err != nil {
		writeJSONError(w, err)
		return
	}
	maxNodes, err := intParam(r, "max", DefaultLineageNodes, 1, MaxLineageNodes)
	if err != nil {
		writeJSONError(w, err)
		return
	}
	resp, err := s.chain.Provenance.Lineage(r.Context(), &provtypes.QueryLineageRequest{
		Id: id, Depth: uint32(depth + 1), MaxNodes: uint32(maxNodes),
	})
	if err != nil {
		writeJSONError(w, fmt.Errorf("lineage of asset %d: %w", id, err))
		return
	}
	writeJSON(w, buildLineage(id, depth, maxNodes, resp))
}

func buildLineage(id uint64, depth, maxNodes int, resp *provtypes.QueryLineageResponse) *LineageGraph {
	g := &LineageGraph{Centre: id, Depth: depth, MaxNodes: maxNodes, Nodes: []LineageNode{}, Edges: []LineageEdge{}}
	shown := map[uint64]bool{}
	nextRing := false
	for _, n := range resp.Nodes {
		d := n.Distance
		if d > int32(depth) || d < -int32(depth) {
			nextRing = true
			continue
		}
		a := n.Asset
		shown[a.Id] = true
		g.Nodes = append(g.Nodes, LineageNode{ID: a.Id, Name: a.Name, Kind: kindName(a.Kind), Status: statusName(a.Status), Distance: d})
	}
	for _, e := range resp.Edges {
		if shown[e.ChildId] && shown[e.ParentId] {
			g.Edges = append(g.Edges, LineageEdge{Child: e.ChildId, Parent: e.ParentId, Relation: relationName(e.Relation),
				WeightBps: e.WeightBps, Weight: FormatBps(e.WeightBps)})
		}
	}
	g.More = nextRing || resp.Truncated
	// Without a node of the next ring a truncated walk stopped inside the rings shown.
	g.Capped = resp.Truncated && !nextRing
	if g.Capped || depth >= MaxLineageDepth {
		g.More = false
	}
	return g
}
