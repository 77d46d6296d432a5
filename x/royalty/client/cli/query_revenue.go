package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/tributary-ai/tributary/client/denoms"
	"github.com/tributary-ai/tributary/client/txcli"
	provcli "github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// revenueCmd prints an asset's revenue accounts per denom, an IBC voucher with the token it stands for; -o json
// is the query's answer as it is.
func revenueCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "revenue [asset-id]",
		Short:   "Show an asset's revenue per denom: paid directly, received from descendants, sent upstream, to contributors, claimed, pending",
		Example: "  tributaryd query royalty revenue 3\n  tributaryd query royalty revenue 3 -o json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			id, err := provcli.ParseAssetID(args[0])
			if err != nil {
				return err
			}
			res, err := types.NewQueryClient(clientCtx).RevenueReport(cmd.Context(), &types.QueryRevenueReportRequest{AssetId: id})
			if err != nil {
				return fmt.Errorf("%s", txcli.CleanLog(err.Error()))
			}
			if clientCtx.OutputFormat == flags.OutputFormatJSON {
				return clientCtx.PrintProto(res)
			}
			return writeRevenue(cmd.Context(), cmd.OutOrStdout(), denoms.FromClient(clientCtx), id, res)
		},
	}
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

// writeRevenue prints one block of accounts per denom, and says when pending revenue waits below the asset's
// settlement threshold (x/royalty README, "Who pays"), so that a user who sees it pending knows why.
func writeRevenue(ctx context.Context, out io.Writer, names *denoms.Namer, id uint64, res *types.QueryRevenueReportResponse) error {
	if len(res.Reports) == 0 {
		_, err := fmt.Fprintf(out, "asset #%d has no revenue yet\n", id)
		return err
	}
	var b strings.Builder
	for _, r := range res.Reports {
		denom := r.Denom
		if label := names.Label(ctx, r.Denom); label != "" {
			denom += " (" + label + ")"
		}
		fmt.Fprintf(&b, "asset #%d in %s:\n", id, denom)
		for _, line := range []struct {
			what   string
			amount math.Int
		}{
			{"paid directly", r.PaidDirect},
			{"received from descendants", r.ReceivedUpstream},
			{"sent upstream", r.SentUpstream},
			{"to contributors", r.ToContributors},
			{"claimed by contributors", r.Claimed},
			{"pending settlement", r.Pending},
			{"unattributed (community pool)", r.Unattributed},
		} {
			fmt.Fprintf(&b, "  %-30s %s\n", line.what+":", txcli.Grouped(line.amount.String()))
		}
		if waits(r.Pending, res.SettlementThreshold) {
			fmt.Fprintf(&b, "  %-30s %s (the pending amount waits until it reaches this)\n", "settles from:",
				txcli.Grouped(res.SettlementThreshold.String()))
		}
	}
	if !res.SettlementThreshold.IsNil() && res.SettlementThreshold.IsPositive() {
		fmt.Fprintf(&b, "settlement threshold: %s base units of a denom (path work %d x min_pending_per_work_unit)\n",
			txcli.Grouped(res.SettlementThreshold.String()), res.PathWork)
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// waits reports whether a positive pending amount is below the settlement threshold.
func waits(pending, threshold math.Int) bool {
	return !pending.IsNil() && pending.IsPositive() && !threshold.IsNil() && pending.LT(threshold)
}
