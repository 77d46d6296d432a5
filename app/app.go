// Package app wires the Tributary chain: the SDK modules a sovereign proof-of-stake chain needs,
// plus Tributary's own modules, by hand (no depinject), so that every keeper dependency is visible
// in one place.
package app

import (
	"encoding/json"
	"fmt"
	"maps"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cast"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	reflectionv1 "cosmossdk.io/api/cosmos/reflection/v1"
	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	nodeservice "github.com/cosmos/cosmos-sdk/client/grpc/node"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/std"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authcodec "github.com/cosmos/cosmos-sdk/x/auth/codec"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	authzmodule "github.com/cosmos/cosmos-sdk/x/authz/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensusparamkeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensusparamtypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/evidence"
	evidencekeeper "github.com/cosmos/cosmos-sdk/x/evidence/keeper"
	evidencetypes "github.com/cosmos/cosmos-sdk/x/evidence/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	feegrantkeeper "github.com/cosmos/cosmos-sdk/x/feegrant/keeper"
	feegrantmodule "github.com/cosmos/cosmos-sdk/x/feegrant/module"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govclient "github.com/cosmos/cosmos-sdk/x/gov/client"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	"github.com/cosmos/cosmos-sdk/x/mint"
	mintkeeper "github.com/cosmos/cosmos-sdk/x/mint/keeper"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/x/upgrade"
	upgradekeeper "github.com/cosmos/cosmos-sdk/x/upgrade/keeper"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ibctransferkeeper "github.com/cosmos/ibc-go/v11/modules/apps/transfer/keeper"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v11/modules/light-clients/07-tendermint"

	"github.com/tributary-ai/tributary/explorer"
	disputekeeper "github.com/tributary-ai/tributary/x/dispute/keeper"
	provenanceexport "github.com/tributary-ai/tributary/x/provenance/export"
	provenancekeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
	royaltykeeper "github.com/tributary-ai/tributary/x/royalty/keeper"
)

// sdkMaccPerms are the SDK's module accounts and what each may do with coins. The staking
// key-rotation fee pool is required by SDK v0.55: the staking keeper panics at construction without it.
var sdkMaccPerms = map[string][]string{
	authtypes.FeeCollectorName:          nil,
	distrtypes.ModuleName:               nil,
	minttypes.ModuleName:                {authtypes.Minter},
	stakingtypes.BondedPoolName:         {authtypes.Burner, authtypes.Staking},
	stakingtypes.NotBondedPoolName:      {authtypes.Burner, authtypes.Staking},
	stakingtypes.KeyRotationFeePoolName: {authtypes.Burner},
	govtypes.ModuleName:                 {authtypes.Burner},
}

// GetMaccPerms returns the module accounts of the app (SDK and Tributary modules) with their
// permissions, as a fresh map.
func GetMaccPerms() map[string][]string {
	perms := maps.Clone(sdkMaccPerms)
	maps.Copy(perms, tributaryMaccPerms)
	maps.Copy(perms, ibcMaccPerms)
	return perms
}

var (
	_ runtime.AppI            = (*App)(nil)
	_ servertypes.Application = (*App)(nil)
)

