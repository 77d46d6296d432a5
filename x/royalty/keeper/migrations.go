package keeper

import (
	"context"

	"cosmossdk.io/core/store"

	v2 "github.com/tributary-ai/tributary/x/royalty/migrations/v2"
)

// Migrator runs the module's in-place store migrations.
type Migrator struct {
	k Keeper
}

// NewMigrator returns the migrator of k's store.
func NewMigrator(k Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 replaces the asset-count settlement budget with the gas budget (see v2.MigrateParams) and
// derives the per-asset count of proven Merkle members, which consensus version 2 caps at member_count, from
// the memberships proven before the cap existed (RebuildMerkleCounts).
func (m Migrator) Migrate1to2(ctx context.Context) error {
	if err := v2.MigrateParams(ctx, m.k.Params); err != nil {
		return err
	}
	return m.k.RebuildMerkleCounts(ctx)
}

// StoreService returns the module's store service, so that migration tests can write state the old way.
func (k Keeper) StoreService() store.KVStoreService { return k.storeService }
