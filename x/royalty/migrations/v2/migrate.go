// Package v2 migrates x/royalty from consensus version 1 to 2: settlement's per-block budget is gas
// (settlement_gas_budget) instead of a count of assets (settlement_budget, field 3, now reserved). The new
// settlement state (the pass record and the quarantine) starts empty, which is its correct initial value:
// the first block after the upgrade starts pass 1 over the queue as it stands.
package v2

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// MigrateParams reads the version-1 params (whose settlement_budget field the new type no longer has and
// skips when decoding) and sets the gas budget to its default. The old asset count is not converted: it
// never measured work, so no gas figure corresponds to it.
func MigrateParams(ctx context.Context, params collections.Item[types.Params]) error {
	p, err := params.Get(ctx)
	if err != nil {
		return errorsmod.Wrap(err, "read version-1 params")
	}
	if p.SettlementGasBudget == 0 {
		p.SettlementGasBudget = types.DefaultSettlementGasBudget
	}
	if err := p.Validate(); err != nil {
		return errorsmod.Wrap(err, "migrated params")
	}
	return params.Set(ctx, p)
}
