package simulation

import (
	"math/rand"

	"github.com/cosmos/cosmos-sdk/types/module"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// RandomizedGenState generates random params (and no revenue: revenue only enters through MsgPay, so the module
// balance always matches).
func RandomizedGenState(simState *module.SimulationState) {
	params := types.DefaultParams()
	simState.AppParams.GetOrGenerate("protocol_fee_bps", &params.ProtocolFeeBps, simState.Rand,
		func(r *rand.Rand) { params.ProtocolFeeBps = uint32(r.Intn(types.MaxProtocolFeeBps + 1)) })
	// Small budgets spread settlement over many blocks, so passes, deferrals and quarantines get exercised. The
	// floor is what x/provenance's largest randomized bounds (its defaults) need, or InitGenesis would refuse
	// the pair (types.CheckSettlementFits).
	floor := types.SettlementStepGas(provtypes.DefaultMaxParents, provtypes.DefaultMaxContributors, 1)
	simState.AppParams.GetOrGenerate("settlement_gas_budget", &params.SettlementGasBudget, simState.Rand,
		func(r *rand.Rand) {
			params.SettlementGasBudget = floor + uint64(r.Int63n(types.DefaultSettlementGasBudget))
		})
	params.AcceptedDenoms = []string{simState.BondDenom}
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(&types.GenesisState{Params: params})
}
