package types

import (
	"cosmossdk.io/math"
)

// BpsDenominator is 100% in basis points.
const BpsDenominator = 10_000

// IndexPrecision scales reward indexes: an index is micro-units per contributor unit times 1e18. Per-unit
// precision is thus 1e-18 micro-units; whatever does not divide is carried, never dropped.
var IndexPrecision = math.NewIntWithDecimal(1, 18)

// BpsOf returns floor(amount * bps / 10000). Rounding down favours whoever receives the rest of amount.
func BpsOf(amount math.Int, bps uint32) math.Int {
	return amount.MulRaw(int64(bps)).QuoRaw(BpsDenominator)
}

// ProtocolFeeOf returns the protocol fee of a payment: ceil(amount * bps / 10000). It rounds up, unlike every
// split, because the fee is the price of the settlement work a payment can cause (README "Who pays"): rounded
// down, a payment below 10000/bps base units (99 utrib at 1%) paid none, so revenue cut into such payments
// escaped the fee entirely (TestAttackPreloadingBuysNothing).
func ProtocolFeeOf(amount math.Int, bps uint32) math.Int {
	return amount.MulRaw(int64(bps)).AddRaw(BpsDenominator - 1).QuoRaw(BpsDenominator)
}

// WeightedParent is a parent edge as the split needs it.
type WeightedParent struct {
	AssetID   uint64
	WeightBps uint32
}

// SplitUpstream divides upstream among parents by weight. Each parent gets floor(upstream * weight / total weight);
// the few micro-units that do not divide go to the parent with the largest weight (the first such in edge order),
// so the parts always add up to upstream exactly. Parents must be non-empty with a positive total weight.
func SplitUpstream(upstream math.Int, parents []WeightedParent) []math.Int {
	parts := make([]math.Int, len(parents))
	var totalWeight int64
	largest := 0
	for i, p := range parents {
		totalWeight += int64(p.WeightBps)
		if p.WeightBps > parents[largest].WeightBps {
			largest = i
		}
	}
	sum := math.ZeroInt()
	for i, p := range parents {
		parts[i] = upstream.MulRaw(int64(p.WeightBps)).QuoRaw(totalWeight)
		sum = sum.Add(parts[i])
	}
	parts[largest] = parts[largest].Add(upstream.Sub(sum))
	return parts
}

// Accrue adds amount to a reward index over totalUnits units, carrying the scaled remainder:
// (index', carry') = (index + q, r) where q, r = divmod(amount * 1e18 + carry, totalUnits).
// Invariant: totalUnits * (index' - index) + carry' - carry == amount * 1e18, so nothing is lost.
func Accrue(index, carry, amount math.Int, totalUnits uint64) (math.Int, math.Int) {
	scaled := amount.Mul(IndexPrecision).Add(carry)
	units := math.NewIntFromUint64(totalUnits)
	return index.Add(scaled.Quo(units)), scaled.Mod(units)
}

// Owed returns what a member with units, whose position is (lastIndex, dust), can withdraw at index, and the
// member's new dust: payout = floor((units * (index - lastIndex) + dust) / 1e18), dust' = the remainder.
func Owed(units uint64, lastIndex, dust, index math.Int) (payout, newDust math.Int) {
	scaled := index.Sub(lastIndex).Mul(math.NewIntFromUint64(units)).Add(dust)
	return scaled.Quo(IndexPrecision), scaled.Mod(IndexPrecision)
}
