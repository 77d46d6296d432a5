package explorer

import (
	"fmt"
	"strings"

	"github.com/spf13/cast"
)

// Config is the [explorer] section of app.toml.
type Config struct {
	// Enable serves the explorer under /explorer on the REST API server (which must be enabled too).
	Enable bool `mapstructure:"enable"`
	// GatewayURL is the base URL of an IPFS gateway that asset pages link CIDs to (".../ipfs/<cid>"). Empty
	// means the node's own gateway ([ipfs] gateway_address) when the embedded IPFS node is enabled, else no link.
	GatewayURL string `mapstructure:"gateway_url"`
}

// DefaultConfig is the explorer on, linking CIDs to the node's own gateway.
func DefaultConfig() Config { return Config{Enable: true} }

// ConfigTemplate is the [explorer] section appended to app.toml's template.
const ConfigTemplate = `
###############################################################################
###                           Explorer Configuration                        ###
###############################################################################

[explorer]

# Serve the web explorer under /explorer on the REST API server ([api] enable must be true too); it reads
# the node's own queries and tx index and needs no network access.
enable = {{ .Explorer.Enable }}

# Base URL of the IPFS gateway asset pages link CIDs to (for example "https://ipfs.example.org"); empty uses
# the node's own gateway ([ipfs] gateway_address) when the embedded IPFS node is on, else CIDs are not linked.
gateway_url = "{{ .Explorer.GatewayURL }}"
`

// AppOptions is the part of the server's options the explorer reads (servertypes.AppOptions).
type AppOptions interface {
	Get(string) any
}

// ConfigFromOptions reads [explorer] from app.toml. A home written before the explorer existed has no
// [explorer] section; it gets the defaults, so upgrading a node turns the explorer on wherever the API is on.
// The gateway falls back to the node's own IPFS gateway.
func ConfigFromOptions(opts AppOptions) Config {
	cfg := DefaultConfig()
	if v := opts.Get("explorer.enable"); v != nil {
		cfg.Enable = cast.ToBool(v)
	}
	cfg.GatewayURL = strings.TrimRight(cast.ToString(opts.Get("explorer.gateway_url")), "/")
	if cfg.GatewayURL == "" && cast.ToBool(opts.Get("ipfs.enable")) && cast.ToString(opts.Get("ipfs.mode")) != "off" {
		if addr := cast.ToString(opts.Get("ipfs.gateway_address")); addr != "" {
			cfg.GatewayURL = fmt.Sprintf("http://%s", addr)
		}
	}
	return cfg
}
