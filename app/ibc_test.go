package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
)

// TestExportedRateLimitGenesisValidates: a chain that starts at 05:xx UTC gets rate limiting's hour epoch 5 at the
// InitChain context's height, 0, which ibc-go's own genesis validation refuses; so `tributaryd export` of any
// running chain failed `genesis validate`. After the app's fix the exported state validates and keeps its epoch.
func TestExportedRateLimitGenesisValidates(t *testing.T) {
	a := New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	ctx := a.NewContext(true).WithBlockTime(time.Date(2026, 12, 1, 5, 30, 0, 0, time.UTC)).WithBlockHeight(0)
	a.RateLimitKeeper.InitGenesis(ctx, *ratelimittypes.DefaultGenesis())

	broken := a.RateLimitKeeper.ExportGenesis(ctx)
	require.Equal(t, uint64(5), broken.HourEpoch.EpochNumber)
	require.ErrorContains(t, broken.Validate(), "epoch height must be initialized", "ibc-go fixed its InitGenesis: drop fixRateLimitEpochHeight")

	require.NoError(t, a.fixRateLimitEpochHeight(ctx, 1))
	exported := a.RateLimitKeeper.ExportGenesis(ctx)
	require.NoError(t, exported.Validate())
	require.Equal(t, int64(1), exported.HourEpoch.EpochStartHeight)
	require.Equal(t, uint64(5), exported.HourEpoch.EpochNumber)

	// An epoch that already has a height (an imported chain) is left alone.
	exported.HourEpoch.EpochStartHeight = 42
	require.NoError(t, a.RateLimitKeeper.SetHourEpoch(ctx, exported.HourEpoch))
	require.NoError(t, a.fixRateLimitEpochHeight(ctx, 1))
	again, err := a.RateLimitKeeper.GetHourEpoch(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(42), again.EpochStartHeight)
}
