package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"github.com/spf13/viper"
)

func TestDefaultConfigValid(t *testing.T) {
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c.Enable = true
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.EffectiveMode() != ModeEmbedded {
		t.Fatal(c.EffectiveMode())
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*Config)
		ok   bool
	}{
		{"bad mode", func(c *Config) { c.Mode = "cluster" }, false},
		{"bad limit", func(c *Config) { c.StorageLimit = "lots" }, false},
		{"bad unit", func(c *Config) { c.StorageLimit = "10XB" }, false},
		{"unlimited", func(c *Config) { c.StorageLimit = "0" }, true},
		{"no listen", func(c *Config) { c.ListenAddresses = nil }, false},
		{"bad listen", func(c *Config) { c.ListenAddresses = []string{"127.0.0.1:4101"} }, false},
		{"peer without id", func(c *Config) { c.Peers = []string{"/ip4/127.0.0.1/tcp/4101"} }, false},
		{"peer", func(c *Config) {
			c.Peers = []string{"/ip4/127.0.0.1/tcp/4101/p2p/12D3KooWGzBkXwSkX2HDVMGrjAZBFcZ2pFPc3PFz7q3ezr47T3EA"}
		}, true},
		{"bad gateway", func(c *Config) { c.GatewayAddress = "8180" }, false},
		{"gateway off", func(c *Config) { c.GatewayAddress = "" }, true},
		{"remote bad url", func(c *Config) { c.Mode = ModeRemote; c.RemoteRPCURL = "127.0.0.1:5001" }, false},
		{"remote", func(c *Config) { c.Mode = ModeRemote }, true},
		{"bad stall timeout", func(c *Config) { c.ReplicateStallTimeout = "soon" }, false},
		{"zero stall timeout", func(c *Config) { c.ReplicateStallTimeout = "0s" }, false},
		{"stall timeout", func(c *Config) { c.ReplicateStallTimeout = "90s" }, true},
		{"api on all interfaces", func(c *Config) { c.APIAddress = "0.0.0.0:5101" }, false},
		{"api on a public address", func(c *Config) { c.APIAddress = "203.0.113.7:5101" }, false},
		{"api on a host name", func(c *Config) { c.APIAddress = "node.example:5101" }, false},
		{"api on localhost", func(c *Config) { c.APIAddress = "localhost:5101" }, true},
		{"api on ipv6 loopback", func(c *Config) { c.APIAddress = "[::1]:5101" }, true},
		{"api off", func(c *Config) { c.APIAddress = "" }, true},
		{"bad max asset size", func(c *Config) { c.ReplicateMaxAssetSize = "big" }, false},
		{"no asset ceiling", func(c *Config) { c.ReplicateMaxAssetSize = "0" }, true},
		{"zero min rate", func(c *Config) { c.ReplicateMinRate = "0" }, false},
		{"gc hourly", func(c *Config) { c.GCInterval = "1h" }, true},
		{"gc every second (too often)", func(c *Config) { c.GCInterval = "1s" }, false},
		{"gc negative", func(c *Config) { c.GCInterval = "-1h" }, false},
		{"gc off", func(c *Config) { c.GCInterval = "0" }, true},
		{"bad gc interval", func(c *Config) { c.GCInterval = "daily" }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			c.Enable = true
			tc.mut(&c)
			err := c.Validate()
			if tc.ok && err != nil {
				t.Fatal(err)
			}
			if !tc.ok && !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("error %v, want ErrInvalidConfig", err)
			}
		})
	}
}

func TestParseByteSize(t *testing.T) {
	tests := map[string]uint64{"0": 0, "1048576": 1 << 20, "10GiB": 10 << 30, "500 MB": 500e6, "2tib": 2 << 40, "7b": 7}
	for in, want := range tests {
		got, err := ParseByteSize(in)
		if err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.5GiB", "GiB", "99999999999999999999", "20000000000TiB"} {
		if _, err := ParseByteSize(in); err == nil {
			t.Errorf("ParseByteSize(%q) accepted", in)
		}
	}
}

