package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// This file holds the narrow surface through which x/dispute applies remedies. Each Plan/Check method is
// read-only and runs every check the matching apply method runs, so that a dispute is refused at opening when
// its remedy could never apply; the apply methods check again (state may change while a dispute is open) before
// their first write.

// maxAmendmentsShown bounds the amendments the asset query returns.
const maxAmendmentsShown = 100

// PlanAddParent returns the parents and upstream share asset id would have after adding edge (see
// types.PlanAddParent). The parent must exist, not be revoked and have a lower id than the asset (so the
// lineage stays acyclic and ids keep ordering settlement); the relation must be known.
func (k Keeper) PlanAddParent(ctx context.Context, id uint64, edge types.ParentEdge) ([]types.ParentEdge, uint32, error) {
	child, err := k.GetAssetRecord(ctx, id)
	if err != nil {
		return nil, 0, err
	}
	if child.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return nil, 0, errorsmod.Wrapf(types.ErrAssetRevoked, "asset %d is revoked: its lineage is frozen", id)
	}
	if edge.Relation == types.Relation_RELATION_UNSPECIFIED || types.Relation_name[int32(edge.Relation)] == "" {
		return nil, 0, errorsmod.Wrapf(types.ErrInvalidRelation, "relation %d", edge.Relation)
	}
	if edge.AssetId >= id {
		return nil, 0, errorsmod.Wrapf(types.ErrLineageCycle, "parent %d is not older than asset %d: a parent always has a lower id", edge.AssetId, id)
	}
	parent, err := k.GetAssetRecord(ctx, edge.AssetId)
	if err != nil {
		return nil, 0, errorsmod.Wrapf(types.ErrUnknownParent, "parent %d: %v", edge.AssetId, err)
	}
	if parent.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return nil, 0, errorsmod.Wrapf(types.ErrInactiveParent, "parent %d is revoked", edge.AssetId)
	}
	policies := map[uint64]types.RoyaltyPolicy{edge.AssetId: parent.Policy}
	for _, p := range child.Parents {
		rec, err := k.GetAssetRecord(ctx, p.AssetId)
		if err != nil {
			return nil, 0, err
		}
		policies[p.AssetId] = rec.Policy
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, 0, errorsmod.Wrap(err, "read params")
	}
	parents, upstream, err := types.PlanAddParent(child.Parents, child.Policy, edge, policies, params.MaxParents)
	if err != nil {
		return nil, 0, err
	}
	if err := k.checkPathWorkRaise(ctx, id, child.Parents, edge.AssetId); err != nil {
		return nil, 0, err
	}
	return parents, upstream, nil
}

// AddParentByDispute applies the MISSING_LINEAGE remedy of dispute disputeID: edge is added, the weights are
// scaled and the upstream share raised as PlanAddParent says, and the amendment is recorded. It returns the
// descendants whose path work it re-priced (at most MaxRepricingSteps of them), so that x/royalty can re-read
// theirs.
func (k Keeper) AddParentByDispute(ctx context.Context, id, disputeID uint64, edge types.ParentEdge) ([]uint64, error) {
	parents, upstream, err := k.PlanAddParent(ctx, id, edge)
	if err != nil {
		return nil, err
	}
	a, err := k.GetAsset(ctx, id)
	if err != nil {
		return nil, err
	}
	am := types.Amendment{
		DisputeId: disputeID, Height: sdk.UnwrapSDKContext(ctx).BlockHeight(), AddedParent: edge,
		PreviousParents: a.Parents, PreviousUpstreamShareBps: a.Policy.UpstreamShareBps,
	}
	a.Parents = parents
	a.Policy.UpstreamShareBps = upstream
	if err := k.setAsset(ctx, a); err != nil {
		return nil, err
	}
	// The asset's own path work grows with the new parent, and its descendants' with it, as far as
	// MaxRepricingSteps reaches (checkPathWorkRaise allowed the remedy only if that is all of them, or if they lag
	// by one unit at most; path_work.go).
	if err := k.setPathWork(ctx, id, a.Parents); err != nil {
		return nil, err
	}
	raised, err := k.PathWorkOf(ctx, id)
	if err != nil {
		return nil, err
	}
	_, repriced, err := k.repriceDescendants(ctx, id, raised, true)
	if err != nil {
		return nil, err
	}
	if err := k.Children.Set(ctx, collections.Join(edge.AssetId, id)); err != nil {
		return nil, errorsmod.Wrapf(err, "index child %d of asset %d", id, edge.AssetId)
	}
	return repriced, k.recordAmendment(ctx, id, am)
}

// CheckReassign validates the REASSIGN remedy: the asset is not revoked, the new owner may own assets, and the
// contributors are valid under the current params (an explicit list names no module account). It returns the
// contributors in canonical form.
func (k Keeper) CheckReassign(ctx context.Context, id uint64, newOwner string, contributors types.Contributors) (types.Contributors, error) {
	rec, err := k.GetAssetRecord(ctx, id)
	if err != nil {
		return types.Contributors{}, err
	}
	if rec.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return types.Contributors{}, errorsmod.Wrapf(types.ErrAssetRevoked, "asset %d is revoked", id)
	}
	owner, ownerBz, err := types.CanonicalAddress(k.addressCodec, "new owner", newOwner)
	if err != nil {
		return types.Contributors{}, err
	}
	if err := k.checkNotBlocked("new owner", owner, ownerBz); err != nil {
		return types.Contributors{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.Contributors{}, errorsmod.Wrap(err, "read params")
	}
	norm, err := types.NormalizeContributors(k.addressCodec, contributors, params.MaxContributors)
	if err != nil {
		return types.Contributors{}, err
	}
	if list := norm.GetList(); list != nil {
		for i, m := range list.Members {
			bz, err := k.addressCodec.StringToBytes(m.Address)
			if err != nil {
				return types.Contributors{}, errorsmod.Wrapf(types.ErrInvalidAddress, "contributor %d: %v", i, err)
			}
			if err := k.checkNotBlocked(fmt.Sprintf("contributor %d", i), m.Address, bz); err != nil {
				return types.Contributors{}, err
			}
		}
	}
	return norm, nil
}

