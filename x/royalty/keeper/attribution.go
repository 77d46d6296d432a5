package keeper

import (
	"context"
	"encoding/binary"
	"math/bits"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/internal/idheap"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

const (
	// MaxAttributionAssets bounds the lineage one Attribution query walks.
	MaxAttributionAssets = 10_000
	// defaultAttributionLimit is the page size when the request sets none.
	defaultAttributionLimit = 100
	// maxAttributionLimit caps a page of entries.
	maxAttributionLimit = 1_000
	// Query gas charged for the arithmetic of the walk, on top of the store reads (which the gas meter counts
	// already): per asset visited (heap operations, splits), per parent edge and per entry built. Each step is a
	// constant number of 64-bit operations, so the walk's CPU is bounded by the gas the query may spend.
	attributionGasPerAsset = 1_000
	attributionGasPerEdge  = 200
	attributionGasPerEntry = 200
	// shareScale is one whole paid unit: shares are integers in units of 1e-18, LegacyDec's precision.
	shareScale uint64 = 1_000_000_000_000_000_000
)

// mulDiv returns floor(a x b / c) for b <= c, exactly, in 128-bit intermediate arithmetic (a x b < c x 2^64, so
// the quotient fits 64 bits and Div64 cannot panic).
func mulDiv(a, b, c uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	q, _ := bits.Div64(hi, lo, c)
	return q
}

// Attribution computes who ends up with what share of one unit paid to an asset, the way settlement splits it,
// in fixed point: shares are integers of 1e-18 (at most 1e18, so every product fits 128 bits and every step is a
// few machine operations). Each split truncates, so an asset's inflow is at most one 1e-18 below the exact
// fraction per edge it came through; every reported share is within (edges walked + 2) x 1e-18 of the exact
// big.Rat result, and the shares never add up to more than one. The exact arithmetic this replaces grew by about
// four digits per level and took minutes at 10,000 deep. Entries are paged by offset and limit.
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
		if p.Reverse {
			return nil, errorsmod.Wrap(types.ErrInvalidRequest, "attribution pages forward only (no reverse)")
		}
		offset, countTotal = p.Offset, p.CountTotal
		if len(p.Key) > 0 {
			if p.Offset != 0 {
				return nil, errorsmod.Wrap(types.ErrInvalidRequest, "give pagination.key or offset, not both")
			}
			var err error
			if offset, err = attributionOffset(p.Key); err != nil {
				return nil, err
			}
		}
		if p.Limit > 0 {
			limit = p.Limit
		}
	}
	if limit > maxAttributionLimit {
		return nil, errorsmod.Wrapf(types.ErrInvalidRequest, "pagination limit %d exceeds %d", limit, maxAttributionLimit)
	}
	params, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gas := sdk.UnwrapSDKContext(ctx).GasMeter()
	fee := mulDiv(shareScale, uint64(params.ProtocolFeeBps), types.BpsDenominator)
	resp := &types.QueryAttributionResponse{ProtocolFee: shareToDec(fee)}
	var unattributed uint64

	inflow := map[uint64]uint64{req.AssetId: shareScale - fee}
	h := idheap.Descending() // every child of an asset before the asset: its inflow is complete when its turn comes
	h.Push(req.AssetId)
	var all []types.AttributionEntry
	visited := 0
	for h.Len() > 0 {
		id := h.Pop()
		if visited++; visited > MaxAttributionAssets {
			return nil, errorsmod.Wrapf(types.ErrAttributionTooLarge, "more than %d assets above asset %d", MaxAttributionAssets, req.AssetId)
		}
		gas.ConsumeGas(attributionGasPerAsset, "attribution: asset")
		asset, err := q.asset(ctx, id)
		if err != nil {
			return nil, err
		}
		share := inflow[id]
		if len(asset.parents) > 0 && asset.upstreamBps > 0 {
			gas.ConsumeGas(attributionGasPerEdge*uint64(len(asset.parents)), "attribution: parents")
			up := mulDiv(share, uint64(asset.upstreamBps), types.BpsDenominator)
			var total uint64
			for _, p := range asset.parents {
				total += uint64(p.WeightBps) // at most max_parents x 10,000: no overflow
			}
			for _, p := range asset.parents {
				part := mulDiv(up, uint64(p.WeightBps), total)
				if _, ok := inflow[p.AssetID]; !ok {
					h.Push(p.AssetID)
				}
				// Every inflow is a share of one unit reaching the asset: their sum never exceeds shareScale.
				inflow[p.AssetID] += part
			}
			share -= up
		}
		switch {
		case asset.totalUnits == 0:
			unattributed += share
		case asset.merkle != nil:
			gas.ConsumeGas(attributionGasPerEntry, "attribution: entry")
			all = append(all, types.AttributionEntry{AssetId: id, Units: asset.totalUnits, Share: shareToDec(share)})
		default:
			gas.ConsumeGas(attributionGasPerEntry*uint64(len(asset.members)), "attribution: entries")
			for _, m := range asset.members {
				s := mulDiv(share, m.Units, asset.totalUnits)
				all = append(all, types.AttributionEntry{AssetId: id, Address: m.Address, Units: m.Units, Share: shareToDec(s)})
			}
		}
	}
	resp.Unattributed = shareToDec(unattributed)

	end := offset + limit
	if offset > uint64(len(all)) {
		offset = uint64(len(all))
	}
	if end > uint64(len(all)) || end < offset {
		end = uint64(len(all))
	}
	resp.Entries = all[offset:end]
	resp.Pagination = &query.PageResponse{}
	if end < uint64(len(all)) {
		resp.Pagination.NextKey = attributionKey(end)
	}
	if countTotal {
		resp.Pagination.Total = uint64(len(all))
	}
	return resp, nil
}

// shareToDec turns a share in 1e-18 units into a LegacyDec (the same precision, so exactly).
func shareToDec(share uint64) math.LegacyDec {
	return math.LegacyNewDecFromBigIntWithPrec(math.NewIntFromUint64(share).BigInt(), math.LegacyPrecision)
}

// attributionKey is the next_key of an attribution page: the offset of the next entry, 8 bytes
// big-endian. The entries are computed afresh for every page, so a key is a position in that list
// (stable while the lineage and its contributors do not change), not a store key.
func attributionKey(offset uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, offset)
}

// attributionOffset reads a key attributionKey made.
func attributionOffset(key []byte) (uint64, error) {
	if len(key) != 8 {
		return 0, errorsmod.Wrapf(types.ErrInvalidRequest, "pagination.key is %d bytes; pass the next_key of the previous attribution page (8 bytes)", len(key))
	}
	return binary.BigEndian.Uint64(key), nil
}
