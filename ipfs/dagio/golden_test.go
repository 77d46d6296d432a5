package dagio

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// Golden CIDs printed by kubo v0.43.0 (`ipfs add --only-hash -r -Q
// [--hidden]` under unixfs-v1-2025) for the inputs the interop suite
// generates with the same helpers, so that a plain `go test` catches a
// dependency upgrade that changes a CID without needing kubo.
func TestGoldenCIDsFromKubo(t *testing.T) {
	dir := t.TempDir()
	files := []struct {
		size int64
		want string
	}{
		{1, "bafkreiayt5aags7hugm7d6uysfti5y5lmbe7qljyy2f6od2zn2vs4gcxw4"},
		{cids.ChunkSize - 1, "bafkreif4fopi43wlfdnm4sfvgt5gnh6bwcu5rc4tso2pc3xg7gcybudwsq"},
		{cids.ChunkSize, "bafkreidyiolecebspp6kpbylvrz5vqkxoqymzhaaearyh5tzd7smhkgmzy"},
		{cids.ChunkSize + 1, "bafybeibg2qb6u2lt3pu62m6fseimbg4sk7oxhjhkomtri5ad4oasdfsksy"},
	}
	for _, f := range files {
		p := filepath.Join(dir, fmt.Sprint(f.size))
		writeFile(t, p, f.size, uint64(f.size))
		if got, _ := cidOf(t, p, ImportOptions{}); got != f.want {
			t.Errorf("%d-byte file: %s, kubo %s", f.size, got, f.want)
		}
	}
	tree := filepath.Join(dir, "tree")
	buildTestTree(t, tree)
	for hidden, want := range map[bool]string{
		false: "bafybeiehysy2adquahi3arzvhm5hjxkzdkychwh2mjdtmsyb54hwb5epx4",
		true:  "bafybeiafkcm5434vchkcsmrkxaraxkjoly2vp7yoqzjqoofy6lbmkqhhry",
	} {
		if got, _ := cidOf(t, tree, ImportOptions{IncludeHidden: hidden}); got != want {
			t.Errorf("tree (hidden %v): %s, kubo %s", hidden, got, want)
		}
	}
}
