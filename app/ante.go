package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	ibcante "github.com/cosmos/ibc-go/v11/modules/core/ante"
)

// setAnteHandler installs the SDK's standard ante chain: fee deduction (with fee grants), signature
// verification, sequence and gas accounting, followed by IBC's redundant-relay check (a relayer whose
// packets were all delivered already by another relayer is refused in CheckTx instead of paying for a
// no-op). Spam protection for registrations is an on-chain registration fee in x/provenance, not an
// ante rule.
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
	app.SetAnteHandler(sdk.ChainAnteDecorators(anteAsDecorator(handler), ibcante.NewRedundantRelayDecorator(app.IBCKeeper)))
}

// anteAsDecorator wraps a complete ante handler as the first decorator of a longer chain.
type anteAsDecorator sdk.AnteHandler

// AnteHandle runs the wrapped handler, then the rest of the chain on its result.
func (h anteAsDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	ctx, err := h(ctx, tx, simulate)
	if err != nil {
		return ctx, err
	}
	return next(ctx, tx, simulate)
}
