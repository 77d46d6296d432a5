package app

import (
	"flag"

	simcli "github.com/cosmos/cosmos-sdk/x/simulation/client/cli"
)

// The SDK's simulator flags (-NumBlocks, -BlockSize, -Seed, -Commit, -Genesis, -Params, -ExportStatePath,
// -Verbose, ...) are registered for every test of this package, so the short simulation that `make test`
// runs and the long ones behind the sims build tag (`make test-sim`) read the same flags. In SDK v0.55
// -Enabled, -Period, -SimulateEveryOperation and -PrintAllInvariants are accepted but unused: the build
// tag, not -Enabled, decides whether the long simulations run.
func init() {
	simcli.GetSimulatorFlags()
}

// flagGiven reports whether a flag was set on the command line rather than left at its default, so that
// a test with its own short defaults still obeys an explicit -NumBlocks or -Seed.
func flagGiven(name string) bool {
	given := false
	flag.Visit(func(f *flag.Flag) {
		if f.Name == name {
			given = true
		}
	})
	return given
}

// simSeeds returns the seeds to run: the one given with -Seed, or the defaults.
func simSeeds(defaults ...int64) []int64 {
	if flagGiven("Seed") {
		return []int64{simcli.FlagSeedValue}
	}
	return defaults
}
