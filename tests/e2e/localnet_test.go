//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	agreeRE = regexp.MustCompile(`all answering nodes agree: app hash (\S+) at height (\d+)`)
	// nodeLine matches a status line of a live node that answered with its height.
	nodeLine = regexp.MustCompile(`(?m)^node\d+ +pid \d+ +height \d+ `)
)

// TestLocalnetFourValidators starts four real validators with scripts/localnet.sh, waits until all
// of them have committed height 10 with one app hash, and checks that `stop` ends exactly the
// processes `start` launched.
func TestLocalnetFourValidators(t *testing.T) {
	bin := binary(t)
	script := filepath.Join(repoRoot(t), "scripts", "localnet.sh")
	dir := filepath.Join(t.TempDir(), "localnet")
	env := []string{"TRIBUTARYD=" + bin, "LOCALNET_DIR=" + dir, "BASE_PORT=30700"}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			_, _ = tryRun(env, script, "stop")
		}
	})

	run(t, env, script, "start", "4")

	var pids []int
	for i := range 4 {
		raw, err := os.ReadFile(filepath.Join(dir, "node"+strconv.Itoa(i), "node.pid"))
		if err != nil {
			t.Fatalf("node%d has no pid file: %v", i, err)
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
	}

	var status string
	// defaultWait, like every network test: four nodes starting at once on a two-core CI machine load it
	// the most of any test.
	waitFor(t, "four nodes agreeing at height >= 10", defaultWait, func() (bool, string) {
		out, _ := tryRun(env, script, "status")
		status = out
		m := agreeRE.FindStringSubmatch(out)
		if m == nil {
			return false, out
		}
		h, _ := strconv.Atoi(m[2])
		return h >= 10 && len(nodeLine.FindAllString(out, -1)) == 4, out
	})
	t.Logf("status:\n%s", status)

	run(t, env, script, "stop")
	stopped = true
	for i, pid := range pids {
		if alive(pid) {
			t.Errorf("node%d (pid %d) still running after stop", i, pid)
		}
	}
}

// alive reports whether a process exists (signal 0 probes without signalling).
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscallZero) == nil
}
