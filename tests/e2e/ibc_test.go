//go:build e2e

package e2e

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

// Port blocks of the two chains of the IBC test (one validator each).
const (
	ibcBaseA = 32000
	ibcBaseB = 32020
)

// The foreign token: chain B's native "stablecoin", and how much of it user0 of chain B starts with.
const (
	stableDenom   = "ustable"
	stableGenesis = 1_000_000_000_000
)

// TestRoyaltiesInIBCToken is issue 16's journey on real processes: two Tributary chains (tributary-a and
// tributary-b, one validator each) and the Go relayer (cosmos/relayer v2.6.0, built by scripts/relayer.sh)
// between them. A token native to chain B is transferred to A over ICS-20, accepted for royalties on A by a
// governance proposal the validator votes on, paid as a royalty to a fine-tune, settled up its lineage, claimed
// by the dataset's contributor and sent home to chain B. Every amount is exact, and the foreign denom is
// conserved on both sides: A's voucher supply equals B's escrow, and the royalty module holds exactly what
// is still unclaimed.
func TestRoyaltiesInIBCToken(t *testing.T) {
	rlyBin := relayerBinary(t)
	a := createChain(t, ibcBaseA, 1, "tributary-a")
	b := createChain(t, ibcBaseB, 1, "tributary-b")

	var minDeposit string
	a.editGenesis(func(g map[string]any) {
		gov := jsonPath(t, g, "app_state", "gov", "params")
		gov["voting_period"] = "10s"
		gov["expedited_voting_period"] = "5s"
		dep := gov["min_deposit"].([]any)[0].(map[string]any)
		minDeposit = fmt.Sprint(dep["amount"]) + fmt.Sprint(dep["denom"])
	})
	bUser := b.addr(0, "user0")
	b.editGenesis(func(g map[string]any) { mintInGenesis(t, g, bUser, stableDenom, stableGenesis) })
	a.start()
	b.start()

	rly := newRelayer(t, rlyBin, a, b)
	rly.link()
	rly.start()

	// 1. Chain B's user0 sends 5,000,000 ustable to chain A's user0.
	aUser, aVal := a.addr(0, "user0"), a.addr(0, "validator0")
	const sent = 5_000_000
	b.tx(0, b.rpc(0), append([]string{"tx", "ibc-transfer", "transfer", "transfer", "channel-0", aUser,
		strconv.Itoa(sent) + stableDenom, "--from", "user0"}, smallTx...)...)
	voucher := ibcDenom("transfer", "channel-0", stableDenom)
	waitFor(t, "the voucher on chain A", defaultWait, func() (bool, string) {
		got := a.balanceOf(0, aUser, voucher)
		return got == sent, fmt.Sprintf("%s balance %d", voucher, got)
	})
	if got := b.balanceOf(0, bUser, stableDenom); got != stableGenesis-sent {
		t.Fatalf("chain B user0 holds %d %s after sending %d, want %d", got, stableDenom, sent, stableGenesis-sent)
	}

	// 2. Paying in the voucher is refused until governance accepts the denom.
	dataDir, modelDir := writeDir(t, "data", "rows.csv", "a,b\n1,2\n"), writeDir(t, "model", "w.bin", "weights")
	dID := assetID(t, a.tx(0, a.rpc(0), append([]string{"tx", "provenance", "register-dataset", dataDir,
		"--license", "CC-BY-4.0", "--contributors", aVal + ":1", "--from", "user0"}, bigTx...)...))
	// A base model trained on the dataset (30% upstream) and a fine-tune of it (50% upstream); user0, the
	// registrant, is the only contributor of both models.
	const baseUpBps, tuneUpBps = 3000, 5000
	baseID := assetID(t, a.tx(0, a.rpc(0), append([]string{"tx", "provenance", "register-model", modelDir,
		"--license", "Apache-2.0", "--upstream-share-bps", strconv.Itoa(baseUpBps),
		"--parent", dID + ":10000:trained-on", "--from", "user0"}, bigTx...)...))
	tuneDir := writeDir(t, "tune", "adapter.bin", "fine-tuned weights")
	mID := assetID(t, a.tx(0, a.rpc(0), append([]string{"tx", "provenance", "register-model", tuneDir,
		"--license", "Apache-2.0", "--upstream-share-bps", strconv.Itoa(tuneUpBps),
		"--parent", baseID + ":10000:finetuned-from", "--from", "user0"}, bigTx...)...))
	const pay = 1_234_567
	var payArgs []string
	if code, log := a.node(0).txFails("user0", "royalty", "pay", mID, strconv.Itoa(pay)+voucher); code == 0 {
		t.Fatalf("a payment in %s succeeded before governance accepted the denom: %s", voucher, log)
	}
	acceptDenom(t, a, voucher, minDeposit)

	// 3. Pay the fine-tune in the voucher; it settles up the lineage to the dataset's contributor.
	f := royaltyFeeBps(t, a)
	revM := int64(pay) - (int64(pay)*f+9_999)/10000 // the fee rounds up
	upBase := revM * tuneUpBps / 10000              // fine-tune -> base model
	up := upBase * baseUpBps / 10000                // base model -> dataset (one contributor, 1 unit: exact)
	toModel := revM - up                            // both models' contributor is user0
	// The payer holds nothing but the voucher: its transaction fee (utrib) comes from a fee grant by
	// validator0, limited to MsgPay (docs/ibc.md).
	a.cli(0, "keys", "add", "payer")
	payer := a.addr(0, "payer")
	a.tx(0, a.rpc(0), append([]string{"tx", "bank", "send", "user0", payer, strconv.Itoa(pay) + voucher}, smallTx...)...)
	a.tx(0, a.rpc(0), append([]string{"tx", "feegrant", "grant", "validator0", payer, "--spend-limit", "10000utrib",
		"--allowed-messages", "/tributary.royalty.v1.MsgPay"}, smallTx...)...)
	payArgs = append([]string{"tx", "royalty", "pay", mID, strconv.Itoa(pay) + voucher, "--from", "payer",
		"--fee-granter", aVal}, smallTx...)
	a.tx(0, a.rpc(0), payArgs...)
	if v, u := a.balanceOf(0, payer, voucher), a.balanceOf(0, payer, "utrib"); v != 0 || u != 0 {
		t.Fatalf("the payer holds %d %s and %d utrib after paying, want nothing", v, voucher, u)
	}
	waitFor(t, "settlement of the voucher payment", defaultWait, func() (bool, string) {
		got := claimableOf(t, a, 0, aVal, voucher)
		return got == up, fmt.Sprintf("validator0 claimable %d %s, want %d", got, voucher, up)
	})
	if got := claimableOf(t, a, 0, aUser, voucher); got != toModel {
		t.Fatalf("the models' contributor may claim %d %s, want %d", got, voucher, toModel)
	}

	// The voucher's bank metadata is stored in the shape bank validates (so an export of chain A validates),
	// and the CLI names the token beside its hash: claimable grouped by denom, revenue per denom.
	checkVoucherNamed(t, a, voucher, mID, aUser)

	// 4. The dataset's contributor claims (fees in utrib) and sends the claim home to chain B.
	a.tx(0, a.rpc(0), append([]string{"tx", "royalty", "claim", "--from", "validator0"}, smallTx...)...)
	if got := a.balanceOf(0, aVal, voucher); got != up {
		t.Fatalf("validator0 holds %d %s after its claim, want %d", got, voucher, up)
	}
	a.tx(0, a.rpc(0), append([]string{"tx", "ibc-transfer", "transfer", "transfer", "channel-0", bUser,
		strconv.FormatInt(up, 10) + voucher, "--from", "validator0"}, smallTx...)...)
	waitFor(t, "the claim back on chain B", defaultWait, func() (bool, string) {
		got := b.balanceOf(0, bUser, stableDenom)
		return got == stableGenesis-sent+up, fmt.Sprintf("user0 %d %s", got, stableDenom)
	})

	// 5. Conservation of the foreign denom on both chains.
	if got := a.balanceOf(0, aVal, voucher); got != 0 {
		t.Errorf("validator0 still holds %d %s after sending it home", got, voucher)
	}
	inFlight := int64(sent) - up // what stays on chain A
	if got := a.supplyOf(0, voucher); got != inFlight {
		t.Errorf("chain A's %s supply is %d, want %d (sent %d, returned %d)", voucher, got, inFlight, sent, up)
	}
	escrow := b.cli(0, "query", "ibc-transfer", "escrow-address", "transfer", "channel-0")
	if got := b.balanceOf(0, strings.TrimSpace(escrow), stableDenom); got != inFlight {
		t.Errorf("chain B's escrow holds %d %s, want %d", got, stableDenom, inFlight)
	}
	royaltyAcct := moduleAddr(t, "royalty")
	fee := int64(pay) - revM
	if got := a.balanceOf(0, royaltyAcct, voucher); got != toModel {
		t.Errorf("the royalty module holds %d %s, want the unclaimed %d", got, voucher, toModel)
	}
	if got := a.balanceOf(0, aUser, voucher); got != sent-pay {
		t.Errorf("user0 holds %d %s, want %d", got, voucher, sent-pay)
	}
	if got := a.balanceOf(0, moduleAddr(t, "distribution"), voucher); got != fee {
		t.Errorf("the community pool received %d %s, want the protocol fee %d", got, voucher, fee)
	}
	t.Logf("voucher %s: sent %d, paid %d (fee %d), settled %d upstream, claimed and returned %d", voucher, sent, pay, fee, up, up)
}

