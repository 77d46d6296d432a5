// Command tributaryd is the Tributary node and command-line client: it runs a validator or full
// node (CometBFT consensus plus the embedded IPFS node) and signs and queries transactions.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/tributary-ai/tributary/cmd/tributaryd/cmd"
	ipfscli "github.com/tributary-ai/tributary/ipfs/cli"
)

func main() {
	// `tributaryd content ...` hashes and moves files and needs none of the chain's codecs. It is
	// normally handed to tributaryd-content before the runtime starts (content_helper.go); when
	// that binary is absent it runs here, still without building the app (~40 MiB and 0.15 s).
	if len(os.Args) > 1 && os.Args[1] == "content" {
		if err := ipfscli.StandaloneRootCmd().Execute(); err != nil {
			fmt.Fprintln(os.Stderr, "Error:", err)
			os.Exit(1)
		}
		return
	}

	rootCmd := cmd.NewRootCmd()
	if err := svrcmd.Execute(rootCmd, cmd.EnvPrefix, cmd.DefaultNodeHome); err != nil {
		fmt.Fprintln(rootCmd.OutOrStderr(), err)
		os.Exit(1)
	}
}
