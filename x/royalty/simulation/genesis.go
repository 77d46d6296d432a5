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
	// Small budgets spread settlement over many blocks, so passes, deferrals and quarantines get exercised.
	simState.AppParams.GetOrGenerate("settlement_gas_budget", &params.SettlementGasBudget, simState.Rand,
		func(r *rand.Rand) {
			params.SettlementGasBudget = types.MinSettlementGasBudget + uint64(r.Int63n(types.DefaultSettlementGasBudget))
		})
	params.AcceptedDenoms = []string{simState.BondDenom}
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(&types.GenesisState{Params: params})
}