// App is the Tributary application: a BaseApp plus the keepers of every module.
type App struct {
	*baseapp.BaseApp
	closed closeOnce // Close runs once (close.go)

	legacyAmino       *codec.LegacyAmino
	appCodec          codec.Codec
	txConfig          client.TxConfig
	interfaceRegistry types.InterfaceRegistry

	keys map[string]*storetypes.KVStoreKey

	AccountKeeper         authkeeper.AccountKeeper
	BankKeeper            bankkeeper.BaseKeeper
	StakingKeeper         *stakingkeeper.Keeper
	SlashingKeeper        slashingkeeper.Keeper
	MintKeeper            mintkeeper.Keeper
	DistrKeeper           distrkeeper.Keeper
	GovKeeper             govkeeper.Keeper
	UpgradeKeeper         *upgradekeeper.Keeper
	EvidenceKeeper        evidencekeeper.Keeper
	FeeGrantKeeper        feegrantkeeper.Keeper
	AuthzKeeper           authzkeeper.Keeper
	ConsensusParamsKeeper consensusparamkeeper.Keeper

	// IBC: core, ICS-20 transfer and rate limits (app/ibc.go).
	IBCKeeper       *ibckeeper.Keeper
	TransferKeeper  *ibctransferkeeper.Keeper
	RateLimitKeeper *ratelimitkeeper.Keeper
	tmLightClient   ibctm.LightClientModule

	// Tributary's own modules.
	ProvenanceKeeper provenancekeeper.Keeper
	RoyaltyKeeper    royaltykeeper.Keeper
	DisputeKeeper    disputekeeper.Keeper

	ModuleManager      *module.Manager
	BasicModuleManager module.BasicManager

	sm           *module.SimulationManager
	configurator module.Configurator

	// explorerCfg is app.toml's [explorer], read at construction because RegisterAPIRoutes only gets [api].
	explorerCfg explorer.Config
}

// New returns a fully wired Tributary application. appOpts carries the node's configuration
// (home folder, skipped upgrade heights, invariant settings) as read by the server.
func New(
	logger log.Logger,
	db dbm.DB,
	loadLatest bool,
	appOpts servertypes.AppOptions,
	baseAppOptions ...func(*baseapp.BaseApp),
) *App {
	SetAddressConfig()

	interfaceRegistry, err := types.NewInterfaceRegistryWithOptions(types.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.Bech32Codec{Bech32Prefix: AccountAddressPrefix},
			ValidatorAddressCodec: address.Bech32Codec{Bech32Prefix: Bech32PrefixValAddr},
		},
	})
	if err != nil {
		panic(err)
	}
	appCodec := codec.NewProtoCodec(interfaceRegistry)
	legacyAmino := codec.NewLegacyAmino()
	txConfig := authtx.NewTxConfig(appCodec, authtx.DefaultSignModes)

	std.RegisterLegacyAminoCodec(legacyAmino)
	std.RegisterInterfaces(interfaceRegistry)

	bApp := baseapp.NewBaseApp(AppName, logger, db, txConfig.TxDecoder(), baseAppOptions...)
	bApp.SetVersion(version.Version)
	bApp.SetInterfaceRegistry(interfaceRegistry)
	bApp.SetTxEncoder(txConfig.TxEncoder())

	keys := storetypes.NewKVStoreKeys(storeKeys()...)

	if err := bApp.RegisterStreamingServices(appOpts, keys); err != nil {
		panic(err)
	}

	app := &App{
		BaseApp:           bApp,
		legacyAmino:       legacyAmino,
		appCodec:          appCodec,
		txConfig:          txConfig,
		interfaceRegistry: interfaceRegistry,
		keys:              keys,
	}
	app.initKeepers(appOpts, logger)
	app.explorerCfg = explorer.ConfigFromOptions(appOpts)

	app.ModuleManager = module.NewManager(app.appModules()...)
	app.BasicModuleManager = module.NewBasicManagerFromManager(app.ModuleManager, customBasics())
	app.BasicModuleManager.RegisterLegacyAminoCodec(legacyAmino)
	app.BasicModuleManager.RegisterInterfaces(interfaceRegistry)

	if err := interfaceRegistry.SigningContext().Validate(); err != nil {
		panic(err)
	}

	setModuleOrder(app.ModuleManager)

	app.configurator = module.NewConfigurator(app.appCodec, app.MsgServiceRouter(), app.GRPCQueryRouter())
	if err := app.ModuleManager.RegisterServices(app.configurator); err != nil {
		panic(err)
	}

	autocliv1.RegisterQueryServer(app.GRPCQueryRouter(), runtimeservices.NewAutoCLIQueryService(app.ModuleManager.Modules))
	reflectionSvc, err := runtimeservices.NewReflectionService()
	if err != nil {
		panic(err)
	}
	reflectionv1.RegisterReflectionServiceServer(app.GRPCQueryRouter(), reflectionSvc)

	app.sm = module.NewSimulationManagerFromAppModules(app.ModuleManager.Modules, map[string]module.AppModuleSimulation{
		authtypes.ModuleName: auth.NewAppModule(app.appCodec, app.AccountKeeper, randomGenesisAccounts),
	})
	app.sm.RegisterStoreDecoders()

	app.MountKVStores(keys)

	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)
	app.setAnteHandler()
	app.registerUpgrades()

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			panic(fmt.Errorf("loading the latest committed state: %w", err))
		}
	}
	return app
}

