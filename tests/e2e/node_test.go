//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// node is the one driver of a real tributaryd process: a home, a block of ports (base+k, the layout of
// scripts/localnet.sh: k=0 p2p, 1 CometBFT RPC, 2 gRPC, 3 REST API, 4 IPFS libp2p, 5 IPFS gateway, 6 IPFS
// API) and the process itself. Single-node tests make one with newNode; a network holds one per validator.
type node struct {
	t *testing.T
	// owner is the test that made the node; it stops the process when it ends, even when a subtest started
	// it (a subtest's end must not stop a node the next subtest uses).
	owner *testing.T
	bin   string // the tributaryd the CLI helpers run (and start runs unless launch is set)
	home  string
	base  int
	// launch, when set, builds the command that runs the node (for example cosmovisor); by default it is
	// `bin start --home HOME`.
	launch func(n *node) *exec.Cmd
	// group, when set, signals the node's whole process group (launch must start it as a group leader): a
	// supervisor such as cosmovisor runs tributaryd as its child, and the child must get the signal too.
	group  bool
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd has been waited for
	log    *os.File
}

// Port offsets within a node's block.
const (
	portP2P         = 0
	portRPC         = 1
	portGRPC        = 2
	portAPI         = 3
	portIPFS        = 4
	portIPFSGateway = 5
	portIPFSAPI     = 6
)

// newNode makes the driver of the node in home (already initialised, for example by init-node.sh) and moves
// all its listeners to the port block at base, with the REST API on.
func newNode(t *testing.T, home string, base int) *node {
	t.Helper()
	n := &node{t: t, owner: t, bin: binary(t), home: home, base: base}
	n.configure()
	return n
}

func (n *node) port(k int) int { return n.base + k }

// rpc is the node's CometBFT RPC, for --node.
func (n *node) rpc() string { return fmt.Sprintf("tcp://127.0.0.1:%d", n.port(portRPC)) }

// rpcHTTP is the same RPC over plain HTTP (/status, /abci_info, /metrics live beside it).
func (n *node) rpcHTTP() string { return fmt.Sprintf("http://127.0.0.1:%d", n.port(portRPC)) }

// api is the node's REST gateway.
func (n *node) api() string { return fmt.Sprintf("http://127.0.0.1:%d", n.port(portAPI)) }

// configure moves every listener to the node's port block, enables the REST API and points the home's
// client config at the node, with the same
// set_toml that scripts/localnet.sh uses (scripts/lib/toml.sh).
func (n *node) configure() {
	n.t.Helper()
	cfg, app := filepath.Join(n.home, "config", "config.toml"), filepath.Join(n.home, "config", "app.toml")
	for _, s := range []struct{ file, section, key, value string }{
		{cfg, "rpc", "laddr", strconv.Quote(n.rpc())},
		{cfg, "rpc", "pprof_laddr", `""`},
		{cfg, "p2p", "laddr", strconv.Quote(fmt.Sprintf("tcp://127.0.0.1:%d", n.port(portP2P)))},
		{app, "grpc", "address", strconv.Quote(fmt.Sprintf("127.0.0.1:%d", n.port(portGRPC)))},
		{app, "api", "enable", "true"},
		{app, "api", "address", strconv.Quote("tcp://127.0.0.1:" + strconv.Itoa(n.port(portAPI)))},
		{app, "ipfs", "listen_addresses", fmt.Sprintf(`["/ip4/127.0.0.1/tcp/%d"]`, n.port(portIPFS))},
		{app, "ipfs", "gateway_address", strconv.Quote(fmt.Sprintf("127.0.0.1:%d", n.port(portIPFSGateway)))},
		{app, "ipfs", "api_address", strconv.Quote(fmt.Sprintf("127.0.0.1:%d", n.port(portIPFSAPI)))},
	} {
		setTOML(n.t, s.file, s.section, s.key, s.value)
	}
	// The CLI run with this home talks to this node.
	run(n.t, nil, n.bin, "config", "node", n.rpc(), "--home", n.home)
}

// setTOML sets KEY in [SECTION] of a TOML file through scripts/lib/toml.sh, so tests edit configs exactly as
// the operator scripts do; a key that is not there fails the test.
func setTOML(t *testing.T, file, section, key, value string) {
	t.Helper()
	lib := filepath.Join(repoRoot(t), "scripts", "lib", "toml.sh")
	script := `die() { echo "$*" >&2; exit 1; }; source "$1"; shift; set_toml "$@"`
	run(t, nil, "bash", "-c", script, "toml", lib, file, section, key, value)
}