// checkVoucherNamed checks what chain A says about the voucher of stableDenom over channel-0: its bank metadata
// validates (first unit the ibc/ hash, the base denom its alias, display a unit), and the royalty queries print
// the trace beside the hash.
func checkVoucherNamed(t *testing.T, a *network, voucher, assetID, who string) {
	t.Helper()
	var md struct {
		Metadata struct {
			Base       string `json:"base"`
			Display    string `json:"display"`
			DenomUnits []struct {
				Denom   string   `json:"denom"`
				Aliases []string `json:"aliases"`
			} `json:"denom_units"`
		} `json:"metadata"`
	}
	out := a.cli(0, "query", "bank", "denom-metadata", voucher, "-o", "json")
	if err := json.Unmarshal([]byte(out), &md); err != nil {
		t.Fatalf("denom-metadata: %v: %s", err, out)
	}
	m := md.Metadata
	if m.Base != voucher || m.Display != voucher || len(m.DenomUnits) == 0 || m.DenomUnits[0].Denom != voucher ||
		!slices.Contains(m.DenomUnits[0].Aliases, stableDenom) {
		t.Fatalf("the voucher's metadata is not in the shape bank validates (first unit %s, alias %s): %s", voucher, stableDenom, out)
	}
	named := voucher + " (" + stableDenom + " from transfer/channel-0)"
	if out := a.cli(0, "query", "royalty", "claimable", who); !strings.Contains(out, named+", from\n  asset #") {
		t.Errorf("claimable does not group the voucher under its trace %q:\n%s", named, out)
	}
	if out := a.cli(0, "query", "royalty", "revenue", assetID); !strings.Contains(out, "asset #"+assetID+" in "+named+":") {
		t.Errorf("revenue does not name the voucher %q:\n%s", named, out)
	}
}

