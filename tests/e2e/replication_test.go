//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
)

// replicationState mirrors the replicator's <home>/data/ipfs/replication.json.
type replicationState struct {
	NextAssetID uint64 `json:"next_asset_id"`
	Retry       []struct {
		CID string `json:"cid"`
	} `json:"retry"`
}

// awaitReplicated waits until node i's replicator has taken in asset id and owes none of its CID, then
// checks through the node's gateway, with Cache-Control: only-if-cached (answered from the local store
// only), that the content is there.
func (nw *network) awaitReplicated(i int, id, cid string) {
	nw.t.Helper()
	want, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		nw.t.Fatal(err)
	}
	path := filepath.Join(nw.home(i), "data", "ipfs", "replication.json")
	waitFor(nw.t, fmt.Sprintf("node%d to replicate asset %s (%s)", i, id, cid), defaultWait, func() (bool, string) {
		bz, err := os.ReadFile(path)
		if err != nil {
			return false, err.Error()
		}
		var st replicationState
		if err := json.Unmarshal(bz, &st); err != nil {
			return false, err.Error()
		}
		for _, e := range st.Retry {
			if e.CID == cid {
				return false, "owed: " + string(bz)
			}
		}
		return st.NextAssetID > want, string(bz)
	})
	if code := nw.gatewayStatus(i, cid, true); code != http.StatusOK {
		nw.t.Fatalf("node%d gateway, only-if-cached, %s: status %d, want 200 (replicated content is local)", i, cid, code)
	}
}

// gatewayStatus is the status of GET /ipfs/CID?format=raw on node i's gateway.
func (nw *network) gatewayStatus(i int, cid string, onlyIfCached bool) int {
	nw.t.Helper()
	url := fmt.Sprintf("http://127.0.0.1:%d/ipfs/%s?format=raw", nw.port(i, portIPFSGateway), cid)
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		nw.t.Fatal(err)
	}
	if onlyIfCached {
		req.Header.Set("Cache-Control", "only-if-cached")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		nw.t.Fatalf("node%d gateway: %v", i, err)
	}
	defer res.Body.Close()
	return res.StatusCode
}
