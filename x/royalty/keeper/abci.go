package keeper

import (
	"context"
)

// EndBlocker settles the queue within the per-block gas budget. It fails only if the params or the pass
// record cannot be read or written (a corrupt module store); no asset, amount or lineage can make it fail,
// since each asset settles in its own cache context and a failing one is quarantined (passes.go, budget.go).
func (k Keeper) EndBlocker(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	rep, err := k.Settle(ctx, params.SettlementGasBudget)
	if err != nil {
		return err
	}
	k.recordSettlement(ctx, rep)
	return nil
}
