package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// EndBlocker closes the disputes whose window ended, soonest deadline first, within deadline_gas_budget:
// an uncontested dispute is upheld (optimistic), a contested one without a decision is dismissed with both
// bonds returned. Each dispute runs in its own cache context under its own gas meter, so one that fails (an
// error, a panic, more gas than a whole budget) is dismissed with both bonds returned and reported by
// EventDisputeDeadlineFailed instead of halting the chain; one that merely does not fit the rest of this block's
// budget waits for the next block. It fails only if the params cannot be read.
func (k Keeper) EndBlocker(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	height := uint64(sdkCtx.BlockHeight())
	var used uint64
	for used < params.DeadlineGasBudget {
		key, found, err := k.firstDue(ctx, height)
		if err != nil {
			sdkCtx.Logger().Error("dispute: cannot read deadlines", "err", err)
			return nil
		}
		if !found {
			return nil
		}
		gas, outOfGas, err := k.processDeadline(sdkCtx, key.K2(), params.DeadlineGasBudget-used)
		used += gas
		if outOfGas && used > gas {
			// Others ran first: this one gets the whole budget next block.
			return nil
		}
		if err != nil {
			k.failDeadline(sdkCtx, key, err)
		}
	}
	return nil
}

// firstDue returns the due deadline entry with the lowest (height, id).
func (k Keeper) firstDue(ctx context.Context, height uint64) (collections.Pair[uint64, uint64], bool, error) {
	it, err := k.Deadlines.Iterate(ctx, new(collections.Range[collections.Pair[uint64, uint64]]).
		EndExclusive(collections.Join(height+1, uint64(0))))
	if err != nil {
		return collections.Pair[uint64, uint64]{}, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return collections.Pair[uint64, uint64]{}, false, nil
	}
	key, err := it.Key()
	return key, err == nil, err
}

// processDeadline closes one due dispute in a cache context metered at limit, writing it only on success.
func (k Keeper) processDeadline(ctx sdk.Context, id, limit uint64) (gas uint64, outOfGas bool, err error) {
	meter := storetypes.NewGasMeter(limit)
	cache, write := ctx.WithGasMeter(meter).CacheContext()
	defer func() {
		gas = meter.GasConsumedToLimit()
		ctx.GasMeter().ConsumeGas(gas, "dispute deadlines")
		if r := recover(); r != nil {
			_, outOfGas = r.(storetypes.ErrorOutOfGas)
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	d, err := k.getDispute(cache, id)
	if err != nil {
		return 0, false, err
	}
	switch d.Status {
	case types.DisputeStatus_DISPUTE_STATUS_OPEN:
		err = k.uphold(cache, d, types.DisputeStatus_DISPUTE_STATUS_UPHELD, reasonf("uncontested at height %d", d.DeadlineHeight))
	case types.DisputeStatus_DISPUTE_STATUS_CONTESTED:
		err = k.dismiss(cache, d, reasonf("no decision by height %d", d.DeadlineHeight))
	default:
		err = fmt.Errorf("dispute %d is %s but has a deadline", id, d.Status)
	}
	if err != nil {
		return 0, false, err
	}
	write()
	return 0, false, nil
}

// failDeadline dismisses a dispute whose deadline processing failed, returning both bonds (constant work), and
// reports it. If even that fails (a corrupt store), the deadline entry is dropped so that the next block does
// not retry it forever; the event says so.
func (k Keeper) failDeadline(ctx sdk.Context, key collections.Pair[uint64, uint64], cause error) {
	msg := cause.Error()
	cache, write := ctx.CacheContext()
	d, err := k.getDispute(cache, key.K2())
	if err == nil {
		err = k.dismiss(cache, d, reasonf("the outcome could not be applied: %s", msg))
	}
	if err == nil {
		write()
	} else {
		msg = fmt.Sprintf("%s; dismissing failed too (%v): deadline dropped", msg, err)
		if rmErr := k.Deadlines.Remove(ctx, key); rmErr != nil {
			ctx.Logger().Error("dispute: cannot drop deadline", "dispute", key.K2(), "err", rmErr)
		}
	}
	if err := emit(ctx, &types.EventDisputeDeadlineFailed{DisputeId: key.K2(), Error: msg}); err != nil {
		ctx.Logger().Error("dispute: cannot emit", "err", err)
	}
}
