package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/cosmos/cosmos-sdk/client"
	clientconfig "github.com/cosmos/cosmos-sdk/client/config"
)

// clientKeys are the settings of config/client.toml, the defaults every CLI command reads.
var clientKeys = []string{"chain-id", "keyring-backend", "keyring-default-keyname", "output", "node", "broadcast-mode"}

// configCmd reads and writes the client configuration (config/client.toml) so that users do not
// repeat --chain-id, --node and --keyring-backend on every command.
func configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config [key [value]]",
		Short: "Show or change the client configuration (config/client.toml)",
		Long: "With no argument, print every client setting. With a key, print its value. With a key and a value, " +
			"set it.\nKeys: " + strings.Join(clientKeys, ", ") + ".\n" +
			"Node settings live in config/app.toml (including [ipfs]) and config/config.toml; edit those files.",
		Example: "  tributaryd config chain-id tributary-local\n  tributaryd config keyring-backend test\n  tributaryd config node",
		Args:    cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx := client.GetClientContextFromCmd(cmd)
			path := filepath.Join(clientCtx.HomeDir, "config", "client.toml")
			v := viper.New()
			v.SetConfigFile(path)
			v.SetConfigType("toml")
			if err := v.ReadInConfig(); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("reading %s: %w (run `tributaryd init` first?)", path, err)
			}
			cfg := clientconfig.DefaultConfig()
			if err := v.Unmarshal(cfg); err != nil {
				return fmt.Errorf("decoding %s: %w", path, err)
			}
			values := map[string]*string{
				"chain-id": &cfg.ChainID, "keyring-backend": &cfg.KeyringBackend,
				"keyring-default-keyname": &cfg.KeyringDefaultKeyName, "output": &cfg.Output,
				"node": &cfg.Node, "broadcast-mode": &cfg.BroadcastMode,
			}
			switch len(args) {
			case 0:
				keys := append([]string(nil), clientKeys...)
				sort.Strings(keys)
				for _, k := range keys {
					cmd.Printf("%s = %q\n", k, *values[k])
				}
				return nil
			case 1:
				p, ok := values[args[0]]
				if !ok {
					return fmt.Errorf("unknown client setting %q; known: %s", args[0], strings.Join(clientKeys, ", "))
				}
				cmd.Println(*p)
				return nil
			default:
				p, ok := values[args[0]]
				if !ok {
					return fmt.Errorf("unknown client setting %q; known: %s", args[0], strings.Join(clientKeys, ", "))
				}
				if err := validateClientSetting(args[0], args[1]); err != nil {
					return err
				}
				*p = args[1]
				return writeClientConfig(path, cfg)
			}
		},
	}
	return cmd
}

// validateClientSetting refuses values the SDK would only reject later, at a confusing moment.
func validateClientSetting(key, value string) error {
	allowed := map[string][]string{
		"keyring-backend": {"os", "file", "kwallet", "pass", "test", "memory"},
		"output":          {"text", "json"},
		"broadcast-mode":  {"sync", "async"},
	}
	if opts, ok := allowed[key]; ok {
		for _, o := range opts {
			if o == value {
				return nil
			}
		}
		return fmt.Errorf("%s must be one of %s, not %q", key, strings.Join(opts, ", "), value)
	}
	return nil
}

// writeClientConfig writes client.toml in the same layout as the SDK does on init.
func writeClientConfig(path string, cfg *clientconfig.ClientConfig) error {
	var b strings.Builder
	b.WriteString("# This is a TOML config file.\n# For more information, see https://github.com/toml-lang/toml\n\n")
	b.WriteString("###############################################################################\n")
	b.WriteString("###                           Client Configuration                          ###\n")
	b.WriteString("###############################################################################\n\n")
	fmt.Fprintf(&b, "# The network chain ID\nchain-id = %q\n", cfg.ChainID)
	fmt.Fprintf(&b, "# The keyring's backend, where the keys are stored (os|file|kwallet|pass|test|memory)\nkeyring-backend = %q\n", cfg.KeyringBackend)
	fmt.Fprintf(&b, "# Default key name, if set, defines the default key to use for signing transaction when the --from flag is not specified\nkeyring-default-keyname = %q\n", cfg.KeyringDefaultKeyName)
	fmt.Fprintf(&b, "# CLI output format (text|json)\noutput = %q\n", cfg.Output)
	fmt.Fprintf(&b, "# <host>:<port> to CometBFT RPC interface for this chain\nnode = %q\n", cfg.Node)
	fmt.Fprintf(&b, "# Transaction broadcasting mode (sync|async)\nbroadcast-mode = %q\n", cfg.BroadcastMode)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o600)
}
