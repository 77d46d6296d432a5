package cmd

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// pageFlagUsage describes the pagination flags AutoCLI adds to every paged query without a
// word of help (client/v2 builds them from PageRequest with empty usage).
var pageFlagUsage = map[string]string{
	"page-key":         "resume after this key: the next_key of the previous page",
	"page-limit":       "the most entries in one page",
	"page-offset":      "skip this many entries (instead of --page-key)",
	"page-count-total": "also count every entry (costs a full walk on the node)",
	"page-reverse":     "list the entries in reverse order",
}

// refusedPageFlags are the pagination flags a query's server refuses, by command path: a
// newcomer is not offered what then fails. Ancestors pages by key alone (its walk has no
// offset, order or total); attribution pages one computed list forward.
var refusedPageFlags = map[string][]string{
	"query provenance ancestors": {"page-offset", "page-reverse", "page-count-total"},
	"query royalty attribution":  {"page-reverse"},
}

// describePagination gives AutoCLI's pagination flags a description and hides the ones a
// query refuses, under query and tx of the modules named.
func describePagination(root *cobra.Command, modules ...string) {
	for _, mod := range modules {
		parent, _, err := root.Find([]string{"query", mod})
		if err != nil || parent == root {
			continue
		}
		for _, c := range parent.Commands() {
			path := "query " + mod + " " + c.Name()
			c.Flags().VisitAll(func(f *pflag.Flag) {
				if usage, ok := pageFlagUsage[f.Name]; ok && strings.TrimSpace(f.Usage) == "" {
					f.Usage = usage
				}
			})
			for _, name := range refusedPageFlags[path] {
				if c.Flags().Lookup(name) != nil {
					// MarkHidden fails only for an unknown flag, which Lookup excluded.
					_ = c.Flags().MarkHidden(name)
				}
			}
		}
	}
}
