// Package v2 is Tributary's first named upgrade. It runs the module migrations that the safety work adds
// (x/provenance and x/royalty ConsensusVersion 1 -> 2, see x/<module>/migrations/v2) and adds IBC: the
// stores of core IBC, ICS-20 transfer and rate limiting, whose modules are absent from the old version map,
// so RunMigrations initialises them from their default genesis (no clients, no channels, transfers enabled,
// no rate limits).
package v2

import (
	"context"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"

	"github.com/tributary-ai/tributary/app/upgrades"
)

// Name is the plan name governance votes on and the cosmovisor folder of the binary that runs it.
const Name = "v2"

// Upgrade runs every pending module migration.
var Upgrade = upgrades.Upgrade{
	Name: Name,
	StoreUpgrades: storetypes.StoreUpgrades{
		Added: []string{ibcexported.StoreKey, ibctransfertypes.StoreKey, ratelimittypes.StoreKey},
	},
	Handler: func(d upgrades.Deps) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			return upgrades.RunMigrations(ctx, d, plan, fromVM)
		}
	},
}
