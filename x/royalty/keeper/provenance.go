package keeper

import (
	"context"
	"math"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// assetView is the part of a provenance asset that royalties depend on. Every read of x/provenance goes through
// this file, so a change there is adapted here only.
type assetView struct {
	id          uint64
	owner       string
	upstreamBps uint32
	parents     []types.WeightedParent
	// members is the explicit contributor list; nil for a Merkle commitment.
	members []provtypes.Contributor
	// merkle is the commitment; nil for an explicit list.
	merkle     *provtypes.MerkleCommitment
	totalUnits uint64
}

// asset loads an asset, turning provenance's not-found into ErrUnknownAsset.
func (k Keeper) asset(ctx context.Context, id uint64) (assetView, error) {
	a, err := k.provenance.GetAsset(ctx, id)
	if err != nil {
		return assetView{}, errorsmod.Wrapf(types.ErrUnknownAsset, "asset %d: %v", id, err)
	}
	v := assetView{
		id:          a.Id,
		owner:       a.Owner,
		upstreamBps: a.Policy.UpstreamShareBps,
	}
	var weights uint64
	for _, p := range a.Parents {
		v.parents = append(v.parents, types.WeightedParent{AssetID: p.AssetId, WeightBps: p.WeightBps})
		weights += uint64(p.WeightBps)
	}
	// Provenance guarantees weights summing to 10000; without any weight there is nobody to split upstream to.
	if weights == 0 {
		v.parents = nil
	}
	if len(v.parents) == 0 {
		v.upstreamBps = 0
	}
	if l := a.Contributors.GetList(); l != nil {
		v.members = l.Members
		for _, m := range l.Members {
			if v.totalUnits > math.MaxUint64-m.Units {
				return assetView{}, errorsmod.Wrapf(types.ErrInvalidRequest, "asset %d: contributor units overflow 64 bits", id)
			}
			v.totalUnits += m.Units
		}
	}
	if m := a.Contributors.GetMerkle(); m != nil {
		v.merkle = m
		v.totalUnits = m.TotalUnits
	}
	return v, nil
}

// pathWork returns the asset's path work: its own settlement step plus the costliest path above it to a root
// (provenance types.PathWork), what its pending revenue must cover before it queues (pricing.go).
func (k Keeper) pathWork(ctx context.Context, id uint64) (uint64, error) {
	w, err := k.provenance.PathWorkOf(ctx, id)
	if err != nil {
		return 0, errorsmod.Wrapf(types.ErrUnknownAsset, "asset %d: %v", id, err)
	}
	return w, nil
}

// isActive reports whether an asset takes payments, reading only its status (see types.ProvenanceKeeper).
func (k Keeper) isActive(ctx context.Context, id uint64) (bool, error) {
	active, err := k.provenance.IsActive(ctx, id)
	if err != nil {
		return false, errorsmod.Wrapf(types.ErrUnknownAsset, "asset %d: %v", id, err)
	}
	return active, nil
}

// verifyMerkle checks a membership proof of (addr, units) against the asset's commitment root.
func verifyMerkle(v assetView, addr sdk.AccAddress, units uint64, proof [][]byte) bool {
	return provtypes.VerifyMerkleProof(v.merkle.Root, addr, units, proof)
}
