package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// maxQuarantinePage caps a QuarantinedAssets page: each entry carries a reason of up to 512 bytes.
const maxQuarantinePage = 100

// QuarantinedAssets pages the quarantined assets in ascending id.
func (q queryServer) QuarantinedAssets(ctx context.Context, req *types.QueryQuarantinedAssetsRequest) (*types.QueryQuarantinedAssetsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	page := &query.PageRequest{}
	if req.Pagination != nil {
		*page = *req.Pagination
	}
	if page.Limit == 0 || page.Limit > maxQuarantinePage {
		page.Limit = maxQuarantinePage
	}
	assets, pageRes, err := query.CollectionPaginate(ctx, q.Quarantined, page,
		func(id uint64, qr types.Quarantine) (types.QuarantinedAsset, error) {
			return types.QuarantinedAsset{AssetId: id, Quarantine: qr}, nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryQuarantinedAssetsResponse{Assets: assets, Pagination: pageRes}, nil
}
