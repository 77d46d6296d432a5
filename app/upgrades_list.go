//go:build !e2eupgrade

package app

import (
	"github.com/tributary-ai/tributary/app/upgrades"
	v2 "github.com/tributary-ai/tributary/app/upgrades/v2"
)

// upgradeList is every named upgrade this binary can run, oldest first.
func upgradeList() []upgrades.Upgrade {
	return []upgrades.Upgrade{v2.Upgrade}
}
