package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStandaloneRootCmd runs commands the way tributaryd and tributaryd-content receive them:
// "content" first, then the subcommand.
func TestStandaloneRootCmd(t *testing.T) {
	file := filepath.Join(t.TempDir(), "hello.txt")
	if err := os.WriteFile(file, []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		args    []string
		wantOut string // exact trimmed stdout when no error is expected
		wantErr string // substring of the error, if one is expected
	}{
		{"cid", []string{"content", "cid", file}, "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am", ""},
		{"verify", []string{"content", "verify", "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am", file}, "ok: " + file + " is bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am", ""},
		{"only content is there", []string{"start"}, "", `unknown command "start"`},
		{"missing path", []string{"content", "cid", file + ".missing"}, "", "does not exist"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := StandaloneRootCmd()
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&bytes.Buffer{})
			root.SetArgs(tc.args)
			err := root.ExecuteContext(context.Background())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(out.String()); got != tc.wantOut {
				t.Fatalf("stdout = %q, want %q", got, tc.wantOut)
			}
		})
	}
}

// TestContentReadsTributarydEnv: TRIBUTARYD_HOME stands for --home in `content` too (it runs as a
// binary of its own), so a node home given by the environment is the one asked; --home wins.
func TestContentReadsTributarydEnv(t *testing.T) {
	homeWith := func(api string) string {
		home := t.TempDir()
		toml := "[ipfs]\nenable = true\nmode = \"embedded\"\napi_address = \"" + api + "\"\n"
		if err := os.MkdirAll(filepath.Join(home, "config"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(home, "config", "app.toml"), []byte(toml), 0o600); err != nil {
			t.Fatal(err)
		}
		return home
	}
	envHome, flagHome := homeWith("127.0.0.1:9"), homeWith("127.0.0.1:7")
	t.Setenv("TRIBUTARYD_HOME", envHome)
	const c = "bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"
	out := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"from the environment", []string{"content", "get", c, out}, "127.0.0.1:9"},
		{"the flag wins", []string{"content", "get", c, out, "--home", flagHome}, "127.0.0.1:7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := StandaloneRootCmd()
			root.SetArgs(tc.args)
			root.SetOut(new(bytes.Buffer))
			root.SetErr(new(bytes.Buffer))
			err := root.ExecuteContext(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want the node of %s asked", err, tc.want)
			}
		})
	}
}
