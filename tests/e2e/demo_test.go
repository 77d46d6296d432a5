//go:build e2e

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDemo runs `make demo`'s script as a newcomer would and holds it to its promises: it exits 0,
// says the books balance to the last utrib, and leaves neither its node nor its home behind.
func TestDemo(t *testing.T) {
	bin := binary(t)
	tmp := t.TempDir() // the demo's mktemp home goes here, so the test can see it is removed
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(repoRoot(t), "scripts", "demo.sh"))
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "TRIBUTARYD="+bin, "TMPDIR="+tmp, "KEEP=", "NO_COLOR=1")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("demo ran in %s", time.Since(start).Round(time.Second))
	if err != nil {
		t.Fatalf("demo failed: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		"sums are exact",
		"dave proved his membership and claimed",
		"└─ finetuned-from 100%: #3 model heron-7b",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("demo output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\x1b[") {
		t.Errorf("demo printed colour codes although stdout is not a terminal")
	}
	if strings.Contains(text, "✗") {
		t.Errorf("demo reports a failed check but exited 0:\n%s", text)
	}

	left, err := filepath.Glob(filepath.Join(tmp, "tributary-demo.*"))
	if err != nil || len(left) != 0 {
		t.Errorf("demo left its home behind: %v %v", left, err)
	}
	m := regexp.MustCompile(`node up \(pid (\d+)\)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("demo output does not name its node's pid:\n%s", text)
	}
	pid, _ := strconv.Atoi(m[1])
	if syscall.Kill(pid, syscallZero) == nil {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("demo left its node (pid %d) running", pid)
	}
}
