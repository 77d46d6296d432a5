//go:build e2e

package e2e

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// helloCID is the unixfs-v1-2025 CID of the 6 bytes "hello\n" (kubo: echo hello | ipfs add -Q
// --cid-version 1 --raw-leaves).
const helloCID = "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"

// fakeHelper stands in for tributaryd-content: it prints the arguments it was given, so a test
// sees whether tributaryd handed the command over and with which arguments.
const fakeHelper = "#!/bin/sh\necho \"helper: $*\"\n"

// placeBinary puts build/tributaryd into dir so the test controls what sits beside it.
func placeBinary(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(dir, "tributaryd")
	linkOrCopy(t, binary(t), dst)
	return dst
}

// linkOrCopy installs the executable src at dst: a hard link, or a copy across file systems.
func linkOrCopy(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.Link(src, dst); err == nil {
		return
	}
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestContentHelperDispatch checks when tributaryd hands `content ...` to the tributaryd-content
// beside it (before its Go runtime starts) and when it runs the command itself.
func TestContentHelperDispatch(t *testing.T) {
	data := filepath.Join(t.TempDir(), "hello.txt")
	if err := writeFile(data, "hello\n"); err != nil {
		t.Fatal(err)
	}

	withHelper := t.TempDir()
	bin := placeBinary(t, withHelper)
	if err := os.WriteFile(filepath.Join(withHelper, "tributaryd-content"), []byte(fakeHelper), 0o755); err != nil { //nolint:gosec // an executable script is the point
		t.Fatal(err)
	}
	linkDir := t.TempDir()
	symlink := filepath.Join(linkDir, "tributaryd")
	if err := os.Symlink(bin, symlink); err != nil {
		t.Fatal(err)
	}

	noHelper := t.TempDir()
	binNoHelper := placeBinary(t, noHelper)

	notExecutable := t.TempDir()
	binNotExec := placeBinary(t, notExecutable)
	if err := os.WriteFile(filepath.Join(notExecutable, "tributaryd-content"), []byte(fakeHelper), 0o644); err != nil { //nolint:gosec // deliberately not executable
		t.Fatal(err)
	}

	cases := []struct {
		name string
		bin  string
		env  []string
		args []string
		want string // exact stdout
	}{
		{"handed over with its arguments", bin, nil, []string{"content", "cid", "--hidden", data}, "helper: content cid --hidden " + data + "\n"},
		{"through a symlink, the helper beside the real binary", symlink, nil, []string{"content", "cid", data}, "helper: content cid " + data + "\n"},
		{"forced in process", bin, []string{"TRIBUTARYD_CONTENT_INPROCESS=1"}, []string{"content", "cid", data}, helloCID + "\n"},
		{"no helper: in process", binNoHelper, nil, []string{"content", "cid", data}, helloCID + "\n"},
		{"helper not executable: in process", binNotExec, nil, []string{"content", "cid", data}, helloCID + "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, tc.env, tc.bin, tc.args...); got != tc.want {
				t.Fatalf("stdout = %q, want %q", got, tc.want)
			}
		})
	}

	// Only a first argument of exactly "content" is handed over.
	for _, args := range [][]string{{"version"}, {"contents"}, {"--help"}, {"keys", "content"}} {
		out, _ := tryRun(nil, bin, args...)
		if strings.Contains(out, "helper:") {
			t.Errorf("tributaryd %s was handed to the helper: %q", strings.Join(args, " "), out)
		}
	}
}

// TestContentHelperReal runs the real build/tributaryd-content through build/tributaryd and in
// process: the same CIDs and the same errors either way.
func TestContentHelperReal(t *testing.T) {
	helper := filepath.Join(repoRoot(t), "build", "tributaryd-content")
	if _, err := os.Stat(helper); err != nil {
		t.Fatalf("%s missing: run `make build`", helper)
	}
	dir := t.TempDir()
	if err := writeFile(filepath.Join(dir, "hello.txt"), "hello\n"); err != nil {
		t.Fatal(err)
	}
	inProcess := []string{"TRIBUTARYD_CONTENT_INPROCESS=1"}

	for _, path := range []string{filepath.Join(dir, "hello.txt"), dir} {
		viaHelper := run(t, nil, binary(t), "content", "cid", path)
		direct := run(t, inProcess, binary(t), "content", "cid", path)
		if viaHelper != direct {
			t.Errorf("content cid %s: helper %q, in process %q", path, viaHelper, direct)
		}
	}
	if got := run(t, nil, binary(t), "content", "cid", filepath.Join(dir, "hello.txt")); got != helloCID+"\n" {
		t.Errorf("content cid hello.txt = %q, want %s", got, helloCID)
	}

	missing := filepath.Join(dir, "missing")
	_, errHelper := tryRun(nil, binary(t), "content", "cid", missing)
	_, errInProcess := tryRun(inProcess, binary(t), "content", "cid", missing)
	if errHelper == nil || errInProcess == nil {
		t.Fatalf("content cid of a missing path succeeded (helper err %v, in process err %v)", errHelper, errInProcess)
	}
	if errHelper.Error() != errInProcess.Error() {
		t.Errorf("errors differ:\n helper:     %v\n in process: %v", errHelper, errInProcess)
	}
}

// TestContentHelperFromAnotherBuild puts a tributaryd-content built with other -ldflags beside
// tributaryd: the helper must notice, say so, and hand the command back to tributaryd, which
// runs it in process.
func TestContentHelperFromAnotherBuild(t *testing.T) {
	dir := t.TempDir()
	bin := placeBinary(t, dir)
	build := exec.Command("go", "build", "-ldflags", "-X main.stale=yes", "-o", filepath.Join(dir, "tributaryd-content"), "./cmd/tributaryd-content")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "hello.txt")
	if err := writeFile(data, "hello\n"); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "content", "cid", data)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("content cid: %v\n%s", err, stderr.String())
	}
	if stdout.String() != helloCID+"\n" {
		t.Errorf("stdout = %q, want the CID", stdout.String())
	}
	if !strings.Contains(stderr.String(), "is not from the same build as "+bin) || !strings.Contains(stderr.String(), "-ldflags") {
		t.Errorf("stderr does not explain the hand-back: %q", stderr.String())
	}

	// Started directly (no parent), the helper just runs.
	direct := run(t, nil, filepath.Join(dir, "tributaryd-content"), "content", "cid", data)
	if direct != helloCID+"\n" {
		t.Errorf("tributaryd-content content cid = %q", direct)
	}
}
