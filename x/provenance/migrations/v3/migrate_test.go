package v3_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/tributary-ai/tributary/x/provenance"
	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

type noBank struct{}

func (noBank) SpendableCoins(_ context.Context, _ sdk.AccAddress) sdk.Coins { return nil }
func (noBank) BlockedAddr(sdk.AccAddress) bool                              { return false }

type noDistr struct{}

func (noDistr) FundCommunityPool(context.Context, sdk.Coins, sdk.AccAddress) error { return nil }

// TestMigrate2to3 stores assets without touching the index (the version-2
// layout has none), migrates, and checks the index holds exactly what the
// assets claim: an old asset without identifiers has no entry, and two
// assets claiming one identifier are both found.
func TestMigrate2to3(t *testing.T) {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	enc := moduletestutil.MakeTestEncodingConfig(provenance.AppModule{})
	ac := addresscodec.NewBech32Codec("trib")
	owner, err := ac.BytesToString(sdk.AccAddress("owner_______________"))
	require.NoError(t, err)
	gov, err := ac.BytesToString(sdk.AccAddress("gov_________________"))
	require.NoError(t, err)
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), ac, gov, noBank{}, noDistr{})

	claims := map[uint64][]string{1: nil, 2: {"hf:org/model", "doi:10.1234/x"}, 3: {"hf:org/model"}}
	for id := uint64(1); id <= 3; id++ {
		a := types.Asset{
			Id: id, Kind: types.AssetKind_ASSET_KIND_MODEL, Cid: types.RawCIDv1(sha256.Sum256([]byte{byte(id)})),
			Name: fmt.Sprintf("m%d", id), License: "MIT", Owner: owner, Status: types.AssetStatus_ASSET_STATUS_ACTIVE,
			ExternalIds: claims[id],
		}
		require.NoError(t, k.Assets.Set(ctx, id, a))
	}
	ids, err := k.AssetIDsByExternalID(ctx, "hf:org/model", 0, 10)
	require.NoError(t, err)
	require.Empty(t, ids, "before the migration the index is empty")

	require.NoError(t, keeper.NewMigrator(k).Migrate2to3(ctx))

	for _, tc := range []struct {
		ext  string
		want []uint64
	}{
		{"hf:org/model", []uint64{2, 3}},
		{"doi:10.1234/x", []uint64{2}},
		{"hf:org/other", nil},
	} {
		ids, err := k.AssetIDsByExternalID(ctx, tc.ext, 0, 10)
		require.NoError(t, err)
		require.Equal(t, tc.want, ids, tc.ext)
	}
	require.EqualValues(t, 3, provenance.ConsensusVersion)
}
