//go:build e2eupgrade

package app

import (
	"github.com/tributary-ai/tributary/app/upgrades"
	"github.com/tributary-ai/tributary/app/upgrades/e2etest"
	v2 "github.com/tributary-ai/tributary/app/upgrades/v2"
)

// upgradeList is, in a binary built for the real-process upgrade test, the production upgrades plus the
// test's own (app/upgrades/e2etest).
func upgradeList() []upgrades.Upgrade {
	return []upgrades.Upgrade{v2.Upgrade, e2etest.Upgrade}
}
