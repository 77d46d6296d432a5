//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// Helpers of TestExportImport: query snapshots, comparisons and the Merkle members file.

func (n *node) assetIDByCID(c string) uint64 {
	n.t.Helper()
	code, body := n.get("/tributary/provenance/v1/cids/"+c, 0)
	if code != http.StatusOK {
		n.t.Fatalf("asset by cid %s: %d %s", c, code, body)
	}
	id, err := strconv.ParseUint(fmt.Sprint(exField[map[string]any](n.t, body, "asset")["id"]), 10, 64)
	if err != nil {
		n.t.Fatal(err)
	}
	return id
}

func (n *node) assetCID(id uint64) string {
	n.t.Helper()
	code, body := n.get(fmt.Sprintf("/tributary/provenance/v1/assets/%d", id), 0)
	if code != http.StatusOK {
		n.t.Fatalf("asset %d: %d %s", id, code, body)
	}
	return fmt.Sprint(exField[map[string]any](n.t, body, "asset")["cid"])
}

// snapshot answers every query at a height (0: the latest), each as canonical JSON ("status body").
func (n *node) snapshot(queries map[string]string, height int64) map[string]string {
	n.t.Helper()
	out := make(map[string]string, len(queries))
	for name, path := range queries {
		code, body := n.get(path, height)
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			n.t.Fatalf("%s: %s at height %d is not JSON: %s", n.home, path, height, body)
		}
		canon, err := json.Marshal(v) // sorted keys, no whitespace
		if err != nil {
			n.t.Fatal(err)
		}
		out[name] = strconv.Itoa(code) + " " + string(canon)
	}
	return out
}

// snapshotAt waits until the node has committed height h and serves REST, then answers every query at h.
func (n *node) snapshotAt(queries map[string]string, h int64) map[string]string {
	n.t.Helper()
	n.waitHeight(h)
	n.waitAPI()
	return n.snapshot(queries, h)
}

// checkConservation checks, through queries only, that the royalty module account holds exactly the pending
// revenue plus what contributors were allocated and have not claimed (which includes carried remainders).
func (n *node) checkConservation(ids map[string]uint64) {
	n.t.Helper()
	h := n.latest()
	code, body := n.get("/cosmos/auth/v1beta1/module_accounts/royalty", h)
	if code != http.StatusOK {
		n.t.Fatalf("royalty module account: %s", body)
	}
	acct := exField[map[string]any](n.t, body, "account")
	base, _ := acct["base_account"].(map[string]any)
	moduleAddr := fmt.Sprint(base["address"])
	_, body = n.get("/cosmos/bank/v1beta1/balances/"+moduleAddr+"/by_denom?denom=utrib", h)
	balance := exInt(n.t, fmt.Sprint(exField[map[string]any](n.t, body, "balance")["amount"]))

	owed := new(big.Int)
	for _, id := range ids {
		_, body := n.get(fmt.Sprintf("/tributary/royalty/v1/revenue/%d", id), h)
		for _, r := range exField[[]any](n.t, body, "reports") {
			rep := r.(map[string]any)
			if rep["denom"] != "utrib" {
				continue
			}
			owed.Add(owed, exInt(n.t, fmt.Sprint(rep["pending"])))
			owed.Add(owed, exInt(n.t, fmt.Sprint(rep["to_contributors"])))
			owed.Sub(owed, exInt(n.t, fmt.Sprint(rep["claimed"])))
		}
	}
	if balance.Cmp(owed) != 0 {
		n.t.Errorf("%s at height %d: royalty module holds %s utrib, pending + unclaimed pools = %s", n.home, h, balance, owed)
	} else {
		n.t.Logf("%s at height %d: royalty module holds %s utrib = pending + unclaimed pools", n.home, h, balance)
	}
}