// ReassignByDispute applies the REASSIGN remedy of dispute disputeID: newOwner owns the asset, contributors
// replace its contributors (contributor index included; any ownership transfer in progress is withdrawn) and the
// amendment is recorded. It returns the contributors it replaced, so that x/royalty can close their account.
func (k Keeper) ReassignByDispute(ctx context.Context, id, disputeID uint64, newOwner string, contributors types.Contributors) (types.Contributors, error) {
	norm, err := k.CheckReassign(ctx, id, newOwner, contributors)
	if err != nil {
		return types.Contributors{}, err
	}
	owner, _, err := types.CanonicalAddress(k.addressCodec, "new owner", newOwner)
	if err != nil {
		return types.Contributors{}, err
	}
	a, err := k.GetAsset(ctx, id)
	if err != nil {
		return types.Contributors{}, err
	}
	former := a.Contributors
	if err := k.indexContributors(ctx, id, former, false); err != nil {
		return types.Contributors{}, err
	}
	am := types.Amendment{
		DisputeId: disputeID, Height: sdk.UnwrapSDKContext(ctx).BlockHeight(),
		PreviousOwner: a.Owner, PreviousContributors: &former, NewContributors: &norm,
	}
	a.Owner, a.PendingOwner, a.Contributors = owner, "", norm
	if err := k.setAsset(ctx, a); err != nil {
		return types.Contributors{}, err
	}
	if err := k.indexContributors(ctx, id, norm, true); err != nil {
		return types.Contributors{}, err
	}
	return former, k.recordAmendment(ctx, id, am)
}

// indexContributors adds (or removes) the contributor index entries of an explicit list.
func (k Keeper) indexContributors(ctx context.Context, id uint64, c types.Contributors, add bool) error {
	list := c.GetList()
	if list == nil {
		return nil
	}
	for _, m := range list.Members {
		addr, err := k.addressCodec.StringToBytes(m.Address)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidAddress, "contributor %q: %v", m.Address, err)
		}
		key := collections.Join(sdk.AccAddress(addr), id)
		if add {
			err = k.Contributors.Set(ctx, key, m.Units)
		} else {
			err = k.Contributors.Remove(ctx, key)
		}
		if err != nil {
			return errorsmod.Wrapf(err, "contributor index of asset %d", id)
		}
	}
	return nil
}

// RevokeByDispute applies the REVOKE remedy of dispute disputeID. The CID stays taken, as with governance's
// revocation: infringing content cannot be registered again, and a rightful author uses REASSIGN instead.
func (k Keeper) RevokeByDispute(ctx context.Context, id, disputeID uint64, reason string) error {
	a, err := k.GetAsset(ctx, id)
	if err != nil {
		return err
	}
	if a.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return errorsmod.Wrapf(types.ErrAssetRevoked, "asset %d is already revoked (%s)", id, a.RevokeReason)
	}
	previous := a.Status
	revokeReason := fmt.Sprintf("dispute %d: %s", disputeID, reason)
	if err := k.revoke(ctx, a, revokeReason); err != nil {
		return err
	}
	if err := emit(ctx, &types.EventAssetRevoked{AssetId: id, PreviousStatus: previous, Reason: revokeReason}); err != nil {
		return err
	}
	return k.recordAmendment(ctx, id, types.Amendment{
		DisputeId: disputeID, Height: sdk.UnwrapSDKContext(ctx).BlockHeight(), Revoked: true,
	})
}

// recordAmendment stores and announces one amendment.
func (k Keeper) recordAmendment(ctx context.Context, id uint64, am types.Amendment) error {
	am.AssetId = id
	if err := k.Amendments.Set(ctx, collections.Join(id, am.DisputeId), am); err != nil {
		return errorsmod.Wrapf(err, "record amendment of asset %d", id)
	}
	return emit(ctx, &types.EventAssetAmended{AssetId: id, Amendment: am})
}

// SetUnderDispute marks (open true) or unmarks asset id as under dispute disputeID.
func (k Keeper) SetUnderDispute(ctx context.Context, id, disputeID uint64, open bool) error {
	key := collections.Join(id, disputeID)
	if open {
		return k.UnderDispute.Set(ctx, key)
	}
	return k.UnderDispute.Remove(ctx, key)
}

// OpenDisputeIDs returns the disputes open against asset id (at most one per dispute kind, so a handful).
func (k Keeper) OpenDisputeIDs(ctx context.Context, id uint64) ([]uint64, error) {
	var ids []uint64
	err := k.UnderDispute.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](id), func(key collections.Pair[uint64, uint64]) (bool, error) {
		ids = append(ids, key.K2())
		return false, nil
	})
	return ids, err
}

// AssetAmendments returns the first maxAmendmentsShown amendments of asset id, oldest dispute first.
func (k Keeper) AssetAmendments(ctx context.Context, id uint64) ([]types.Amendment, error) {
	var out []types.Amendment
	err := k.Amendments.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](id), func(_ collections.Pair[uint64, uint64], am types.Amendment) (bool, error) {
		out = append(out, am)
		return len(out) >= maxAmendmentsShown, nil
	})
	return out, err
}
