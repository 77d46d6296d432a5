package royalty_test

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/tributary-ai/tributary/app"
	"github.com/tributary-ai/tributary/testutil/network"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// rawCID returns the CIDv1 (raw, sha2-256) of data, as registration requires.
func rawCID(t *testing.T, data string) string {
	sum := sha256.Sum256([]byte(data))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	require.NoError(t, err)
	return cid.NewCidV1(cid.Raw, mh).String()
}

// TestPaymentToGrandchildIsClaimedByDatasetContributors runs a real chain: two datasets, a base model trained on
// both and a fine-tune of the base. A payment to the fine-tune is settled in the block that includes it, and
// the contributors of both datasets claim exactly their share.
func TestPaymentToGrandchildIsClaimedByDatasetContributors(t *testing.T) {
	net := network.New(t, network.DefaultConfig(1))
	ctx := context.Background()
	val := net.Validators[0]
	clientCtx := network.ClientCtx(net)
	bank := banktypes.NewQueryClient(clientCtx)
	royalty := types.NewQueryClient(clientCtx)

	submit := func(from string, msgs ...sdk.Msg) network.TxResult {
		t.Helper()
		res, err := network.SubmitTx(ctx, net, val, from, msgs...)
		require.NoError(t, err)
		require.Zero(t, res.Code, "tx failed: %s", res.Log)
		return res
	}

	// Contributors with their own keys, funded for fees.
	addrs := map[string]string{}
	var funding []sdk.Msg
	for _, name := range []string{"alice", "bob", "carol"} {
		rec, _, err := val.ClientCtx.Keyring.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath,
			keyring.DefaultBIP39Passphrase, hd.Secp256k1)
		require.NoError(t, err)
		addr, err := rec.GetAddress()
		require.NoError(t, err)
		addrs[name] = addr.String()
		funding = append(funding, banktypes.NewMsgSend(val.Address, addr, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000))))
	}
	submit(val.Moniker, funding...)

	owner := val.Address.String()
	register := func(kind provtypes.AssetKind, name string, members []provtypes.Contributor, parents []provtypes.ParentEdge, upstream uint32) uint64 {
		t.Helper()
		submit(val.Moniker, &provtypes.MsgRegisterAsset{
			Owner: owner, Kind: kind, Cid: rawCID(t, name), SizeBytes: 1, Name: name, License: "MIT",
			Contributors: provtypes.Contributors{Set: &provtypes.Contributors_List{List: &provtypes.ContributorList{Members: members}}},
			Parents:      parents,
			Policy:       provtypes.RoyaltyPolicy{UpstreamShareBps: upstream},
		})
		q := provtypes.NewQueryClient(clientCtx)
		res, err := q.AssetByCID(ctx, &provtypes.QueryAssetByCIDRequest{Cid: rawCID(t, name)})
		require.NoError(t, err)
		return res.Asset.Id
	}
	edge := func(id uint64, w uint32) provtypes.ParentEdge {
		return provtypes.ParentEdge{AssetId: id, WeightBps: w, Relation: provtypes.Relation_RELATION_TRAINED_ON}
	}
	d1 := register(provtypes.AssetKind_ASSET_KIND_DATASET, "dataset one",
		[]provtypes.Contributor{{Address: addrs["alice"], Units: 3}, {Address: addrs["bob"], Units: 1}}, nil, 0)
	d2 := register(provtypes.AssetKind_ASSET_KIND_DATASET, "dataset two",
		[]provtypes.Contributor{{Address: addrs["carol"], Units: 1}}, nil, 0)
	base := register(provtypes.AssetKind_ASSET_KIND_MODEL, "base model",
		[]provtypes.Contributor{{Address: owner, Units: 1}}, []provtypes.ParentEdge{edge(d1, 6_000), edge(d2, 4_000)}, 3_000)
	tuned := register(provtypes.AssetKind_ASSET_KIND_MODEL, "fine-tune",
		[]provtypes.Contributor{{Address: owner, Units: 1}}, []provtypes.ParentEdge{edge(base, 10_000)}, 2_000)

	submit(val.Moniker, &types.MsgPay{Payer: owner, AssetId: tuned, Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000), Reference: "net-test"})

	// Settled in the paying block's EndBlock: nothing is left in the queue.
	queue, err := royalty.SettlementQueue(ctx, &types.QuerySettlementQueueRequest{})
	require.NoError(t, err)
	require.Empty(t, queue.Entries)

	// 990,000 of revenue: 20% (198,000) flows to the base, 30% of that (59,400) to the datasets, 60/40.
	want := map[string]int64{"alice": 26_730, "bob": 8_910, "carol": 23_760}
	for name, amount := range want {
		c, err := royalty.Claimable(ctx, &types.QueryClaimableRequest{Address: addrs[name]})
		require.NoError(t, err)
		require.Equal(t, amount, c.Total.AmountOf(app.BondDenom).Int64(), name)

		before, err := bank.Balance(ctx, banktypes.NewQueryBalanceRequest(sdk.MustAccAddressFromBech32(addrs[name]), app.BondDenom))
		require.NoError(t, err)
		submit(name, &types.MsgClaim{Claimant: addrs[name]})
		after, err := bank.Balance(ctx, banktypes.NewQueryBalanceRequest(sdk.MustAccAddressFromBech32(addrs[name]), app.BondDenom))
		require.NoError(t, err)
		require.Equal(t, amount-20_000, after.Balance.Amount.Sub(before.Balance.Amount).Int64(), "%s: claim minus the 20,000 fee", name)
	}

	report, err := royalty.RevenueReport(ctx, &types.QueryRevenueReportRequest{AssetId: d1})
	require.NoError(t, err)
	require.Equal(t, int64(35_640), report.Reports[0].ReceivedUpstream.Int64())
	require.Equal(t, int64(35_640), report.Reports[0].Claimed.Int64())

	// Paying the fine-tune, three levels down with a 4-asset lineage, costs the same gas as paying a root dataset
	// (both compared in the same state: paid before, nothing pending).
	pay := func(id uint64) network.TxResult {
		return submit(val.Moniker, &types.MsgPay{Payer: owner, AssetId: id, Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000), Reference: "net-test"})
	}
	pay(d2)
	tunedGas, rootGas := pay(tuned).GasUsed, pay(d2).GasUsed
	t.Logf("MsgPay tx gas on a real chain: fine-tune %d, root dataset %d", tunedGas, rootGas)
	require.InDelta(t, 1, float64(tunedGas)/float64(rootGas), 0.05, "pay gas: fine-tune %d, dataset %d", tunedGas, rootGas)
}
