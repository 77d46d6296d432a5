package export

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/grpc"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Source is the part of the query service an export reads; types.QueryClient satisfies it.
type Source interface {
	Asset(ctx context.Context, in *types.QueryAssetRequest, opts ...grpc.CallOption) (*types.QueryAssetResponse, error)
	Ancestors(ctx context.Context, in *types.QueryAncestorsRequest, opts ...grpc.CallOption) (*types.QueryAncestorsResponse, error)
}

// Meta says where and when the lineage was read.
type Meta struct {
	// ChainID is the chain's id.
	ChainID string
	// Height is the block height every query was answered at.
	Height int64
	// Time is that block's time.
	Time time.Time
	// Tool names the program that wrote the export (for example "tributaryd v1.2.0").
	Tool string
}

// ancestorsPage is the page size of the walk: the query's maximum, so that a 10,000-ancestor lineage
// is 10 round trips for the ids plus one per asset.
const ancestorsPage = 1000

// Walk calls visit with the asset id and then with every ancestor once, children before parents (the
// Ancestors query's descending id), reading one page of ancestors at a time.
func Walk(ctx context.Context, src Source, id uint64, visit func(types.Asset) error) error {
	root, err := src.Asset(ctx, &types.QueryAssetRequest{Id: id})
	if err != nil {
		return fmt.Errorf("read asset %d: %w", id, err)
	}
	if err := visit(root.Asset); err != nil {
		return err
	}
	var key []byte
	for {
		page, err := src.Ancestors(ctx, &types.QueryAncestorsRequest{Id: id, Pagination: &query.PageRequest{Key: key, Limit: ancestorsPage}})
		if err != nil {
			return fmt.Errorf("read the ancestors of asset %d: %w", id, err)
		}
		for _, anc := range page.Ancestors {
			a, err := src.Asset(ctx, &types.QueryAssetRequest{Id: anc.Asset.Id})
			if err != nil {
				return fmt.Errorf("read ancestor %d: %w", anc.Asset.Id, err)
			}
			if err := visit(a.Asset); err != nil {
				return err
			}
		}
		if page.Pagination == nil || len(page.Pagination.NextKey) == 0 {
			return nil
		}
		key = page.Pagination.NextKey
	}
}
