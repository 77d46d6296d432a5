package cmd

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"cosmossdk.io/log/v2"
)

// TestQuietShutdown: the listener-closed lines of a clean stop are INFO, through loggers derived
// with With too; the same messages with another cause, and every other error, stay ERR.
func TestQuietShutdown(t *testing.T) {
	closed := errors.New("accept tcp 127.0.0.1:26657: use of closed network connection")
	for _, tc := range []struct {
		name    string
		msg     string
		keyVals []any
		wantErr bool
	}{
		{"p2p transport closed", "Stopped accept routine, as transport is closed", []any{"numPeers", 0}, false},
		{"rpc listener closed", "Error serving server", []any{"err", closed}, false},
		{"a store closed twice is a real error", "leveldb: closed", nil, true},
		{"rpc server failing otherwise", "Error serving server", []any{"err", errors.New("tls: bad certificate")}, true},
		{"any other error", "consensus failure", []any{"err", closed}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			l := quietShutdown{log.NewLogger(&out, log.ColorOption(false))}.With("module", "p2p")
			l.Error(tc.msg, tc.keyVals...)
			if got := strings.Contains(out.String(), " ERR "); got != tc.wantErr {
				t.Fatalf("logged %q, want ERR: %v", out.String(), tc.wantErr)
			}
			if !strings.Contains(out.String(), tc.msg) {
				t.Fatalf("logged %q, want the message kept", out.String())
			}
		})
	}
}
