package keeper

import (
	"context"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

type queryServer struct {
	Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{Keeper: k}
}

// Params returns the parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Prices returns an asset's minimum prices.
func (q queryServer) Prices(ctx context.Context, req *types.QueryPricesRequest) (*types.QueryPricesResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, err := q.asset(ctx, req.AssetId); err != nil {
		return nil, err // an unknown asset is 404, as in RevenueReport, not an empty price list
	}
	prices := sdk.NewCoins()
	err := q.Keeper.Prices.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](req.AssetId),
		func(key collections.Pair[uint64, string], v math.Int) (bool, error) {
			prices = prices.Add(sdk.NewCoin(key.K2(), v))
			return false, nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryPricesResponse{Prices: prices}, nil
}

// RevenueReport returns an asset's accounts in every denom it has seen.
func (q queryServer) RevenueReport(ctx context.Context, req *types.QueryRevenueReportRequest) (*types.QueryRevenueReportResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if _, err := q.asset(ctx, req.AssetId); err != nil {
		return nil, err
	}
	byDenom := map[string]*types.RevenueReport{}
	var denoms []string
	get := func(denom string) *types.RevenueReport {
		r, ok := byDenom[denom]
		if !ok {
			z := math.ZeroInt()
			r = &types.RevenueReport{Denom: denom, PaidDirect: z, ReceivedUpstream: z, SentUpstream: z,
				ToContributors: z, Claimed: z, Pending: z, Unattributed: z}
			byDenom[denom] = r
			denoms = append(denoms, denom)
		}
		return r
	}
	rng := collections.NewPrefixedPairRange[uint64, string](req.AssetId)
	err := q.PaidDirect.Walk(ctx, rng, func(key collections.Pair[uint64, string], v math.Int) (bool, error) {
		get(key.K2()).PaidDirect = v
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = q.Pending.Walk(ctx, rng, func(key collections.Pair[uint64, string], v math.Int) (bool, error) {
		get(key.K2()).Pending = v
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = q.Ledgers.Walk(ctx, rng, func(key collections.Pair[uint64, string], l types.AssetLedger) (bool, error) {
		r := get(key.K2())
		r.ReceivedUpstream, r.SentUpstream, r.ToContributors = l.ReceivedUpstream, l.SentUpstream, l.ToContributors
		r.Claimed, r.Unattributed = l.Claimed, l.Unattributed
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(denoms)
	resp := &types.QueryRevenueReportResponse{}
	for _, d := range denoms {
		resp.Reports = append(resp.Reports, *byDenom[d])
	}
	return resp, nil
}

// SettlementQueue pages the queue in settlement order: the page request is always read in reverse.
func (q queryServer) SettlementQueue(ctx context.Context, req *types.QuerySettlementQueueRequest) (*types.QuerySettlementQueueResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	page := &query.PageRequest{}
	if req.Pagination != nil {
		*page = *req.Pagination
	}
	page.Reverse = true
	entries, pageRes, err := query.CollectionPaginate(ctx, q.Queue, page,
		func(id uint64, _ collections.NoValue) (types.QueueEntry, error) {
			e := types.QueueEntry{AssetId: id, Pending: sdk.NewCoins()}
			err := q.Pending.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](id),
				func(key collections.Pair[uint64, string], v math.Int) (bool, error) {
					e.Pending = e.Pending.Add(sdk.NewCoin(key.K2(), v))
					return false, nil
				})
			return e, err
		})
	if err != nil {
		return nil, err
	}
	return &types.QuerySettlementQueueResponse{Entries: entries, Pagination: pageRes}, nil
}

// Claimable returns what an address could claim now, per asset.
func (q queryServer) Claimable(ctx context.Context, req *types.QueryClaimableRequest) (*types.QueryClaimableResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	addr, err := q.addressCodec.StringToBytes(req.Address)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "address %q: %v", req.Address, err)
	}
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkAssetIDs(req.AssetIds, params.MaxClaimAssets); err != nil {
		return nil, err
	}
	ids := req.AssetIds
	if len(ids) == 0 {
		if ids, err = q.claimableAssets(ctx, addr, params.MaxClaimAssets); err != nil {
			return nil, err
		}
	}
	resp := &types.QueryClaimableResponse{Total: sdk.NewCoins()}
	for _, id := range ids {
		units, ok, err := q.unitsIn(ctx, id, addr)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		owed, err := q.owedFrom(ctx, id, addr, units)
		if err != nil {
			return nil, err
		}
		if !owed.IsZero() {
			resp.Entries = append(resp.Entries, types.ClaimableEntry{AssetId: id, Amount: owed})
			resp.Total = resp.Total.Add(owed...)
		}
	}
	return resp, nil
}
