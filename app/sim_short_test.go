package app

import (
	"fmt"
	"testing"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"
)

// The short simulation `make test` runs: a few seeds, few blocks. Long runs are `make test-sim`.
const (
	shortSimBlocks    = 30
	shortSimBlockSize = 50
	// shortSimGenesisTime (2026-01-01) replaces the simulator's default genesis time, the time the test
	// starts, so that a failure in CI replays exactly from its seed.
	shortSimGenesisTime = 1_767_225_600
)

var shortSimSeeds = []int64{1, 2, 7}

// shortDeterminismSeed is run twice by TestAppStateDeterminismShort.
const shortDeterminismSeed = 4

// shortSimConfig is the simulator's flag configuration with short, fixed defaults for the run length
// and the genesis time; an explicit -NumBlocks, -BlockSize or -GenesisTime still wins.
func shortSimConfig() simtypes.Config {
	cfg := simcli.NewConfigFromFlags()
	cfg.ChainID = simsx.SimAppChainID
	if !flagGiven("GenesisTime") {
		cfg.GenesisTime = shortSimGenesisTime
	}
	if !flagGiven("NumBlocks") {
		cfg.NumBlocks = shortSimBlocks
	}
	if !flagGiven("BlockSize") {
		cfg.BlockSize = shortSimBlockSize
	}
	return cfg
}

// TestAppSimulationShort runs the full-app simulation over every module on a few seeds, with the money
// checks after every block, and then checks that the run exercised Tributary's modules and that its
// final state survives export and import.
func TestAppSimulationShort(t *testing.T) {
	cfg := shortSimConfig()
	for _, seed := range simSeeds(shortSimSeeds...) {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			t.Parallel()
			simsx.RunWithSeed(t, cfg, newSimApp, simStateFactory, seed, nil, assertSimOutcome, assertImportExport)
		})
	}
}

// TestAppStateDeterminismShort runs one seed twice and requires the same app hash.
func TestAppStateDeterminismShort(t *testing.T) {
	assertDeterministic(t, shortSimConfig(), simSeeds(shortDeterminismSeed), 2)
}