// initKeepers builds every keeper in dependency order.
func (app *App) initKeepers(appOpts servertypes.AppOptions, logger log.Logger) {
	keys := app.keys
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	accCodec := authcodec.NewBech32Codec(AccountAddressPrefix)
	valCodec := authcodec.NewBech32Codec(Bech32PrefixValAddr)
	consCodec := authcodec.NewBech32Codec(Bech32PrefixConsAddr)

	app.ConsensusParamsKeeper = consensusparamkeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[consensusparamtypes.StoreKey]), authority, runtime.EventService{},
	)
	app.SetParamStore(app.ConsensusParamsKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[authtypes.StoreKey]), authtypes.ProtoBaseAccount,
		GetMaccPerms(), accCodec, AccountAddressPrefix, authority,
	)
	app.BankKeeper = bankkeeper.NewBaseKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[banktypes.StoreKey]), app.AccountKeeper,
		BlockedAddresses(), authority, logger,
	)
	app.StakingKeeper = stakingkeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[stakingtypes.StoreKey]), app.AccountKeeper, app.BankKeeper,
		authority, valCodec, consCodec,
	)
	app.MintKeeper = mintkeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[minttypes.StoreKey]), app.StakingKeeper, app.AccountKeeper,
		app.BankKeeper, authtypes.FeeCollectorName, authority,
	)
	app.DistrKeeper = distrkeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[distrtypes.StoreKey]), app.AccountKeeper, app.BankKeeper,
		app.StakingKeeper, authtypes.FeeCollectorName, authority,
	)
	app.SlashingKeeper = slashingkeeper.NewKeeper(
		app.appCodec, app.legacyAmino, runtime.NewKVStoreService(keys[slashingtypes.StoreKey]), app.StakingKeeper, authority,
	)
	app.FeeGrantKeeper = feegrantkeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[feegrant.StoreKey]), app.AccountKeeper,
	)

	// Staking hooks keep distribution's reward accounting and slashing's signing info in step with
	// delegation changes and consensus-key rotations.
	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(
		app.DistrKeeper.Hooks(), app.SlashingKeeper.Hooks(),
	))

	app.AuthzKeeper = authzkeeper.NewKeeper(
		runtime.NewKVStoreService(keys[authzkeeper.StoreKey]), app.appCodec, app.MsgServiceRouter(), app.AccountKeeper,
	)

	skipUpgradeHeights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		skipUpgradeHeights[int64(h)] = true
	}
	homePath := cast.ToString(appOpts.Get(flags.FlagHome))
	app.UpgradeKeeper = upgradekeeper.NewKeeper(
		skipUpgradeHeights, runtime.NewKVStoreService(keys[upgradetypes.StoreKey]), app.appCodec, homePath,
		app.BaseApp, authority,
	)

	govKeeper := govkeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[govtypes.StoreKey]), app.AccountKeeper, app.BankKeeper,
		app.DistrKeeper, app.MsgServiceRouter(), govtypes.DefaultConfig(), authority,
		govkeeper.NewDefaultCalculateVoteResultsAndVotingPower(app.StakingKeeper),
	)
	// x/gov serves v1beta1 proposals (MsgExecLegacyContent) whatever the app wires; without a legacy router
	// the message handler dereferences a nil router and the transaction panics. Text proposals are the
	// only legacy content Tributary accepts.
	legacyRouter := govv1beta1.NewRouter()
	legacyRouter.AddRoute(govtypes.RouterKey, govv1beta1.ProposalHandler)
	govKeeper.SetLegacyRouter(legacyRouter)
	app.GovKeeper = *govKeeper.SetHooks(govtypes.NewMultiGovHooks())

	evidenceKeeper := evidencekeeper.NewKeeper(
		app.appCodec, runtime.NewKVStoreService(keys[evidencetypes.StoreKey]), app.StakingKeeper,
		app.SlashingKeeper, accCodec, runtime.ProvideCometInfoService(),
	)
	app.EvidenceKeeper = *evidenceKeeper

	app.initIBCKeepers(authority)
	app.initTributaryKeepers(authority, accCodec)
}

