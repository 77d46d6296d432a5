package types

import (
	errorsmod "cosmossdk.io/errors"
)

// PlanAddParent computes the lineage after adding edge to a child with the given parents and policy (the
// MISSING_LINEAGE remedy of x/dispute). policies holds the royalty policy of every parent, the new one included.
//
// Weights: without existing parents the new edge must weigh BasisPoints. Otherwise the new edge weighs w
// (1 to BasisPoints-1) and every existing weight w_i becomes floor(w_i x (BasisPoints-w) / BasisPoints); what
// rounding down leaves of BasisPoints-w is added to the largest existing edge (the lowest parent id on ties),
// so the weights still sum to BasisPoints. An existing edge that would scale to 0 refuses the plan (lineage is
// never silently dropped). Upstream share: raised to the least share that meets every parent's minimum
// derivative share after scaling (rounded up), never lowered; above BasisPoints refuses the plan.
func PlanAddParent(parents []ParentEdge, policy RoyaltyPolicy, edge ParentEdge, policies map[uint64]RoyaltyPolicy, maxParents uint32) ([]ParentEdge, uint32, error) {
	if uint64(len(parents))+1 > uint64(maxParents) {
		return nil, 0, errorsmod.Wrapf(ErrTooManyParents, "the asset has %d parents, at most %d (max_parents)", len(parents), maxParents)
	}
	for _, p := range parents {
		if p.AssetId == edge.AssetId {
			return nil, 0, errorsmod.Wrapf(ErrAlreadyParent, "asset %d is already a parent (weight %d bps)", p.AssetId, p.WeightBps)
		}
	}
	out := make([]ParentEdge, 0, len(parents)+1)
	switch {
	case len(parents) == 0 && edge.WeightBps != BasisPoints:
		return nil, 0, errorsmod.Wrapf(ErrInvalidAmendment, "the asset has no parents: the missing parent's weight must be %d bps, not %d", BasisPoints, edge.WeightBps)
	case len(parents) > 0 && (edge.WeightBps == 0 || edge.WeightBps >= BasisPoints):
		return nil, 0, errorsmod.Wrapf(ErrInvalidAmendment, "the missing parent's weight must be 1 to %d bps beside existing parents, not %d", BasisPoints-1, edge.WeightBps)
	}
	rest := uint64(BasisPoints - edge.WeightBps)
	var sum uint64
	largest := -1
	for i, p := range parents {
		scaled := uint64(p.WeightBps) * rest / BasisPoints
		sum += scaled
		out = append(out, ParentEdge{AssetId: p.AssetId, WeightBps: uint32(scaled), Relation: p.Relation})
		if largest < 0 || p.WeightBps > parents[largest].WeightBps ||
			(p.WeightBps == parents[largest].WeightBps && p.AssetId < parents[largest].AssetId) {
			largest = i
		}
	}
	if largest >= 0 {
		out[largest].WeightBps += uint32(rest - sum)
	}
	for _, p := range out {
		if p.WeightBps == 0 {
			return nil, 0, errorsmod.Wrapf(ErrInvalidAmendment, "a weight of %d bps for the missing parent scales parent %d to 0 bps: name a smaller weight", edge.WeightBps, p.AssetId)
		}
	}
	out = append(out, edge)
	upstream := policy.UpstreamShareBps
	for _, p := range out {
		pol, ok := policies[p.AssetId]
		if !ok {
			return nil, 0, errorsmod.Wrapf(ErrUnknownParent, "no policy for parent %d", p.AssetId)
		}
		need := (uint64(pol.MinDerivativeShareBps)*BasisPoints + uint64(p.WeightBps) - 1) / uint64(p.WeightBps)
		if need > BasisPoints {
			return nil, 0, errorsmod.Wrapf(ErrInvalidAmendment, "parent %d requires %d bps of a derivative's revenue, which weight %d bps cannot give under a 100%% upstream share",
				p.AssetId, pol.MinDerivativeShareBps, p.WeightBps)
		}
		if uint32(need) > upstream {
			upstream = uint32(need)
		}
	}
	if err := ValidateParents(out, maxParents); err != nil {
		return nil, 0, err
	}
	return out, upstream, nil
}
