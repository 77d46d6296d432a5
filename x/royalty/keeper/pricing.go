package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Settlement pricing (README "Who pays"). A payment's gas is constant, but settling an asset writes its own
// ledger and one credit per parent, in EndBlock, paid by no transaction, and the credits go on settling the
// ancestors. So revenue joins the settlement queue only once the asset's pending amount in that denom covers
// min_pending_per_work_unit x its path work: its own step (1 + parents) plus the costliest path above it to a
// root (x/provenance types.PathWork). Pricing the whole path, not the asset's own step, is what makes depth
// cost money: along a 100%-upstream chain the same coins reach every link, so a threshold of the own step
// alone let 20 utrib run a 1,000-deep pass, where now the tip needs 20,000. Smaller amounts wait in pending
// (still counted by the conservation check) until later payments or upstream credits push them over. Anyone can
// push a waiting amount over by paying the asset the difference: that payment is the flush, and it pays its own
// gas. route_work caches the path work next to the route, 8 bytes MsgPay reads.

// readyToSettle reports whether pending revenue total of an asset is enough to queue it. An asset whose route is
// not cached yet (it never settled) is always ready: its first settlement caches the route and its work, so this
// unpriced settlement happens at most once in an asset's life, and registering assets has its own price.
func (k Keeper) readyToSettle(ctx context.Context, assetID uint64, total math.Int, minPerWork uint64) (bool, error) {
	if minPerWork == 0 {
		return true, nil
	}
	work, err := k.RouteWork.Get(ctx, assetID)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		return true, nil
	case err != nil:
		return false, err
	}
	return total.GTE(types.Params{MinPendingPerWorkUnit: minPerWork}.SettlementThreshold(work)), nil
}

// checkWaiting is the conservation check's rule for pending revenue: it is queued, or it waits below its asset's
// threshold, which it can only do with a cached route (an unrouted asset is always ready). Pending revenue that
// is neither would never settle. The amount itself is not compared with today's threshold: governance may lower
// min_pending_per_work_unit, and a waiting amount then queues with the asset's next credit or payment.
func (k Keeper) checkWaiting(ctx context.Context, assetID uint64, denom string) error {
	queued, err := k.Queue.Has(ctx, assetID)
	if err != nil || queued {
		return err
	}
	if _, err := k.RouteWork.Get(ctx, assetID); err != nil {
		return errorsmod.Wrapf(types.ErrConservationBroken,
			"asset %d has %s pending, is not queued and has no route, so it would never settle (%v)", assetID, denom, err)
	}
	return nil
}