// appModules lists every module instance of the app, in no particular order (the order of
// execution is set by setModuleOrder).
func (app *App) appModules() []module.AppModule {
	cdc := app.appCodec
	mods := []module.AppModule{
		genutil.NewAppModule(app.AccountKeeper, app.StakingKeeper, app, app.txConfig),
		auth.NewAppModule(cdc, app.AccountKeeper, randomGenesisAccounts),
		bank.NewAppModule(cdc, app.BankKeeper, app.AccountKeeper),
		feegrantmodule.NewAppModule(cdc, app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, app.interfaceRegistry),
		gov.NewAppModule(cdc, &app.GovKeeper, app.AccountKeeper, app.BankKeeper),
		mint.NewAppModule(cdc, app.MintKeeper, app.AccountKeeper, nil),
		slashing.NewAppModule(cdc, app.SlashingKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, app.interfaceRegistry),
		distr.NewAppModule(cdc, app.DistrKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper),
		staking.NewAppModule(cdc, app.StakingKeeper, app.AccountKeeper, app.BankKeeper),
		upgrade.NewAppModule(app.UpgradeKeeper, app.AccountKeeper.AddressCodec()),
		evidence.NewAppModule(app.EvidenceKeeper),
		authzmodule.NewAppModule(cdc, app.AuthzKeeper, app.AccountKeeper, app.BankKeeper, app.interfaceRegistry),
		consensus.NewAppModule(cdc, app.ConsensusParamsKeeper),
	}
	mods = append(mods, app.ibcModules()...)
	return append(mods, app.tributaryModules()...)
}

// customBasics overrides the module basics whose defaults do not fit Tributary: utrib denoms in
// genesis, and gov/genutil basics that need constructor arguments.
func customBasics() map[string]module.AppModuleBasic {
	return map[string]module.AppModuleBasic{
		genutiltypes.ModuleName: genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
		govtypes.ModuleName:     govBasic{gov.NewAppModuleBasic([]govclient.ProposalHandler{})},
		stakingtypes.ModuleName: stakingBasic{},
		minttypes.ModuleName:    mintBasic{},
		banktypes.ModuleName:    bankBasic{},
	}
}

// PreBlocker runs the modules' pre-block logic (upgrade plans, auth's unordered-tx bookkeeping).
func (app *App) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

// BeginBlocker runs the modules' begin-block logic.
func (app *App) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

// EndBlocker runs the modules' end-block logic.
func (app *App) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

// InitChainer initialises every module from the genesis document.
func (app *App) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var genesisState GenesisState
	if err := json.Unmarshal(req.AppStateBytes, &genesisState); err != nil {
		return nil, fmt.Errorf("decoding the genesis app state: %w", err)
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	res, err := app.ModuleManager.InitGenesis(ctx, app.appCodec, genesisState)
	if err != nil {
		return nil, err
	}
	if err := app.fixRateLimitEpochHeight(ctx, req.InitialHeight); err != nil {
		return nil, err
	}
	return res, nil
}

// LoadHeight loads the state committed at a height.
func (app *App) LoadHeight(height int64) error { return app.LoadVersion(height) }

// LegacyAmino returns the app's amino codec (still needed by a few SDK CLI paths).
func (app *App) LegacyAmino() *codec.LegacyAmino { return app.legacyAmino }

// AppCodec returns the app's protobuf codec.
func (app *App) AppCodec() codec.Codec { return app.appCodec }