// exQueries names every provenance and royalty query of the test's state, with its REST path.
func exQueries(ids map[string]uint64, cids, addr map[string]string) map[string]string {
	q := map[string]string{
		"provenance-params": "/tributary/provenance/v1/params",
		"royalty-params":    "/tributary/royalty/v1/params",
		"assets":            "/tributary/provenance/v1/assets",
		// Enums by name and by number (x/provenance/types/gateway.go).
		"assets-datasets":  "/tributary/provenance/v1/assets?kind=ASSET_KIND_DATASET",
		"assets-models":    "/tributary/provenance/v1/assets?kind=2",
		"assets-page":      "/tributary/provenance/v1/assets?pagination.limit=2&pagination.count_total=true",
		"assets-of-alice":  "/tributary/provenance/v1/assets?owner=" + addr["alice"],
		"settlement-queue": "/tributary/royalty/v1/settlement_queue",
		"queue-page":       "/tributary/royalty/v1/settlement_queue?pagination.limit=1",
	}
	for name, id := range ids {
		p := fmt.Sprintf("/tributary/provenance/v1/assets/%d", id)
		q["asset/"+name] = p
		q["asset-by-cid/"+name] = "/tributary/provenance/v1/cids/" + cids[name]
		q["children/"+name] = p + "/children"
		q["ancestors/"+name] = p + "/ancestors"
		q["ancestors-page/"+name] = p + "/ancestors?pagination.limit=2"
		q["lineage/"+name] = p + "/lineage?depth=64"
		q["revenue/"+name] = fmt.Sprintf("/tributary/royalty/v1/revenue/%d", id)
		q["attribution/"+name] = fmt.Sprintf("/tributary/royalty/v1/attribution/%d", id)
		q["prices/"+name] = fmt.Sprintf("/tributary/royalty/v1/prices/%d", id)
	}
	for name, a := range addr {
		q["assets-by-contributor/"+name] = "/tributary/provenance/v1/contributors/" + a + "/assets"
		q["claimable/"+name] = "/tributary/royalty/v1/claimable/" + a
	}
	return q
}

// exMovesWithSettlement says whether a query's answer changes when EndBlock settles queued revenue.
func exMovesWithSettlement(name string) bool {
	for _, p := range []string{"settlement-queue", "queue-page", "revenue/", "claimable/"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func exCompare(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	names := make([]string, 0, len(a))
	for name := range a {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasPrefix(a[name], "200 ") {
			t.Errorf("%s: %s failed on the old chain: %s", what, name, a[name])
		}
		if a[name] != b[name] {
			t.Errorf("%s: %s differs\nold: %s\nnew: %s", what, name, a[name], b[name])
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// exDropCreated removes created_height and created_time from the asset with the given id wherever it appears
// in a snapshot.
func exDropCreated(t *testing.T, snap map[string]string, id string) map[string]string {
	t.Helper()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["id"] == id && v["cid"] != nil {
				delete(v, "created_height")
				delete(v, "created_time")
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	out := make(map[string]string, len(snap))
	for name, entry := range snap {
		status, body, _ := strings.Cut(entry, " ")
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
		canon, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = status + " " + string(canon)
	}
	return out
}

// exMembersFile is a parsed members file and its Merkle tree.
type exMembersFile struct{ members []provtypes.Member }

func exMembers(t *testing.T, path string) exMembersFile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, err := provtypes.ParseMembersFile(bufio.NewReader(f), addresscodec.NewBech32Codec("trib"))
	if err != nil {
		t.Fatal(err)
	}
	return exMembersFile{members: ms}
}

// proofArgs are the claim-merkle arguments UNITS HASH... of a member.
func (m exMembersFile) proofArgs(t *testing.T, address string) []string {
	t.Helper()
	want, err := addresscodec.NewBech32Codec("trib").StringToBytes(address)
	if err != nil {
		t.Fatal(err)
	}
	for i, mem := range m.members {
		if !bytes.Equal(mem.Address, want) {
			continue
		}
		proof, err := provtypes.MerkleProof(m.members, i)
		if err != nil {
			t.Fatal(err)
		}
		args := []string{strconv.FormatUint(mem.Units, 10)}
		for _, h := range proof {
			args = append(args, hex.EncodeToString(h))
		}
		return args
	}
	t.Fatalf("%s is not in the members file", address)
	return nil
}

// exRawCID is the CIDv1 (raw, sha2-256) of data.
func exRawCID(t *testing.T, data string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(data))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		t.Fatal(err)
	}
	return cid.NewCidV1(cid.Raw, mh).String()
}

// exField decodes one top-level field of a JSON body (a snapshot entry may carry its "status " prefix).
func exField[T any](t *testing.T, body, field string) T {
	t.Helper()
	if i := strings.IndexByte(body, ' '); i > 0 && i < 4 {
		body = body[i+1:]
	}
	var doc map[string]json.RawMessage
	var v T
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("not JSON: %s", body)
	}
	raw, ok := doc[field]
	if !ok || string(raw) == "null" {
		return v
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("field %s of %s: %v", field, body, err)
	}
	return v
}

func exInt(t *testing.T, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not an integer: %q", s)
	}
	return v
}
