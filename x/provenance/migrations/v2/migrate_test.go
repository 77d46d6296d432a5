package v2_test

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

// TestMigrate1to2 writes assets the version-1 way (the asset map and its
// indexes, no records), migrates, and checks that every asset has its record
// and that a registration citing a migrated parent works.
func TestMigrate1to2(t *testing.T) {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	enc := moduletestutil.MakeTestEncodingConfig(provenance.AppModule{})
	ac := addresscodec.NewBech32Codec("trib")
	str := func(name string) string {
		s, err := ac.BytesToString(sdk.AccAddress(fmt.Sprintf("%-20.20s", name)))
		require.NoError(t, err)
		return s
	}
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), ac, str("gov"), noBank{}, noDistr{})
	params := types.DefaultParams()
	params.RegistrationFee = nil
	require.NoError(t, k.Params.Set(ctx, params))

	var old []types.Asset
	for i := uint64(1); i <= 3; i++ {
		a := types.Asset{
			Id: i, Kind: types.AssetKind_ASSET_KIND_DATASET, Cid: types.RawCIDv1(sha256.Sum256([]byte{byte(i)})),
			Name: fmt.Sprintf("d%d", i), License: "MIT", Owner: str("owner"), Status: types.AssetStatus_ASSET_STATUS_ACTIVE,
			Contributors: types.NewContributorList(types.Contributor{Address: str("alice"), Units: i}),
		}
		if i == 3 {
			a.Kind = types.AssetKind_ASSET_KIND_MODEL
			a.Parents = []types.ParentEdge{{AssetId: 1, WeightBps: 4000, Relation: types.Relation_RELATION_TRAINED_ON}, {AssetId: 2, WeightBps: 6000, Relation: types.Relation_RELATION_TRAINED_ON}}
			a.Policy.UpstreamShareBps = 3000
			a.Status = types.AssetStatus_ASSET_STATUS_RETIRED
		}
		// The version-1 layout: the asset and its status, nothing else.
		require.NoError(t, k.Assets.Set(ctx, a.Id, a))
		require.NoError(t, k.Status.Set(ctx, a.Id, int32(a.Status)))
		old = append(old, a)
	}
	require.NoError(t, k.NextAssetID.Set(ctx, 4))
	_, err := k.GetAssetRecord(ctx, 1)
	require.ErrorIs(t, err, types.ErrAssetNotFound, "the old layout has no records")

	require.NoError(t, keeper.NewMigrator(k).Migrate1to2(ctx))

	for _, a := range old {
		r, err := k.GetAssetRecord(ctx, a.Id)
		require.NoError(t, err)
		require.Equal(t, a.Record(), r)
	}
	r3, err := k.GetAssetRecord(ctx, 3)
	require.NoError(t, err)
	require.Equal(t, uint64(3), r3.TotalUnits)
	require.Len(t, r3.Parents, 2)

	// Registration reads parents from the migrated records (and their path work, which version 3 adds: an
	// upgrade runs every migration up to the binary's version).
	require.NoError(t, keeper.NewMigrator(k).Migrate2to3(ctx))
	_, err = keeper.NewMsgServerImpl(k).RegisterAsset(ctx, &types.MsgRegisterAsset{
		Owner: str("owner"), Kind: types.AssetKind_ASSET_KIND_MODEL, Cid: types.RawCIDv1(sha256.Sum256([]byte("new"))),
		Name: "m", License: "MIT", Contributors: types.NewContributorList(types.Contributor{Address: str("bob"), Units: 1}),
		Parents: []types.ParentEdge{{AssetId: 2, WeightBps: 10_000, Relation: types.Relation_RELATION_FINETUNED_FROM}},
		Policy:  types.RoyaltyPolicy{UpstreamShareBps: 1000},
	})
	require.NoError(t, err)
	// A retired parent is still refused, read from its record.
	_, err = keeper.NewMsgServerImpl(k).RegisterAsset(ctx, &types.MsgRegisterAsset{
		Owner: str("owner"), Kind: types.AssetKind_ASSET_KIND_MODEL, Cid: types.RawCIDv1(sha256.Sum256([]byte("new2"))),
		Name: "m", License: "MIT", Contributors: types.NewContributorList(types.Contributor{Address: str("bob"), Units: 1}),
		Parents: []types.ParentEdge{{AssetId: 3, WeightBps: 10_000, Relation: types.Relation_RELATION_FINETUNED_FROM}},
		Policy:  types.RoyaltyPolicy{UpstreamShareBps: 1000},
	})
	require.ErrorIs(t, err, types.ErrInactiveParent)
}