// start runs the node, appending its output to HOME/node.log and its pid to HOME/node.pid (so that
// `localnet.sh status` sees it). The node is stopped when the test ends.
func (n *node) start() {
	n.t.Helper()
	f, err := os.OpenFile(filepath.Join(n.home, "node.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		n.t.Fatal(err)
	}
	if n.launch != nil {
		n.cmd = n.launch(n)
	} else {
		n.cmd = exec.Command(n.bin, "start", "--home", n.home, "--log_no_color")
	}
	n.cmd.Stdout, n.cmd.Stderr = f, f
	if err := n.cmd.Start(); err != nil {
		n.t.Fatal(err)
	}
	n.log = f
	if err := os.WriteFile(filepath.Join(n.home, "node.pid"), []byte(strconv.Itoa(n.cmd.Process.Pid)), 0o600); err != nil {
		n.t.Fatal(err)
	}
	cmd, exited := n.cmd, make(chan struct{})
	n.exited = exited
	go func() { _ = cmd.Wait(); close(exited) }()
	n.owner.Cleanup(func() {
		if n.running() && cmd == n.cmd {
			_ = n.send(syscall.SIGTERM)
			<-exited
		}
		_ = f.Close()
	})
}

// running reports whether the process start launched has not exited yet.
func (n *node) running() bool {
	if n.exited == nil {
		return false
	}
	select {
	case <-n.exited:
		return false
	default:
		return true
	}
}

// stop ends the node with SIGTERM and waits until it has flushed its stores and exited cleanly.
func (n *node) stop() {
	n.t.Helper()
	n.signal(syscall.SIGTERM)
	if !n.cmd.ProcessState.Success() {
		n.t.Fatalf("%s did not stop cleanly: %v (log %s)", n.home, n.cmd.ProcessState, n.log.Name())
	}
}

// kill ends the node with SIGKILL: a crash, nothing flushed.
func (n *node) kill() {
	n.t.Helper()
	n.signal(syscall.SIGKILL)
}

func (n *node) signal(sig syscall.Signal) {
	n.t.Helper()
	if !n.running() {
		n.t.Fatalf("%s is not running", n.home)
	}
	if err := n.send(sig); err != nil {
		n.t.Fatal(err)
	}
	n.awaitExit(60 * time.Second)
	_ = os.Remove(filepath.Join(n.home, "node.pid"))
}

// send delivers sig to the node's process, or to its process group when group is set.
func (n *node) send(sig syscall.Signal) error {
	if n.group {
		return syscall.Kill(-n.cmd.Process.Pid, sig)
	}
	return n.cmd.Process.Signal(sig)
}

// awaitExit waits until the process has exited by itself (or was signalled) and returns its state.
func (n *node) awaitExit(deadline time.Duration) *os.ProcessState {
	n.t.Helper()
	select {
	case <-n.exited:
		return n.cmd.ProcessState
	case <-time.After(deadline):
		n.t.Fatalf("%s still running after %s", n.home, deadline)
		return nil
	}
}

// cli runs tributaryd with the node's home and fails the test on error.
func (n *node) cli(args ...string) string {
	n.t.Helper()
	return run(n.t, nil, n.bin, append(args, "--home", n.home)...)
}

// latest is the last height the application has committed (ABCI Info), or -1. CometBFT's /status reports
// the block store's height, which runs ahead of the application's commit: a query at that height can still
// be "in the future".
func (n *node) latest() int64 {
	var st struct {
		Result struct {
			Response struct {
				LastBlockHeight string `json:"last_block_height"`
			} `json:"response"`
		} `json:"result"`
	}
	if !n.rpcGet("/abci_info", &st) {
		return -1
	}
	h, err := strconv.ParseInt(st.Result.Response.LastBlockHeight, 10, 64)
	if err != nil {
		return -1
	}
	return h
}

// rpcGet decodes a CometBFT RPC answer; false if the node does not answer.
func (n *node) rpcGet(path string, v any) bool {
	resp, err := http.Get(n.rpcHTTP() + path)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(v) == nil
}

// waitAPI waits until the node's REST server answers. The SDK starts it after CometBFT's RPC, so a node
// just started may answer RPC (waitHeight) and not yet REST.
func (n *node) waitAPI() {
	n.t.Helper()
	waitFor(n.t, n.home+" REST API to answer", defaultWait, func() (bool, string) {
		code, body := n.get("/cosmos/base/tendermint/v1beta1/node_info", 0)
		return code == http.StatusOK, strconv.Itoa(code) + " " + body
	})
}

// waitHeight waits until the node's application has committed height h and returns the height reached.
func (n *node) waitHeight(h int64) int64 {
	n.t.Helper()
	var got int64
	waitFor(n.t, fmt.Sprintf("%s at height %d", n.home, h), defaultWait, func() (bool, string) {
		got = n.latest()
		return got >= h, "height " + itoa(got)
	})
	return got
}
