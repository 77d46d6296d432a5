package node

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

// TestNewNodeFailsCleanlyWhenAPortIsTaken starts a node whose gateway address is already bound by
// another listener: NewNode must return an error naming the gateway, not panic while cleaning up
// what it had already opened (the store and the libp2p host).
func TestNewNodeFailsCleanlyWhenAPortIsTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n, err := NewNode(ctx, NodeOptions{
		ListenAddresses: []string{"/ip4/127.0.0.1/tcp/0"},
		GatewayAddress:  taken.Addr().String(),
		StoragePath:     t.TempDir(),
	})
	if err == nil {
		n.Close()
		t.Fatal("NewNode started although its gateway port was taken")
	}
	if n != nil {
		t.Errorf("NewNode returned a node with its error: %v", n)
	}
	if !strings.Contains(err.Error(), "gateway") {
		t.Errorf("error %q does not name the gateway", err)
	}
}
