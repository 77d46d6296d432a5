package app

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/store/v2"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
)

// assertDeterministic runs every seed runs times, in parallel, and fails unless all runs of a seed end
// with the same app hash. Like the SDK's simapp it turns on the inter-block cache, which a node uses and
// a plain simulation does not, so that the cache is covered too.
func assertDeterministic(t *testing.T, cfg simtypes.Config, seeds []int64, runs int) {
	t.Helper()
	cachingSimApp := func(logger log.Logger, db dbm.DB, loadLatest bool, appOpts servertypes.AppOptions, opts ...func(*baseapp.BaseApp)) *App {
		return newSimApp(logger, db, loadLatest, appOpts, append(opts, baseapp.SetInterBlockCache(store.NewCommitKVStoreCacheManager()))...)
	}
	var mu sync.Mutex
	hashes := make(map[int64][][]byte)
	t.Run("runs", func(t *testing.T) {
		for _, seed := range seeds {
			for run := range runs {
				t.Run(fmt.Sprintf("seed %d run %d", seed, run+1), func(t *testing.T) {
					t.Parallel()
					simsx.RunWithSeed(t, cfg, cachingSimApp, simStateFactory, seed, nil,
						func(_ testing.TB, ti simsx.TestInstance[*App], _ []simtypes.Account) {
							mu.Lock()
							defer mu.Unlock()
							hashes[seed] = append(hashes[seed], ti.App.LastCommitID().Hash)
						})
				})
			}
		}
	}) // returns once every parallel run has finished
	compared := 0
	for _, seed := range seeds {
		// The SDK's runner skips a run whose validators all left the set; every run of a seed must then
		// skip at the same point, so a seed with some runs finished and some not is itself non-determinism.
		if len(hashes[seed]) == 0 {
			t.Logf("seed %d: every run stopped early with an empty validator set; nothing to compare", seed)
			continue
		}
		require.Len(t, hashes[seed], runs, "non-determinism in seed %d: not every run reached the end", seed)
		for i, h := range hashes[seed][1:] {
			require.Equal(t, hashes[seed][0], h, "non-determinism in seed %d: run %d ends with another app hash", seed, i+2)
		}
		compared++
	}
	require.Positive(t, compared, "no seed ran to the end: determinism was not checked")
}
