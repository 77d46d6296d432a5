package simulation

import (
	"math/rand"

	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// RandomizedGenState generates random params (and no revenue: revenue only enters through MsgPay, so the module
// balance always matches).
func RandomizedGenState(simState *module.SimulationState) {
	params := types.DefaultParams()
	simState.AppParams.GetOrGenerate("protocol_fee_bps", &params.ProtocolFeeBps, simState.Rand,
		func(r *rand.Rand) { params.ProtocolFeeBps = uint32(r.Intn(types.MaxProtocolFeeBps + 1)) })
	simState.AppParams.GetOrGenerate("settlement_budget", &params.SettlementBudget, simState.Rand,
		func(r *rand.Rand) { params.SettlementBudget = uint32(1 + r.Intn(20)) })
	params.AcceptedDenoms = []string{simState.BondDenom}
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(&types.GenesisState{Params: params})
}
