package flagenv

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestApply: a variable fills a flag the command line left unset, never one it set, and a
// value the flag refuses is an error naming the variable.
func TestApply(t *testing.T) {
	newCmd := func() *cobra.Command {
		c := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
		c.Flags().String("home", "/default", "")
		c.Flags().String("chain-id", "", "")
		c.Flags().Uint64("gas-prices-cap", 0, "")
		return c
	}
	t.Setenv("TRIBUTARYD_HOME", "/from/env")
	t.Setenv("TRIBUTARYD_CHAIN_ID", "env-chain")

	c := newCmd()
	if err := c.ParseFlags([]string{"--chain-id", "flag-chain"}); err != nil {
		t.Fatal(err)
	}
	if err := Apply(c); err != nil {
		t.Fatal(err)
	}
	if h, _ := c.Flags().GetString("home"); h != "/from/env" {
		t.Errorf("home = %q, want the variable's /from/env", h)
	}
	if id, _ := c.Flags().GetString("chain-id"); id != "flag-chain" {
		t.Errorf("chain-id = %q, want the flag's flag-chain", id)
	}
	if !c.Flags().Changed("home") {
		t.Error("home from the environment must count as given: the SDK reads --home only when Changed")
	}

	t.Setenv("TRIBUTARYD_GAS_PRICES_CAP", "lots")
	if err := Apply(newCmd()); err == nil || !strings.Contains(err.Error(), "TRIBUTARYD_GAS_PRICES_CAP") {
		t.Fatalf("bad value: %v, want an error naming TRIBUTARYD_GAS_PRICES_CAP", err)
	}
}
