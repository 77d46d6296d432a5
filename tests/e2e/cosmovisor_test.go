//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// cosmovisorBinary builds (once; scripts/cosmovisor.sh skips a built binary) and returns cosmovisor v1.5.0;
// COSMOVISOR_BIN names a prebuilt one (make test-e2e sets it).
func cosmovisorBinary(t *testing.T) string {
	t.Helper()
	return toolBinary(t, "COSMOVISOR_BIN", "cosmovisor.sh")
}

// toolBinary is the program named by the environment variable env, or else the one scripts/<script> builds
// (the last line it prints is the binary's path).
func toolBinary(t *testing.T, env, script string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		return p
	}
	out := run(t, nil, filepath.Join(repoRoot(t), "scripts", script))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

// underCosmovisor lays out n's home the way docs/operators.md tells an operator to (cosmovisor/genesis/bin
// holds the binary the chain runs now, cosmovisor/upgrades/<plan>/bin the binary of each named upgrade) and
// makes the node run as `cosmovisor run start`, so that cosmovisor, not the test, switches binaries at an
// upgrade height.
//
// The process is a group leader and is signalled as a group: cosmovisor v1.5.0 forwards SIGTERM to the
// binary it started first, and after an upgrade that forwarder finds its process gone and exits cosmovisor
// at once, which would orphan the new tributaryd (systemd's default KillMode=control-group does the same
// for an operator; docs/operators.md).
func underCosmovisor(t *testing.T, n *node, cosmovisor, genesisBin string, upgrades map[string]string) {
	t.Helper()
	dir := filepath.Join(n.home, "cosmovisor")
	install := func(sub, bin string) {
		binDir := filepath.Join(dir, sub, "bin")
		if err := os.MkdirAll(binDir, 0o755); err != nil {
			t.Fatal(err)
		}
		linkOrCopy(t, bin, filepath.Join(binDir, "tributaryd"))
	}
	install("genesis", genesisBin)
	for plan, bin := range upgrades {
		install(filepath.Join("upgrades", plan), bin)
	}
	n.group = true
	n.launch = func(n *node) *exec.Cmd {
		cmd := exec.Command(cosmovisor, "run", "start", "--home", n.home, "--log_no_color")
		cmd.Env = append(os.Environ(),
			"DAEMON_NAME=tributaryd",
			"DAEMON_HOME="+n.home,
			// cosmovisor runs `tributaryd status` (its height check) and `tributaryd pre-upgrade` without
			// --home: they find the node's home, and through its client config its RPC, here.
			"TRIBUTARYD_HOME="+n.home,
			"DAEMON_RESTART_AFTER_UPGRADE=true",
			// SIGINT, then up to 30 s for tributaryd to flush its stores and close its IPFS node, instead
			// of v1.5.0's default SIGKILL.
			"DAEMON_SHUTDOWN_GRACE=30s",
			"COSMOVISOR_COLOR_LOGS=false",
		)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		return cmd
	}
}

// cosmovisorCurrent is the folder cosmovisor's current link points at: "genesis", or the plan name of the
// last upgrade it switched to.
func cosmovisorCurrent(t *testing.T, n *node) string {
	t.Helper()
	target, err := os.Readlink(filepath.Join(n.home, "cosmovisor", "current"))
	if err != nil {
		t.Fatalf("%s: cosmovisor has no current binary: %v", n.home, err)
	}
	return filepath.Base(target)
}

// appVersion is the version the node's running binary reports (application_version of the node_info
// query), or "" while the node does not answer: it tells which of two tributaryd builds serves the node.
func (n *node) appVersion() string {
	code, body := n.get("/cosmos/base/tendermint/v1beta1/node_info", 0)
	var info struct {
		ApplicationVersion struct {
			Version string `json:"version"`
		} `json:"application_version"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &info) != nil {
		return ""
	}
	return info.ApplicationVersion.Version
}
