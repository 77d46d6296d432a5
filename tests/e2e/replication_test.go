//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// replicationStatus is the part of `tributaryd content replicate status` these tests read.
type replicationStatus struct {
	NextAssetID uint64 `json:"next_asset_id"`
	Owed        []struct {
		CID string `json:"cid"`
	} `json:"owed"`
	GivenUp []struct {
		CID    string `json:"cid"`
		Reason string `json:"reason"`
	} `json:"given_up"`
}

// awaitReplicated waits until node i's replicator has taken in asset id and owes none of its CID (asked
// through `tributaryd content replicate status`, the operator's view), then checks through the node's
// gateway, with Cache-Control: only-if-cached (answered from the local store only), that the content is
// there. A CID given up fails at once.
func (nw *network) awaitReplicated(i int, id, cid string) {
	nw.t.Helper()
	want, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		nw.t.Fatal(err)
	}
	waitFor(nw.t, fmt.Sprintf("node%d to replicate asset %s (%s)", i, id, cid), defaultWait, func() (bool, string) {
		out, err := nw.tryCLI(i, "content", "replicate", "status", "--ipfs-api", nw.ipfsAPI(i))
		if err != nil {
			return false, err.Error()
		}
		var st replicationStatus
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			return false, err.Error()
		}
		for _, g := range st.GivenUp {
			if g.CID == cid {
				nw.t.Fatalf("node%d gave up replicating %s: %s", i, cid, g.Reason)
			}
		}
		for _, e := range st.Owed {
			if e.CID == cid {
				return false, "owed: " + out
			}
		}
		return st.NextAssetID > want, out
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
