//go:build sims

package keeper_test

import "testing"

// TestSimulateConservation is the long run of the random-operations simulation (go test -tags sims): many more
// lineages and operations, the conservation invariant checked after every one.
func TestSimulateConservation(t *testing.T) {
	runRandomOperations(t, 64, 2_000)
}
