package simulation

import (
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/tributary-ai/tributary/x/royalty/keeper"
)

// WeightedOperations returns no legacy operations: the module's operations are registered through
// WeightedOperationsX (simsx), which needs no account keeper in the module.
func WeightedOperations(_ module.SimulationState, _ keeper.Keeper) []simtypes.WeightedOperation {
	return nil
}
