package upgrades

import (
	"context"
	"fmt"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	provenancekeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
	royaltykeeper "github.com/tributary-ai/tributary/x/royalty/keeper"
)

// Upgrade is one named software upgrade: the plan name governance votes on, the stores it adds or
// deletes, and the handler that migrates state in the upgrade's first block.
type Upgrade struct {
	// Name is the plan name of the MsgSoftwareUpgrade; it is also the cosmovisor upgrade folder.
	Name string
	// StoreUpgrades are the module stores the upgrade adds, renames or deletes.
	StoreUpgrades storetypes.StoreUpgrades
	// Handler builds the upgrade handler from the app's parts.
	Handler func(Deps) upgradetypes.UpgradeHandler
}

// Deps is what an upgrade handler may use. It is a struct of the app's parts, not the app itself, so that
// upgrade packages do not import package app.
type Deps struct {
	ModuleManager    *module.Manager
	Configurator     module.Configurator
	ProvenanceKeeper provenancekeeper.Keeper
	RoyaltyKeeper    royaltykeeper.Keeper
	// Bank and Transfer let an upgrade give accepted IBC vouchers a display unit (SetVoucherDisplay).
	Bank     DenomMetadataStore
	Transfer DenomTraces
}

// RunMigrations is the core of every upgrade: each module whose ConsensusVersion rose since fromVM runs its
// registered migrations in order; a module with a higher version and no migration to it fails the upgrade
// (and so halts the chain at the upgrade height with a clear error rather than running on unmigrated
// state).
func RunMigrations(ctx context.Context, d Deps, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
	vm, err := d.ModuleManager.RunMigrations(ctx, d.Configurator, fromVM)
	if err != nil {
		return nil, fmt.Errorf("upgrade %s: module migrations: %w", plan.Name, err)
	}
	return vm, nil
}

// Validate checks a list of upgrades for what would only fail on a live network: an empty or duplicate
// name, or a missing handler.
func Validate(list []Upgrade) error {
	seen := make(map[string]bool, len(list))
	for _, u := range list {
		switch {
		case u.Name == "":
			return fmt.Errorf("an upgrade has no name")
		case seen[u.Name]:
			return fmt.Errorf("upgrade %s is listed twice", u.Name)
		case u.Handler == nil:
			return fmt.Errorf("upgrade %s has no handler", u.Name)
		}
		seen[u.Name] = true
	}
	return nil
}
