package cli

import "github.com/spf13/cobra"

// StandaloneRootCmd is a `tributaryd` root command that holds only `content`: the commands of
// ContentCommand without the chain's root. tributaryd's content fast path and the
// tributaryd-content helper both run it, so the two cannot drift apart.
func StandaloneRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "tributaryd",
		Short:         "Tributary content addressing",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.AddCommand(ContentCommand())
	return root
}
