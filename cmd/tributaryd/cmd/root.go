// Package cmd builds the tributaryd command tree.
package cmd

import (
	"os"

	"github.com/spf13/cobra"

	"cosmossdk.io/log/v2"

	dbm "github.com/cosmos/cosmos-db"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/server"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/tributary-ai/tributary/app"
	"github.com/tributary-ai/tributary/client/flagenv"
)

// DefaultNodeHome is where tributaryd keeps its configuration, keys and data unless --home says
// otherwise.
var DefaultNodeHome = os.ExpandEnv("$HOME/.tributary")

// NewRootCmd builds the tributaryd root command. A throwaway in-memory app provides the codecs and
// the AutoCLI descriptors; the real app is built by `start` with the node's database.
func NewRootCmd() *cobra.Command {
	app.SetAddressConfig()

	tempDir, err := os.MkdirTemp("", "tributaryd-cli")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tempDir)
	tempApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(tempDir))

	initClientCtx := client.Context{}.
		WithCodec(tempApp.AppCodec()).
		WithInterfaceRegistry(tempApp.InterfaceRegistry()).
		WithLegacyAmino(tempApp.LegacyAmino()).
		WithTxConfig(tempApp.TxConfig()).
		WithInput(os.Stdin).
		WithAccountRetriever(types.AccountRetriever{}).
		WithHomeDir(DefaultNodeHome).
		WithViper(EnvPrefix)

	rootCmd := &cobra.Command{
		Use:           "tributaryd",
		Short:         "Tributary: the public ledger of who an AI model owes, and the chain that pays them",
		SilenceErrors: true,
		// An error says what went wrong; the usage text would bury it (`--help` shows usage).
		SilenceUsage: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(cmd.OutOrStdout())
			cmd.SetErr(cmd.ErrOrStderr())
			if err := flagenv.Apply(cmd); err != nil {
				return err
			}

			clientCtx, err := client.ReadPersistentCommandFlags(initClientCtx, cmd.Flags())
			if err != nil {
				return err
			}
			clientCtx, err = config.ReadFromClientConfig(clientCtx)
			if err != nil {
				return err
			}

			if err := client.SetCmdClientContextHandler(clientCtx, cmd); err != nil {
				return err
			}

			appTemplate, appConfig := initAppConfig()
			if err := server.InterceptConfigsPreRunHandler(cmd, appTemplate, appConfig, initCometBFTConfig()); err != nil {
				return err
			}
			serverCtx := server.GetServerContextFromCmd(cmd)
			serverCtx.Logger = quietShutdown{serverCtx.Logger}
			return server.SetCmdServerContext(cmd, serverCtx)
		},
	}

	initRootCmd(rootCmd, tempApp)

	autoCliOpts := tempApp.AutoCliOpts()
	autoCliOpts.ClientCtx = initClientCtx
	if err := autoCliOpts.EnhanceRootCommand(rootCmd); err != nil {
		panic(err)
	}
	replaceModuleCommands(rootCmd)
	describePagination(rootCmd, "provenance", "royalty")
	return rootCmd
}
