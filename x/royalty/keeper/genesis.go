package keeper

import (
	"context"
	"errors"
	"maps"
	"math"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// InitGenesis loads a validated genesis. x/bank must be initialised first: the module account must hold exactly
// the pending revenue plus the contributor pools of the genesis, or the chain would start unbalanced. Once loaded,
// the state must pass CheckConservation, the very check the tests run after every step: a genesis whose index runs
// ahead of its pool (a claim would take other assets' coins), whose carry is out of range or whose positions hold
// other units than their members is refused.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(k.addressCodec); err != nil {
		return err
	}
	// x/provenance is initialised first: its lineage bounds and these params are checked together.
	if err := k.checkSettlementFits(ctx, gs.Params); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidGenesis, "params: %v", err)
	}
	owed := sdk.NewCoins()
	for _, p := range gs.Pending {
		owed = owed.Add(sdk.NewCoin(p.Denom, p.Amount))
	}
	for _, e := range gs.Ledgers {
		owed = owed.Add(sdk.NewCoin(e.Denom, e.Ledger.Pool))
	}
	if balance := k.bank.GetAllBalances(ctx, k.moduleAddr); !balance.Equal(owed) {
		return errorsmod.Wrapf(types.ErrInvalidGenesis, "royalty module account holds %s, genesis owes %s (pending + pools)", balance, owed)
	}
	// x/provenance is initialised first: every asset referred to must exist, or settlement would halt the chain.
	referred := map[uint64]bool{}
	for _, id := range gs.SettlementQueue {
		referred[id] = true
	}
	for _, e := range gs.Ledgers {
		referred[e.AssetId] = true
	}
	for _, e := range gs.Prices {
		referred[e.AssetId] = true
	}
	for _, e := range gs.MerkleMembers {
		referred[e.AssetId] = true
	}
	eras := map[uint64]uint64{}
	for _, e := range gs.AssetEras {
		eras[e.AssetId] = e.Era
		referred[e.AssetId] = true
	}
	proven, counts := map[uint64]uint64{}, map[uint64]uint64{}
	for _, e := range gs.MerkleMembers {
		if e.Era > eras[e.AssetId] {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "merkle member %s of asset %d: era %d is after the asset's %d", e.Address, e.AssetId, e.Era, eras[e.AssetId])
		}
		if e.Era != eras[e.AssetId] {
			continue // a membership of a replaced commitment: kept for the record, counts for nothing
		}
		if proven[e.AssetId] > math.MaxUint64-e.Units {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "asset %d: proven merkle units overflow 64 bits", e.AssetId)
		}
		proven[e.AssetId] += e.Units
		counts[e.AssetId]++
	}
	for _, id := range slices.Sorted(maps.Keys(referred)) {
		a, err := k.asset(ctx, id)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "%v", err)
		}
		if proven[id] > 0 && (a.merkle == nil || proven[id] > a.totalUnits || counts[id] > a.merkle.MemberCount) {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "asset %d: %d proven merkle members with %d units do not fit its commitment",
				id, counts[id], proven[id])
		}
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	setAmounts := func(m collections.Map[collections.Pair[uint64, string], sdkmath.Int], list []types.AssetAmount) error {
		for _, a := range list {
			if err := m.Set(ctx, collections.Join(a.AssetId, a.Denom), a.Amount); err != nil {
				return err
			}
		}
		return nil
	}
	if err := setAmounts(k.Prices, gs.Prices); err != nil {
		return err
	}
	if err := setAmounts(k.Pending, gs.Pending); err != nil {
		return err
	}
	if err := setAmounts(k.PaidDirect, gs.PaidDirect); err != nil {
		return err
	}
	for _, id := range gs.SettlementQueue {
		if err := k.Queue.Set(ctx, id); err != nil {
			return err
		}
	}
	// Before the routes are rebuilt: a forfeited asset's route credits no contributors.
	if err := k.initDisputeGenesis(ctx, gs); err != nil {
		return err
	}
	if err := k.initSettlementGenesis(ctx, gs); err != nil {
		return err
	}
	for _, e := range gs.Ledgers {
		if err := k.Ledgers.Set(ctx, collections.Join(e.AssetId, e.Denom), e.Ledger); err != nil {
			return err
		}
	}
	for _, e := range gs.MemberRewards {
		addr, err := k.addressCodec.StringToBytes(e.Address)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "member_rewards: %q: %v", e.Address, err)
		}
		if err := k.Members.Set(ctx, collections.Join3(e.AssetId, e.Denom, sdk.AccAddress(addr)), e.Reward); err != nil {
			return err
		}
	}
	for _, e := range gs.MerkleMembers {
		addr, err := k.addressCodec.StringToBytes(e.Address)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidGenesis, "merkle_members: %q: %v", e.Address, err)
		}
		if err := k.MerkleMembers.Set(ctx, collections.Join(sdk.AccAddress(addr), e.AssetId), e.Units); err != nil {
			return err
		}
		if e.Era > 0 {
			if err := k.MerkleEras.Set(ctx, collections.Join(sdk.AccAddress(addr), e.AssetId), e.Era); err != nil {
				return err
			}
		}
		if e.Era != eras[e.AssetId] {
			continue
		}
		proven, err := k.MerkleUnits.Get(ctx, e.AssetId)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err := k.MerkleUnits.Set(ctx, e.AssetId, proven+e.Units); err != nil {
			return err
		}
		count, err := k.MerkleCounts.Get(ctx, e.AssetId)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err := k.MerkleCounts.Set(ctx, e.AssetId, count+1); err != nil {
			return err
		}
	}
	if err := k.CheckConservation(ctx); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidGenesis, "%v", err)
	}
	return nil
}