// InterfaceRegistry returns the app's interface registry.
func (app *App) InterfaceRegistry() types.InterfaceRegistry { return app.interfaceRegistry }

// TxConfig returns the app's transaction configuration.
func (app *App) TxConfig() client.TxConfig { return app.txConfig }

// Configurator returns the module configurator, used by upgrade handlers to run migrations.
func (app *App) Configurator() module.Configurator { return app.configurator }

// DefaultGenesis returns the default genesis of every module, with Tributary's denominations.
func (app *App) DefaultGenesis() map[string]json.RawMessage {
	return app.BasicModuleManager.DefaultGenesis(app.appCodec)
}

// GetKey returns the store key of a module (tests and upgrade handlers).
func (app *App) GetKey(storeKey string) *storetypes.KVStoreKey { return app.keys[storeKey] }

// SimulationManager implements the SimulationApp interface.
func (app *App) SimulationManager() *module.SimulationManager { return app.sm }

// AutoCliOpts returns the AutoCLI options of every module, so that `tributaryd tx` and
// `tributaryd query` are generated from the modules' gRPC services.
func (app *App) AutoCliOpts() autocli.AppOptions {
	modules := make(map[string]appmodule.AppModule)
	for _, m := range app.ModuleManager.Modules {
		if named, ok := m.(module.HasName); ok {
			if am, ok := m.(appmodule.AppModule); ok {
				modules[named.Name()] = am
			}
		}
	}
	return autocli.AppOptions{
		Modules:               modules,
		ModuleOptions:         runtimeservices.ExtractAutoCLIOptions(app.ModuleManager.Modules),
		AddressCodec:          authcodec.NewBech32Codec(AccountAddressPrefix),
		ValidatorAddressCodec: authcodec.NewBech32Codec(Bech32PrefixValAddr),
		ConsensusAddressCodec: authcodec.NewBech32Codec(Bech32PrefixConsAddr),
	}
}

// RegisterAPIRoutes registers the REST (gRPC-gateway) routes of every module.
func (app *App) RegisterAPIRoutes(apiSvr *api.Server, apiConfig config.APIConfig) {
	clientCtx := apiSvr.ClientCtx
	authtx.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	cmtservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	nodeservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	app.BasicModuleManager.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	if err := server.RegisterSwaggerAPI(apiSvr.ClientCtx, apiSvr.Router, apiConfig.Swagger); err != nil {
		panic(err)
	}
	provenanceexport.RegisterRoutes(apiSvr.Router, clientCtx)
	explorer.Register(apiSvr.Router, clientCtx, app.explorerCfg)
}

// RegisterTxService implements servertypes.Application.
func (app *App) RegisterTxService(clientCtx client.Context) {
	authtx.RegisterTxService(app.GRPCQueryRouter(), clientCtx, app.Simulate, app.interfaceRegistry)
}

// RegisterTendermintService implements servertypes.Application.
func (app *App) RegisterTendermintService(clientCtx client.Context) {
	cmtApp := server.NewCometABCIWrapper(app)
	cmtservice.RegisterTendermintService(clientCtx, app.GRPCQueryRouter(), app.interfaceRegistry, cmtApp.Query)
}

// RegisterNodeService implements servertypes.Application.
func (app *App) RegisterNodeService(clientCtx client.Context, cfg config.Config) {
	nodeservice.RegisterNodeService(clientCtx, app.GRPCQueryRouter(), cfg, func() int64 {
		return app.CommitMultiStore().EarliestVersion()
	})
}

// BlockedAddresses returns the module accounts that may not receive coins by plain transfer. The
// gov account stays open so that deposits can be refunded and community spends routed.
func BlockedAddresses() map[string]bool {
	blocked := make(map[string]bool)
	for acc := range GetMaccPerms() {
		blocked[authtypes.NewModuleAddress(acc).String()] = true
	}
	delete(blocked, authtypes.NewModuleAddress(govtypes.ModuleName).String())
	return blocked
}