// relayer drives a cosmos/relayer process between two networks (node 0 of each), with its own home.
type relayer struct {
	t    *testing.T
	bin  string
	home string
	a, b *network
	path string
}

// relayerBinary builds (once; scripts/relayer.sh skips a built binary) and returns the Go relayer; RLY_BIN
// names a prebuilt one (make test-e2e sets it).
func relayerBinary(t *testing.T) string {
	t.Helper()
	return toolBinary(t, "RLY_BIN", "relayer.sh")
}

// newRelayer configures the relayer for chains a and b: one key per chain, funded by the chain's validator,
// and one path between them.
func newRelayer(t *testing.T, bin string, a, b *network) *relayer {
	t.Helper()
	r := &relayer{t: t, bin: bin, home: filepath.Join(t.TempDir(), "rly"), a: a, b: b, path: "a-b"}
	r.run("config", "init")
	for _, nw := range []*network{a, b} {
		id := nw.chainID()
		cfg := map[string]any{"type": "cosmos", "value": map[string]any{
			"key": "relayer", "chain-id": id, "rpc-addr": nw.node(0).rpcHTTP(), "account-prefix": "trib",
			"keyring-backend": "test", "gas-adjustment": 1.5, "gas-prices": "0.01utrib", "debug": false,
			"timeout": "20s", "output-format": "json", "sign-mode": "direct", "coin-type": 118,
			"broadcast-mode": "batch",
		}}
		file := filepath.Join(t.TempDir(), id+".json")
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		writeFileT(t, file, string(b))
		r.run("chains", "add", "--file", file, id)
		out := r.run("keys", "add", id, "relayer")
		var key struct{ Address string }
		if err := json.Unmarshal([]byte(lastJSON(out)), &key); err != nil || !strings.HasPrefix(key.Address, "trib1") {
			t.Fatalf("relayer key on %s: %v: %s", id, err, out)
		}
		nw.tx(0, nw.rpc(0), append([]string{"tx", "bank", "send", "validator0", key.Address, "50000000utrib"}, smallTx...)...)
	}
	r.run("paths", "new", a.chainID(), b.chainID(), r.path)
	return r
}

