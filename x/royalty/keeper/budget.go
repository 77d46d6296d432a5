package keeper

import (
	"fmt"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// stepOutcome is what one settlement step did.
type stepOutcome int

const (
	// stepEmpty: nothing settleable is queued below the pass's bound.
	stepEmpty stepOutcome = iota
	// stepSettled: the asset settled and its writes were kept.
	stepSettled
	// stepQuarantined: the asset's settlement failed; its writes were discarded and it was set aside.
	stepQuarantined
	// stepSkipped: the lookup ran out of gas stepping over quarantined assets down to id.
	stepSkipped
	// stepDeferred: the asset did not fit what is left of the block's budget; it is retried first next block.
	stepDeferred
)

// step is the result of settleNext.
type step struct {
	outcome stepOutcome
	// id is the asset settled, quarantined or deferred, or the lowest quarantined id skipped.
	id uint64
	// gas is what the step metered, at most its limit.
	gas uint64
}

// settleNext finds the next asset of the pass and settles it under a gas meter of limit, in a cache context
// written only on success. The queue lookup and the settlement share the meter, so every read, write and
// iteration is priced by the KV gas config exactly as in a transaction.
//
// Out of gas is a decision, not a failure, when fresh is false (something already ran this block): the asset
// waits for the next block, where it is first and gets the whole budget. When fresh is true and the lookup
// stepped over nothing, the asset had the whole budget (less the constant cost of one queue seek), so it can
// never settle at this budget: it is quarantined rather than retried forever. Any other panic (for example
// math.Int overflowing 256 bits on an absurd amount) and any error quarantine the asset; the block goes on.
func (k Keeper) settleNext(ctx sdk.Context, below, limit uint64, fresh bool) (res step) {
	meter := storetypes.NewGasMeter(limit)
	metered := ctx.WithGasMeter(meter)
	var (
		skippedTo uint64
		id        uint64
		found     bool
		settling  bool
	)
	defer func() {
		res.gas = meter.GasConsumedToLimit()
		// The block's own meter (infinite in EndBlock) sees the work too, so EndBlock's gas can be observed
		// from outside like any hook's.
		ctx.GasMeter().ConsumeGas(res.gas, "royalty settlement")
		r := recover()
		if r == nil {
			return
		}
		_, outOfGas := r.(storetypes.ErrorOutOfGas)
		switch {
		case outOfGas && !settling && skippedTo != 0:
			res.outcome, res.id = stepSkipped, skippedTo
		case outOfGas && !settling:
			// Not even the lookup fitted the rest of the budget: wait at the current bound.
			res.outcome, res.id = stepDeferred, below
		case outOfGas && (!fresh || skippedTo != 0):
			res.outcome, res.id = stepDeferred, id+1
		case outOfGas:
			res = k.quarantineStep(ctx, id, fmt.Sprintf("settlement needs more than the whole budget of %d gas", limit), res.gas)
		default:
			res = k.quarantineStep(ctx, id, fmt.Sprintf("panic: %v", r), res.gas)
		}
	}()

	id, found, err := k.nextQueued(metered, below, &skippedTo)
	if err != nil {
		// The module's own queue cannot be read (a corrupt store, never an asset's doing): there is no asset to
		// quarantine, and halting would stop every other module too. Log it and try again next block.
		ctx.Logger().Error("royalty: cannot read the settlement queue", "below", below, "err", err)
		return step{outcome: stepDeferred, id: below}
	}
	if !found {
		return step{outcome: stepEmpty}
	}
	settling = true
	cache, write := metered.CacheContext()
	if err := k.settleAsset(cache, id); err != nil {
		return k.quarantineStep(ctx, id, err.Error(), meter.GasConsumedToLimit())
	}
	write()
	return step{outcome: stepSettled, id: id}
}

// quarantineStep quarantines id on the unmetered context (the record is constant size) and reports it.
func (k Keeper) quarantineStep(ctx sdk.Context, id uint64, reason string, gas uint64) step {
	if err := k.quarantine(ctx, id, reason); err != nil {
		// Writing the quarantine record failed; the asset stays queued and is visited again next pass.
		ctx.Logger().Error("royalty: cannot quarantine asset", "asset", id, "reason", reason, "err", err)
	}
	return step{outcome: stepQuarantined, id: id, gas: gas}
}
