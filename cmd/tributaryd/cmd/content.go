package cmd

import (
	"github.com/spf13/cobra"

	ipfscli "github.com/tributary-ai/tributary/ipfs/cli"
)

// NewContentRootCmd is a root command holding only `content`: the same commands as under the full
// root, without building the app. main uses it when the first argument is "content".
func NewContentRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "tributaryd",
		Short:         "Tributary content addressing",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.AddCommand(ipfscli.ContentCommand())
	return root
}
