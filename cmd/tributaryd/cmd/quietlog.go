package cmd

import (
	"context"
	"fmt"
	"strings"

	"cosmossdk.io/log/v2"
)

// shutdownNoise are the ERR lines a clean stop (SIGTERM) printed although nothing was wrong:
// CometBFT's p2p switch and RPC server report their own listeners closing as errors. (The third,
// "leveldb: closed", was a real double close, fixed in app/close.go.) An operator who greps for ERR must see only real trouble,
// so these are logged at INFO; everything else passes through unchanged.
var shutdownNoise = []struct {
	msg, err string // err: substring of the "err" value; "" matches any
}{
	{"Stopped accept routine, as transport is closed", ""},
	{"Error serving server", "use of closed network connection"},
}

// quietShutdown wraps the node's logger (and every logger derived from it with With).
type quietShutdown struct{ log.Logger }

func (q quietShutdown) Error(msg string, keyVals ...any) {
	if isShutdownNoise(msg, keyVals) {
		q.Logger.Info(msg, keyVals...)
		return
	}
	q.Logger.Error(msg, keyVals...)
}

func (q quietShutdown) ErrorContext(ctx context.Context, msg string, keyVals ...any) {
	if isShutdownNoise(msg, keyVals) {
		q.Logger.InfoContext(ctx, msg, keyVals...)
		return
	}
	q.Logger.ErrorContext(ctx, msg, keyVals...)
}

func (q quietShutdown) With(keyVals ...any) log.Logger {
	return quietShutdown{q.Logger.With(keyVals...)}
}

func isShutdownNoise(msg string, keyVals []any) bool {
	for _, n := range shutdownNoise {
		if msg != n.msg {
			continue
		}
		if n.err == "" {
			return true
		}
		for i := 0; i+1 < len(keyVals); i += 2 {
			if k, _ := keyVals[i].(string); k == "err" && strings.Contains(fmt.Sprint(keyVals[i+1]), n.err) {
				return true
			}
		}
	}
	return false
}
