package cmd_test

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tributary-ai/tributary/cmd/tributaryd/cmd"
)

// TestModuleCommandsAreDescribed guards what `--help` shows a newcomer for every command of
// Tributary's own modules, AutoCLI's and hand-written alike: an example, and a description for
// every flag (AutoCLI leaves both empty unless the module's descriptors give them).
func TestModuleCommandsAreDescribed(t *testing.T) {
	root := cmd.NewRootCmd()
	for _, path := range [][]string{
		{"query", "provenance"}, {"query", "royalty"}, {"tx", "provenance"}, {"tx", "royalty"},
	} {
		parent, _, err := root.Find(path)
		if err != nil || parent == root {
			t.Fatalf("no %v command", path)
		}
		checkDescribed(t, path, parent)
	}
}

// checkDescribed checks every runnable command under parent (path names parent), recursively.
func checkDescribed(t *testing.T, path []string, parent *cobra.Command) {
	t.Helper()
	for _, c := range parent.Commands() {
		if c.Hidden {
			continue
		}
		if c.HasSubCommands() {
			checkDescribed(t, append(append([]string(nil), path...), c.Name()), c)
			continue
		}
		name := strings.Join(append(append([]string(nil), path...), c.Name()), " ")
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no example", name)
		} else if !strings.Contains(c.Example, "tributaryd "+name) && !strings.Contains(c.Example, "tributaryd q"+strings.TrimPrefix(name, "query")) {
			t.Errorf("%s: the example does not run the command: %q", name, c.Example)
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && strings.TrimSpace(f.Usage) == "" {
				t.Errorf("%s: --%s has no description", name, f.Name)
			}
		})
	}
}

// TestPaginationFlagsOfferOnlyWhatTheQueryTakes: a query that pages by key alone does not
// offer --page-offset, --page-reverse or --page-count-total (the node refuses them), and one
// that pages by offset does not offer --page-reverse.
func TestPaginationFlagsOfferOnlyWhatTheQueryTakes(t *testing.T) {
	root := cmd.NewRootCmd()
	cases := []struct {
		path    []string
		offered []string
		refused []string
	}{
		{[]string{"query", "provenance", "ancestors"}, []string{"page-key", "page-limit", "max-depth"}, []string{"page-offset", "page-reverse", "page-count-total"}},
		{[]string{"query", "royalty", "attribution"}, []string{"page-key", "page-limit", "page-offset", "page-count-total"}, []string{"page-reverse"}},
		{[]string{"query", "provenance", "children"}, []string{"page-key", "page-limit", "page-offset", "page-reverse", "page-count-total"}, nil},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.path, " "), func(t *testing.T) {
			c := find(t, root, tc.path)
			for _, f := range tc.offered {
				if fl := c.Flags().Lookup(f); fl == nil || fl.Hidden {
					t.Errorf("--%s not offered", f)
				}
			}
			for _, f := range tc.refused {
				if fl := c.Flags().Lookup(f); fl != nil && !fl.Hidden {
					t.Errorf("--%s offered, but the node refuses it", f)
				}
			}
		})
	}
}

func find(t *testing.T, root *cobra.Command, path []string) *cobra.Command {
	t.Helper()
	c, _, err := root.Find(path)
	if err != nil || c.Name() != path[len(path)-1] {
		t.Fatalf("no command %v", path)
	}
	return c
}
