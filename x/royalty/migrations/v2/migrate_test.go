package v2_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"

	"cosmossdk.io/collections"

	"github.com/tributary-ai/tributary/x/royalty/keeper"
	v2 "github.com/tributary-ai/tributary/x/royalty/migrations/v2"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// oldParams encodes version-1 params the way version 1 wrote them: accepted_denoms = 1, protocol_fee_bps = 2,
// settlement_budget = 3 (an asset count), max_claim_assets = 4.
func oldParams() []byte {
	var b []byte
	for _, d := range []string{"utrib", "uusdc"} {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendString(b, d)
	}
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, 250)
	b = protowire.AppendTag(b, 3, protowire.VarintType)
	b = protowire.AppendVarint(b, 1_000)
	b = protowire.AppendTag(b, 4, protowire.VarintType)
	b = protowire.AppendVarint(b, 42)
	return b
}

// TestMigrate1to2 writes the params the version-1 way, migrates, and checks that every other field is kept,
// the gas budget is the default, the result validates, and settlement runs on the migrated state.
func TestMigrate1to2(t *testing.T) {
	f := rtu.NewFixture()
	raw := collections.NewItem(collections.NewSchemaBuilder(f.Keeper.StoreService()), types.ParamsKey, "raw_params", collections.BytesValue)
	require.NoError(t, raw.Set(f.Ctx, oldParams()))
	before, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Zero(t, before.SettlementGasBudget, "the old layout has no gas budget")
	require.Error(t, before.Validate())

	require.NoError(t, keeper.NewMigrator(f.Keeper).Migrate1to2(f.Ctx))

	after, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, types.Params{
		AcceptedDenoms: []string{"utrib", "uusdc"}, ProtocolFeeBps: 250, MaxClaimAssets: 42,
		SettlementGasBudget: types.DefaultSettlementGasBudget,
	}, after)
	require.NoError(t, after.Validate())

	id := f.AddAsset(0, nil, f.Member("alice", 1))
	f.Fund("user", 1_000)
	_, err = f.Pay("user", id, 1_000)
	require.NoError(t, err)
	require.NoError(t, f.Settle())
	pass, err := f.Keeper.Pass.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(1), pass.Number, "the first block after the upgrade starts pass 1")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	// Migrating twice changes nothing (an operator re-running a failed upgrade).
	require.NoError(t, v2.MigrateParams(f.Ctx, f.Keeper.Params))
	again, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, after, again)
}
