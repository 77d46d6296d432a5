package ipfs_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoLibp2pOutsideNode keeps the package split honest: the chain's
// consensus types and the slim content binary must not link the network
// stack (libp2p) — only ipfs/node may. It asks `go list` for the real
// dependency graph, so a new import anywhere underneath is caught.
func TestNoLibp2pOutsideNode(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{
		"github.com/tributary-ai/tributary/x/provenance/types",
		"github.com/tributary-ai/tributary/cmd/tributaryd-content",
		"github.com/tributary-ai/tributary/ipfs/cids",
		"github.com/tributary-ai/tributary/ipfs/dagio",
		"github.com/tributary-ai/tributary/ipfs/config",
		"github.com/tributary-ai/tributary/ipfs/client",
		"github.com/tributary-ai/tributary/ipfs/cli",
	} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			// go-buffer-pool is a byte-slice pool (no networking) that boxo's
			// chunker uses; it only lives in the libp2p organisation.
			if strings.Contains(dep, "libp2p") && dep != "github.com/libp2p/go-buffer-pool" {
				t.Errorf("%s links %s: only ipfs/node may depend on libp2p", pkg, dep)
				break
			}
		}
	}
	// cids is consensus code: nothing but the CID libraries and the standard library.
	out, err := exec.Command("go", "list", "-deps", "github.com/tributary-ai/tributary/ipfs/cids").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "net/http" || dep == "net" || strings.Contains(dep, "boxo") || strings.Contains(dep, "datastore") {
			t.Errorf("ipfs/cids links %s: the CID rules must not depend on HTTP or storage", dep)
		}
	}
}
