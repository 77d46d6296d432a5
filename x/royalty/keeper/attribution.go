package keeper

import (
	"container/heap"
	"context"
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

const (
	// MaxAttributionAssets bounds the lineage one Attribution query walks.
	MaxAttributionAssets = 10_000
	// defaultAttributionLimit is the page size when the request sets none.
	defaultAttributionLimit = 100
)

// idHeap is a max-heap of asset ids: visiting the highest id first means every child of an asset has been
// visited before the asset, so its inflow is complete when its turn comes (diamonds add up).
type idHeap []uint64

func (h idHeap) Len() int           { return len(h) }
func (h idHeap) Less(i, j int) bool { return h[i] > h[j] }
func (h idHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *idHeap) Push(x any)        { *h = append(*h, x.(uint64)) }
func (h *idHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Attribution computes, with exact fractions, who ends up with what share of one unit paid to an asset, the way
// settlement would split it ignoring the micro-unit rounding of real amounts. Shares are truncated to 18
// decimals for display. Entries are paged by offset and limit.
func (q queryServer) Attribution(ctx context.Context, req *types.QueryAttributionRequest) (*types.QueryAttributionResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidRequest, "empty request")
	}
	var offset, limit uint64 = 0, defaultAttributionLimit
	countTotal := false
	if p := req.Pagination; p != nil {
		if len(p.Key) > 0 {
			return nil, errorsmod.Wrap(types.ErrInvalidRequest, "attribution pages by offset, not key")
		}
		offset, countTotal = p.Offset, p.CountTotal
		if p.Limit > 0 {
			limit = p.Limit
		}
	}
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	fee := big.NewRat(int64(params.ProtocolFeeBps), types.BpsDenominator)
	resp := &types.QueryAttributionResponse{ProtocolFee: ratToDec(fee)}
	unattributed := new(big.Rat)

	inflow := map[uint64]*big.Rat{req.AssetId: new(big.Rat).Sub(big.NewRat(1, 1), fee)}
	h := &idHeap{req.AssetId}
	var all []types.AttributionEntry
	visited := 0
	for h.Len() > 0 {
		id := heap.Pop(h).(uint64)
		if visited++; visited > MaxAttributionAssets {
			return nil, errorsmod.Wrapf(types.ErrAttributionTooLarge, "more than %d assets above asset %d", MaxAttributionAssets, req.AssetId)
		}
		asset, err := q.asset(ctx, id)
		if err != nil {
			return nil, err
		}
		share := inflow[id]
		if len(asset.parents) > 0 && asset.upstreamBps > 0 {
			up := new(big.Rat).Mul(share, big.NewRat(int64(asset.upstreamBps), types.BpsDenominator))
			var total int64
			for _, p := range asset.parents {
				total += int64(p.WeightBps)
			}
			for _, p := range asset.parents {
				part := new(big.Rat).Mul(up, big.NewRat(int64(p.WeightBps), total))
				if cur, ok := inflow[p.AssetID]; ok {
					cur.Add(cur, part)
				} else {
					inflow[p.AssetID] = part
					heap.Push(h, p.AssetID)
				}
			}
			share = new(big.Rat).Sub(share, up)
		}
		switch {
		case asset.totalUnits == 0:
			unattributed.Add(unattributed, share)
		case asset.merkle != nil:
			all = append(all, types.AttributionEntry{AssetId: id, Units: asset.totalUnits, Share: ratToDec(share)})
		default:
			for _, m := range asset.members {
				s := new(big.Rat).Mul(share, new(big.Rat).SetFrac(
					new(big.Int).SetUint64(m.Units), new(big.Int).SetUint64(asset.totalUnits)))
				all = append(all, types.AttributionEntry{AssetId: id, Address: m.Address, Units: m.Units, Share: ratToDec(s)})
			}
		}
	}
	resp.Unattributed = ratToDec(unattributed)

	end := offset + limit
	if offset > uint64(len(all)) {
		offset = uint64(len(all))
	}
	if end > uint64(len(all)) || end < offset {
		end = uint64(len(all))
	}
	resp.Entries = all[offset:end]
	resp.Pagination = &query.PageResponse{}
	if countTotal {
		resp.Pagination.Total = uint64(len(all))
	}
	return resp, nil
}

// ratToDec truncates an exact fraction to 18 decimals.
func ratToDec(r *big.Rat) math.LegacyDec {
	scaled := new(big.Int).Mul(r.Num(), new(big.Int).Exp(big.NewInt(10), big.NewInt(math.LegacyPrecision), nil))
	scaled.Quo(scaled, r.Denom())
	return math.LegacyNewDecFromBigIntWithPrec(scaled, math.LegacyPrecision)
}
