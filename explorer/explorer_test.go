package explorer

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	roytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// fixture answers the queries the explorer makes from a small lineage: #1 and #2 datasets, #3 a model
// trained on both (70/30), #4 a fine-tune of #3.
type fixture struct {
	provtypes.QueryClient
	assets map[uint64]provtypes.Asset
	// lineage is what Lineage answers, whatever is asked; lastLineage records the request.
	lineage     *provtypes.QueryLineageResponse
	lastLineage *provtypes.QueryLineageRequest
}

var alice = sdk.AccAddress([]byte("alice_______________")).String()

func newFixture() *fixture {
	list := func(units uint64) provtypes.Contributors {
		return provtypes.Contributors{Set: &provtypes.Contributors_List{List: &provtypes.ContributorList{
			Members: []provtypes.Contributor{{Address: alice, Units: units}}}}}
	}
	f := &fixture{assets: map[uint64]provtypes.Asset{
		1: {Id: 1, Name: "river-wiki", Kind: provtypes.AssetKind_ASSET_KIND_DATASET, Status: provtypes.AssetStatus_ASSET_STATUS_ACTIVE, Owner: alice, Contributors: list(60), Cid: "bafyone"},
		2: {Id: 2, Name: "crowd-labels", Kind: provtypes.AssetKind_ASSET_KIND_DATASET, Status: provtypes.AssetStatus_ASSET_STATUS_ACTIVE, Owner: alice,
			Contributors: provtypes.Contributors{Set: &provtypes.Contributors_Merkle{Merkle: &provtypes.MerkleCommitment{MemberCount: 10000, TotalUnits: 20000, MembersCid: "bafymembers"}}}},
		3: {Id: 3, Name: "heron-7b", Kind: provtypes.AssetKind_ASSET_KIND_MODEL, Status: provtypes.AssetStatus_ASSET_STATUS_REVOKED, Owner: alice, Contributors: list(1),
			Parents: []provtypes.ParentEdge{{AssetId: 1, WeightBps: 7000, Relation: provtypes.Relation_RELATION_TRAINED_ON}, {AssetId: 2, WeightBps: 3000, Relation: provtypes.Relation_RELATION_TRAINED_ON}}},
		4: {Id: 4, Name: "heron-7b-otter", Kind: provtypes.AssetKind_ASSET_KIND_MODEL, Status: provtypes.AssetStatus_ASSET_STATUS_ACTIVE, Owner: alice, Contributors: list(1), Cid: "bafyfour",
			ExternalIds: []string{"hf:acme/heron-7b-otter"},
			Parents:     []provtypes.ParentEdge{{AssetId: 3, WeightBps: 10000, Relation: provtypes.Relation_RELATION_FINETUNED_FROM}}},
	}}
	return f
}

func (f *fixture) Asset(_ context.Context, in *provtypes.QueryAssetRequest, _ ...grpc.CallOption) (*provtypes.QueryAssetResponse, error) {
	a, ok := f.assets[in.Id]
	if !ok {
		return nil, status.Error(codes.NotFound, "asset not found")
	}
	resp := &provtypes.QueryAssetResponse{Asset: a}
	if in.Id == 3 { // #3 is under dispute #7 and was amended by dispute #5
		resp.OpenDisputeIds = []uint64{7}
		resp.Amendments = []provtypes.Amendment{{DisputeId: 5, Height: 40, AssetId: 3,
			AddedParent:     provtypes.ParentEdge{AssetId: 2, WeightBps: 3000, Relation: provtypes.Relation_RELATION_TRAINED_ON},
			PreviousParents: []provtypes.ParentEdge{{AssetId: 1, WeightBps: 10000, Relation: provtypes.Relation_RELATION_TRAINED_ON}}, PreviousUpstreamShareBps: 2000}}
	}
	return resp, nil
}

func (f *fixture) AssetByCID(_ context.Context, in *provtypes.QueryAssetByCIDRequest, _ ...grpc.CallOption) (*provtypes.QueryAssetByCIDResponse, error) {
	for _, a := range f.assets {
		if a.Cid != "" && a.Cid == in.Cid {
			return &provtypes.QueryAssetByCIDResponse{Asset: a}, nil
		}
	}
	return nil, status.Error(codes.NotFound, "no asset with that CID")
}