func (r *relayer) run(args ...string) string {
	r.t.Helper()
	return run(r.t, nil, r.bin, append(args, "--home", r.home)...)
}

// link creates the light clients, the connection and the ICS-20 channel (channel-0 on both chains).
func (r *relayer) link() {
	r.t.Helper()
	r.run("tx", "link", r.path, "--src-port", "transfer", "--dst-port", "transfer", "--order", "unordered",
		"--version", "ics20-1")
	for _, nw := range []*network{r.a, r.b} {
		out := nw.cli(0, "query", "ibc", "channel", "channels", "-o", "json")
		if !strings.Contains(out, `"channel-0"`) || !strings.Contains(out, "STATE_OPEN") {
			r.t.Fatalf("%s has no open channel-0 after linking: %s", nw.chainID(), out)
		}
	}
}

// start runs `rly start` for the path until the test ends (relaying packets and acknowledgements both ways).
func (r *relayer) start() {
	r.t.Helper()
	logf, err := os.Create(filepath.Join(r.home, "rly.log"))
	if err != nil {
		r.t.Fatal(err)
	}
	cmd := exec.Command(r.bin, "start", r.path, "--home", r.home, "--debug-addr", "")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
		}
		if r.t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			if len(lines) > 40 {
				lines = lines[len(lines)-40:]
			}
			r.t.Logf("relayer log tail:\n%s", strings.Join(lines, "\n"))
		}
		_ = logf.Close()
	})
}

// chainID is the network's chain id, as its genesis says.
func (nw *network) chainID() string {
	nw.t.Helper()
	var g struct {
		ChainID string `json:"chain_id"`
	}
	if err := json.Unmarshal([]byte(readFile(nw.t, filepath.Join(nw.home(0), "config", "genesis.json"))), &g); err != nil {
		nw.t.Fatal(err)
	}
	return g.ChainID
}

// balanceOf is addr's balance of denom as node i sees it.
func (nw *network) balanceOf(i int, addr, denom string) int64 {
	nw.t.Helper()
	var res struct {
		Balance struct{ Amount string } `json:"balance"`
	}
	out := nw.cli(i, "query", "bank", "balance", addr, denom, "-o", "json")
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		nw.t.Fatalf("balance of %s: %v: %s", addr, err, out)
	}
	if res.Balance.Amount == "" {
		return 0
	}
	return mustInt(nw.t, res.Balance.Amount)
}

// supplyOf is the chain's total supply of denom.
func (nw *network) supplyOf(i int, denom string) int64 {
	nw.t.Helper()
	var res struct{ Amount struct{ Amount string } }
	out := nw.cli(i, "query", "bank", "total-supply-of", denom, "-o", "json")
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		nw.t.Fatalf("supply of %s: %v: %s", denom, err, out)
	}
	return mustInt(nw.t, res.Amount.Amount)
}

