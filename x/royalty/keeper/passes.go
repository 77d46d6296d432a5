package keeper

import (
	"context"
	"errors"
	"math"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// SettleReport is what one Settle call did; EndBlock turns it into metrics.
type SettleReport struct {
	// GasUsed is the gas the call metered: queue lookups plus every settlement attempted (kept or discarded).
	GasUsed uint64
	// Settled counts assets whose settlement was written.
	Settled int
	// Quarantined counts assets set aside by this call.
	Quarantined int
	// Deferred is true when an asset did not fit the rest of the budget and waits for the next call.
	Deferred bool
	// Pass is the pass in progress (or last completed) when the call returned.
	Pass types.SettlementPass
}

// Settle spends at most budget gas on settlement, in passes.
//
// A pass starts with every queued asset below 2^64-1 and settles them in descending id, each time lowering
// its bound (Pass.Below) to the id it just visited. Parents always have lower ids than their children, so
// the ancestors a settlement credits are below the bound and settle in the same pass: a payment reaches the
// roots of its lineage within one pass. An asset paid while a pass is under way at or above the bound waits
// for the next pass; one below the bound joins this pass. Either way each asset settles at most once per
// pass, so a pass's work is the settlement work of the distinct assets it visits, whatever anyone pays
// meanwhile, and a payment waits at most the rest of the current pass plus its own pass (README,
// "Settlement").
//
// Every asset settles in its own cache context under its own gas meter (budget.go): its writes are kept only
// if it finishes; an error, a panic, or more gas than a full budget quarantines it (quarantine.go); a
// settlement that merely does not fit what is left of this block's budget is discarded and retried first in
// the next block. Settle therefore returns an error only if the module's own pass record cannot be read or
// written, never because of an asset.
func (k Keeper) Settle(ctx context.Context, budget uint64) (rep SettleReport, err error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	stored, err := k.Pass.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return SettleReport{}, err
	}
	// Everything is counted on the caller's meter (steps charge theirs to it too), so the bookkeeping writes
	// below (the pass record, quarantine records) are inside the budget: bookkeepingReserve is kept free for
	// them before each step.
	meter := sdkCtx.GasMeter()
	start := meter.GasConsumed()
	used := func() uint64 { return meter.GasConsumed() - start }
	rep.Pass = stored
	defer func() { rep.GasUsed = used() }()
	// fresh is true while the pass started by this call has visited nothing.
	fresh := false
	for first := true; used()+bookkeepingReserve < budget; first = false {
		step := k.settleNext(sdkCtx, rep.Pass.Below, budget-used()-bookkeepingReserve, first)
		switch step.outcome {
		case stepEmpty:
			if fresh {
				// A pass started in this call found nothing to do: stop, and do not record the empty pass.
				rep.Pass = types.SettlementPass{Number: rep.Pass.Number - 1}
				return rep, k.savePass(ctx, stored, rep.Pass)
			}
			if rep.Pass.Below != 0 {
				// Nothing queued is left below the bound: the pass is complete.
				rep.Pass.Below = 0
				if err := k.completePass(sdkCtx, rep.Pass); err != nil {
					return rep, err
				}
			}
			rep.Pass = types.SettlementPass{Number: rep.Pass.Number + 1, Below: math.MaxUint64}
			fresh = true
			continue
		case stepSettled:
			rep.Settled++
			rep.Pass.Below = step.id
		case stepQuarantined:
			rep.Quarantined++
			rep.Pass.Below = step.id
		case stepSkipped:
			// The lookup ran out of budget among quarantined assets; continue below them next block.
			rep.Pass.Below = step.id
			return rep, k.savePass(ctx, stored, rep.Pass)
		case stepDeferred:
			// The next block's lookup starts at the deferred asset, skipping nothing, so it gets a full budget.
			rep.Deferred = true
			rep.Pass.Below = step.id
			return rep, k.savePass(ctx, stored, rep.Pass)
		}
		fresh = false
	}
	return rep, k.savePass(ctx, stored, rep.Pass)
}

// bookkeepingReserve is the gas kept free before each step for the writes Settle makes outside the steps: one
// quarantine record (a reason of at most 512 bytes) and the pass record, at the default KV gas config
// (2,000 + 30 per byte written, plus a read).
const bookkeepingReserve = 25_000

// completePass emits the completion of a pass.
func (k Keeper) completePass(ctx sdk.Context, p types.SettlementPass) error {
	return ctx.EventManager().EmitTypedEvent(&types.EventSettlementPassCompleted{Number: p.Number, Height: ctx.BlockHeight()})
}

// savePass writes the pass record only when it changed, so that an idle chain writes nothing in EndBlock.
func (k Keeper) savePass(ctx context.Context, stored, p types.SettlementPass) error {
	if stored == p {
		return nil
	}
	return k.Pass.Set(ctx, p)
}

// nextQueued returns the highest queued id below below that is neither quarantined nor held. It records in *skippedTo the
// lowest quarantined id it stepped over as it goes, so that the caller keeps that progress even when the lookup
// runs out of gas midway. The iterator is closed before the caller writes, since settling queues parents.
func (k Keeper) nextQueued(ctx context.Context, below uint64, skippedTo *uint64) (id uint64, found bool, err error) {
	if below == 0 {
		return 0, false, nil
	}
	iter, err := k.Queue.Iterate(ctx, new(collections.Range[uint64]).EndExclusive(below).Descending())
	if err != nil {
		return 0, false, err
	}
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		id, err := iter.Key()
		if err != nil {
			return 0, false, err
		}
		quarantined, err := k.Quarantined.Has(ctx, id)
		if err != nil {
			return 0, false, err
		}
		held := false
		if !quarantined {
			if held, err = k.isHeld(ctx, id); err != nil {
				return 0, false, err
			}
		}
		if !quarantined && !held {
			return id, true, nil
		}
		// A held asset stays queued with its revenue pending, and the pass moves on below it: it settles in the
		// first pass after its dispute closes, under the lineage and contributors the outcome leaves.
		*skippedTo = id
	}
	return 0, false, nil
}
