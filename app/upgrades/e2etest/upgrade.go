// Package e2etest is the upgrade the real-process upgrade test (tests/e2e/upgrade_test.go) votes on. Only
// a binary built with the e2eupgrade tag registers it, so no production binary can ever run it.
//
// It does what v2 does (every pending module migration) and migrates a parameter the way a release that
// adds one does: x/provenance's max_contributors, which the test genesis lowers, is set to the module
// default. The test reads it back after the upgrade.
package e2etest

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/module"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/tributary-ai/tributary/app/upgrades"
	provenancetypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// Name is the plan name of the test upgrade.
const Name = "v2-e2e"

// Upgrade runs the module migrations and sets provenance max_contributors to its default.
var Upgrade = upgrades.Upgrade{
	Name: Name,
	Handler: func(d upgrades.Deps) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			vm, err := upgrades.RunMigrations(ctx, d, plan, fromVM)
			if err != nil {
				return nil, err
			}
			p, err := d.ProvenanceKeeper.Params.Get(ctx)
			if err != nil {
				return nil, fmt.Errorf("upgrade %s: provenance params: %w", plan.Name, err)
			}
			p.MaxContributors = provenancetypes.DefaultParams().MaxContributors
			if err := p.Validate(); err != nil {
				return nil, fmt.Errorf("upgrade %s: %w", plan.Name, err)
			}
			if err := d.ProvenanceKeeper.Params.Set(ctx, p); err != nil {
				return nil, fmt.Errorf("upgrade %s: provenance params: %w", plan.Name, err)
			}
			return vm, nil
		}
	},
}
