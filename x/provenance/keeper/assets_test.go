package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// TestIsActiveGasIsConstant: x/royalty calls IsActive on every payment and
// needs its gas not to grow with the asset.
func TestIsActiveGasIsConstant(t *testing.T) {
	f := newFixture(t)
	small := f.register(t, f.dataset())
	bigMsg := f.dataset()
	var list []types.Contributor
	for i := range types.DefaultMaxContributors {
		addr, err := f.ac.BytesToString(sdk.AccAddress([]byte{byte(i), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}))
		require.NoError(t, err)
		list = append(list, types.Contributor{Address: addr, Units: 1})
	}
	bigMsg.Contributors = types.NewContributorList(list...)
	big := f.register(t, bigMsg)

	gas := func(id uint64) uint64 {
		ctx := f.ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
		active, err := f.k.IsActive(ctx, id)
		require.NoError(t, err)
		require.True(t, active)
		return ctx.GasMeter().GasConsumed()
	}
	require.Equal(t, gas(small), gas(big))

	_, err := f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: f.addrs[0], AssetId: big})
	require.NoError(t, err)
	active, err := f.k.IsActive(f.ctx, big)
	require.NoError(t, err)
	require.False(t, active, "the status mirror follows retirement")
}

func TestContributorAssets(t *testing.T) {
	f := newFixture(t)
	var ids []uint64
	for range 5 {
		ids = append(ids, f.register(t, f.dataset()))
	}
	addr, err := f.ac.StringToBytes(f.addrs[1])
	require.NoError(t, err)
	got, err := f.k.ContributorAssets(f.ctx, addr, 3)
	require.NoError(t, err)
	require.Equal(t, ids[:3], got)
	got, err = f.k.ContributorAssets(f.ctx, addr, 100)
	require.NoError(t, err)
	require.Equal(t, ids, got)
	addr, err = f.ac.StringToBytes(f.addrs[7])
	require.NoError(t, err)
	got, err = f.k.ContributorAssets(f.ctx, addr, 100)
	require.NoError(t, err)
	require.Empty(t, got)
}
