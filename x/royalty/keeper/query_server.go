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
	work, err := q.pathWork(ctx, req.AssetId)
	if err != nil {
		return nil, err
	}
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	resp := &types.QueryRevenueReportResponse{PathWork: work, SettlementThreshold: params.SettlementThreshold(work)}
	for _, d := range denoms {
		resp.Reports = append(resp.Reports, *byDenom[d])
	}
	return resp, nil
}

// MaxQueuePage bounds one SettlementQueue page (each entry reads the asset's pending amounts).
const MaxQueuePage = 1_000

// SettlementQueue pages the queue in settlement order: the page request is always read in reverse.
func (q queryServer) SettlementQueue(ctx context.Context, req *types.QuerySettlementQueueRequest) (*types.QuerySettlementQueueResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	page := &query.PageRequest{}
	if req.Pagination != nil {
		*page = *req.Pagination
	}
	// The queue can hold every asset of the chain: a page is at most MaxQueuePage entries, and offsets and
	// totals (which walk everything before or after the page) are refused; page with next_key instead.
	if page.Offset != 0 || page.CountTotal {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "the settlement queue pages by key: offset and count_total are not supported")
	}
	if page.Limit == 0 || page.Limit > MaxQueuePage {
		page.Limit = MaxQueuePage
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

// MaxClaimablePage bounds the assets one Claimable page looks at (each costs a few reads: ~10M gas at most, a
// fifth of the 50M query gas limit) and is the default page size.
const MaxClaimablePage = 1_000

// Claimable returns what an address could claim now, per asset: from the named assets, or page by page from all
// the address's assets (pagination.key is the 8-byte big-endian id to start from; next_key continues).
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
	start, limit, err := claimablePage(req)
	if err != nil {
		return nil, err
	}
	ids, more := req.AssetIds, false
	if len(ids) == 0 {
		if ids, more, err = q.claimantAssets(ctx, addr, start, limit); err != nil {
			return nil, err
		}
	}
	resp := &types.QueryClaimableResponse{Total: sdk.NewCoins(), Pagination: &query.PageResponse{}}
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
	if more {
		resp.Pagination.NextKey = sdk.Uint64ToBigEndian(ids[len(ids)-1] + 1)
	}
	return resp, nil
}

// claimablePage reads a Claimable page request: the start id from key, the limit capped at MaxClaimablePage.
// Offsets and reverse order are refused: the page walks two indexes in step, by id.
func claimablePage(req *types.QueryClaimableRequest) (start uint64, limit uint32, err error) {
	p := req.Pagination
	if p == nil {
		return 0, MaxClaimablePage, nil
	}
	if len(req.AssetIds) > 0 {
		return 0, 0, errorsmod.Wrap(types.ErrInvalidRequest, "pagination pages the address's assets; leave it empty with asset_ids")
	}
	if p.Offset != 0 || p.Reverse || p.CountTotal {
		return 0, 0, errorsmod.Wrap(types.ErrInvalidRequest, "claimable pages by key and limit only")
	}
	if len(p.Key) != 0 && len(p.Key) != 8 {
		return 0, 0, errorsmod.Wrapf(types.ErrInvalidRequest, "pagination key is %d bytes, want an 8-byte asset id", len(p.Key))
	}
	if len(p.Key) == 8 {
		start = sdk.BigEndianToUint64(p.Key)
	}
	switch {
	case p.Limit == 0:
		limit = MaxClaimablePage
	case p.Limit > MaxClaimablePage:
		return 0, 0, errorsmod.Wrapf(types.ErrInvalidRequest, "pagination limit %d exceeds %d", p.Limit, MaxClaimablePage)
	default:
		limit = uint32(p.Limit)
	}
	return start, limit, nil
}
