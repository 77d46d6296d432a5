package provenance_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client/flags"
	clitestutil "github.com/cosmos/cosmos-sdk/testutil/cli"

	"github.com/tributary-ai/tributary/app"
	"github.com/tributary-ai/tributary/ipfs/dagio"
	"github.com/tributary-ai/tributary/testutil/network"
	"github.com/tributary-ai/tributary/x/provenance/client/cards"
	"github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// cardsTestdata holds card and Croissant fixtures modelled on real ones.
var cardsTestdata = filepath.Join("client", "cards", "testdata")

// TestNetworkRegisterFromCards runs a real chain: parents are registered
// under the Hub identifiers that fixture cards name, then register-model and
// register-dataset read the cards and must produce exactly the lineage the
// cards describe; an ambiguous identifier and a Croissant digest that does
// not match a local file must be refused before anything is signed.
func TestNetworkRegisterFromCards(t *testing.T) {
	net := network.New(t, network.DefaultConfig(1))
	ctx := context.Background()
	val := net.Validators[0]
	clientCtx := network.ClientCtx(net)
	q := types.NewQueryClient(clientCtx)
	owner := val.Address.String()

	// Parents, claimed under the identifiers the fixtures name (any
	// spelling: the chain stores the canonical one). llama-3.1-8b is claimed
	// by two active assets, as a squatter would make it.
	claims := []string{
		"hf:mistralai/Mistral-7B-v0.1", "hf:HuggingFaceH4/zephyr-7b-beta", "hf:teknium/OpenHermes-2.5-Mistral-7B",
		"hf:meta-llama/Llama-3.1-8B", "hf:meta-llama/Llama-3.1-8B", "hf-datasets:rajpurkar/squad",
	}
	var msgs []*types.MsgRegisterAsset
	for i, id := range claims {
		kind := types.AssetKind_ASSET_KIND_MODEL
		if i == len(claims)-1 {
			kind = types.AssetKind_ASSET_KIND_DATASET
		}
		msgs = append(msgs, &types.MsgRegisterAsset{
			Owner: owner, Kind: kind, Cid: types.RawCIDv1([32]byte{0xca, byte(i)}), SizeBytes: 1,
			Name: fmt.Sprintf("parent-%d", i), License: "Apache-2.0", ExternalIds: []string{id},
			Contributors: types.NewContributorList(types.Contributor{Address: owner, Units: 1}),
		})
	}
	res, err := network.SubmitTx(ctx, net, val, val.Moniker, msgs[0], msgs[1], msgs[2], msgs[3], msgs[4], msgs[5])
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	parentID := func(i int) uint64 {
		a, err := q.AssetByCID(ctx, &types.QueryAssetByCIDRequest{Cid: msgs[i].Cid})
		require.NoError(t, err)
		return a.Asset.Id
	}
	register := func(kind string, dir string, extra ...string) (string, error) {
		args := append([]string{"register-" + kind, dir}, extra...)
		args = append(args,
			fmt.Sprintf("--%s=%s", flags.FlagFrom, val.Moniker),
			fmt.Sprintf("--%s=%s", flags.FlagChainID, net.Config.ChainID),
			fmt.Sprintf("--%s=%s", flags.FlagFees, "20000"+app.BondDenom),
			fmt.Sprintf("--%s=%s", flags.FlagBroadcastMode, flags.BroadcastSync),
			"--"+flags.FlagSkipConfirmation)
		out, err := clitestutil.ExecTestCLICmd(clientCtx, cli.GetTxCmd(), args)
		if err == nil {
			require.NoError(t, net.WaitForNextBlock())
			require.NoError(t, net.WaitForNextBlock())
		}
		return out.String(), err
	}
	registered := func(dir string) *types.Asset {
		c, _, err := dagio.CIDOfPath(ctx, dir, dagio.ImportOptions{})
		require.NoError(t, err)
		a, err := q.AssetByCID(ctx, &types.QueryAssetByCIDRequest{Cid: c.String()})
		require.NoError(t, err, "%s is registered", dir)
		return &a.Asset
	}
	edges := func(id uint64) []types.LineageEdge {
		l, err := q.Lineage(ctx, &types.QueryLineageRequest{Id: id})
		require.NoError(t, err)
		var direct []types.LineageEdge
		for _, e := range l.Edges {
			if e.ChildId == id {
				direct = append(direct, e)
			}
		}
		return direct
	}

	// A merge of three base models: three merged-from edges, equal weights
	// with the remainder on the first.
	mergeDir := filepath.Join(cardsTestdata, "merge")
	out, err := register("model", mergeDir, "--upstream-share-bps", "1000")
	require.NoError(t, err, out)
	require.Contains(t, out, "parent base_model hf:mistralai/mistral-7b-v0.1 -> #", "what was resolved is printed")
	merge := registered(mergeDir)
	require.Equal(t, "zephyr-hermes-slerp", merge.Name)
	require.Equal(t, "Apache-2.0", merge.License)
	require.Equal(t, []types.LineageEdge{
		{ChildId: merge.Id, ParentId: parentID(0), WeightBps: 3334, Relation: types.Relation_RELATION_MERGED_FROM},
		{ChildId: merge.Id, ParentId: parentID(1), WeightBps: 3333, Relation: types.Relation_RELATION_MERGED_FROM},
		{ChildId: merge.Id, ParentId: parentID(2), WeightBps: 3333, Relation: types.Relation_RELATION_MERGED_FROM},
	}, edges(merge.Id))

	// An adapter whose base model two active assets claim: refused with both listed.
	out, err = register("model", filepath.Join(cardsTestdata, "adapter"))
	require.ErrorIs(t, err, cards.ErrAmbiguous, out)
	require.ErrorContains(t, err, fmt.Sprintf("#%d (owner %s, active)", parentID(3), owner))
	require.ErrorContains(t, err, fmt.Sprintf("#%d (owner %s, active)", parentID(4), owner))

	// A quantized model whose base is not on chain: refused, then with
	// --parent (flags override the card) registered as quantized-from.
	quantDir := filepath.Join(cardsTestdata, "quantized")
	out, err = register("model", quantDir)
	require.ErrorIs(t, err, cards.ErrUnregistered, out)
	out, err = register("model", quantDir, "--parent", fmt.Sprintf("%d:10000:quantized-from", parentID(0)), "--license", "MIT")
	require.NoError(t, err, out)
	quant := registered(quantDir)
	require.Equal(t, "MIT", quant.License, "--license overrides the card")
	require.Equal(t, []types.LineageEdge{{ChildId: quant.Id, ParentId: parentID(0), WeightBps: 10_000, Relation: types.Relation_RELATION_QUANTIZED_FROM}}, edges(quant.Id))

	// A dataset whose Croissant file declares a digest its local file does
	// not have: refused before anything is signed.
	damaged := t.TempDir()
	require.NoError(t, os.CopyFS(damaged, os.DirFS(filepath.Join(cardsTestdata, "dataset"))))
	require.NoError(t, os.WriteFile(filepath.Join(damaged, "data", "test.jsonl"), []byte("tampered\n"), 0o600))
	before, err := q.Assets(ctx, &types.QueryAssetsRequest{})
	require.NoError(t, err)
	out, err = register("dataset", damaged, "--skip-unregistered")
	require.ErrorIs(t, err, cards.ErrDigestMismatch, out)
	after, err := q.Assets(ctx, &types.QueryAssetsRequest{})
	require.NoError(t, err)
	require.Len(t, after.Assets, len(before.Assets), "nothing was registered")

	// The intact dataset: squad is on chain, wikipedia is not and is skipped
	// loudly; the Croissant file is the metadata CID; its url names the asset.
	dsDir := filepath.Join(cardsTestdata, "dataset")
	out, err = register("dataset", dsDir, "--skip-unregistered", "--upstream-share-bps", "500")
	require.NoError(t, err, out)
	require.Contains(t, out, "WARNING: card source_datasets hf-datasets:wikimedia/wikipedia is not registered")
	ds := registered(dsDir)
	require.Equal(t, "Acme QA", ds.Name)
	require.Equal(t, "CC-BY-SA-4.0", ds.License)
	require.Equal(t, "Questions and answers over Wikipedia paragraphs.", ds.Description)
	require.Equal(t, []string{"hf-datasets:acme/acme-qa"}, ds.ExternalIds)
	croissant, _, err := dagio.CIDOfPath(ctx, filepath.Join(dsDir, cards.CroissantFile), dagio.ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, croissant.String(), ds.MetadataCid)
	require.Equal(t, []types.LineageEdge{{ChildId: ds.Id, ParentId: parentID(5), WeightBps: 10_000, Relation: types.Relation_RELATION_DERIVED_FROM}}, edges(ds.Id))
}
