package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/collections"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	provenancesim "github.com/tributary-ai/tributary/x/provenance/simulation"
	royaltytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// TestCheckMoneyDetectsImbalance shows that each half of the money check can fail: coins the royalty
// module does not account for, and a balance x/bank's supply does not count.
func TestCheckMoneyDetectsImbalance(t *testing.T) {
	coins := sdk.NewCoins(sdk.NewInt64Coin(BondDenom, 5))
	fresh := func() (*App, sdk.Context) {
		a := New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
		ctx := a.NewContext(true)
		require.NoError(t, checkMoney(ctx, a), "an empty chain is balanced")
		return a, ctx
	}

	a, ctx := fresh()
	require.NoError(t, a.BankKeeper.MintCoins(ctx, minttypes.ModuleName, coins))
	require.NoError(t, a.BankKeeper.SendCoinsFromModuleToModule(ctx, minttypes.ModuleName, royaltytypes.ModuleName, coins))
	require.ErrorIs(t, checkMoney(ctx, a), royaltytypes.ErrConservationBroken)

	a, ctx = fresh()
	require.NoError(t, a.BankKeeper.Balances.Set(ctx, collections.Join(sdk.AccAddress("somebody____________"), BondDenom), math.NewInt(5)))
	require.ErrorContains(t, checkMoney(ctx, a), "bank supply")
}

// failureRecorder is a testing.TB whose failures are recorded instead of failing the test, so a test can
// show that a check fails.
type failureRecorder struct {
	testing.TB
	failed bool
}

func (r *failureRecorder) Errorf(string, ...any) { r.failed = true }
func (r *failureRecorder) Fatalf(string, ...any) { r.FailNow() }
func (r *failureRecorder) FailNow()              { r.failed = true; runtime.Goexit() }

// TestSimOutcomeNeedsTributaryActivity runs a short simulation in which Tributary's operations have
// weight zero: every other check passes, and the outcome check must still fail.
func TestSimOutcomeNeedsTributaryActivity(t *testing.T) {
	weights := map[string]int{"op_weight_msg_pay": 0, "op_weight_msg_claim": 0}
	for _, name := range []string{
		provenancesim.WeightRegisterDataset, provenancesim.WeightRegisterModel, provenancesim.WeightRegisterCrowd,
		provenancesim.WeightRegisterWideModel, provenancesim.WeightRegisterDeepModel, provenancesim.WeightUpdateAsset,
		provenancesim.WeightRetireAsset,
	} {
		weights["op_weight_"+name] = 0
	}
	bz, err := json.Marshal(weights)
	require.NoError(t, err)
	cfg := shortSimConfig()
	cfg.NumBlocks, cfg.BlockSize = 3, 20
	cfg.ParamsFile = filepath.Join(t.TempDir(), "params.json")
	require.NoError(t, os.WriteFile(cfg.ParamsFile, bz, 0o600))

	// The simulation runs on t (the SDK's runner insists on a *testing.T); only the outcome check gets a
	// recorder, in its own goroutine so that its FailNow ends that goroutine and not the test.
	var ran, failed bool
	simsx.RunWithSeed(t, cfg, newSimApp, simStateFactory, 1, nil, func(tb testing.TB, ti simsx.TestInstance[*App], _ []simtypes.Account) {
		ran = true
		rec := &failureRecorder{TB: tb}
		done := make(chan struct{})
		go func() {
			defer close(done)
			assertSimOutcome(rec, ti, nil)
		}()
		<-done
		failed = rec.failed
	})
	require.True(t, ran, "the simulation ended before the outcome check")
	require.True(t, failed, "a simulation without Tributary operations passed the outcome check")
}
