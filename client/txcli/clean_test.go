package txcli

import "testing"

func TestCleanLog(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{
			"rpc error: code = Unknown desc = failed to execute message; message index: 0: insufficient funds: insufficient funds [cosmos/cosmos-sdk@v0.55.0/x/bank/keeper/send.go:278] With gas wanted: '300000' and gas used: '61234' : unknown request",
			"insufficient funds",
		},
		{
			"invalid Merkle proof [/home/build/tributary/x/provenance/keeper/assets.go:24]: proof does not verify",
			"invalid Merkle proof: proof does not verify",
		},
		// MsgClaim is a prefix of MsgClaimMerkle: each must name its own command, whatever the order.
		// A transaction without --fees on a node with minimum gas prices.
		{
			"insufficient fees; got: required: 77utrib: insufficient fee",
			"the fee is below this node's minimum: it requires at least 77utrib (given: none); pass --fees 77utrib or more",
		},
		{
			"insufficient fees; got: 10utrib required: 130utrib: insufficient fee",
			"the fee is below this node's minimum: it requires at least 130utrib (given: 10utrib); pass --fees 130utrib or more",
		},
		{"/tributary.royalty.v1.MsgClaimMerkle failed", "`tx royalty claim-merkle` failed"},
		{"/tributary.royalty.v1.MsgClaim failed", "`tx royalty claim` failed"},
		{"tributary.royalty.v1.MsgClaim and tributary.royalty.v1.MsgClaimMerkle", "`tx royalty claim` and `tx royalty claim-merkle`"},
	} {
		if got := CleanLog(tc.in); got != tc.want {
			t.Errorf("CleanLog(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Grouped("0"), "0"},
		{Grouped("999"), "999"},
		{Grouped("1000"), "1,000"},
		{Grouped("990270"), "990,270"},
		{Grouped("-1234567"), "-1,234,567"},
		{Coin(`{"denom":"utrib","amount":"1000000"}`), "1,000,000 utrib"},
		{Coins(`[{"denom":"utrib","amount":"10000"},{"denom":"uatom","amount":"5"}]`), "10,000 utrib, 5 uatom"},
		{Coins(`[]`), "nothing"},
		{IDs(`["1","3"]`), "#1, #3"},
		{IDs(`[1,3]`), "#1, #3"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
