package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/tributary-ai/tributary/x/provenance/export"
)

// Flags of the export command.
const (
	FlagFormat = "format"
	FlagOutput = "output-file"
)

func exportQueryCmd() *cobra.Command {
	var names []string
	for _, f := range export.Formats {
		names = append(names, string(f))
	}
	cmd := &cobra.Command{
		Use:   "export [id]",
		Short: "Write an asset and every ancestor as SPDX 3.0.1 JSON-LD, CycloneDX 1.6 or PROV-JSON",
		Long: `Write the lineage of an asset (the asset and every ancestor once, with CID and its sha2-256 digest,
kind, licence, weighted edges, contributors, royalty policy, status and external identifiers) in a standard
format, read at one block (--height, default the latest) whose chain id, height and time the document states.
See docs/standards.md for how each format's fields map to the chain's.`,
		Example: `  tributaryd query provenance export 8 --format cyclonedx --output-file merge-7b.cdx.json`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			id, err := ParseAssetID(args[0])
			if err != nil {
				return err
			}
			name, _ := cmd.Flags().GetString(FlagFormat)
			format, err := export.ParseFormat(name)
			if err != nil {
				return fmt.Errorf("--%s %q: use %s", FlagFormat, name, strings.Join(names, ", "))
			}
			height, _ := cmd.Flags().GetInt64(flags.FlagHeight)
			src, ctx, meta, err := export.AtBlock(cmd.Context(), clientCtx, height, "tributaryd "+version.Version)
			if err != nil {
				return err
			}
			var w io.Writer = cmd.OutOrStdout()
			if path, _ := cmd.Flags().GetString(FlagOutput); path != "" {
				f, err := os.Create(path)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if err := export.Export(ctx, w, src, id, format, meta); err != nil {
				return queryError(err)
			}
			if f, ok := w.(*os.File); ok {
				fmt.Fprintf(cmd.ErrOrStderr(), "wrote the lineage of asset #%d at height %d as %s to %s\n", id, meta.Height, format, f.Name())
				return f.Close()
			}
			return nil
		},
	}
	cmd.Flags().String(FlagFormat, string(export.FormatCycloneDX), "output format: "+strings.Join(names, ", "))
	cmd.Flags().String(FlagOutput, "", "write to this file instead of standard output")
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}
