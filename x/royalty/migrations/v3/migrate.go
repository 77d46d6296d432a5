// Package v3 migrates x/royalty from consensus version 2 to 3: settlement work is priced. Params gain
// min_pending_per_work_unit (field 21), set here to its default, and the store gains route_work (prefix 41),
// which the keeper fills from x/provenance's path work for every cached route (Keeper.RebuildRouteWork). Nothing already queued changes:
// the threshold applies to revenue credited from the upgrade on.
package v3

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// MigrateParams sets min_pending_per_work_unit, absent (0) in version-2 params, to its default.
func MigrateParams(ctx context.Context, params collections.Item[types.Params]) error {
	p, err := params.Get(ctx)
	if err != nil {
		return errorsmod.Wrap(err, "read version-2 params")
	}
	p.MinPendingPerWorkUnit = types.DefaultMinPendingPerWorkUnit
	if err := p.Validate(); err != nil {
		return errorsmod.Wrap(err, "migrated params")
	}
	return params.Set(ctx, p)
}
