package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// AssetsByExternalID implements types.QueryServer. Each claimant costs one
// compact-record read, so a page is bounded by MaxIDsPageLimit records
// whatever the claimants' crowds.
func (q queryServer) AssetsByExternalID(ctx context.Context, req *types.QueryAssetsByExternalIDRequest) (*types.QueryAssetsByExternalIDResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if err := checkPageLimit(req.Pagination, MaxIDsPageLimit); err != nil {
		return nil, err
	}
	ext, err := types.NormalizeExternalID(req.ExternalId)
	if err != nil {
		return nil, err
	}
	claimants, page, err := query.CollectionPaginate(ctx, q.ExternalIDs, req.Pagination,
		func(key collections.Pair[string, uint64], _ collections.NoValue) (types.ExternalIDClaimant, error) {
			r, err := q.GetAssetRecord(ctx, key.K2())
			if err != nil {
				return types.ExternalIDClaimant{}, err
			}
			return types.ExternalIDClaimant{AssetId: r.Id, Owner: r.Owner, Status: r.Status, Kind: r.Kind}, nil
		},
		query.WithCollectionPaginationPairPrefix[string, uint64](ext))
	if err != nil {
		return nil, wrapPaginationError(err)
	}
	return &types.QueryAssetsByExternalIDResponse{ExternalId: ext, Claimants: claimants, Pagination: page}, nil
}
