// Package flagenv fills a command's flags from environment variables, as the SDK's env prefix
// promises: TRIBUTARYD_HOME for --home, TRIBUTARYD_NODE for --node, TRIBUTARYD_CHAIN_ID for
// --chain-id, and so on for every flag of every command, the chain's and `content`'s alike (the
// content helper is a separate binary and must read the same variables). A flag given on the
// command line wins over its variable.
package flagenv

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Prefix is the prefix of the environment variables that stand for flags.
const Prefix = "TRIBUTARYD"

// Name is the variable that stands for a flag: TRIBUTARYD_ and the flag's name upper-cased
// with '-' as '_' (--chain-id is TRIBUTARYD_CHAIN_ID).
func Name(flag string) string {
	return Prefix + "_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// Apply sets every flag of cmd that the command line left unset from its variable. The SDK's
// client context reads flag values, not viper's, and reads --home only when the flag was given,
// so a variable that viper alone knew about (what cmtcli.PrepareBaseCmd binds) would be ignored
// by everything but the node's own configuration; setting the flag makes the two agree.
func Apply(cmd *cobra.Command) error {
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed {
			return
		}
		v, ok := os.LookupEnv(Name(f.Name))
		if !ok {
			return
		}
		if setErr := cmd.Flags().Set(f.Name, v); setErr != nil {
			err = fmt.Errorf("%s=%q: %w", Name(f.Name), v, setErr)
		}
	})
	return err
}
