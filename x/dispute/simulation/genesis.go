package simulation

import (
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// Fixed simulation params: short windows, so that deadlines pass and uncontested disputes are upheld within a
// run, and a small bond in the bond denom. Nothing is drawn from simState.Rand, so adding the module changes no
// other module's randomized genesis.
const (
	simBond   = 1_000
	simWindow = 10
)

// RandomizedGenState writes the module's simulation genesis.
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesis()
	gs.Params.DisputeBond = sdk.NewCoin(simState.BondDenom, math.NewInt(simBond))
	gs.Params.ResponseWindowBlocks = simWindow
	gs.Params.ArbitrationWindowBlocks = simWindow
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}
