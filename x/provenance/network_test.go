package provenance_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/testutil"
	clitestutil "github.com/cosmos/cosmos-sdk/testutil/cli"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/app"
	"github.com/tributary-ai/tributary/ipfs/dagio"
	"github.com/tributary-ai/tributary/testutil/network"
	"github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// TestNetworkRegisterAndLineage runs a real chain: a dataset is registered
// with the register-dataset command (its CID computed from a local folder),
// a model trained on it through a signed transaction, and the lineage is read
// back through gRPC.
func TestNetworkRegisterAndLineage(t *testing.T) {
	net := network.New(t, network.DefaultConfig(1))
	ctx := context.Background()
	val := net.Validators[0]
	clientCtx := network.ClientCtx(net)
	q := types.NewQueryClient(clientCtx)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "train.jsonl"), []byte(`{"text":"hello"}`+"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("# corpus\n"), 0o600))
	wantCID, wantSize, err := dagio.CIDOfPath(ctx, dir, dagio.ImportOptions{})
	require.NoError(t, err)

	out, err := clitestutil.ExecTestCLICmd(clientCtx, cli.GetTxCmd(), []string{
		"register-dataset", dir,
		"--name", "corpus", "--license", "CC-BY-4.0", "--min-derivative-share-bps", "1000",
		"--contributors", val.Address.String() + ":3",
		"--external-id", "hf-datasets:Acme/Corpus", "--external-id", "doi:10.5281/zenodo.42",
		fmt.Sprintf("--%s=%s", flags.FlagFrom, val.Moniker),
		fmt.Sprintf("--%s=%s", flags.FlagChainID, net.Config.ChainID),
		fmt.Sprintf("--%s=%s", flags.FlagFees, "20000"+app.BondDenom),
		fmt.Sprintf("--%s=%s", flags.FlagBroadcastMode, flags.BroadcastSync),
		"--" + flags.FlagSkipConfirmation,
	})
	require.NoError(t, err, out.String())
	require.NoError(t, net.WaitForNextBlock())
	require.NoError(t, net.WaitForNextBlock())

	ds, err := q.AssetByCID(ctx, &types.QueryAssetByCIDRequest{Cid: wantCID.String()})
	require.NoError(t, err, "the dataset registered by the CLI: %s", out.String())
	require.Equal(t, wantSize, ds.Asset.SizeBytes)
	require.Equal(t, "corpus", ds.Asset.Name)
	require.Equal(t, []string{"hf-datasets:acme/corpus", "doi:10.5281/zenodo.42"}, ds.Asset.ExternalIds, "--external-id, stored canonical")

	res, err := network.SubmitTx(ctx, net, val, val.Moniker, &types.MsgRegisterAsset{
		Owner: val.Address.String(), Kind: types.AssetKind_ASSET_KIND_MODEL,
		Cid: types.RawCIDv1([32]byte{1, 2, 3}), SizeBytes: 7_000_000_000, Name: "corpus-7b", License: "Apache-2.0",
		Contributors: types.NewContributorList(types.Contributor{Address: val.Address.String(), Units: 1}),
		Parents:      []types.ParentEdge{{AssetId: ds.Asset.Id, WeightBps: 10_000, Relation: types.Relation_RELATION_TRAINED_ON}},
		Policy:       types.RoyaltyPolicy{UpstreamShareBps: 2000},
	})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)

	// A model that pays its parent less than the parent's minimum is refused.
	res, err = network.SubmitTx(ctx, net, val, val.Moniker, &types.MsgRegisterAsset{
		Owner: val.Address.String(), Kind: types.AssetKind_ASSET_KIND_MODEL,
		Cid: types.RawCIDv1([32]byte{4, 5, 6}), Name: "stingy", License: "MIT",
		Contributors: types.NewContributorList(types.Contributor{Address: val.Address.String(), Units: 1}),
		Parents:      []types.ParentEdge{{AssetId: ds.Asset.Id, WeightBps: 10_000, Relation: types.Relation_RELATION_TRAINED_ON}},
		Policy:       types.RoyaltyPolicy{UpstreamShareBps: 999},
	})
	require.NoError(t, err)
	require.Equal(t, types.ErrMinDerivativeShare.ABCICode(), res.Code, res.Log)

	models, err := q.Assets(ctx, &types.QueryAssetsRequest{Kind: types.AssetKind_ASSET_KIND_MODEL})
	require.NoError(t, err)
	require.Len(t, models.Assets, 1)
	model := models.Assets[0]

	lineage, err := q.Lineage(ctx, &types.QueryLineageRequest{Id: model.Id})
	require.NoError(t, err)
	require.Len(t, lineage.Nodes, 2)
	require.Equal(t, []types.LineageEdge{{ChildId: model.Id, ParentId: ds.Asset.Id, WeightBps: 10_000, Relation: types.Relation_RELATION_TRAINED_ON}}, lineage.Edges)
	ancestors, err := q.Ancestors(ctx, &types.QueryAncestorsRequest{Id: model.Id})
	require.NoError(t, err)
	require.Len(t, ancestors.Ancestors, 1)
	require.Equal(t, ds.Asset.Id, ancestors.Ancestors[0].Asset.Id)
	children, err := q.Children(ctx, &types.QueryChildrenRequest{Id: ds.Asset.Id})
	require.NoError(t, err)
	require.Equal(t, []uint64{model.Id}, children.ChildIds)

	// A crowd larger than max_contributors becomes a Merkle commitment to the
	// canonical members file the command writes.
	var members []types.Member
	for i := range types.DefaultMaxContributors + 44 {
		members = append(members, types.Member{Address: sdk.AccAddress(fmt.Sprintf("crowd_member_%07d", i)), Units: uint64(1 + i%7)})
	}
	ac := clientCtx.InterfaceRegistry.SigningContext().AddressCodec()
	membersFile := filepath.Join(t.TempDir(), "members.csv")
	bz, err := types.MembersFileBytes(ac, members)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(membersFile, bz, 0o600))
	canonical := filepath.Join(t.TempDir(), "canonical.csv")
	crowdCID := types.RawCIDv1([32]byte{7, 7, 7})
	out, err = clitestutil.ExecTestCLICmd(clientCtx, cli.GetTxCmd(), []string{
		"register-dataset", "--cid", crowdCID, "--size", "1000",
		"--name", "crowd", "--license", "CC0-1.0",
		"--contributors-file", membersFile, "--members-out", canonical,
		fmt.Sprintf("--%s=%s", flags.FlagFrom, val.Moniker),
		fmt.Sprintf("--%s=%s", flags.FlagChainID, net.Config.ChainID),
		fmt.Sprintf("--%s=%s", flags.FlagFees, "20000"+app.BondDenom),
		fmt.Sprintf("--%s=%s", flags.FlagBroadcastMode, flags.BroadcastSync),
		"--" + flags.FlagSkipConfirmation,
	})
	require.NoError(t, err, out.String())
	require.NoError(t, net.WaitForNextBlock())
	require.NoError(t, net.WaitForNextBlock())
	crowd, err := q.AssetByCID(ctx, &types.QueryAssetByCIDRequest{Cid: crowdCID})
	require.NoError(t, err, out.String())
	commitment := crowd.Asset.Contributors.GetMerkle()
	require.NotNil(t, commitment)
	require.Equal(t, uint64(len(members)), commitment.MemberCount)
	root, err := types.MerkleRoot(members)
	require.NoError(t, err)
	require.Equal(t, root[:], commitment.Root)
	membersCID, _, err := dagio.CIDOfPath(ctx, canonical, dagio.ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, membersCID.String(), commitment.MembersCid)

	// The REST gateway serves the same queries.
	body, err := testutil.GetRequest(fmt.Sprintf("%s/tributary/provenance/v1/assets/%d/lineage", val.APIAddress, model.Id))
	require.NoError(t, err)
	var viaREST types.QueryLineageResponse
	require.NoError(t, clientCtx.Codec.UnmarshalJSON(body, &viaREST), string(body))
	require.Equal(t, lineage.Edges, viaREST.Edges)

	// Every claimant of an external identifier, over REST.
	body, err = testutil.GetRequest(fmt.Sprintf("%s/tributary/provenance/v1/external_ids/assets?external_id=%s", val.APIAddress, url.QueryEscape("hf-datasets:ACME/corpus")))
	require.NoError(t, err)
	var claimants types.QueryAssetsByExternalIDResponse
	require.NoError(t, clientCtx.Codec.UnmarshalJSON(body, &claimants), string(body))
	require.Equal(t, []types.ExternalIDClaimant{{AssetId: ds.Asset.Id, Owner: val.Address.String(), Status: types.AssetStatus_ASSET_STATUS_ACTIVE, Kind: types.AssetKind_ASSET_KIND_DATASET}}, claimants.Claimants)

	// The revocation index over REST: nothing is revoked, and offsets are refused (pages resume by key).
	body, err = testutil.GetRequest(val.APIAddress + "/tributary/provenance/v1/revocations?from_height=1")
	require.NoError(t, err)
	var revocations types.QueryRevocationsResponse
	require.NoError(t, clientCtx.Codec.UnmarshalJSON(body, &revocations), string(body))
	require.Empty(t, revocations.Revocations)
	body, err = testutil.GetRequest(val.APIAddress + "/tributary/provenance/v1/revocations?pagination.offset=5")
	require.NoError(t, err)
	require.Contains(t, string(body), "pagination.key only")

	// The owner renames the dataset with the hand-written set-external-ids command; a malformed identifier
	// is refused before anything is signed.
	txFlags := []string{
		fmt.Sprintf("--%s=%s", flags.FlagFrom, val.Moniker),
		fmt.Sprintf("--%s=%s", flags.FlagChainID, net.Config.ChainID),
		fmt.Sprintf("--%s=%s", flags.FlagFees, "20000"+app.BondDenom),
		fmt.Sprintf("--%s=%s", flags.FlagBroadcastMode, flags.BroadcastSync),
		"--" + flags.FlagSkipConfirmation,
	}
	_, err = clitestutil.ExecTestCLICmd(clientCtx, cli.GetTxCmd(), append([]string{"set-external-ids", fmt.Sprint(ds.Asset.Id), "hf-datasets:acme/corpus", "ftp://corpus"}, txFlags...))
	require.ErrorContains(t, err, "ftp://corpus")
	out, err = clitestutil.ExecTestCLICmd(clientCtx, cli.GetTxCmd(), append([]string{"set-external-ids", fmt.Sprint(ds.Asset.Id), "hf-datasets:Acme/Corpus-v2"}, txFlags...))
	require.NoError(t, err, out.String())
	require.NoError(t, net.WaitForNextBlock())
	require.NoError(t, net.WaitForNextBlock())
	renamed, err := q.Asset(ctx, &types.QueryAssetRequest{Id: ds.Asset.Id})
	require.NoError(t, err)
	require.Equal(t, []string{"hf-datasets:acme/corpus-v2"}, renamed.Asset.ExternalIds, out.String())

	// The lineage exports through the CLI and the REST route, read at one block.
	exportCmd := exportCommand(t)
	out, err = clitestutil.ExecTestCLICmd(clientCtx, exportCmd, []string{fmt.Sprint(model.Id), "--format", "cyclonedx"})
	require.NoError(t, err, out.String())
	var bom struct {
		Metadata struct {
			Component struct {
				BOMRef string `json:"bom-ref"`
			} `json:"component"`
			Properties []struct{ Name, Value string } `json:"properties"`
		} `json:"metadata"`
		Components []struct {
			BOMRef string `json:"bom-ref"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &bom), out.String())
	require.Equal(t, fmt.Sprintf("asset-%d", model.Id), bom.Metadata.Component.BOMRef)
	require.Len(t, bom.Components, 1)
	require.Equal(t, fmt.Sprintf("asset-%d", ds.Asset.Id), bom.Components[0].BOMRef)
	require.Contains(t, bom.Metadata.Properties, struct{ Name, Value string }{"tributary:chain_id", net.Config.ChainID})

	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{fmt.Sprintf("/tributary/provenance/v1/assets/%d/export?format=spdx3", model.Id), http.StatusOK, `"ai_AIPackage"`},
		{fmt.Sprintf("/tributary/provenance/v1/assets/%d/export?format=prov-json", model.Id), http.StatusOK, `"wasDerivedFrom"`},
		{fmt.Sprintf("/tributary/provenance/v1/assets/%d/export?format=xml", model.Id), http.StatusBadRequest, "unknown export format"},
		{"/tributary/provenance/v1/assets/999/export?format=spdx3", http.StatusNotFound, "asset 999"},
		{"/tributary/provenance/v1/assets/x/export?format=spdx3", http.StatusBadRequest, "positive integer"},
	} {
		resp, err := http.Get(val.APIAddress + tc.path)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, tc.status, resp.StatusCode, "%s: %s", tc.path, body)
		require.Contains(t, string(body), tc.want, tc.path)
	}

	params, err := q.Params(ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, types.DefaultRegistrationFeeAmount)), params.Params.RegistrationFee)
}

// exportCommand is the hand-written export query command.
func exportCommand(t *testing.T) *cobra.Command {
	for _, c := range cli.QueryCommands() {
		if c.Name() == "export" {
			return c
		}
	}
	t.Fatal("no export command")
	return nil
}
