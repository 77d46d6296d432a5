package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/tributary-ai/tributary/client/denoms"
	"github.com/tributary-ai/tributary/client/txcli"
	provcli "github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// QueryCommands returns the hand-written royalty queries; the root command
// puts them in place of AutoCLI's commands of the same names.
func QueryCommands() []*cobra.Command {
	return []*cobra.Command{claimableCmd(), revenueCmd()}
}

// claimableCmd answers "what can I claim" in words: per denom (an IBC voucher
// with the token it stands for), per asset, and, when there is nothing, why
// there may be nothing yet.
func claimableCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "claimable [address]",
		Short:   "Show what an address (or key name) can claim now, per denom and asset (--asset-ids to restrict)",
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
			return writeClaimable(cmd.Context(), cmd.OutOrStdout(), denoms.FromClient(clientCtx), res, addr, args[0])
		},
	}
	cmd.Flags().String(FlagAssetIDs, "", "only these assets, e.g. 1,3")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// writeClaimable prints a Claimable answer grouped by denom: each denom's total (an IBC voucher with its
// trace and display amount), then what each asset contributes to it.
func writeClaimable(ctx context.Context, out io.Writer, names *denoms.Namer, res *types.QueryClaimableResponse, addr, who string) error {
	if len(res.Entries) == 0 {
		_, err := fmt.Fprintf(out, "%s has nothing to claim now. Revenue becomes claimable once a payment is settled "+
			"(see `tributaryd query royalty settlement-queue`); a member of a Merkle commitment must first prove membership "+
			"with `tributaryd tx royalty claim-merkle`.\n", addr)
		return err
	}
	var b strings.Builder
	for _, total := range res.Total {
		fmt.Fprintf(&b, "%s, from\n", names.Amount(ctx, total.Amount, total.Denom))
		for _, e := range res.Entries {
			if a := e.Amount.AmountOf(total.Denom); a.IsPositive() {
				fmt.Fprintf(&b, "  asset #%d: %s\n", e.AssetId, txcli.Grouped(a.String()))
			}
		}
	}
	fmt.Fprintf(&b, "claim it with `tributaryd tx royalty claim --from %s`\n", who)
	_, err := io.WriteString(out, b.String())
	return err
}
