//go:build e2e

package e2e

import (
	"os"
	"strconv"
	"syscall"
)

func createFile(path string) (*os.File, error) { return os.Create(path) }

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// syscallZero is signal 0: delivery checks only whether the process exists.
var syscallZero = syscall.Signal(0)
