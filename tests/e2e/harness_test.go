//go:build e2e

// Package e2e drives real tributaryd processes through the scripts an operator uses. It needs
// build/tributaryd (`make test-e2e` builds it first).
//
// One driver starts every process: node (node_test.go) is a home, a port block and a running tributaryd,
// with its CLI, REST queries and transactions (node_tx_test.go). A single-node test makes its home with
// scripts/init-node.sh and calls newNode; a multi-validator test calls startNetwork (or createNetwork, then
// editGenesis, then start), which creates the homes with `scripts/localnet.sh create` and runs one node per
// validator (nw.node(i): start, stop, kill, launch on another binary). Tests wait on observable state
// (heights, answers), never on fixed sleeps, and run under `flock /tmp/tributary-e2e.lock` on shared
// machines, each on its own port block.
//
// What is observable differs by node and by moment. A transaction awaited through one node is committed
// there; another node may still be a block behind, so before asking it (a query, or a CLI command that
// looks something up, such as register-model's parents) wait until it has committed the transaction's
// height (node.waitHeight, nw.awaitCommitted). Heights from CometBFT's /status (nw.height, awaitAgreement)
// are the block store's, a block ahead of the application. A node just started answers RPC before REST
// (node.waitAPI), and a process may exit between two observations: judge it on one.
package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// repoRoot is the repository root (this file lives in tests/e2e).
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// binary returns build/tributaryd, failing the test with the command to run if it is missing.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(repoRoot(t), "build", "tributaryd")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s missing: run `make build` (or use `make test-e2e`)", bin)
	}
	return bin
}

// run executes a command and returns its stdout, failing the test (with stderr) on error.
func run(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	out, err := tryRun(env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out
}

// tryRun executes a command and returns its stdout, or an error carrying its stderr.
func tryRun(env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), &cmdError{err: err, stderr: stderr.String() + stdout.String()}
	}
	return stdout.String(), nil
}

type cmdError struct {
	err    error
	stderr string
}

func (e *cmdError) Error() string { return e.err.Error() + ": " + strings.TrimSpace(e.stderr) }

// waitFor polls cond once per poll interval until it holds or the deadline passes. Chains make
// progress in blocks, so tests wait for an observable condition (a height, a result), never for a
// fixed time.
func waitFor(t *testing.T, what string, deadline time.Duration, cond func() (bool, string)) {
	t.Helper()
	end := time.Now().Add(deadline)
	last := ""
	for time.Now().Before(end) {
		ok, state := cond()
		if ok {
			return
		}
		last = state
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("timed out after %s waiting for %s; last state: %s", deadline, what, last)
}

// height returns the latest block height a node reports, or -1 if it does not answer.
func height(bin, node, home string) int64 {
	args := []string{"status"}
	if node != "" {
		args = append(args, "--node", node)
	}
	if home != "" {
		args = append(args, "--home", home)
	}
	out, err := tryRun(nil, bin, args...)
	if err != nil {
		return -1
	}
	var st struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if json.Unmarshal([]byte(out), &st) != nil {
		return -1
	}
	h, err := strconv.ParseInt(st.SyncInfo.LatestBlockHeight, 10, 64)
	if err != nil {
		return -1
	}
	return h
}
