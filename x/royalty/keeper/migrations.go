package keeper

import (
	"context"

	"cosmossdk.io/core/store"

	v2 "github.com/tributary-ai/tributary/x/royalty/migrations/v2"
	v3 "github.com/tributary-ai/tributary/x/royalty/migrations/v3"
	"github.com/tributary-ai/tributary/x/royalty/types"
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

// Migrate2to3 prices settlement work: it sets min_pending_per_work_unit to its default (v3.MigrateParams) and
// records the path work of every asset whose route is cached (RebuildRouteWork).
func (m Migrator) Migrate2to3(ctx context.Context) error {
	if err := v3.MigrateParams(ctx, m.k.Params); err != nil {
		return err
	}
	return m.k.RebuildRouteWork(ctx)
}

// RebuildRouteWork records, for every asset whose route is cached, its path work from x/provenance (which
// runs its own migration or genesis first, modules migrating in name order), so that MsgPay prices an asset
// that settled before route_work existed.
func (k Keeper) RebuildRouteWork(ctx context.Context) error {
	return k.Routes.Walk(ctx, nil, func(id uint64, _ types.AssetRoute) (bool, error) {
		w, err := k.pathWork(ctx, id)
		if err != nil {
			return true, err
		}
		return false, k.RouteWork.Set(ctx, id, w)
	})
}

// StoreService returns the module's store service, so that migration tests can write state the old way.
func (k Keeper) StoreService() store.KVStoreService { return k.storeService }
