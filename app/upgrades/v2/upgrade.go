// Package v2 is Tributary's first named upgrade. It runs the module migrations that the safety and standards
// work adds (x/provenance ConsensusVersion 1 -> 3: compact asset records, then the external-identifier index,
// path work and the revocation index of the assets already revoked;
// x/royalty 1 -> 3: route records, then the settlement-pricing param and route work; see
// x/<module>/migrations/v2 and v3) and adds the stores of modules absent from the old version map, which
// RunMigrations initialises from their default genesis: core IBC, ICS-20 transfer and rate limiting (no
// clients, no channels, transfers enabled, no rate limits) and x/dispute (no disputes, default params).
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
	disputetypes "github.com/tributary-ai/tributary/x/dispute/types"
)

// Name is the plan name governance votes on and the cosmovisor folder of the binary that runs it.
const Name = "v2"

// Upgrade runs every pending module migration.
var Upgrade = upgrades.Upgrade{
	Name: Name,
	StoreUpgrades: storetypes.StoreUpgrades{
		Added: []string{ibcexported.StoreKey, ibctransfertypes.StoreKey, ratelimittypes.StoreKey, disputetypes.StoreKey},
	},
	Handler: func(d upgrades.Deps) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			return upgrades.RunMigrations(ctx, d, plan, fromVM)
		}
	},
}
