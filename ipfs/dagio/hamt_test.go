package dagio

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ipfs/boxo/ipld/unixfs"
	pb "github.com/ipfs/boxo/ipld/unixfs/pb"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// makeThresholdDir fills dir with empty files whose dag-pb directory block is
// exactly cids.HAMTShardingSize+extra bytes. With the "block" estimation a link to
// the empty raw file (36-byte CID, Tsize 0) named with L bytes costs
// 1 + 1 + (1+1+36 + 1+1+L + 1+1) = 44+L bytes, and the directory's UnixFS
// Data field 4 bytes: 4095 names of 20 bytes plus one of 16+extra bytes make
// 4 + 4095*64 + 60 + extra = 262144 + extra.
func makeThresholdDir(t testing.TB, dir string, extra int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 4095 {
		name := fmt.Sprintf("f%019d", i)
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	last := "z" + strings.Repeat("x", 15+extra)
	if err := os.WriteFile(filepath.Join(dir, last), nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHAMTThreshold(t *testing.T) {
	tests := []struct {
		extra int
		want  pb.Data_DataType
		kubo  string // what kubo v0.43.0 prints for the same directory
	}{
		// exactly at the threshold: stays basic
		{0, unixfs.TDirectory, "bafybeiet657kr75htl5wx6u6vtlsfzgxqxhldzaybjmndkc762vwd73zpq"},
		// one byte above: HAMT
		{1, unixfs.THAMTShard, "bafybeice73rbdfzylabmv7bhf5mls24akv6fapnme4j2qivxvnxri6ytbq"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.extra), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "d")
			makeThresholdDir(t, dir, tc.extra)
			bs := newMemBlockstore()
			res, err := Import(context.Background(), dir, bs, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			nd := getNode(t, bs, res.Root)
			fsn, err := unixfs.ExtractFSNode(nd)
			if err != nil {
				t.Fatal(err)
			}
			if fsn.Type() != tc.want {
				t.Fatalf("directory type %v, want %v (block %d bytes)", fsn.Type(), tc.want, len(nd.RawData()))
			}
			if tc.want == unixfs.TDirectory && len(nd.RawData()) != cids.HAMTShardingSize {
				t.Fatalf("basic directory block is %d bytes, the test assumes %d", len(nd.RawData()), cids.HAMTShardingSize)
			}
			if tc.want == unixfs.THAMTShard && fsn.Fanout() != cids.HAMTFanout {
				t.Fatalf("fanout %d", fsn.Fanout())
			}
			if c, _ := cidOf(t, dir, ImportOptions{}); c != res.Root.String() {
				t.Fatalf("hash-only %s differs from stored %s", c, res.Root)
			}
			if res.Root.String() != tc.kubo {
				t.Fatalf("CID %s, kubo %s", res.Root, tc.kubo)
			}
			if _, err := getLinkErr(bs, res.Root, "z"+strings.Repeat("x", 15+tc.extra)); err != nil {
				t.Fatal(err)
			}
		})
	}
}
