package ipfs

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
	"github.com/spf13/cast"
)

// Modes of the [ipfs] section.
const (
	// ModeEmbedded runs an IPFS node inside tributaryd.
	ModeEmbedded = "embedded"
	// ModeRemote uses an external kubo daemon through its HTTP RPC.
	ModeRemote = "remote"
	// ModeOff disables content storage; CIDs are still computed and checked.
	ModeOff = "off"
)

// Defaults of the [ipfs] section. Every listener is on loopback: exposing a
// node is an explicit operator decision. The ports avoid kubo's (4001, 5001,
// 8080) so both can run on one machine.
const (
	DefaultListenAddress  = "/ip4/127.0.0.1/tcp/4101"
	DefaultGatewayAddress = "127.0.0.1:8180"
	DefaultAPIAddress     = "127.0.0.1:5101"
	DefaultRemoteRPCURL   = "http://127.0.0.1:5001"
	DefaultStorageLimit   = "10GiB"
	// DefaultReplicateStallTimeout gives up a replication fetch when no block has arrived for
	// this long; it is retried with backoff.
	DefaultReplicateStallTimeout = "2m"
)

// ErrInvalidConfig is wrapped by every Config.Validate error.
var ErrInvalidConfig = errors.New("invalid [ipfs] configuration")

// Config is the [ipfs] section of app.toml.
type Config struct {
	// Enable turns content storage on; when false Mode is ignored and treated as off.
	Enable bool `mapstructure:"enable"`
	// Mode is "embedded", "remote" or "off".
	Mode string `mapstructure:"mode"`
	// ListenAddresses are the libp2p multiaddrs the embedded node listens on.
	ListenAddresses []string `mapstructure:"listen_addresses"`
	// GatewayAddress is host:port of the embedded node's trustless HTTP
	// gateway; empty disables it.
	GatewayAddress string `mapstructure:"gateway_address"`
	// APIAddress is host:port of the embedded node's kubo-compatible RPC
	// subset (/api/v0/...), used by `tributaryd content`.
	APIAddress string `mapstructure:"api_address"`
	// Peers are multiaddrs with /p2p/<id> the embedded node keeps connected to.
	Peers []string `mapstructure:"peers"`
	// RemoteRPCURL is the kubo RPC endpoint in remote mode.
	RemoteRPCURL string `mapstructure:"remote_rpc_url"`
	// StoragePath is where blocks are kept, relative to the node home unless absolute.
	StoragePath string `mapstructure:"storage_path"`
	// StorageLimit caps the block store ("10GiB", "500MB", bytes; "0" = unlimited).
	StorageLimit string `mapstructure:"storage_limit"`
	// Replicate makes the embedded node fetch and keep the content of every asset registered on
	// chain (see Replicator); it needs the node's gRPC server or REST API enabled to read the chain.
	Replicate bool `mapstructure:"replicate"`
	// ReplicateStallTimeout ("2m") gives up a replication fetch when no block has arrived for that
	// long; it is retried with backoff.
	ReplicateStallTimeout string `mapstructure:"replicate_stall_timeout"`
}

// DefaultConfig is a disabled embedded node with loopback listeners.
func DefaultConfig() Config {
	return Config{
		Enable:          false,
		Mode:            ModeEmbedded,
		ListenAddresses: []string{DefaultListenAddress},
		GatewayAddress:  DefaultGatewayAddress,
		APIAddress:      DefaultAPIAddress,
		Peers:           []string{},
		RemoteRPCURL:    DefaultRemoteRPCURL,
		StoragePath:     DefaultStoragePath,
		StorageLimit:    DefaultStorageLimit,

		Replicate:             true,
		ReplicateStallTimeout: DefaultReplicateStallTimeout,
	}
}

// ReplicateStallTimeoutDuration parses ReplicateStallTimeout.
func (c Config) ReplicateStallTimeoutDuration() (time.Duration, error) {
	d, err := time.ParseDuration(c.ReplicateStallTimeout)
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, fmt.Errorf("%s is not positive", c.ReplicateStallTimeout)
	}
	return d, nil
}

// EffectiveMode is Mode, or ModeOff when the section is disabled.
func (c Config) EffectiveMode() string {
	if !c.Enable {
		return ModeOff
	}
	return c.Mode
}