// AssetsByExternalID answers from the assets' identifiers; #1 and #2 both claim hf-datasets:acme/river-wiki.
func (f *fixture) AssetsByExternalID(_ context.Context, in *provtypes.QueryAssetsByExternalIDRequest, _ ...grpc.CallOption) (*provtypes.QueryAssetsByExternalIDResponse, error) {
	resp := &provtypes.QueryAssetsByExternalIDResponse{ExternalId: in.ExternalId}
	for id := uint64(1); id <= uint64(len(f.assets)); id++ {
		a := f.assets[id]
		ids := a.ExternalIds
		if id <= 2 {
			ids = append(ids, "hf-datasets:acme/river-wiki")
		}
		if slices.Contains(ids, in.ExternalId) {
			resp.Claimants = append(resp.Claimants, provtypes.ExternalIDClaimant{AssetId: id, Owner: a.Owner, Status: a.Status, Kind: a.Kind})
		}
	}
	return resp, nil
}

func (f *fixture) Assets(_ context.Context, in *provtypes.QueryAssetsRequest, _ ...grpc.CallOption) (*provtypes.QueryAssetsResponse, error) {
	var out []provtypes.Asset
	for id := uint64(len(f.assets)); id >= 1; id-- {
		if in.Owner == "" || f.assets[id].Owner == in.Owner {
			out = append(out, f.assets[id])
		}
	}
	return &provtypes.QueryAssetsResponse{Assets: out}, nil
}

func (f *fixture) AssetsByContributor(context.Context, *provtypes.QueryAssetsByContributorRequest, ...grpc.CallOption) (*provtypes.QueryAssetsByContributorResponse, error) {
	return &provtypes.QueryAssetsByContributorResponse{AssetIds: []uint64{1, 3, 4}}, nil
}

func (f *fixture) Children(_ context.Context, in *provtypes.QueryChildrenRequest, _ ...grpc.CallOption) (*provtypes.QueryChildrenResponse, error) {
	var ids []uint64
	for id, a := range f.assets {
		for _, p := range a.Parents {
			if p.AssetId == in.Id {
				ids = append(ids, id)
			}
		}
	}
	return &provtypes.QueryChildrenResponse{ChildIds: ids}, nil
}

func (f *fixture) Lineage(_ context.Context, in *provtypes.QueryLineageRequest, _ ...grpc.CallOption) (*provtypes.QueryLineageResponse, error) {
	f.lastLineage = in
	return f.lineage, nil
}

// royaltyFixture answers the royalty queries.
type royaltyFixture struct{ roytypes.QueryClient }

func (royaltyFixture) RevenueReport(_ context.Context, in *roytypes.QueryRevenueReportRequest, _ ...grpc.CallOption) (*roytypes.QueryRevenueReportResponse, error) {
	n := math.NewInt(int64(in.AssetId) * 1_000_001)
	return &roytypes.QueryRevenueReportResponse{Reports: []roytypes.RevenueReport{{Denom: Denom, PaidDirect: n, ReceivedUpstream: math.ZeroInt(),
		SentUpstream: math.ZeroInt(), ToContributors: n, Claimed: math.NewInt(1), Pending: math.ZeroInt(), Unattributed: math.ZeroInt()}}}, nil
}

func (royaltyFixture) Prices(context.Context, *roytypes.QueryPricesRequest, ...grpc.CallOption) (*roytypes.QueryPricesResponse, error) {
	return &roytypes.QueryPricesResponse{Prices: sdk.NewCoins(sdk.NewInt64Coin(Denom, 2_500_000))}, nil
}

func (royaltyFixture) Claimable(context.Context, *roytypes.QueryClaimableRequest, ...grpc.CallOption) (*roytypes.QueryClaimableResponse, error) {
	c := sdk.NewCoins(sdk.NewInt64Coin(Denom, 1_234_567))
	return &roytypes.QueryClaimableResponse{Entries: []roytypes.ClaimableEntry{{AssetId: 4, Amount: c}}, Total: c}, nil
}

func (royaltyFixture) Attribution(context.Context, *roytypes.QueryAttributionRequest, ...grpc.CallOption) (*roytypes.QueryAttributionResponse, error) {
	d := math.LegacyMustNewDecFromStr
	return &roytypes.QueryAttributionResponse{ProtocolFee: d("0.01"), Unattributed: d("0"), Entries: []roytypes.AttributionEntry{
		{AssetId: 4, Address: alice, Units: 1, Share: d("0.693")},
		{AssetId: 3, Address: alice, Units: 1, Share: d("0.1782")},
		{AssetId: 2, Units: 20000, Share: d("0.03564")},
		{AssetId: 1, Address: alice, Units: 60, Share: d("0.08316")},
	}}, nil
}

