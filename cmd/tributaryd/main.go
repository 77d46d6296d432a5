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
	rootCmd := cmd.NewRootCmd()
	if err := svrcmd.Execute(rootCmd, "TRIBUTARY", cmd.DefaultNodeHome); err != nil {
		fmt.Fprintln(rootCmd.OutOrStderr(), err)
		os.Exit(1)
	}
}
