//go:build sims

package app

import (
	"fmt"
	"testing"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"
)

// The long simulations (`make test-sim`, or `go test -tags sims ./app` with the simulator flags). Their
// length is the flags' (-NumBlocks, -BlockSize); each test has its own default seeds, and -Seed runs every
// test on that one seed. The SDK's runner skips a seed whose validators all leave the set (582, 1893 and
// 124 do within 400 blocks), so the determinism test uses seeds that reach the end.
var (
	fullSimSeeds        = []int64{1, 2, 4, 7}
	importExportSeeds   = []int64{32, 123}
	determinismSeeds    = []int64{1, 4}
	determinismRunsEach = 2
)

// longSimConfig is the simulator's flag configuration.
func longSimConfig() simtypes.Config {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simsx.SimAppChainID
	return cfg
}

// runLongSims runs the full-app simulation on seeds in parallel, each followed by the outcome checks and
// then the given post-run steps.
func runLongSims(t *testing.T, seeds []int64, post ...func(testing.TB, simsx.TestInstance[*App], []simtypes.Account)) {
	t.Helper()
	cfg := longSimConfig()
	t.Logf("%d blocks of up to %d operations; replay a seed with -Seed=N -GenesisTime=%d", cfg.NumBlocks, cfg.BlockSize, cfg.GenesisTime)
	for _, seed := range simSeeds(seeds...) {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			t.Parallel()
			simsx.RunWithSeed(t, cfg, newSimApp, simStateFactory, seed, nil, append([]func(testing.TB, simsx.TestInstance[*App], []simtypes.Account){assertSimOutcome}, post...)...)
		})
	}
}

// TestFullAppSimulation runs every module's operations with the money checks after every block.
func TestFullAppSimulation(t *testing.T) {
	runLongSims(t, fullSimSeeds)
}

// TestAppImportExport exports the simulated state, imports it into a fresh app and compares the stores.
func TestAppImportExport(t *testing.T) {
	runLongSims(t, importExportSeeds, assertImportExport)
}

// TestAppStateDeterminism runs each seed several times and requires the same app hash every time.
func TestAppStateDeterminism(t *testing.T) {
	assertDeterministic(t, longSimConfig(), simSeeds(determinismSeeds...), determinismRunsEach)
}
