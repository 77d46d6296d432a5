package app

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	ratelimiting "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting"
	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	ratelimitingv2 "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/v2"
	"github.com/cosmos/ibc-go/v11/modules/apps/transfer"
	ibctransferkeeper "github.com/cosmos/ibc-go/v11/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	transferv2 "github.com/cosmos/ibc-go/v11/modules/apps/transfer/v2"
	ibc "github.com/cosmos/ibc-go/v11/modules/core"
	porttypes "github.com/cosmos/ibc-go/v11/modules/core/05-port/types"
	ibcapi "github.com/cosmos/ibc-go/v11/modules/core/api"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v11/modules/light-clients/07-tendermint"
)

// This file is where IBC plugs into the app: core IBC (clients, connections, channels), the
// 07-tendermint light client, ICS-20 fungible-token transfer, and rate limiting in front of transfer.
// Nothing else: no interchain accounts (Tributary has no use for remote control of its accounts), no
// packet forwarding (a hop through Tributary adds escrow risk and nothing a payer needs), no solo-machine
// client. Royalties in a foreign token are ordinary bank coins once they arrive, so x/royalty needs no
// IBC code at all: governance accepting the voucher's `ibc/...` denom is the whole integration.
//
// Why rate limiting: the royalty module account escrows unsettled revenue and unclaimed rewards in
// every accepted denom. If a counterparty chain or its light client were compromised, an attacker
// could mint vouchers of that chain's token without bound and pay them in, or drain Tributary's own
// token out through a forged acknowledgement path. ibc-go's rate-limiting middleware lets governance cap
// the net flow of a denom over a channel per period (MsgAddRateLimit), which bounds the damage of
// such a failure to one quota. The chain starts with no limits; docs/ibc.md says which to add when a
// channel to a stablecoin issuer is opened.

// ibcMaccPerms are the module accounts of IBC: transfer mints and burns vouchers of foreign tokens
// (and escrows native ones in per-channel escrow accounts, which are not module accounts).
var ibcMaccPerms = map[string][]string{
	ibctransfertypes.ModuleName: {authtypes.Minter, authtypes.Burner},
}

// ibcStoreKeys are the store keys of the IBC modules.
func ibcStoreKeys() []string {
	return []string{ibcexported.StoreKey, ibctransfertypes.StoreKey, ratelimittypes.StoreKey}
}

// ibcModuleNames are the IBC modules in execution order: core before transfer (transfer's genesis
// binds its port through core), rate limiting after transfer (its quotas name transfer's channels).
func ibcModuleNames() []string {
	return []string{ibcexported.ModuleName, ibctransfertypes.ModuleName, ratelimittypes.ModuleName}
}

// initIBCKeepers builds the IBC keepers and routes once the SDK keepers exist (core IBC reads
// upgrade plans to upgrade its clients; transfer moves coins through bank).
func (app *App) initIBCKeepers(authority string) {
	keys := app.keys
	app.IBCKeeper = ibckeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[ibcexported.StoreKey]), app.UpgradeKeeper, authority,
	)
	app.TransferKeeper = ibctransferkeeper.NewKeeper(
		app.appCodec, app.AccountKeeper.AddressCodec(), runtime.NewKVStoreService(keys[ibctransfertypes.StoreKey]),
		app.IBCKeeper.ChannelKeeper, app.MsgServiceRouter(), app.AccountKeeper, voucherMetadataBank{app.BankKeeper}, authority,
	)
	app.RateLimitKeeper = ratelimitkeeper.NewKeeper(
		app.appCodec, app.AccountKeeper.AddressCodec(), runtime.NewKVStoreService(keys[ratelimittypes.StoreKey]),
		app.IBCKeeper.ChannelKeeper, app.IBCKeeper.ClientKeeper, app.BankKeeper, authority,
	)

	// Packets flow channel -> rate limit -> transfer on receive, and back the other way on send.
	transferStack := porttypes.NewIBCStackBuilder(app.IBCKeeper.ChannelKeeper)
	transferStack.Base(transfer.NewIBCModule(app.TransferKeeper)).Next(ratelimiting.NewIBCMiddleware(app.RateLimitKeeper))
	router := porttypes.NewRouter()
	router.AddRoute(ibctransfertypes.ModuleName, transferStack.Build())
	app.IBCKeeper.SetRouter(router)

	// IBC v2 (client-to-client packets without connections or channels) carries transfer too, behind
	// the same rate limits, so that neither protocol version is a way around the quotas.
	routerV2 := ibcapi.NewRouter()
	routerV2.AddRoute(ibctransfertypes.PortID, ratelimitingv2.NewIBCMiddleware(*app.RateLimitKeeper,
		transferv2.NewIBCModule(app.TransferKeeper), app.IBCKeeper.ChannelKeeperV2, app.IBCKeeper.ChannelKeeperV2))
	app.IBCKeeper.SetRouterV2(routerV2)

	tm := ibctm.NewLightClientModule(app.appCodec, app.IBCKeeper.ClientKeeper.GetStoreProvider())
	app.tmLightClient = tm
	app.IBCKeeper.ClientKeeper.AddRoute(ibctm.ModuleName, &app.tmLightClient)
}

// ibcModules returns the app modules of IBC.
func (app *App) ibcModules() []module.AppModule {
	return []module.AppModule{
		ibc.NewAppModule(app.IBCKeeper),
		transfer.NewAppModule(app.TransferKeeper),
		ratelimiting.NewAppModule(app.RateLimitKeeper),
		ibctm.NewAppModule(app.tmLightClient),
	}
}

// fixRateLimitEpochHeight gives rate limiting's first hour epoch the chain's initial height. ibc-go v11.2.0's
// InitGenesis records the InitChain context's height, which baseapp leaves at 0 for a chain starting at height
// 1, and its own genesis validation then refuses an epoch with a number but no height: without this, every
// `tributaryd export` of a running chain fails `genesis validate` ("if hour epoch number is non-empty, epoch
// height must be initialized"). An imported epoch that has a height is left alone.
func (app *App) fixRateLimitEpochHeight(ctx sdk.Context, initialHeight int64) error {
	epoch, err := app.RateLimitKeeper.GetHourEpoch(ctx)
	if err != nil {
		return fmt.Errorf("rate limiting hour epoch: %w", err)
	}
	if epoch.EpochStartHeight != 0 {
		return nil
	}
	epoch.EpochStartHeight = max(initialHeight, 1)
	return app.RateLimitKeeper.SetHourEpoch(ctx, epoch)
}
