// Package config is the [ipfs] section of app.toml and the one place where a
// command finds the IPFS API of a node home (ClientAPIURL). It imports no
// network stack: the content commands and tributaryd-content use it too.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	ma "github.com/multiformats/go-multiaddr"
	"github.com/spf13/viper"
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
	DefaultStoragePath    = "data/ipfs"
	DefaultStorageLimit   = "10GiB"
	// DefaultReplicateStallTimeout gives up a replication fetch when no block
	// has arrived for this long.
	DefaultReplicateStallTimeout = "2m"
	// DefaultReplicateMaxAssetSize is the largest registered asset a node
	// replicates unless its operator raises it: a fifth of the default
	// storage_limit, so one registration cannot take most of a default disk.
	DefaultReplicateMaxAssetSize = "2GiB"
	// DefaultReplicateMinRate is the slowest average transfer rate a
	// replication fetch may have: a DAG of N bytes must arrive within
	// replicate_stall_timeout + N / replicate_min_rate.
	DefaultReplicateMinRate = "256KiB"
	// DefaultGCInterval is off: garbage collection runs when the operator asks
	// (`tributaryd content gc`), so nothing is deleted behind their back after an upgrade.
	DefaultGCInterval = "0"
	// MinGCInterval is the shortest accepted gc_interval: a collection walks every pinned DAG
	// and lists the whole store.
	MinGCInterval = time.Minute
)

// ErrInvalidConfig is wrapped by every Config.Validate error.
var ErrInvalidConfig = errors.New("invalid [ipfs] configuration")

// Config is the [ipfs] section of app.toml. Each field's mapstructure tag is
// its key; FromViper reads them with viper's own unmarshalling.
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
	// subset (/api/v0/...), used by `tributaryd content`. It has no
	// authentication, so it must be a loopback address.
	APIAddress string `mapstructure:"api_address"`
	// Peers are multiaddrs with /p2p/<id> the embedded node keeps connected to.
	Peers []string `mapstructure:"peers"`
	// AcceptAnyPeer lets any libp2p peer connect; by default only Peers may
	// (outbound dials are unaffected).
	AcceptAnyPeer bool `mapstructure:"accept_any_peer"`
	// RemoteRPCURL is the kubo RPC endpoint in remote mode.
	RemoteRPCURL string `mapstructure:"remote_rpc_url"`
	// StoragePath is where blocks are kept, relative to the node home unless absolute.
	StoragePath string `mapstructure:"storage_path"`
	// StorageLimit caps the block store ("10GiB", "500MB", bytes; "0" = unlimited).
	StorageLimit string `mapstructure:"storage_limit"`
	// GCInterval runs a garbage collection of the embedded node this often ("0" or empty: never;
	// at least MinGCInterval otherwise); `tributaryd content gc` runs one at any time.
	GCInterval string `mapstructure:"gc_interval"`
	// Replicate makes the embedded node fetch and keep the content of every asset registered on
	// chain; it needs the node's gRPC server or REST API enabled to read the chain.
	Replicate bool `mapstructure:"replicate"`
	// ReplicateStallTimeout ("2m") gives up a replication fetch when no block has arrived for
	// that long.
	ReplicateStallTimeout string `mapstructure:"replicate_stall_timeout"`
	// ReplicateMaxAssetSize skips assets whose registered size is larger ("2GiB"; "0" = no
	// ceiling but storage_limit).
	ReplicateMaxAssetSize string `mapstructure:"replicate_max_asset_size"`
	// ReplicateMinRate ("256KiB", per second) sets each fetch's total deadline from its size.
	ReplicateMinRate string `mapstructure:"replicate_min_rate"`
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
		GCInterval:      DefaultGCInterval,

		Replicate:             true,
		ReplicateStallTimeout: DefaultReplicateStallTimeout,
		ReplicateMaxAssetSize: DefaultReplicateMaxAssetSize,
		ReplicateMinRate:      DefaultReplicateMinRate,
	}
}

// Settings are the parsed values of a valid Config.
type Settings struct {
	StorageLimit          uint64        // bytes; 0 unlimited
	GCInterval            time.Duration // 0: no periodic GC
	ReplicateStallTimeout time.Duration
	ReplicateMaxAssetSize uint64 // bytes; 0 no ceiling
	ReplicateMinRate      uint64 // bytes per second
}

