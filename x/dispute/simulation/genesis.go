package simulation

import (
	"math/rand"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// RandomizedGenState generates params with short windows (5 to 54 blocks), so that deadlines pass and
// uncontested disputes are upheld within a simulation run, and a small bond in the bond denom.
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesis()
	gs.Params.DisputeBond = sdk.NewCoin(simState.BondDenom, math.NewInt(1_000))
	simState.AppParams.GetOrGenerate("response_window_blocks", &gs.Params.ResponseWindowBlocks, simState.Rand,
		func(r *rand.Rand) { gs.Params.ResponseWindowBlocks = 5 + r.Int63n(50) })
	simState.AppParams.GetOrGenerate("arbitration_window_blocks", &gs.Params.ArbitrationWindowBlocks, simState.Rand,
		func(r *rand.Rand) { gs.Params.ArbitrationWindowBlocks = 5 + r.Int63n(50) })
	simState.AppParams.GetOrGenerate("winner_share_bps", &gs.Params.WinnerShareBps, simState.Rand,
		func(r *rand.Rand) { gs.Params.WinnerShareBps = uint32(r.Intn(types.BasisPoints + 1)) })
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}