// StorageLimitBytes parses StorageLimit.
func (c Config) StorageLimitBytes() (uint64, error) {
	return ParseByteSize(c.StorageLimit)
}

// ResolvedStoragePath is StoragePath made absolute against home.
func (c Config) ResolvedStoragePath(home string) string {
	if filepath.IsAbs(c.StoragePath) {
		return c.StoragePath
	}
	return filepath.Join(home, c.StoragePath)
}

// APIURL is the http:// URL of the embedded node's API.
func (c Config) APIURL() string {
	return "http://" + c.APIAddress
}

// Validate checks the section; a disabled section only needs a known mode.
func (c Config) Validate() error {
	switch c.Mode {
	case ModeEmbedded, ModeRemote, ModeOff:
	default:
		return fmt.Errorf("%w: mode %q: want %q, %q or %q", ErrInvalidConfig, c.Mode, ModeEmbedded, ModeRemote, ModeOff)
	}
	if _, err := c.StorageLimitBytes(); err != nil {
		return fmt.Errorf("%w: storage_limit: %v", ErrInvalidConfig, err)
	}
	if !c.Enable {
		return nil
	}
	switch c.Mode {
	case ModeEmbedded:
		if len(c.ListenAddresses) == 0 {
			return fmt.Errorf("%w: listen_addresses is empty", ErrInvalidConfig)
		}
		for _, a := range c.ListenAddresses {
			if err := validateMultiaddr(a, false); err != nil {
				return fmt.Errorf("%w: listen_addresses: %v", ErrInvalidConfig, err)
			}
		}
		for _, p := range c.Peers {
			if err := validateMultiaddr(p, true); err != nil {
				return fmt.Errorf("%w: peers: %v", ErrInvalidConfig, err)
			}
		}
		if c.GatewayAddress != "" {
			if _, _, err := net.SplitHostPort(c.GatewayAddress); err != nil {
				return fmt.Errorf("%w: gateway_address %q: %v", ErrInvalidConfig, c.GatewayAddress, err)
			}
		}
		if _, _, err := net.SplitHostPort(c.APIAddress); err != nil {
			return fmt.Errorf("%w: api_address %q: %v", ErrInvalidConfig, c.APIAddress, err)
		}
		if c.StoragePath == "" {
			return fmt.Errorf("%w: storage_path is empty", ErrInvalidConfig)
		}
		if c.Replicate {
			if _, err := c.ReplicateStallTimeoutDuration(); err != nil {
				return fmt.Errorf("%w: replicate_stall_timeout %q: want a duration such as \"2m\": %v", ErrInvalidConfig, c.ReplicateStallTimeout, err)
			}
		}
	case ModeRemote:
		u, err := url.Parse(c.RemoteRPCURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: remote_rpc_url %q is not an http(s) URL", ErrInvalidConfig, c.RemoteRPCURL)
		}
	}
	return nil
}

// ConfigFromViper reads the [ipfs] section from an app.toml loaded in a
// viper-like store; keys that are absent keep their DefaultConfig value.
// home is unused today but taken so relative paths could be checked here.
func ConfigFromViper(v interface{ Get(string) any }, home string) (Config, error) {
	c := DefaultConfig()
	var err error
	get := func(key string, set func(any) error) {
		if err != nil {
			return
		}
		if raw := v.Get("ipfs." + key); raw != nil {
			if e := set(raw); e != nil {
				err = fmt.Errorf("%w: ipfs.%s: %v", ErrInvalidConfig, key, e)
			}
		}
	}
	str := func(dst *string) func(any) error {
		return func(raw any) (e error) { *dst, e = cast.ToStringE(raw); return }
	}
	strs := func(dst *[]string) func(any) error {
		return func(raw any) (e error) { *dst, e = cast.ToStringSliceE(raw); return }
	}
	get("enable", func(raw any) (e error) { c.Enable, e = cast.ToBoolE(raw); return })
	get("mode", str(&c.Mode))
	get("listen_addresses", strs(&c.ListenAddresses))
	get("gateway_address", str(&c.GatewayAddress))
	get("api_address", str(&c.APIAddress))
	get("peers", strs(&c.Peers))
	get("remote_rpc_url", str(&c.RemoteRPCURL))
	get("storage_path", str(&c.StoragePath))
	get("storage_limit", str(&c.StorageLimit))
	get("replicate", func(raw any) (e error) { c.Replicate, e = cast.ToBoolE(raw); return })
	get("replicate_stall_timeout", str(&c.ReplicateStallTimeout))
	if err != nil {
		return Config{}, err
	}
	_ = home
	return c, c.Validate()
}

