// Command tributaryd is the Tributary node and command-line client: it runs a validator or full
// node (CometBFT consensus plus the embedded IPFS node) and signs and queries transactions.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/tributary-ai/tributary/cmd/tributaryd/cmd"
)

func main() {
	// `tributaryd content ...` hashes and moves files and needs none of the chain's codecs; building
	// the full app for it would cost ~150 MiB and a noticeable start-up on every call.
	if len(os.Args) > 1 && os.Args[1] == "content" {
		if err := cmd.NewContentRootCmd().Execute(); err != nil {
			fmt.Fprintln(os.Stderr, "Error:", err)
			os.Exit(1)
		}
		return
	}

	rootCmd := cmd.NewRootCmd()
	if err := svrcmd.Execute(rootCmd, "TRIBUTARY", cmd.DefaultNodeHome); err != nil {
		fmt.Fprintln(rootCmd.OutOrStderr(), err)
		os.Exit(1)
	}
}
