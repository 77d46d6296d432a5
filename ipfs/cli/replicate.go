package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tributary-ai/tributary/ipfs/cids"
	"github.com/tributary-ai/tributary/ipfs/client"
)

// replicateCmd is `content replicate status|retry`: what the running node's replicator owes and
// gave up, and re-queueing a given-up CID.
func replicateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "replicate",
		Short: "Inspect and steer the running node's replication of registered content",
	}
	cmd.AddCommand(jsonCall("status", "Print (JSON) the next asset to look at, the CIDs still owed and the CIDs given up, with why",
		(*client.APIClient).ReplicationStatus))
	cmd.AddCommand(&cobra.Command{
		Use:   "retry CID",
		Short: "Try again to replicate a CID the node gave up (also one skipped for replicate_max_asset_size)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := cids.ParseCID(args[0])
			if err != nil {
				return err
			}
			api, err := apiURL(cmd)
			if err != nil {
				return err
			}
			n, err := client.NewAPIClient(api, nil).ReplicationRetry(cmd.Context(), c)
			if err != nil {
				return apiError(api, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "re-queued %s (%d registration(s)); `tributaryd content replicate status` shows its progress\n", c, n)
			return nil
		},
	})
	return cmd
}
