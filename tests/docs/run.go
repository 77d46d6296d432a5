package docs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Run executes a block's script with bash (errexit, pipefail) in dir, with env added to the
// process's environment, and returns everything it printed. stdin answers prompts (a keyring
// passphrase); the script's own exit status decides.
func Run(ctx context.Context, b Block, script, dir string, env []string, stdin string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-e", "-o", "pipefail", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s: %w\n--- script:\n%s\n--- output:\n%s", b, err, script, out.String())
	}
	return out.String(), nil
}
