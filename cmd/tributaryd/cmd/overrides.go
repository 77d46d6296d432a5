package cmd

import (
	"github.com/spf13/cobra"

	provenancecli "github.com/tributary-ai/tributary/x/provenance/client/cli"
	royaltycli "github.com/tributary-ai/tributary/x/royalty/client/cli"
)

// replaceModuleCommands puts hand-written commands in place of AutoCLI's
// commands of the same name, for modules whose other commands AutoCLI keeps
// generating: a royalty transaction must wait for its block and report what
// it did, which AutoCLI's broadcast cannot.
func replaceModuleCommands(root *cobra.Command) {
	replace(root, []string{"tx", "royalty"}, royaltycli.TxCommands())
	replace(root, []string{"query", "royalty"}, royaltycli.QueryCommands())
	replace(root, []string{"query", "provenance"}, provenancecli.QueryCommands())
}

// replace swaps the subcommands of the command at path for cmds, by name.
func replace(root *cobra.Command, path []string, cmds []*cobra.Command) {
	parent, _, err := root.Find(path)
	if err != nil || parent == root {
		panic("no command " + path[len(path)-1] + " to add hand-written commands to")
	}
	for _, c := range cmds {
		for _, old := range parent.Commands() {
			if old.Name() == c.Name() {
				parent.RemoveCommand(old)
			}
		}
		parent.AddCommand(c)
	}
}
