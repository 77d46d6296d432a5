package app_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"

	"github.com/tributary-ai/tributary/app"
	"github.com/tributary-ai/tributary/app/upgrades"
	v2 "github.com/tributary-ai/tributary/app/upgrades/v2"
	disputetypes "github.com/tributary-ai/tributary/x/dispute/types"
	provenancetypes "github.com/tributary-ai/tributary/x/provenance/types"
	royaltytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// TestUpgradeV2RunsTheModuleMigrations runs the v2 handler on Tributary state written at module version 1
// (the default genesis of both modules) and requires every module to end at its current ConsensusVersion.
// When a module's ConsensusVersion rises without a migration registered for it, RunMigrations fails here
// instead of halting a live network at the upgrade height.
func TestUpgradeV2RunsTheModuleMigrations(t *testing.T) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	require.True(t, a.UpgradeKeeper.HasHandler(v2.Name), "the app does not register upgrade %s", v2.Name)
	ctx := a.NewContext(true)
	gen := a.DefaultGenesis()
	for _, name := range []string{provenancetypes.ModuleName, royaltytypes.ModuleName} {
		m, ok := a.ModuleManager.Modules[name].(module.HasGenesis)
		require.True(t, ok, name)
		m.InitGenesis(ctx, a.AppCodec(), gen[name])
	}

	current := a.ModuleManager.GetVersionMap()
	from := module.VersionMap{}
	for name, v := range current {
		from[name] = v
	}
	from[provenancetypes.ModuleName] = 1
	from[royaltytypes.ModuleName] = 1
	// A wave-1 chain has no IBC and no disputes: their modules are missing from the version map and the
	// upgrade adds them.
	for _, name := range []string{ibcexported.ModuleName, ibctransfertypes.ModuleName, ratelimittypes.ModuleName, disputetypes.ModuleName} {
		delete(from, name)
		require.Contains(t, v2.Upgrade.StoreUpgrades.Added, name, "upgrade v2 does not add the %s store", name)
	}
	require.Empty(t, a.TransferKeeper.GetPort(ctx), "transfer has a port before the upgrade")

	handler := v2.Upgrade.Handler(upgrades.Deps{
		ModuleManager:    a.ModuleManager,
		Configurator:     a.Configurator(),
		ProvenanceKeeper: a.ProvenanceKeeper,
		RoyaltyKeeper:    a.RoyaltyKeeper,
	})
	got, err := handler(ctx, upgradetypes.Plan{Name: v2.Name, Height: 2}, from)
	require.NoError(t, err)
	require.Equal(t, current, got)
	// The new modules were initialised from their default genesis: transfer owns its port and may send.
	require.Equal(t, ibctransfertypes.PortID, a.TransferKeeper.GetPort(ctx), "transfer has no port after the upgrade")
	require.True(t, a.TransferKeeper.GetParams(ctx).SendEnabled)
	disputeParams, err := a.DisputeKeeper.Params.Get(ctx)
	require.NoError(t, err, "x/dispute has no params after the upgrade")
	require.Equal(t, disputetypes.DefaultParams(), disputeParams)
}

// x/royalty's version-3 migration reads every routed asset's path work, which x/provenance's version-3 migration
// builds (RebuildRouteWork after RebuildPathWork): with royalty first, the upgrade would fail on the first routed
// asset. Nothing declares the order; the module manager migrates in name order (auth last) unless
// OrderMigrations is set, so this pins it.
func TestProvenanceMigratesBeforeRoyalty(t *testing.T) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	order := a.ModuleManager.OrderMigrations
	if order == nil {
		order = module.DefaultMigrationsOrder(a.ModuleManager.ModuleNames())
	}
	prov, roy := slices.Index(order, provenancetypes.ModuleName), slices.Index(order, royaltytypes.ModuleName)
	require.GreaterOrEqual(t, prov, 0)
	require.Less(t, prov, roy, "migration order %v", order)
}

// TestUpgradeListIsValid rejects unnamed, duplicate and handler-less upgrades.
func TestUpgradeListIsValid(t *testing.T) {
	require.NoError(t, upgrades.Validate([]upgrades.Upgrade{v2.Upgrade}))
	require.Error(t, upgrades.Validate([]upgrades.Upgrade{v2.Upgrade, v2.Upgrade}))
	require.Error(t, upgrades.Validate([]upgrades.Upgrade{{Name: "x"}}))
	require.Error(t, upgrades.Validate([]upgrades.Upgrade{{Handler: v2.Upgrade.Handler}}))
}