// ibcDenom is the voucher denom of base received over port/channel: "ibc/" + upper-case hex
// SHA-256 of the trace path (ICS-20).
func ibcDenom(port, channel, base string) string {
	sum := sha256.Sum256([]byte(port + "/" + channel + "/" + base))
	return "ibc/" + strings.ToUpper(fmt.Sprintf("%x", sum))
}

// mintInGenesis gives addr amount of denom in a genesis document, keeping the bank supply consistent.
func mintInGenesis(t *testing.T, g map[string]any, addr, denom string, amount int64) {
	t.Helper()
	bank := jsonPath(t, g, "app_state", "bank")
	add := func(coins []any) []any {
		coins = append(coins, map[string]any{"denom": denom, "amount": strconv.FormatInt(amount, 10)})
		sort.Slice(coins, func(i, j int) bool {
			return coins[i].(map[string]any)["denom"].(string) < coins[j].(map[string]any)["denom"].(string)
		})
		return coins
	}
	found := false
	for _, b := range bank["balances"].([]any) {
		bal := b.(map[string]any)
		if bal["address"] == addr {
			bal["coins"] = add(bal["coins"].([]any))
			found = true
		}
	}
	if !found {
		t.Fatalf("no genesis balance for %s", addr)
	}
	supply, _ := bank["supply"].([]any)
	bank["supply"] = add(supply)
}

// acceptDenom adds denom to x/royalty's accepted denoms through a governance proposal that the network's
// validators vote for, and waits until it passed.
func acceptDenom(t *testing.T, nw *network, denom, deposit string) {
	t.Helper()
	var cur struct {
		Params map[string]any `json:"params"`
	}
	if err := json.Unmarshal([]byte(nw.cli(0, "query", "royalty", "params", "-o", "json")), &cur); err != nil {
		t.Fatal(err)
	}
	denoms, _ := cur.Params["accepted_denoms"].([]any)
	cur.Params["accepted_denoms"] = append(denoms, denom)
	msg := map[string]any{"@type": "/tributary.royalty.v1.MsgUpdateParams", "authority": moduleAddr(t, "gov"), "params": cur.Params}
	passProposal(t, nw, "Accept "+denom, "Royalties may be paid in "+denom+".", deposit, msg)
	if out := nw.cli(0, "query", "royalty", "params", "-o", "json"); !strings.Contains(out, denom) {
		t.Fatalf("the proposal passed but %s is not accepted: %s", denom, out)
	}
}

// royaltyFeeBps is x/royalty's protocol fee.
func royaltyFeeBps(t *testing.T, nw *network) int64 {
	t.Helper()
	var rp struct {
		Params struct {
			ProtocolFeeBps int64 `json:"protocol_fee_bps"`
		} `json:"params"`
	}
	if err := json.Unmarshal([]byte(nw.cli(0, "query", "royalty", "params", "-o", "json")), &rp); err != nil {
		t.Fatal(err)
	}
	return rp.Params.ProtocolFeeBps
}

// claimableOf is addr's claimable amount of denom as node i reports it.
func claimableOf(t *testing.T, nw *network, i int, addr, denom string) int64 {
	t.Helper()
	var res struct {
		Total []struct{ Denom, Amount string } `json:"total"`
	}
	out := nw.cli(i, "query", "royalty", "claimable", addr, "-o", "json")
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("claimable %s: %v: %s", addr, err, out)
	}
	for _, c := range res.Total {
		if c.Denom == denom {
			return mustInt(t, c.Amount)
		}
	}
	return 0
}

// moduleAddr is the bech32 address of a module account.
func moduleAddr(t *testing.T, name string) string {
	t.Helper()
	s, err := addresscodec.NewBech32Codec("trib").BytesToString(authtypes.NewModuleAddress(name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeDir makes a directory holding one file, for a registration.
func writeDir(t *testing.T, name, file, content string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFileT(t, filepath.Join(dir, file), content)
	return dir
}
