package keeper

import (
	"context"

	v2 "github.com/tributary-ai/tributary/x/provenance/migrations/v2"
)

// Migrator runs the module's in-place store migrations.
type Migrator struct {
	k Keeper
}

// NewMigrator returns the migrator of k's store.
func NewMigrator(k Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 adds the compact asset records (see v2.MigrateStore).
func (m Migrator) Migrate1to2(ctx context.Context) error {
	return v2.MigrateStore(ctx, m.k.Assets, m.k.Records)
}
