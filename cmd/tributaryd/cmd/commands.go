package cmd

import (
	"errors"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"cosmossdk.io/log/v2"

	dbm "github.com/cosmos/cosmos-db"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/keys"
	"github.com/cosmos/cosmos-sdk/client/rpc"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	authcmd "github.com/cosmos/cosmos-sdk/x/auth/client/cli"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"

	"github.com/tributary-ai/tributary/app"
	ipfscli "github.com/tributary-ai/tributary/ipfs/cli"
)

// initRootCmd adds every subcommand that AutoCLI does not generate.
func initRootCmd(rootCmd *cobra.Command, tempApp *app.App) {
	basics := tempApp.BasicModuleManager

	rootCmd.AddCommand(
		initCmd(basics, DefaultNodeHome),
		configCmd(),
	)

	server.AddCommandsWithStartCmdOptions(rootCmd, DefaultNodeHome, newApp, appExport, startOptions())

	rootCmd.AddCommand(
		server.StatusCommand(),
		genutilcli.Commands(tempApp.TxConfig(), basics, DefaultNodeHome),
		queryCommand(),
		txCommand(),
		keys.Commands(),
		ipfscli.ContentCommand(),
	)
}

// queryCommand is the root of `tributaryd query`; AutoCLI adds the module queries.
func queryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "query",
		Aliases:                    []string{"q"},
		Short:                      "Query the chain: modules, blocks and transactions",
		DisableFlagParsing:         false,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		rpc.WaitTxCmd(),
		server.QueryBlockCmd(),
		server.QueryBlocksCmd(),
		server.QueryBlockResultsCmd(),
		authcmd.QueryTxsByEventsCmd(),
		authcmd.QueryTxCmd(),
	)
	return cmd
}

// txCommand is the root of `tributaryd tx`; AutoCLI adds the module messages.
func txCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "tx",
		Short:                      "Sign, broadcast and inspect transactions",
		DisableFlagParsing:         false,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		authcmd.GetSignCommand(),
		authcmd.GetSignBatchCommand(),
		authcmd.GetMultiSignCommand(),
		authcmd.GetMultiSignBatchCmd(),
		authcmd.GetValidateSignaturesCommand(),
		authcmd.GetBroadcastCommand(),
		authcmd.GetEncodeCommand(),
		authcmd.GetDecodeCommand(),
		authcmd.GetSimulateCmd(),
	)
	return cmd
}

// newApp builds the application for `tributaryd start`.
func newApp(logger log.Logger, db dbm.DB, appOpts servertypes.AppOptions) servertypes.Application {
	return app.New(logger, db, true, appOpts, server.DefaultBaseappOptions(appOpts)...)
}

// appExport builds the application at a height and exports its state for `tributaryd export`.
func appExport(
	logger log.Logger,
	db dbm.DB,
	height int64,
	forZeroHeight bool,
	jailAllowedAddrs []string,
	appOpts servertypes.AppOptions,
	modulesToExport []string,
) (servertypes.ExportedApp, error) {
	viperAppOpts, ok := appOpts.(*viper.Viper)
	if !ok {
		return servertypes.ExportedApp{}, errors.New("app options are not a viper instance")
	}
	// Exporting must not stop at the node's invariant checks or replay the latest height.
	viperAppOpts.Set(server.FlagInvCheckPeriod, 1)

	var tribApp *app.App
	if height != -1 {
		tribApp = app.New(logger, db, false, viperAppOpts)
		if err := tribApp.LoadHeight(height); err != nil {
			return servertypes.ExportedApp{}, err
		}
	} else {
		tribApp = app.New(logger, db, true, viperAppOpts)
	}
	// A home whose node never committed a block has no state to export: its modules' stores were
	// never initialised and reading them panics. Its whole state is its genesis file.
	if tribApp.LastBlockHeight() == 0 {
		return servertypes.ExportedApp{}, errors.New("nothing to export: this node has never committed a block " +
			"(start it first); until then its state is exactly config/genesis.json")
	}
	return tribApp.ExportAppStateAndValidators(forZeroHeight, jailAllowedAddrs, modulesToExport)
}
