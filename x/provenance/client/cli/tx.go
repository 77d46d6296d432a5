// Package cli holds the module's hand-written commands: registering a
// dataset or model hashes local content first, which AutoCLI cannot do, and
// every transaction goes through txcli so that it is validated locally,
// waited for and reported in words.
package cli

import (
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// GetTxCmd returns the module's tx command. Every message a user signs has a
// hand-written command here (AutoCLI does not replace a command of the same
// name); AutoCLI adds the governance proposals.
func GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Provenance transactions: register and manage datasets and models",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		registerCmd(types.AssetKind_ASSET_KIND_DATASET),
		registerCmd(types.AssetKind_ASSET_KIND_MODEL),
		updateAssetCmd(),
		transferOwnershipCmd(),
		acceptOwnershipCmd(),
		cancelTransferCmd(),
		retireCmd(),
		setExternalIDsCmd(),
		GetMembersCmd(), // offline: a member builds the proof for `tx royalty claim-merkle`
	)
	return cmd
}