func newTestServer(f *fixture) *Server {
	chain := Chain{Provenance: f, Royalty: royaltyFixture{}, SearchTxs: func(context.Context, string, int) (*sdk.SearchTxsResult, error) {
		paid := abci.Event{Type: "tributary.royalty.v1.EventPaid", Attributes: []abci.EventAttribute{
			{Key: "payer", Value: `"` + alice + `"`}, {Key: "asset_id", Value: `"4"`},
			{Key: "amount", Value: `{"denom":"utrib","amount":"5000001"}`}, {Key: "reference", Value: `""`}}}
		return &sdk.SearchTxsResult{TotalCount: 7, Txs: []*sdk.TxResponse{{TxHash: "AB", Height: 12, Events: []abci.Event{paid}}}}, nil
	}}
	return New(chain, Config{Enable: true, GatewayURL: "http://127.0.0.1:8180"})
}

func get(t *testing.T, s http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestPages(t *testing.T) {
	s := newTestServer(newFixture())
	for _, tc := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`id="stat-assets">4<`, "7</dd>", "5.000001 TRIB", `href="./asset/4"`, "10000 crowd members", "10.000010 TRIB"}},
		{"/asset/4", 200, []string{"heron-7b-otter", `href="http://127.0.0.1:8180/ipfs/bafyfour"`, "finetuned-from", "100%",
			"2.500000 TRIB per use", `title="4,000,004 utrib"`, `href="../address/` + alice, `data-api="../api/lineage/4"`, `src="../static/vendor/d3-dag.iife.min.js"`,
			"<code>hf:acme/heron-7b-otter</code>", `href="../search?q=hf%3aacme%2fheron-7b-otter"`,
			`href="../export/4?format=spdx3"`, `href="../export/4?format=cyclonedx"`, `href="../export/4?format=prov-json"`}},
		{"/asset/2", 200, []string{"10000</strong> members", "bafymembers"}},
		{"/asset/3", 200, []string{"revoked", "trained-on", "70%", "30%", `id="asset-disputes"`, `href="../../tributary/dispute/v1/disputes/7"`,
			"added parent #2 (trained-on, 30%); the parents were #1 100% with an upstream share of 20%"}},
		{"/asset/9", 404, []string{"asset not found"}},
		{"/asset/x", 400, []string{"not a positive integer"}},
		{"/asset/0", 400, nil},
		{"/address/" + alice, 200, []string{"1.234567 TRIB", `title="1,234,567 utrib `, "#4 heron-7b-otter"}},
		{"/address/nobody", 400, []string{"not an account address"}},
		{"/search?q=otter", 200, []string{"#4 heron-7b-otter"}},
		{"/search?q=zzz", 404, []string{"Nothing matches"}},
		// An identifier two assets claim lists both, for the reader to judge (a false claim is disputable).
		{"/search?q=hf-datasets:acme/river-wiki", 200, []string{"#1 river-wiki", "#2 crowd-labels"}},
		{"/search?q=" + strings.Repeat("a", maxQueryLen+1), 400, nil},
		{"/static/vendor/d3-dag.iife.min.js", 200, []string{"d3-dag Version 1.1.0"}},
		{"/static/lineage.js", 200, []string{"d3.sugiyama()"}},
	} {
		rec := get(t, s, tc.path)
		require.Equal(t, tc.status, rec.Code, "%s: %s", tc.path, rec.Body.String())
		if tc.path == "/asset/4" {
			require.NotContains(t, rec.Body.String(), "Under dispute", "an asset without open disputes shows one")
		}
		for _, w := range tc.want {
			require.Contains(t, rec.Body.String(), w, tc.path)
		}
		require.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'self'", tc.path)
	}
}

func TestSearchRedirects(t *testing.T) {
	s := newTestServer(newFixture())
	for q, loc := range map[string]string{"4": "./asset/4", "#3": "./asset/3", "bafyfour": "./asset/4", alice: "./address/" + alice,
		"hf:acme/heron-7b-otter": "./asset/4", "HF:Acme/Heron-7B-Otter": "./asset/4"} {
		rec := get(t, s, "/search?q="+strings.ReplaceAll(q, "#", "%23"))
		require.Equal(t, http.StatusSeeOther, rec.Code, q)
		require.Equal(t, loc, rec.Header().Get("Location"), q)
	}
}

func lineageFixture(truncated bool, distances ...int32) *provtypes.QueryLineageResponse {
	resp := &provtypes.QueryLineageResponse{Truncated: truncated}
	for i, d := range distances {
		id := uint64(i + 1)
		resp.Nodes = append(resp.Nodes, provtypes.LineageNode{Asset: provtypes.AssetSummary{Id: id, Name: "a"}, Distance: d})
		if i > 0 {
			resp.Edges = append(resp.Edges, provtypes.LineageEdge{ChildId: id - 1, ParentId: id, WeightBps: 10000, Relation: provtypes.Relation_RELATION_FINETUNED_FROM})
		}
	}
	return resp
}

