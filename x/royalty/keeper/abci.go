package keeper

import (
	"context"
)

// EndBlocker settles the settlement queue within the per-block budget.
func (k Keeper) EndBlocker(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	_, err = k.Settle(ctx, params.SettlementBudget)
	return err
}
