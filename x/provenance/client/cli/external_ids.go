package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/client/txcli"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// setExternalIDsCmd replaces an asset's external identifiers. It is written
// by hand (not AutoCLI) so that, like every owner command, it validates
// locally, waits for the block and says what happened.
func setExternalIDsCmd() *cobra.Command {
	cmd := ownerTx("set-external-ids [asset-id] [external-id]...",
		"Replace an asset's external identifiers (hf:ORG/NAME, hf-datasets:ORG/NAME, doi:10.NNNN/X, https://...); none clears them",
		"  tributaryd tx provenance set-external-ids 4 hf:acme/llm-7b doi:10.5281/zenodo.1234 --from alice --fees 5000utrib -y",
		1, func(_ *cobra.Command, _ client.Context, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			ids, err := types.NormalizeExternalIDs(args[1:])
			if err != nil {
				return nil, nil, fmt.Errorf("%s", txcli.CleanLog(err.Error()))
			}
			msg := &types.MsgSetExternalIDs{Owner: signer, AssetId: id, ExternalIds: ids}
			if len(ids) == 0 {
				return msg, said("cleared the external identifiers of asset #%d", id), nil
			}
			return msg, said("asset #%d is now named %s", id, strings.Join(ids, ", ")), nil
		})
	cmd.Args = cobra.MinimumNArgs(1)
	return cmd
}