// ParseByteSize parses "10GiB", "500 MB", "1048576" (bytes) and "0"
// (unlimited). Binary (KiB, MiB, GiB, TiB) and decimal (KB, MB, GB, TB)
// units are case-insensitive.
func ParseByteSize(s string) (uint64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("empty size")
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	n, err := strconv.ParseUint(t[:i], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("size %q: want a whole number with an optional unit such as GiB", s)
	}
	units := map[string]uint64{
		"": 1, "b": 1,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
	}
	mul, ok := units[strings.ToLower(strings.TrimSpace(t[i:]))]
	if !ok {
		return 0, fmt.Errorf("size %q: unknown unit %q", s, t[i:])
	}
	if n > 0 && mul > ^uint64(0)/n {
		return 0, fmt.Errorf("size %q overflows", s)
	}
	return n * mul, nil
}

// ConfigTemplate is the [ipfs] section of app.toml in text/template syntax;
// the template data must have a field IPFS of type Config.
const ConfigTemplate = `
###############################################################################
###                        IPFS (content addressing)                        ###
###############################################################################

[ipfs]

# Store and serve dataset content. CIDs are computed and checked either way.
enable = {{ .IPFS.Enable }}

# "embedded": run an IPFS node inside tributaryd (libp2p + bitswap + gateway).
# "remote":   push content to an external kubo daemon at remote_rpc_url.
# "off":      store nothing.
mode = "{{ .IPFS.Mode }}"

# libp2p listen multiaddrs of the embedded node (loopback by default; use
# /ip4/0.0.0.0/tcp/4101 to serve other machines).
listen_addresses = [{{ range $i, $a := .IPFS.ListenAddresses }}{{ if $i }}, {{ end }}"{{ $a }}"{{ end }}]

# Trustless HTTP gateway (application/vnd.ipld.raw and .car); "" disables it.
gateway_address = "{{ .IPFS.GatewayAddress }}"

# kubo-compatible RPC subset used by "tributaryd content add/get"; keep it on loopback.
api_address = "{{ .IPFS.APIAddress }}"

# Peers to stay connected to, as multiaddrs ending in /p2p/<peer id>.
peers = [{{ range $i, $a := .IPFS.Peers }}{{ if $i }}, {{ end }}"{{ $a }}"{{ end }}]

# kubo RPC URL for mode = "remote".
remote_rpc_url = "{{ .IPFS.RemoteRPCURL }}"

# Block storage, relative to the node home unless absolute.
storage_path = "{{ .IPFS.StoragePath }}"

# Maximum bytes of blocks kept ("10GiB", "500MB", bytes; "0" = unlimited).
storage_limit = "{{ .IPFS.StorageLimit }}"

# Fetch (over bitswap, verified) and keep the content of every asset registered
# on chain, so that every node serves it (embedded mode; reads the chain through
# this node's gRPC server or REST API, so keep one of them enabled). Progress is
# kept in <storage_path>/replication.json.
replicate = {{ .IPFS.Replicate }}

# Give up a replication fetch when no block has arrived for this long; it is
# retried later with backoff (up to an hour apart).
replicate_stall_timeout = "{{ .IPFS.ReplicateStallTimeout }}"
`

// validateMultiaddr parses a multiaddr; withPeer requires a /p2p/<id> part.
func validateMultiaddr(s string, withPeer bool) error {
	a, err := ma.NewMultiaddr(s)
	if err != nil {
		return fmt.Errorf("%q: %v", s, err)
	}
	if withPeer {
		if _, err := peer.AddrInfoFromP2pAddr(a); err != nil {
			return fmt.Errorf("%q: want a multiaddr ending in /p2p/<peer id>: %v", s, err)
		}
	}
	return nil
}
