package app

import (
	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/tributary-ai/tributary/x/dispute"
	disputekeeper "github.com/tributary-ai/tributary/x/dispute/keeper"
	disputetypes "github.com/tributary-ai/tributary/x/dispute/types"
	"github.com/tributary-ai/tributary/x/provenance"
	provenancekeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
	provenancetypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty"
	royaltykeeper "github.com/tributary-ai/tributary/x/royalty/keeper"
	royaltytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// This file is where Tributary's own modules (x/provenance: assets and lineage; x/royalty: fees in,
// rewards out; x/dispute: bonded challenges of registrations) plug into the app. Keeping them apart from the SDK wiring means adding a module
// touches these functions, the module-account list and nothing else.

// tributaryMaccPerms are the module accounts of Tributary's modules. The royalty account holds
// unsettled revenue, accrued rewards and carried remainders; the dispute account holds the bonds of open
// disputes. Neither mints nor burns.
var tributaryMaccPerms = map[string][]string{
	royaltytypes.ModuleName: nil,
	disputetypes.ModuleName: nil,
}

// tributaryStoreKeys are the store keys of Tributary's modules.
func tributaryStoreKeys() []string {
	return []string{provenancetypes.StoreKey, royaltytypes.StoreKey, disputetypes.StoreKey}
}

// tributaryModuleNames are Tributary's modules in execution order: provenance before royalty,
// because royalty reads provenance state (status, lineage, contributors); dispute last, because its
// genesis marks provenance assets as under dispute and its EndBlock closes disputes after this block's
// settlement (a released asset settles from the next block on).
func tributaryModuleNames() []string {
	return []string{provenancetypes.ModuleName, royaltytypes.ModuleName, disputetypes.ModuleName}
}

// initTributaryKeepers builds Tributary's keepers once the SDK keepers exist.
func (app *App) initTributaryKeepers(authority string, accCodec address.Codec) {
	app.ProvenanceKeeper = provenancekeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(app.keys[provenancetypes.StoreKey]), accCodec, authority,
		app.BankKeeper, app.DistrKeeper,
	)
	app.RoyaltyKeeper = royaltykeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(app.keys[royaltytypes.StoreKey]), accCodec, authority,
		app.BankKeeper, app.DistrKeeper, app.ProvenanceKeeper,
	)
	// Both modules' params bound settlement work together: x/provenance asks x/royalty before it raises its
	// lineage bounds (x/royalty's MsgUpdateParams and InitGenesis ask x/provenance the other way).
	app.ProvenanceKeeper.SetSettlementGuard(app.RoyaltyKeeper)
	app.DisputeKeeper = disputekeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(app.keys[disputetypes.StoreKey]), accCodec, authority,
		app.BankKeeper, app.DistrKeeper, app.ProvenanceKeeper, app.RoyaltyKeeper,
	)
	// Revenue of an asset under an open dispute is held (x/royalty skips it in settlement until it closes).
	app.RoyaltyKeeper.SetHoldChecker(app.DisputeKeeper)
}

// tributaryModules returns the app modules of Tributary's own modules.
func (app *App) tributaryModules() []module.AppModule {
	return []module.AppModule{
		provenance.NewAppModule(app.appCodec, app.ProvenanceKeeper),
		royalty.NewAppModule(app.appCodec, app.RoyaltyKeeper),
		dispute.NewAppModule(app.appCodec, app.DisputeKeeper),
	}
}