func TestAPILineageRings(t *testing.T) {
	f := newFixture()
	s := newTestServer(f)
	for name, tc := range map[string]struct {
		resp         *provtypes.QueryLineageResponse
		nodes, edges int
		more, capped bool
	}{
		// depth 2 shown, the query reached ring 3: more exists, rings shown are complete.
		"next ring exists": {lineageFixture(false, 0, 1, 2, 3), 3, 2, true, false},
		"whole lineage":    {lineageFixture(false, 0, 1, 2), 3, 2, false, false},
		// the cap cut the walk inside the rings shown: incomplete, and "more" cannot help.
		"capped": {lineageFixture(true, 0, 1), 2, 1, false, true},
		// the cap cut ring 3: rings shown are complete and more is there.
		"capped in next ring": {lineageFixture(true, 0, 1, 2, 3), 3, 2, true, false},
	} {
		f.lineage = tc.resp
		rec := get(t, s, "/api/lineage/1?depth=2&max=50")
		require.Equal(t, 200, rec.Code, name)
		var g LineageGraph
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &g), name)
		require.Len(t, g.Nodes, tc.nodes, name)
		require.Len(t, g.Edges, tc.edges, name)
		require.Equal(t, tc.more, g.More, name)
		require.Equal(t, tc.capped, g.Capped, name)
		require.Equal(t, uint32(3), f.lastLineage.Depth, "one ring more than shown is asked for")
		require.Equal(t, uint32(50), f.lastLineage.MaxNodes)
	}
	// Out-of-range parameters are refused before the chain is asked.
	for _, q := range []string{"depth=0", "depth=64", "max=0", "max=2001", "depth=x"} {
		require.Equal(t, 400, get(t, s, "/api/lineage/1?"+q).Code, q)
	}
}

func TestAPIFlow(t *testing.T) {
	s := newTestServer(newFixture())
	rec := get(t, s, "/api/flow/4")
	require.Equal(t, 200, rec.Code, rec.Body.String())
	var f Flow
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &f))
	byKey := map[string]FlowNode{}
	for _, n := range f.Nodes {
		byKey[n.Key] = n
	}
	require.Equal(t, "100%", byKey["payment"].Share)
	require.Equal(t, "1%", byKey["fee"].Share)
	require.Equal(t, "69.3%", byKey["asset/4"].Share)
	require.Equal(t, "3.564%", byKey["crowd/2"].Share)
	require.Equal(t, "crowd of #2 (10000 members)", byKey["crowd/2"].Label)
	// alice is one box fed by three assets.
	require.Equal(t, "95.436%", byKey["addr/"+alice].Share)
	require.Len(t, f.Revenue, 4)
	require.Equal(t, "4.000004 TRIB", f.Revenue[0].PaidDirect)
}

func TestFormat(t *testing.T) {
	for in, want := range map[int64]string{0: "0.000000 TRIB", 1: "0.000001 TRIB", 1_000_000: "1.000000 TRIB",
		1_234_567_890_123: "1,234,567.890123 TRIB", -5: "-0.000005 TRIB"} {
		require.Equal(t, want, FormatTRIB(math.NewInt(in)))
	}
	huge, ok := math.NewIntFromString("123456789012345678901234567890")
	require.True(t, ok)
	require.Equal(t, "123,456,789,012,345,678,901,234.567890 TRIB", FormatTRIB(huge))
	require.Equal(t, "70%", FormatBps(7000))
	require.Equal(t, "0.01%", FormatBps(1))
	require.Equal(t, "0.0000000000000001%", FormatShare(math.LegacyMustNewDecFromStr("0.000000000000000001")))
	require.Equal(t, "12 foo", FormatCoin(sdk.NewInt64Coin("foo", 12)))
}

type opts map[string]any

func (o opts) Get(k string) any { return o[k] }

func TestConfigFromOptions(t *testing.T) {
	require.Equal(t, Config{Enable: true}, ConfigFromOptions(opts{}), "a home without [explorer] gets it on")
	require.False(t, ConfigFromOptions(opts{"explorer.enable": false}).Enable)
	require.Equal(t, "http://127.0.0.1:8180", ConfigFromOptions(opts{"ipfs.enable": true, "ipfs.mode": "embedded", "ipfs.gateway_address": "127.0.0.1:8180"}).GatewayURL)
	require.Equal(t, "", ConfigFromOptions(opts{"ipfs.enable": true, "ipfs.mode": "off", "ipfs.gateway_address": "127.0.0.1:8180"}).GatewayURL)
	require.Equal(t, "https://gw.example", ConfigFromOptions(opts{"explorer.gateway_url": "https://gw.example/", "ipfs.enable": true}).GatewayURL)
}
