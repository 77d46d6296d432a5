package keeper

import (
	"context"

	v2 "github.com/tributary-ai/tributary/x/provenance/migrations/v2"
	v3 "github.com/tributary-ai/tributary/x/provenance/migrations/v3"
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

// Migrate2to3 builds the external identifier index (see v3.MigrateStore), every asset's path work
// (RebuildPathWork), which x/royalty's version-3 migration then reads, and the revocation index for the assets
// already revoked, at the upgrade height (IndexRevokedAssets): a replicating node reading revocations from height 0
// then learns of every revocation, old or new.
func (m Migrator) Migrate2to3(ctx context.Context) error {
	if err := v3.MigrateStore(ctx, m.k.Assets, m.k.ExternalIDs); err != nil {
		return err
	}
	if err := m.k.RebuildPathWork(ctx); err != nil {
		return err
	}
	return m.k.IndexRevokedAssets(ctx)
}
