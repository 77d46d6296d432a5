package node

import (
	"context"
	"log/slog"
	"net"
	"testing"

	"github.com/tributary-ai/tributary/ipfs/client"

	"github.com/tributary-ai/tributary/ipfs/config"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestServiceModes(t *testing.T) {
	ctx := context.Background()
	home := t.TempDir()

	off, err := NewService(config.DefaultConfig(), home, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := off.Start(ctx); err != nil || off.Node() != nil {
		t.Fatalf("off: %v %v", err, off.Node())
	}

	cfg := config.DefaultConfig()
	cfg.Enable = true
	cfg.ListenAddresses = []string{"/ip4/127.0.0.1/tcp/0"}
	cfg.APIAddress = "127.0.0.1:0" // bound by the node and read back: no free-port race
	cfg.GatewayAddress = "127.0.0.1:0"
	emb, err := NewService(cfg, home, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	if err := emb.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := client.NewAPIClient(emb.Node().APIURL(), nil).ID(ctx); err != nil {
		t.Fatalf("embedded API: %v", err)
	}
	if err := emb.Stop(); err != nil {
		t.Fatal(err)
	}

	// Remote mode logs an unreachable kubo but starts.
	cfg.Mode = config.ModeRemote
	cfg.RemoteRPCURL = "http://" + freeAddr(t)
	rem, err := NewService(cfg, home, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := rem.Start(ctx); err != nil {
		t.Fatalf("remote: %v", err)
	}

	bad := config.DefaultConfig()
	bad.Mode = "x"
	if _, err := NewService(bad, home, nil); err == nil {
		t.Fatal("invalid config accepted")
	}
}
