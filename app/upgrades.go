package app

import (
	"fmt"

	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/tributary-ai/tributary/app/upgrades"
)

// registerUpgrades registers the handler of every named upgrade the binary knows (upgradeList) and, when
// the node restarts at an upgrade height this binary handles, the store loader that adds and deletes that
// upgrade's stores before its first block. It must run before the latest version is loaded.
func (app *App) registerUpgrades() {
	list := upgradeList()
	if err := upgrades.Validate(list); err != nil {
		panic(err)
	}
	deps := upgrades.Deps{
		ModuleManager:    app.ModuleManager,
		Configurator:     app.configurator,
		ProvenanceKeeper: app.ProvenanceKeeper,
		RoyaltyKeeper:    app.RoyaltyKeeper,
		Bank:             app.BankKeeper,
		Transfer:         app.TransferKeeper,
	}
	for _, u := range list {
		app.UpgradeKeeper.SetUpgradeHandler(u.Name, u.Handler(deps))
	}

	// upgrade-info.json is written by the old binary when it halts at the upgrade height.
	plan, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		panic(fmt.Errorf("reading upgrade-info.json: %w", err))
	}
	if plan.Name == "" || app.UpgradeKeeper.IsSkipHeight(plan.Height) {
		return
	}
	for _, u := range list {
		if u.Name == plan.Name {
			app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(plan.Height, &u.StoreUpgrades))
			return
		}
	}
}
