package ipfs

import (
	"bytes"
	"errors"
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
		{"no replication, timeout unused", func(c *Config) { c.Replicate = false; c.ReplicateStallTimeout = "" }, true},
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
	var buf bytes.Buffer
	tmpl := template.Must(template.New("app").Parse(ConfigTemplate))
	if err := tmpl.Execute(&buf, struct{ IPFS Config }{want}); err != nil {
		t.Fatal(err)
	}
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(&buf); err != nil {
		t.Fatalf("rendered template is not TOML: %v\n%s", err, buf.String())
	}
	got, err := ConfigFromViper(v, "/home")
	if err != nil {
		t.Fatal(err)
	}
	if got.Enable != want.Enable || got.Mode != want.Mode || len(got.Peers) != 1 || got.Peers[0] != want.Peers[0] ||
		len(got.ListenAddresses) != 2 || got.StorageLimit != want.StorageLimit || got.APIAddress != want.APIAddress ||
		got.Replicate != want.Replicate || got.ReplicateStallTimeout != want.ReplicateStallTimeout {
		t.Fatalf("round trip: got %+v, want %+v", got, want)
	}
	// Absent section: defaults.
	got, err = ConfigFromViper(viper.New(), "/home")
	if err != nil || got.Enable || got.Mode != ModeEmbedded {
		t.Fatalf("empty viper: %+v %v", got, err)
	}
	if got.ResolvedStoragePath("/home") != "/home/data/ipfs" {
		t.Fatal(got.ResolvedStoragePath("/home"))
	}
}
