package keeper

import (
	"context"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/collections/indexes"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// queryServer serves the Query service; it embeds the keeper, as x/royalty's does. Its methods Assets, Children
// and Params shadow the keeper's collections of the same names, which it reaches as q.Keeper.X.
type queryServer struct {
	Keeper
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{Keeper: k}
}

// Asset implements types.QueryServer.
func (q queryServer) Asset(ctx context.Context, req *types.QueryAssetRequest) (*types.QueryAssetResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	a, err := q.GetAsset(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	open, err := q.OpenDisputeIDs(ctx, req.Id)
	if err != nil {
		return nil, errorsmod.Wrapf(err, "read disputes of asset %d", req.Id)
	}
	amendments, err := q.AssetAmendments(ctx, req.Id)
	if err != nil {
		return nil, errorsmod.Wrapf(err, "read amendments of asset %d", req.Id)
	}
	return &types.QueryAssetResponse{Asset: a, OpenDisputeIds: open, Amendments: amendments}, nil
}

// AssetByCID implements types.QueryServer.
func (q queryServer) AssetByCID(ctx context.Context, req *types.QueryAssetByCIDRequest) (*types.QueryAssetByCIDResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	cid, err := types.ParseCID("cid", req.Cid)
	if err != nil {
		return nil, err
	}
	id, found, err := q.AssetIDByCID(ctx, cid)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errorsmod.Wrapf(types.ErrAssetNotFound, "no asset has CID %s", cid)
	}
	a, err := q.GetAsset(ctx, id)
	if err != nil {
		return nil, err
	}
	return &types.QueryAssetByCIDResponse{Asset: a}, nil
}

// Assets implements types.QueryServer.
func (q queryServer) Assets(ctx context.Context, req *types.QueryAssetsRequest) (*types.QueryAssetsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if err := checkPageLimit(req.Pagination, MaxAssetsPageLimit); err != nil {
		return nil, err
	}
	if req.Kind != types.AssetKind_ASSET_KIND_UNSPECIFIED {
		if err := types.ValidateKind(req.Kind); err != nil {
			return nil, err
		}
	}
	getAsset := func(id uint64) (types.Asset, error) { return q.GetAsset(ctx, id) }
	switch {
	case req.Owner != "":
		_, owner, err := types.CanonicalAddress(q.addressCodec, "owner", req.Owner)
		if err != nil {
			return nil, err
		}
		var filter func(collections.Pair[sdk.AccAddress, uint64], collections.NoValue) (bool, error)
		if req.Kind != types.AssetKind_ASSET_KIND_UNSPECIFIED {
			filter = func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (bool, error) {
				r, err := q.GetAssetRecord(ctx, key.K2())
				return r.Kind == req.Kind, err
			}
		}
		assets, page, err := query.CollectionFilteredPaginate(ctx, multiIndex[sdk.AccAddress]{q.Keeper.Assets.Indexes.Owner}, req.Pagination, filter,
			func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.Asset, error) {
				return getAsset(key.K2())
			},
			query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](sdk.AccAddress(owner)))
		if err != nil {
			return nil, wrapPaginationError(err)
		}
		return &types.QueryAssetsResponse{Assets: assets, Pagination: page}, nil
	case req.Kind != types.AssetKind_ASSET_KIND_UNSPECIFIED:
		assets, page, err := query.CollectionPaginate(ctx, multiIndex[int32]{q.Keeper.Assets.Indexes.Kind}, req.Pagination,
			func(key collections.Pair[int32, uint64], _ collections.NoValue) (types.Asset, error) {
				return getAsset(key.K2())
			},
			query.WithCollectionPaginationPairPrefix[int32, uint64](int32(req.Kind)))
		if err != nil {
			return nil, wrapPaginationError(err)
		}
		return &types.QueryAssetsResponse{Assets: assets, Pagination: page}, nil
	default:
		assets, page, err := query.CollectionPaginate(ctx, q.Keeper.Assets, req.Pagination,
			func(_ uint64, a types.Asset) (types.Asset, error) { return a, nil })
		if err != nil {
			return nil, wrapPaginationError(err)
		}
		return &types.QueryAssetsResponse{Assets: assets, Pagination: page}, nil
	}
}

// AssetsByContributor implements types.QueryServer.
func (q queryServer) AssetsByContributor(ctx context.Context, req *types.QueryAssetsByContributorRequest) (*types.QueryAssetsByContributorResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if err := checkPageLimit(req.Pagination, MaxIDsPageLimit); err != nil {
		return nil, err
	}
	_, addr, err := types.CanonicalAddress(q.addressCodec, "address", req.Address)
	if err != nil {
		return nil, err
	}
	ids, page, err := query.CollectionPaginate(ctx, q.Contributors, req.Pagination,
		func(key collections.Pair[sdk.AccAddress, uint64], _ uint64) (uint64, error) {
			return key.K2(), nil
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](sdk.AccAddress(addr)))
	if err != nil {
		return nil, wrapPaginationError(err)
	}
	return &types.QueryAssetsByContributorResponse{AssetIds: ids, Pagination: page}, nil
}

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, errorsmod.Wrap(err, "read params")
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// multiIndex lets query.CollectionPaginate page through a Multi index of
// assets, whose iterator is a key set of (reference key, asset id).
type multiIndex[R any] struct {
	idx *indexes.Multi[R, uint64, types.Asset]
}

func (m multiIndex[R]) IterateRaw(ctx context.Context, start, end []byte, order collections.Order) (collections.Iterator[collections.Pair[R, uint64], collections.NoValue], error) {
	it, err := m.idx.IterateRaw(ctx, start, end, order)
	return it, err
}

func (m multiIndex[R]) KeyCodec() collcodec.KeyCodec[collections.Pair[R, uint64]] {
	return m.idx.KeyCodec()
}

// Page limits of the paginated queries. Without a limit the SDK's default of
// 100 applies; a larger one is refused, so one request cannot pull a table
// into memory. Assets returns whole assets (up to max_contributors members
// each), the others ids.
const (
	MaxAssetsPageLimit = 100
	MaxIDsPageLimit    = 1000
)

// checkPageLimit refuses a page limit above maxLimit.
func checkPageLimit(p *query.PageRequest, maxLimit uint64) error {
	if p != nil && p.Limit > maxLimit {
		return errorsmod.Wrapf(types.ErrInvalidRequest, "pagination.limit %d, at most %d", p.Limit, maxLimit)
	}
	return nil
}

// wrapPaginationError marks pagination failures (bad keys, offset with key)
// as the caller's.
func wrapPaginationError(err error) error {
	return errorsmod.Wrap(types.ErrInvalidRequest, err.Error())
}
