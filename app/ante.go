package app

import (
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
)

// setAnteHandler installs the SDK's standard ante chain: fee deduction (with fee grants), signature
// verification, sequence and gas accounting. Tributary adds no custom decorators: spam protection
// for registrations is an on-chain registration fee in x/provenance, not an ante rule.
func (app *App) setAnteHandler() {
	handler, err := ante.NewAnteHandler(ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		FeegrantKeeper:  app.FeeGrantKeeper,
		SignModeHandler: app.txConfig.SignModeHandler(),
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
	})
	if err != nil {
		panic(err)
	}
	app.SetAnteHandler(handler)
}
