package app

import (
	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// newSimApp builds the app a simulation runs: the real app, with the money checks (checkMoney) run at
// the end of every block. SDK v0.55 has no invariant registry any more (x/crisis left the SDK), so the
// end blocker is the one place a check sees every block's final state; a broken check makes
// FinalizeBlock fail, and the simulation with it, at the height where money went missing.
func newSimApp(logger log.Logger, db dbm.DB, loadLatest bool, appOpts servertypes.AppOptions, opts ...func(*baseapp.BaseApp)) *App {
	// Built without loading: the end blocker can only be replaced before the BaseApp is sealed.
	a := New(logger, db, false, appOpts, opts...)
	a.SetEndBlocker(func(ctx sdk.Context) (sdk.EndBlock, error) {
		res, err := a.EndBlocker(ctx)
		if err != nil {
			return res, err
		}
		return res, checkMoney(ctx, a)
	})
	if loadLatest {
		if err := a.LoadLatestVersion(); err != nil {
			panic(err)
		}
	}
	return a
}

// simStateFactory is what the SDK's simulation runner needs from the app: its utrib random genesis, the
// addresses that may not receive coins, and where accounts and balances come from.
func simStateFactory(a *App) simsx.SimStateFactory {
	return simsx.SimStateFactory{
		Codec:         a.AppCodec(),
		AppStateFn:    simAppStateFn(a.AppCodec(), a.SimulationManager(), a.DefaultGenesis()),
		BlockedAddr:   BlockedAddresses(),
		AccountSource: a.AccountKeeper,
		BalanceSource: a.BankKeeper,
	}
}
