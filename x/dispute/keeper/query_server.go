package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// maxPageLimit caps every list query: a page never costs more than 100 dispute reads.
const maxPageLimit = 100

// queryServer implements types.QueryServer.
type queryServer struct{ Keeper }

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer { return queryServer{k} }

var _ types.QueryServer = queryServer{}

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Dispute implements types.QueryServer.
func (q queryServer) Dispute(ctx context.Context, req *types.QueryDisputeRequest) (*types.QueryDisputeResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	d, err := q.getDispute(ctx, req.DisputeId)
	if err != nil {
		return nil, err
	}
	return &types.QueryDisputeResponse{Dispute: d}, nil
}

// page caps a page request: key and limit only, at most maxPageLimit, never a count of everything.
func page(p *query.PageRequest) (*query.PageRequest, error) {
	if p == nil {
		return &query.PageRequest{Limit: maxPageLimit}, nil
	}
	if p.Offset != 0 || p.CountTotal {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "pagination: use key and limit (offset and count_total would read every dispute)")
	}
	out := *p
	if out.Limit == 0 || out.Limit > maxPageLimit {
		out.Limit = maxPageLimit
	}
	return &out, nil
}

// DisputesByAsset implements types.QueryServer.
func (q queryServer) DisputesByAsset(ctx context.Context, req *types.QueryDisputesByAssetRequest) (*types.QueryDisputesByAssetResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pr, err := page(req.Pagination)
	if err != nil {
		return nil, err
	}
	out, res, err := query.CollectionPaginate(ctx, q.ByAsset, pr,
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Dispute, error) {
			return q.getDispute(ctx, key.K2())
		}, query.WithCollectionPaginationPairPrefix[uint64, uint64](req.AssetId))
	if err != nil {
		return nil, err
	}
	return &types.QueryDisputesByAssetResponse{Disputes: out, Pagination: res}, nil
}

// OpenDisputes implements types.QueryServer.
func (q queryServer) OpenDisputes(ctx context.Context, req *types.QueryOpenDisputesRequest) (*types.QueryOpenDisputesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	pr, err := page(req.Pagination)
	if err != nil {
		return nil, err
	}
	out, res, err := query.CollectionPaginate(ctx, q.Deadlines, pr,
		func(key collections.Pair[uint64, uint64], _ collections.NoValue) (types.Dispute, error) {
			return q.getDispute(ctx, key.K2())
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryOpenDisputesResponse{Disputes: out, Pagination: res}, nil
}
