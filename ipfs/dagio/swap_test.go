package dagio

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestImportRefusesFileSwappedForSymlink: a file replaced by a symlink (to a secret) between the
// walk and the read is refused, and so is a file replaced by another file or resized; the secret
// is never read into the DAG.
func TestImportRefusesFileSwappedForSymlink(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "priv_validator_key.json")
	if err := os.WriteFile(secret, []byte(`{"priv_key":"do not publish"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(data, "weights.bin")
	swaps := map[string]func() error{
		"symlink to a secret": func() error {
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Symlink(secret, p)
		},
		"another file of the same size": func() error { // written first, so it is another inode
			tmp := p + ".new"
			if err := os.WriteFile(tmp, []byte("same size??"), 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, p)
		},
		"resized": func() error { return os.WriteFile(p, []byte("longer than before"), 0o644) },
	}
	for name, swap := range swaps {
		t.Run(name, func(t *testing.T) {
			_ = os.Remove(p)
			if err := os.WriteFile(p, []byte("model bytes"), 0o644); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Lstat(data)
			if err != nil {
				t.Fatal(err)
			}
			var res ImportResult
			root, err := walk(context.Background(), data, fi, false, &res)
			if err != nil {
				t.Fatal(err)
			}
			if err := swap(); err != nil {
				t.Fatal(err)
			}
			err = importFile(context.Background(), root.children[0], nullDAG{}, nil, 1)
			if err == nil {
				t.Fatal("the swapped file was imported")
			}
			if name != "symlink to a secret" && !errors.Is(err, ErrFileChanged) {
				t.Fatalf("err %v, want ErrFileChanged", err)
			}
		})
	}
}
