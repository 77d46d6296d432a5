package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// This file is what x/dispute calls when a dispute's outcome changes an asset. Held revenue needs nothing here:
// the asset stayed queued with its revenue pending (hold.go), and it settles under whatever route the outcome
// leaves once the route cache is dropped.

// RouteChanged drops the cached settlement route of asset id after its lineage or policy changed (a
// MISSING_LINEAGE remedy), so that its next settlement reads the amended lineage.
func (k Keeper) RouteChanged(ctx context.Context, id uint64) error {
	return k.dropRoute(ctx, id)
}

// PathWorkChanged re-reads the path work of asset id, a descendant of an asset whose lineage a dispute amended
// (x/provenance re-priced it), into the cached route work, so that its revenue is priced on the path it now has.
// An asset without a cached route reads it when its route is cached. Revenue already waiting stays pending:
// it waits for the higher threshold, or settles with the asset's next credit that reaches it.
func (k Keeper) PathWorkChanged(ctx context.Context, id uint64) error {
	routed, err := k.RouteWork.Has(ctx, id)
	if err != nil || !routed {
		return err
	}
	w, err := k.pathWork(ctx, id)
	if err != nil {
		return err
	}
	return k.RouteWork.Set(ctx, id, w)
}

// ForfeitContributors applies a REVOKE outcome: from now on the contributors' part of what asset id settles
// (held revenue, and credits from descendants) goes to the community pool; the upstream part still reaches its
// parents, who did nothing wrong. What the contributors had accrued before the dispute opened stays claimable.
func (k Keeper) ForfeitContributors(ctx context.Context, id uint64) error {
	if err := k.Forfeited.Set(ctx, id); err != nil {
		return err
	}
	return k.dropRoute(ctx, id)
}

// dropRoute forgets asset id's cached route and its route work, so that its next settlement reads what the
// outcome left. Revenue waiting below the pricing threshold is priced by the route work it no longer has, so the
// asset is queued when it has anything pending: otherwise that revenue would never settle (and the conservation
// check, which accepts unqueued revenue only on a routed asset, would fail). Its next settlement re-prices it.
func (k Keeper) dropRoute(ctx context.Context, id uint64) error {
	if err := k.Routes.Remove(ctx, id); err != nil {
		return err
	}
	if err := k.RouteWork.Remove(ctx, id); err != nil {
		return err
	}
	iter, err := k.Pending.Iterate(ctx, collections.NewPrefixedPairRange[uint64, string](id))
	if err != nil {
		return err
	}
	defer iter.Close()
	if !iter.Valid() {
		return nil
	}
	return k.Queue.Set(ctx, id)
}

// era returns asset id's contributor era (0 until a dispute replaces its contributors).
func (k Keeper) era(ctx context.Context, id uint64) (uint64, error) {
	e, err := k.Eras.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return e, err
}

// merkleEra returns the era in which addr proved membership of asset id (0 when recorded without one).
func (k Keeper) merkleEra(ctx context.Context, addr sdk.AccAddress, id uint64) (uint64, error) {
	e, err := k.MerkleEras.Get(ctx, collections.Join(addr, id))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return e, err
}

// currentMerkleUnits returns addr's proven units in asset id's current commitment; ok is false when addr never
// proved membership or proved it for a commitment a dispute has since replaced.
func (k Keeper) currentMerkleUnits(ctx context.Context, addr sdk.AccAddress, id uint64) (uint64, bool, error) {
	units, err := k.MerkleMembers.Get(ctx, collections.Join(addr, id))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	memberEra, err := k.merkleEra(ctx, addr, id)
	if err != nil {
		return 0, false, err
	}
	assetEra, err := k.era(ctx, id)
	if err != nil {
		return 0, false, err
	}
	return units, memberEra == assetEra, nil
}

