package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/tributary-ai/tributary/client/txcli"
	provcli "github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// QueryCommands returns the hand-written royalty queries; the root command
// puts them in place of AutoCLI's commands of the same names.
func QueryCommands() []*cobra.Command {
	return []*cobra.Command{claimableCmd()}
}

// claimableCmd answers "what can I claim" in words: per asset, with denoms,
// and, when there is nothing, why there may be nothing yet.
func claimableCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "claimable [address]",
		Short:   "Show what an address (or key name) can claim now, per asset (--asset-ids to restrict)",
		Example: "  tributaryd query royalty claimable bob\n  tributaryd query royalty claimable bob --asset-ids 1,3 -o json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			ac := clientCtx.InterfaceRegistry.SigningContext().AddressCodec()
			addr, err := provcli.ResolveAddress(clientCtx, ac, "address", args[0])
			if err != nil {
				return err
			}
			text, _ := cmd.Flags().GetString(FlagAssetIDs)
			ids, err := parseIDs(text)
			if err != nil {
				return err
			}
			res, err := types.NewQueryClient(clientCtx).Claimable(cmd.Context(), &types.QueryClaimableRequest{Address: addr, AssetIds: ids})
			if err != nil {
				return fmt.Errorf("%s", txcli.CleanLog(err.Error()))
			}
			if clientCtx.OutputFormat == flags.OutputFormatJSON {
				return clientCtx.PrintProto(res)
			}
			out := cmd.OutOrStdout()
			if len(res.Entries) == 0 {
				_, err := fmt.Fprintf(out, "%s has nothing to claim now. Revenue becomes claimable once a payment is settled "+
					"(see `tributaryd query royalty settlement-queue`); a member of a Merkle commitment must first prove membership "+
					"with `tributaryd tx royalty claim-merkle`.\n", addr)
				return err
			}
			for _, e := range res.Entries {
				fmt.Fprintf(out, "asset #%d: %s\n", e.AssetId, coins(e.Amount.String()))
			}
			_, err = fmt.Fprintf(out, "total: %s (claim with `tributaryd tx royalty claim --from %s`)\n", coins(res.Total.String()), args[0])
			return err
		},
	}
	cmd.Flags().String(FlagAssetIDs, "", "only these assets, e.g. 1,3")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// coins writes "1000utrib,5uatom" as "1,000 utrib, 5 uatom".
func coins(s string) string {
	if s == "" {
		return "nothing"
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		j := strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' })
		if j > 0 {
			parts[i] = txcli.Grouped(p[:j]) + " " + p[j:]
		}
	}
	return strings.Join(parts, ", ")
}
