package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// TestPageLimitsCapped: every paginated query refuses a page larger than its
// cap, so one request cannot pull a table into memory.
func TestPageLimitsCapped(t *testing.T) {
	f := newFixture(t)
	id := f.register(t, f.dataset())
	over := func(n uint64) *query.PageRequest { return &query.PageRequest{Limit: n + 1} }
	_, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{Pagination: over(keeper.MaxAssetsPageLimit)})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.query.Assets(f.ctx, &types.QueryAssetsRequest{Owner: f.addrs[0], Pagination: over(keeper.MaxAssetsPageLimit)})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.query.AssetsByContributor(f.ctx, &types.QueryAssetsByContributorRequest{Address: f.addrs[1], Pagination: over(keeper.MaxIDsPageLimit)})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.query.Children(f.ctx, &types.QueryChildrenRequest{Id: id, Pagination: over(keeper.MaxIDsPageLimit)})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: id, Pagination: over(keeper.MaxAncestorsLimit)})
	require.ErrorIs(t, err, types.ErrInvalidRequest)

	// At the cap they answer.
	res, err := f.query.Assets(f.ctx, &types.QueryAssetsRequest{Pagination: &query.PageRequest{Limit: keeper.MaxAssetsPageLimit}})
	require.NoError(t, err)
	require.Len(t, res.Assets, 1)
}

// TestAncestorsCursorBounded: a crafted 10 MB cursor (185 ms and 134 MB
// before this bound) is refused before any of it is decoded.
func TestAncestorsCursorBounded(t *testing.T) {
	f := newFixture(t)
	root := f.register(t, f.dataset())
	child := f.register(t, f.model(root))
	huge := make([]byte, 10<<20)
	huge[0] = 1
	start := time.Now()
	_, err := f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: child, Pagination: &query.PageRequest{Key: huge}})
	require.ErrorIs(t, err, types.ErrInvalidCursor)
	require.Less(t, time.Since(start), 50*time.Millisecond)

	// One byte over the bound is refused too; a real cursor is accepted.
	_, err = f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: child, Pagination: &query.PageRequest{Key: huge[:keeper.MaxAncestorsCursorBytes+1]}})
	require.ErrorIs(t, err, types.ErrInvalidCursor)
}