// TestConfigTemplateRoundTrip renders the template as app.toml would and
// reads it back through viper.
func TestConfigTemplateRoundTrip(t *testing.T) {
	want := DefaultConfig()
	want.Enable = true
	want.Peers = []string{"/ip4/127.0.0.1/tcp/4101/p2p/12D3KooWGzBkXwSkX2HDVMGrjAZBFcZ2pFPc3PFz7q3ezr47T3EA"}
	want.ListenAddresses = []string{DefaultListenAddress, "/ip4/127.0.0.1/udp/4101/quic-v1"}
	want.StorageLimit = "1GiB"
	want.Replicate = false // the default is true: a value that only survives if it is read back
	want.ReplicateStallTimeout = "45s"
	want.ReplicateMaxAssetSize = "3GiB"
	want.ReplicateMinRate = "1MiB"
	want.GCInterval = "0s"
	want.AcceptAnyPeer = true
	var buf bytes.Buffer
	tmpl := template.Must(template.New("app").Parse(Template))
	if err := tmpl.Execute(&buf, struct{ IPFS Config }{want}); err != nil {
		t.Fatal(err)
	}
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(&buf); err != nil {
		t.Fatalf("rendered template is not TOML: %v\n%s", err, buf.String())
	}
	got, err := FromViper(v)
	if err != nil {
		t.Fatal(err)
	}
	if got.Enable != want.Enable || got.Mode != want.Mode || len(got.Peers) != 1 || got.Peers[0] != want.Peers[0] ||
		len(got.ListenAddresses) != 2 || got.StorageLimit != want.StorageLimit || got.APIAddress != want.APIAddress ||
		got.Replicate != want.Replicate || got.ReplicateStallTimeout != want.ReplicateStallTimeout ||
		got.ReplicateMaxAssetSize != want.ReplicateMaxAssetSize || got.ReplicateMinRate != want.ReplicateMinRate ||
		got.GCInterval != want.GCInterval || got.AcceptAnyPeer != want.AcceptAnyPeer {
		t.Fatalf("round trip: got %+v, want %+v", got, want)
	}
	// Absent section: defaults.
	got, err = FromViper(viper.New())
	if err != nil || got.Enable || got.Mode != ModeEmbedded {
		t.Fatalf("empty viper: %+v %v", got, err)
	}
	if got.ResolvedStoragePath("/home") != "/home/data/ipfs" {
		t.Fatal(got.ResolvedStoragePath("/home"))
	}
}

// TestFromViperRefusesUnknownKeys: a misspelt key must not silently leave
// a default in force (for example a storage limit the operator believes set).
func TestFromViperRefusesUnknownKeys(t *testing.T) {
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader("[ipfs]\nenable = true\nstorage_limt = \"1GiB\"\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := FromViper(v); !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "storage_limt") {
		t.Fatalf("FromViper = %v, want ErrInvalidConfig naming storage_limt", err)
	}
}

func TestClientAPIURL(t *testing.T) {
	writeAppToml := func(t *testing.T, section string) string {
		home := t.TempDir()
		if err := os.MkdirAll(filepath.Join(home, "config"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(AppTomlPath(home), []byte(section), 0o600); err != nil {
			t.Fatal(err)
		}
		return home
	}
	tests := []struct {
		name, home, override, want, errPart string
	}{
		{name: "flag wins", home: writeAppToml(t, "[ipfs]\nenable = false\n"), override: "http://10.0.0.1:5001", want: "http://10.0.0.1:5001"},
		{name: "no app.toml", home: t.TempDir(), want: "http://" + DefaultAPIAddress},
		{name: "embedded", home: writeAppToml(t, "[ipfs]\nenable = true\napi_address = \"127.0.0.1:6001\"\n"), want: "http://127.0.0.1:6001"},
		{name: "remote", home: writeAppToml(t, "[ipfs]\nenable = true\nmode = \"remote\"\nremote_rpc_url = \"http://127.0.0.1:5001\"\n"), want: "http://127.0.0.1:5001"},
		{name: "off", home: writeAppToml(t, "[ipfs]\nenable = false\n"), errPart: "IPFS is off"},
		{name: "api disabled", home: writeAppToml(t, "[ipfs]\nenable = true\napi_address = \"\"\n"), errPart: "api_address"},
		{name: "broken app.toml", home: writeAppToml(t, "[ipfs\n"), errPart: "cannot read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ClientAPIURL(tc.home, tc.override)
			if tc.errPart != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errPart) {
					t.Fatalf("ClientAPIURL = %q, %v; want an error with %q", got, err, tc.errPart)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ClientAPIURL = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
