package keeper

import (
	"cmp"
	"context"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Bounds of the graph queries.
const (
	DefaultAncestorsLimit = 100
	MaxAncestorsLimit     = 1000
	DefaultLineageDepth   = 3
	MaxLineageDepth       = 64
	DefaultLineageNodes   = 256
	MaxLineageNodes       = 2000
)

// Children implements types.QueryServer.
func (q queryServer) Children(ctx context.Context, req *types.QueryChildrenRequest) (*types.QueryChildrenResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if err := checkPageLimit(req.Pagination, MaxIDsPageLimit); err != nil {
		return nil, err
	}
	if _, err := q.IsActive(ctx, req.Id); err != nil {
		return nil, err
	}
	ids, page, err := query.CollectionPaginate(ctx, q.Keeper.Children, req.Pagination,
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (uint64, error) {
			return key.K2(), nil
		},
		query.WithCollectionPaginationPairPrefix[uint64, uint64](req.Id))
	if err != nil {
		return nil, wrapPaginationError(err)
	}
	return &types.QueryChildrenResponse{ChildIds: ids, Pagination: page}, nil
}

// Ancestors implements types.QueryServer.
func (q queryServer) Ancestors(ctx context.Context, req *types.QueryAncestorsRequest) (*types.QueryAncestorsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	limit := DefaultAncestorsLimit
	var cursor []byte
	if p := req.Pagination; p != nil {
		if p.Offset != 0 || p.CountTotal || p.Reverse {
			return nil, errorsmod.Wrap(types.ErrUnsupportedPagination, "ancestors pages resume from pagination.key only (no offset, count_total or reverse)")
		}
		if p.Limit > MaxAncestorsLimit {
			return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "pagination.limit %d, at most %d", p.Limit, MaxAncestorsLimit)
		}
		if p.Limit > 0 {
			limit = int(p.Limit)
		}
		cursor = p.Key
	}
	entries, next, err := q.WalkAncestors(ctx, req.Id, req.MaxDepth, cursor, limit)
	if err != nil {
		return nil, err
	}
	out := make([]types.Ancestor, len(entries))
	for i, e := range entries {
		out[i] = types.Ancestor{Asset: e.Record.Summary(), Distance: e.Distance}
	}
	return &types.QueryAncestorsResponse{Ancestors: out, Pagination: &query.PageResponse{NextKey: next}}, nil
}

// Lineage implements types.QueryServer: a breadth-first walk from the asset
// up its parents and down its children, to depth edges each way, that stops
// at max_nodes nodes. It reads compact records, never contributor lists.
func (q queryServer) Lineage(ctx context.Context, req *types.QueryLineageRequest) (*types.QueryLineageResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	depth, maxNodes := req.Depth, req.MaxNodes
	if depth == 0 {
		depth = DefaultLineageDepth
	}
	if maxNodes == 0 {
		maxNodes = DefaultLineageNodes
	}
	if depth > MaxLineageDepth || maxNodes > MaxLineageNodes {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "depth %d (at most %d) or max_nodes %d (at most %d) too large",
			depth, MaxLineageDepth, maxNodes, MaxLineageNodes)
	}
	root, err := q.GetAssetRecord(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	type item struct {
		asset    types.AssetRecord
		distance int32
	}
	nodes := []item{{asset: root}}
	seen := map[uint64]bool{root.Id: true}
	truncated := false
	// visit adds an asset at distance unless seen; it reports false when the
	// node cap stops the walk.
	visit := func(id uint64, distance int32) (bool, error) {
		if seen[id] {
			return true, nil
		}
		if uint32(len(nodes)) >= maxNodes {
			truncated = true
			return false, nil
		}
		a, err := q.GetAssetRecord(ctx, id)
		if err != nil {
			return false, err
		}
		seen[id] = true
		nodes = append(nodes, item{asset: a, distance: distance})
		return true, nil
	}
walk:
	for i := 0; i < len(nodes); i++ {
		n := nodes[i]
		if uint32(abs(n.distance)) >= depth {
			continue
		}
		if n.distance >= 0 {
			for _, p := range n.asset.Parents {
				if ok, err := visit(p.AssetId, n.distance+1); err != nil {
					return nil, err
				} else if !ok {
					break walk
				}
			}
		}
		if n.distance <= 0 {
			ok, err := q.visitChildren(ctx, n.asset.Id, func(child uint64) (bool, error) { return visit(child, n.distance-1) })
			if err != nil {
				return nil, err
			}
			if !ok {
				break walk
			}
		}
	}
	resp := &types.QueryLineageResponse{Truncated: truncated}
	for _, n := range nodes {
		resp.Nodes = append(resp.Nodes, types.LineageNode{Asset: n.asset.Summary(), Distance: n.distance})
	}
	byID := make([]item, len(nodes))
	copy(byID, nodes)
	slices.SortFunc(byID, func(a, b item) int { return cmp.Compare(a.asset.Id, b.asset.Id) })
	for _, n := range byID {
		for _, p := range n.asset.Parents {
			if seen[p.AssetId] {
				resp.Edges = append(resp.Edges, types.LineageEdge{
					ChildId: n.asset.Id, ParentId: p.AssetId, WeightBps: p.WeightBps, Relation: p.Relation,
				})
			}
		}
	}
	return resp, nil
}

func abs(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// visitChildren calls fn for each child of id in ascending id until fn
// returns false (then it returns false too).
func (q queryServer) visitChildren(ctx context.Context, id uint64, fn func(child uint64) (bool, error)) (bool, error) {
	it, err := q.Keeper.Children.Iterate(ctx, collections.NewPrefixedPairRange[uint64, uint64](id))
	if err != nil {
		return false, errorsmod.Wrap(err, "iterate children")
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		key, err := it.Key()
		if err != nil {
			return false, errorsmod.Wrap(err, "read children")
		}
		if ok, err := fn(key.K2()); err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}
