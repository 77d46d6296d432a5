package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Page size of the Revocations query: entries are two integers, so it follows the id lists' cap.
const (
	DefaultRevocationsLimit = 100
	MaxRevocationsLimit     = MaxIDsPageLimit
)

// Revocations implements types.QueryServer. A page reads at most limit+1 index entries whatever the number of
// revocations: it starts at (from_height, 0), or at pagination.key, and never counts or skips.
func (q queryServer) Revocations(ctx context.Context, req *types.QueryRevocationsRequest) (*types.QueryRevocationsResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	if req.FromHeight < 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "from_height %d is negative", req.FromHeight)
	}
	limit := DefaultRevocationsLimit
	start := collections.Join(req.FromHeight, uint64(0))
	if p := req.Pagination; p != nil {
		if p.Offset != 0 || p.CountTotal || p.Reverse {
			return nil, errorsmod.Wrap(types.ErrUnsupportedPagination, "revocation pages resume from pagination.key only (no offset, count_total or reverse)")
		}
		if p.Limit > MaxRevocationsLimit {
			return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "pagination.limit %d, at most %d", p.Limit, MaxRevocationsLimit)
		}
		if p.Limit > 0 {
			limit = int(p.Limit)
		}
		if len(p.Key) > 0 {
			n, key, err := types.RevocationKeyCodec.Decode(p.Key)
			if err != nil || n != len(p.Key) {
				return nil, errorsmod.Wrap(types.ErrInvalidRequest, "pagination.key is not a revocation key (height, asset id)")
			}
			if key.K1() < req.FromHeight {
				return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "pagination.key height %d is before from_height %d", key.K1(), req.FromHeight)
			}
			start = key
		}
	}
	it, err := q.Keeper.Revocations.Iterate(ctx, new(collections.Range[collections.Pair[int64, uint64]]).StartInclusive(start))
	if err != nil {
		return nil, errorsmod.Wrap(err, "read revocation index")
	}
	defer it.Close()
	out := []types.Revocation{}
	var next []byte
	for ; it.Valid(); it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, errorsmod.Wrap(err, "read revocation index")
		}
		if len(out) == limit {
			next = types.RevocationPageKey(key.K1(), key.K2())
			break
		}
		out = append(out, types.Revocation{AssetId: key.K2(), Height: key.K1()})
	}
	return &types.QueryRevocationsResponse{Revocations: out, Pagination: &query.PageResponse{NextKey: next}}, nil
}
