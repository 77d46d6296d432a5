package keeper

import (
	"context"
	"fmt"
	"math"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// CheckConservation verifies, to the last micro-unit, that nothing was created or lost:
//
//  1. for every denom, the module account balance equals the sum of pending revenue plus the sum of the
//     contributor pools (accrued unclaimed rewards plus carried remainders);
//  2. for every (asset, denom), pool x 1e18 equals the scaled entitlements of all contributors plus the index
//     carry: sum over recorded members of units x (index - last_index) + dust, plus the units of members who never
//     claimed times index (they start at 0), plus carry; the carry is a remainder of a division by the asset's
//     units, so below them; and every recorded position holds exactly the units its member has in the asset.
//
// It walks the whole store, so it is for genesis (InitGenesis runs it on the imported state), tests, simulations
// and audits, never for a transaction.
func (k Keeper) CheckConservation(ctx context.Context) error {
	owed := sdk.NewCoins()
	err := k.Pending.Walk(ctx, nil, func(key collections.Pair[uint64, string], amount sdkmath.Int) (bool, error) {
		if !amount.IsPositive() {
			return true, fmt.Errorf("pending of asset %d is %s%s", key.K1(), amount, key.K2())
		}
		if err := k.checkWaiting(ctx, key.K1(), key.K2()); err != nil {
			return true, err
		}
		owed = owed.Add(sdk.NewCoin(key.K2(), amount))
		return false, nil
	})
	if err != nil {
		return errorsmod.Wrap(types.ErrConservationBroken, err.Error())
	}

	type scaled struct {
		units uint64
		sum   sdkmath.Int
	}
	type assetDenom struct {
		asset uint64
		denom string
	}
	members := make(map[assetDenom]*scaled)
	err = k.Members.Walk(ctx, nil, func(key collections.Triple[uint64, string, sdk.AccAddress], pos types.MemberReward) (bool, error) {
		pk := assetDenom{key.K1(), key.K2()}
		s, ok := members[pk]
		if !ok {
			s = &scaled{sum: sdkmath.ZeroInt()}
			members[pk] = s
		}
		l, err := k.ledger(ctx, key.K1(), key.K2())
		if err != nil {
			return true, err
		}
		units, ok, err := k.unitsIn(ctx, key.K1(), key.K3())
		if err != nil {
			return true, err
		}
		if !ok || units != pos.Units {
			// A position with other units than the member's would be paid for units it does not hold.
			return true, fmt.Errorf("asset %d %s: position of %s holds %d units, the member has %d (member: %t)",
				key.K1(), key.K2(), key.K3(), pos.Units, units, ok)
		}
		if s.units > math.MaxUint64-pos.Units {
			return true, fmt.Errorf("asset %d %s: recorded units overflow 64 bits", key.K1(), key.K2())
		}
		s.units += pos.Units
		s.sum = s.sum.Add(l.Index.Sub(pos.LastIndex).Mul(sdkmath.NewIntFromUint64(pos.Units))).Add(pos.Dust)
		return false, nil
	})
	if err != nil {
		return errorsmod.Wrap(types.ErrConservationBroken, err.Error())
	}

	err = k.Ledgers.Walk(ctx, nil, func(key collections.Pair[uint64, string], l types.AssetLedger) (bool, error) {
		if l.Pool.IsNegative() || l.Carry.IsNegative() {
			return true, fmt.Errorf("asset %d %s: negative pool %s or carry %s", key.K1(), key.K2(), l.Pool, l.Carry)
		}
		owed = owed.Add(sdk.NewCoin(key.K2(), l.Pool))
		if l.Index.IsZero() && l.Carry.IsZero() {
			if !l.Pool.IsZero() {
				return true, fmt.Errorf("asset %d %s: pool %s with nothing accrued", key.K1(), key.K2(), l.Pool)
			}
			return false, nil
		}
		asset, err := k.asset(ctx, key.K1())
		if err != nil {
			return true, err
		}
		entitled := sdkmath.ZeroInt()
		var recorded uint64
		if s, ok := members[assetDenom{key.K1(), key.K2()}]; ok {
			entitled, recorded = s.sum, s.units
		}
		if l.Carry.GTE(sdkmath.NewIntFromUint64(asset.totalUnits)) && !l.Carry.IsZero() {
			return true, fmt.Errorf("asset %d %s: carry %s is not below the asset's %d units", key.K1(), key.K2(), l.Carry, asset.totalUnits)
		}
		if recorded > asset.totalUnits {
			return true, fmt.Errorf("asset %d %s: %d recorded units exceed the asset's %d", key.K1(), key.K2(), recorded, asset.totalUnits)
		}
		entitled = entitled.Add(l.Index.Mul(sdkmath.NewIntFromUint64(asset.totalUnits - recorded))).Add(l.Carry)
		if !l.Pool.Mul(types.IndexPrecision).Equal(entitled) {
			return true, fmt.Errorf("asset %d %s: pool %s x 1e18 != entitlements + carry %s", key.K1(), key.K2(), l.Pool, entitled)
		}
		return false, nil
	})
	if err != nil {
		return errorsmod.Wrap(types.ErrConservationBroken, err.Error())
	}

	balance := k.bank.GetAllBalances(ctx, k.moduleAddr)
	if !balance.Equal(owed) {
		return errorsmod.Wrapf(types.ErrConservationBroken, "module balance %s != pending + pools %s", balance, owed)
	}
	return nil
}
