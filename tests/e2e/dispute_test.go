//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const disputeBase = 32600

// TestContestedDisputeDecidedByGovernance is issue 12 on three real validators: user0 registers a dataset that
// is user1's (a front-run registration); user1 disputes it (IMPROPER_REGISTRATION / REASSIGN, bond 100 TRIB);
// user0 contests, posting an equal bond; a payment to the dataset meanwhile is held; a governance proposal
// carrying MsgResolveDispute passes on the validators' votes; user1 then owns the dataset, its held revenue is
// claimable by user1 only, and the bonds moved exactly as the params say.
func TestContestedDisputeDecidedByGovernance(t *testing.T) {
	nw := createNetwork(t, disputeBase, 3)
	var minDeposit string
	nw.editGenesis(func(g map[string]any) {
		gov := jsonPath(t, g, "app_state", "gov", "params")
		gov["voting_period"] = "10s"
		gov["expedited_voting_period"] = "5s"
		dep := gov["min_deposit"].([]any)[0].(map[string]any)
		minDeposit = fmt.Sprint(dep["amount"]) + fmt.Sprint(dep["denom"])
		params := jsonPath(t, g, "app_state", "dispute", "params")
		params["response_window_blocks"] = "60"
		params["arbitration_window_blocks"] = "600"
	})
	nw.start()
	user0, user1 := nw.addr(0, "user0"), nw.addr(1, "user1")

	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFileT(t, filepath.Join(dir, "data.csv"), "id,text\n1,user1's original corpus\n")
	dID := assetID(t, nw.tx(0, nw.rpc(0), append([]string{"tx", "provenance", "register-dataset", dir,
		"--license", "CC-BY-4.0", "--contributors", user0 + ":1", "--from", "user0"}, bigTx...)...))

	const bond = 100_000_000
	contributors := fmt.Sprintf(`{"list":{"members":[{"address":%q,"units":"1"}]}}`, user1)
	open := nw.tx(1, nw.rpc(1), append([]string{"tx", "dispute", "open", dID, "improper-registration", "reassign",
		"user0 registered my corpus from the mempool", strconv.Itoa(bond) + "utrib", "--contributors", contributors,
		"--from", "user1"}, bigTx...)...)
	disputeID, ok := open.event("tributary.dispute.v1.EventDisputeOpened", "dispute_id")
	if !ok {
		t.Fatalf("no EventDisputeOpened in %+v", open.Events)
	}
	nw.awaitCommitted(open.committedAt(t)) // node 2 is asked next; the dispute was awaited through node 1
	if out := nw.cli(2, "query", "provenance", "asset", dID, "-o", "json"); !strings.Contains(out, `"open_dispute_ids":["`+disputeID+`"]`) {
		t.Fatalf("the asset does not show its open dispute: %s", out)
	}
	nw.tx(0, nw.rpc(0), append([]string{"tx", "dispute", "contest", disputeID, "--from", "user0"}, smallTx...)...)

	// A payment while contested is held: nothing becomes claimable for anyone.
	pay := nw.tx(2, nw.rpc(2), append([]string{"tx", "royalty", "pay", dID, "1000000utrib", "--from", "user2"}, smallTx...)...)
	// Three blocks past the payment's, as node 0 (asked below) has committed them: time enough for settlement
	// to have moved it, were it not held. (Node 0's own height when the payment was awaited through node 2 may
	// still be below the payment's block.)
	nw.node(0).waitHeight(pay.committedAt(t) + 3)
	if c0, c1 := claimable(t, nw, 0, user0), claimable(t, nw, 0, user1); c0 != 0 || c1 != 0 {
		t.Fatalf("held revenue became claimable: user0 %d, user1 %d", c0, c1)
	}
	if got := nw.balance(0, moduleAddr(t, "dispute")); got != 2*bond {
		t.Fatalf("dispute module holds %d, want both bonds %d", got, 2*bond)
	}
	user0Before, user1Before := nw.balance(0, user0), nw.balance(0, user1)

	// The decision is then queried through nodes 1 and 2; passProposal waits until every node has committed it.
	passProposal(t, nw, "Uphold dispute "+disputeID, "Front-run registration.", minDeposit, map[string]any{
		"@type": "/tributary.dispute.v1.MsgResolveDispute", "authority": moduleAddr(t, "gov"), "dispute_id": disputeID,
		"uphold": true, "reason": "user1's drafts predate the registration",
	})

	if out := nw.cli(1, "query", "dispute", "dispute", disputeID, "-o", "json"); !strings.Contains(out, "DISPUTE_STATUS_UPHELD") {
		t.Fatalf("dispute not upheld: %s", out)
	}
	var asset struct {
		Asset struct {
			Owner string `json:"owner"`
		} `json:"asset"`
		Amendments []json.RawMessage `json:"amendments"`
	}
	if err := json.Unmarshal([]byte(nw.cli(2, "query", "provenance", "asset", dID, "-o", "json")), &asset); err != nil {
		t.Fatal(err)
	}
	if asset.Asset.Owner != user1 || len(asset.Amendments) != 1 {
		t.Fatalf("after the decision the dataset is owned by %s with %d amendments, want %s and 1", asset.Asset.Owner, len(asset.Amendments), user1)
	}
	// Bonds: user1 gets its bond back plus 50% of user0's (winner_share_bps 5000); user0 gets nothing back.
	if got := nw.balance(0, user1) - user1Before; got != bond+bond/2 {
		t.Fatalf("user1 received %d, want %d", got, bond+bond/2)
	}
	if got := nw.balance(0, user0) - user0Before; got != 0 {
		t.Fatalf("user0 received %d, want 0", got)
	}
	if got := nw.balance(0, moduleAddr(t, "dispute")); got != 0 {
		t.Fatalf("dispute module still holds %d", got)
	}
	// The held payment (1,000,000 less the 1% fee) settles under user1's list.
	fee := 1_000_000 * royaltyFeeBps(t, nw) / 10_000
	waitFor(t, "held revenue to settle to user1", defaultWait, func() (bool, string) {
		c := claimable(t, nw, 1, user1)
		return c == 1_000_000-fee, fmt.Sprintf("user1 claimable %d", c)
	})
	if c := claimable(t, nw, 1, user0); c != 0 {
		t.Fatalf("user0 can claim %d of revenue held during the dispute", c)
	}
	nw.awaitAgreement(3, nw.height(0), defaultWait)
}