// Parse returns the numeric values of the section, or the first bad one.
func (c Config) Parse() (Settings, error) {
	var s Settings
	var err error
	if s.StorageLimit, err = ParseByteSize(c.StorageLimit); err != nil {
		return s, fmt.Errorf("%w: storage_limit: %v", ErrInvalidConfig, err)
	}
	if s.GCInterval, err = time.ParseDuration(orZero(c.GCInterval)); err != nil || s.GCInterval < 0 ||
		(s.GCInterval > 0 && s.GCInterval < MinGCInterval) {
		return s, fmt.Errorf("%w: gc_interval %q: want \"0\" (no periodic GC) or a duration of at least %s such as \"24h\"", ErrInvalidConfig, c.GCInterval, MinGCInterval)
	}
	if s.ReplicateStallTimeout, err = time.ParseDuration(c.ReplicateStallTimeout); err != nil || s.ReplicateStallTimeout <= 0 {
		return s, fmt.Errorf("%w: replicate_stall_timeout %q: want a positive duration such as \"2m\"", ErrInvalidConfig, c.ReplicateStallTimeout)
	}
	if s.ReplicateMaxAssetSize, err = ParseByteSize(c.ReplicateMaxAssetSize); err != nil {
		return s, fmt.Errorf("%w: replicate_max_asset_size: %v", ErrInvalidConfig, err)
	}
	if s.ReplicateMinRate, err = ParseByteSize(c.ReplicateMinRate); err != nil || s.ReplicateMinRate == 0 {
		return s, fmt.Errorf("%w: replicate_min_rate %q: want a positive size per second such as \"256KiB\"", ErrInvalidConfig, c.ReplicateMinRate)
	}
	return s, nil
}

func orZero(s string) string {
	if s == "" || s == "0" {
		return "0s"
	}
	return s
}

// EffectiveMode is Mode, or ModeOff when the section is disabled.
func (c Config) EffectiveMode() string {
	if !c.Enable {
		return ModeOff
	}
	return c.Mode
}

// ResolvedStoragePath is StoragePath made absolute against home.
func (c Config) ResolvedStoragePath(home string) string {
	if filepath.IsAbs(c.StoragePath) {
		return c.StoragePath
	}
	return filepath.Join(home, c.StoragePath)
}

// Validate checks the section; a disabled section only needs a known mode
// and parseable sizes.
func (c Config) Validate() error {
	switch c.Mode {
	case ModeEmbedded, ModeRemote, ModeOff:
	default:
		return fmt.Errorf("%w: mode %q: want %q, %q or %q", ErrInvalidConfig, c.Mode, ModeEmbedded, ModeRemote, ModeOff)
	}
	if _, err := ParseByteSize(c.StorageLimit); err != nil {
		return fmt.Errorf("%w: storage_limit: %v", ErrInvalidConfig, err)
	}
	if !c.Enable {
		return nil
	}
	switch c.Mode {
	case ModeEmbedded:
		return c.validateEmbedded()
	case ModeRemote:
		u, err := url.Parse(c.RemoteRPCURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: remote_rpc_url %q is not an http(s) URL", ErrInvalidConfig, c.RemoteRPCURL)
		}
	}
	return nil
}

func (c Config) validateEmbedded() error {
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
	if c.APIAddress != "" {
		if err := ValidateLoopback(c.APIAddress); err != nil {
			return fmt.Errorf("%w: api_address: %v", ErrInvalidConfig, err)
		}
	}
	if c.StoragePath == "" {
		return fmt.Errorf("%w: storage_path is empty", ErrInvalidConfig)
	}
	_, err := c.Parse()
	return err
}

// ValidateLoopback refuses a host:port that other machines could reach. The
// node's RPC imports, exports, pins and collects garbage without any
// authentication, so it must never listen beyond loopback; reach it from
// elsewhere through an SSH tunnel.
func ValidateLoopback(hostPort string) error {
	host, _, err := net.SplitHostPort(hostPort)
	if err != nil {
		return fmt.Errorf("%q: %v", hostPort, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%q is not a loopback address: the IPFS RPC has no authentication, so anybody who reaches it could add, pin and delete content; use 127.0.0.1 (and an SSH tunnel to reach it from elsewhere)", hostPort)
	}
	return nil
}

// FromViper reads the [ipfs] section from an app.toml loaded in v with
// viper's own unmarshalling; keys that are absent keep their DefaultConfig
// value. The result is validated.
func FromViper(v *viper.Viper) (Config, error) {
	c := DefaultConfig()
	if v.IsSet("ipfs") {
		err := v.UnmarshalKey("ipfs", &c, func(dc *mapstructure.DecoderConfig) {
			dc.ErrorUnused = true // a misspelt key is an error, not a silent default
		})
		if err != nil {
			return Config{}, fmt.Errorf("%w: %v", ErrInvalidConfig, err)
		}
	}
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

// validateMultiaddr parses a multiaddr; withPeer requires it to end in a
// /p2p/<id> part (the multiaddr library checks that the id is a valid
// multihash while decoding).
func validateMultiaddr(s string, withPeer bool) error {
	a, err := ma.NewMultiaddr(s)
	if err != nil {
		return fmt.Errorf("%q: %v", s, err)
	}
	if withPeer {
		if _, last := ma.SplitLast(a); last == nil || last.Protocol().Code != ma.P_P2P {
			return fmt.Errorf("%q: want a multiaddr ending in /p2p/<peer id>", s)
		}
	}
	return nil
}