// CloseContributorEra settles the account of contributors a REASSIGN outcome replaced, before the new ones take
// over asset id. For every denom of the asset:
//
//   - each former contributor is paid what it had accrued (explicit list: every member, from the list; Merkle
//     commitment: every member with a claim position, that is every proven member who claimed), and its position
//     is removed;
//   - what the pool holds beyond that (dust, carry, and the share of Merkle members who never proved membership)
//     goes to the community pool and is counted as unattributed;
//   - the index, carry and pool restart at zero, so that the new contributors share only what settles from now
//     on: nobody gains anything accrued before the reassignment.
//
// The era is bumped, which retires the former commitment's Merkle memberships and their proven totals, and the
// route is dropped (the unit total changed). Its work is O(denoms x former members with an account).
func (k Keeper) CloseContributorEra(ctx context.Context, id uint64, former provtypes.Contributors) error {
	ledgers, err := k.assetLedgers(ctx, id)
	if err != nil {
		return err
	}
	for _, dl := range ledgers {
		if err := k.closeLedger(ctx, id, dl, former.GetList()); err != nil {
			return err
		}
	}
	era, err := k.era(ctx, id)
	if err != nil {
		return err
	}
	if err := k.Eras.Set(ctx, id, era+1); err != nil {
		return err
	}
	if err := k.MerkleUnits.Remove(ctx, id); err != nil {
		return err
	}
	if err := k.MerkleCounts.Remove(ctx, id); err != nil {
		return err
	}
	return k.dropRoute(ctx, id)
}

// closeLedger pays out one denom of a closing era (see CloseContributorEra). list is nil for a Merkle commitment.
func (k Keeper) closeLedger(ctx context.Context, id uint64, dl denomLedger, list *provtypes.ContributorList) error {
	l := dl.ledger
	payouts := map[string]math.Int{}
	var order []string
	owe := func(addr string, units uint64, pos types.MemberReward) {
		pay, _ := types.Owed(units, pos.LastIndex, pos.Dust, l.Index)
		if _, seen := payouts[addr]; !seen {
			order = append(order, addr)
			payouts[addr] = math.ZeroInt()
		}
		payouts[addr] = payouts[addr].Add(pay)
	}
	var keys []collections.Triple[uint64, string, sdk.AccAddress]
	err := k.Members.Walk(ctx, collections.NewSuperPrefixedTripleRange[uint64, string, sdk.AccAddress](id, dl.denom),
		func(key collections.Triple[uint64, string, sdk.AccAddress], pos types.MemberReward) (bool, error) {
			keys = append(keys, key)
			if list == nil {
				owe(key.K3().String(), pos.Units, pos)
			}
			return false, nil
		})
	if err != nil {
		return err
	}
	if list != nil {
		for _, m := range list.Members {
			addr, err := k.addressCodec.StringToBytes(m.Address)
			if err != nil {
				return errorsmod.Wrapf(types.ErrInvalidRequest, "former contributor %q: %v", m.Address, err)
			}
			pos, err := k.position(ctx, collections.Join3(id, dl.denom, sdk.AccAddress(addr)), m.Units)
			if err != nil {
				return err
			}
			owe(sdk.AccAddress(addr).String(), m.Units, pos)
		}
	}
	for _, key := range keys {
		if err := k.Members.Remove(ctx, key); err != nil {
			return err
		}
	}
	paid := math.ZeroInt()
	for _, addr := range order {
		pay := payouts[addr]
		if !pay.IsPositive() {
			continue
		}
		paid = paid.Add(pay)
		if paid.GT(l.Pool) {
			return errorsmod.Wrapf(types.ErrPoolOverdrawn, "asset %d: former contributors are owed more than the pool's %s%s", id, l.Pool, dl.denom)
		}
		to, err := sdk.AccAddressFromBech32(addr)
		if err != nil {
			return err
		}
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, sdk.NewCoins(sdk.NewCoin(dl.denom, pay))); err != nil {
			return errorsmod.Wrapf(err, "pay former contributor %s of asset %d", addr, id)
		}
	}
	rest := l.Pool.Sub(paid)
	if rest.IsPositive() {
		if err := k.distr.FundCommunityPool(ctx, sdk.NewCoins(sdk.NewCoin(dl.denom, rest)), k.moduleAddr); err != nil {
			return err
		}
	}
	l.Claimed = l.Claimed.Add(paid)
	l.Unattributed = l.Unattributed.Add(rest)
	l.Pool, l.Index, l.Carry = math.ZeroInt(), math.ZeroInt(), math.ZeroInt()
	if err := k.Ledgers.Set(ctx, collections.Join(id, dl.denom), l); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventContributorEraClosed{
		AssetId: id, Denom: dl.denom, PaidOut: paid, ToCommunityPool: rest,
	})
}

// recordMerkleEra records the asset's current era with a new Merkle membership (nothing in era 0, the era of
// every asset no dispute has reassigned).
func (k Keeper) recordMerkleEra(ctx context.Context, key collections.Pair[sdk.AccAddress, uint64]) error {
	era, err := k.era(ctx, key.K2())
	if err != nil || era == 0 {
		return err
	}
	return k.MerkleEras.Set(ctx, key, era)
}
