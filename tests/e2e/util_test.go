//go:build e2e

package e2e

import (
	"os"
	"strconv"
	"syscall"
	"testing"
)

func createFile(path string) (*os.File, error) { return os.Create(path) }

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// syscallZero is signal 0: delivery checks only whether the process exists.
var syscallZero = syscall.Signal(0)
