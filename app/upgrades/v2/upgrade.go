// Package v2 is Tributary's first named upgrade. It runs the module migrations that the safety work adds
// (x/provenance and x/royalty ConsensusVersion 1 -> 2, see x/<module>/migrations/v2) and adds no stores.
package v2

import (
	"context"

	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/tributary-ai/tributary/app/upgrades"
)

// Name is the plan name governance votes on and the cosmovisor folder of the binary that runs it.
const Name = "v2"

// Upgrade runs every pending module migration.
var Upgrade = upgrades.Upgrade{
	Name: Name,
	Handler: func(d upgrades.Deps) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			return upgrades.RunMigrations(ctx, d, plan, fromVM)
		}
	},
}
