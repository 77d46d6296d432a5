package app

import (
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

// randomGenesisAccounts gives simulations plain accounts only. The SDK's default
// (x/auth/simulation.RandomGenesisAccounts) makes some of them vesting accounts, which this chain cannot
// hold: it does not wire x/auth/vesting, so their types are not registered and such a genesis would not
// even encode.
func randomGenesisAccounts(simState *module.SimulationState) authtypes.GenesisAccounts {
	accs := make(authtypes.GenesisAccounts, len(simState.Accounts))
	for i, acc := range simState.Accounts {
		accs[i] = authtypes.NewBaseAccountWithAddress(acc.Address)
	}
	return accs
}