// ExportGenesis dumps the whole module state.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	getAmounts := func(m collections.Map[collections.Pair[uint64, string], sdkmath.Int]) ([]types.AssetAmount, error) {
		var out []types.AssetAmount
		err := m.Walk(ctx, nil, func(key collections.Pair[uint64, string], v sdkmath.Int) (bool, error) {
			out = append(out, types.AssetAmount{AssetId: key.K1(), Denom: key.K2(), Amount: v})
			return false, nil
		})
		return out, err
	}
	if gs.Prices, err = getAmounts(k.Prices); err != nil {
		return nil, err
	}
	if gs.Pending, err = getAmounts(k.Pending); err != nil {
		return nil, err
	}
	if gs.PaidDirect, err = getAmounts(k.PaidDirect); err != nil {
		return nil, err
	}
	err = k.Queue.Walk(ctx, nil, func(id uint64) (bool, error) {
		gs.SettlementQueue = append(gs.SettlementQueue, id)
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if err := k.exportDisputeGenesis(ctx, gs); err != nil {
		return nil, err
	}
	if err := k.exportSettlementGenesis(ctx, gs); err != nil {
		return nil, err
	}
	err = k.Ledgers.Walk(ctx, nil, func(key collections.Pair[uint64, string], l types.AssetLedger) (bool, error) {
		gs.Ledgers = append(gs.Ledgers, types.LedgerEntry{AssetId: key.K1(), Denom: key.K2(), Ledger: l})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Members.Walk(ctx, nil, func(key collections.Triple[uint64, string, sdk.AccAddress], r types.MemberReward) (bool, error) {
		addr, err := k.addressCodec.BytesToString(key.K3())
		if err != nil {
			return true, err
		}
		gs.MemberRewards = append(gs.MemberRewards, types.MemberRewardEntry{AssetId: key.K1(), Denom: key.K2(), Address: addr, Reward: r})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.MerkleMembers.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64], units uint64) (bool, error) {
		addr, err := k.addressCodec.BytesToString(key.K1())
		if err != nil {
			return true, err
		}
		era, err := k.merkleEra(ctx, key.K1(), key.K2())
		if err != nil {
			return true, err
		}
		gs.MerkleMembers = append(gs.MerkleMembers, types.MerkleMemberEntry{AssetId: key.K2(), Address: addr, Units: units, Era: era})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return gs, nil
}
