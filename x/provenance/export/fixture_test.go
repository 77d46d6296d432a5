package export_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/tributary-ai/tributary/x/provenance"
	"github.com/tributary-ai/tributary/x/provenance/export"
	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func init() { sdk.GetConfig().SetBech32PrefixForAccount("trib", "tribpub") }

type noBank struct{}

func (noBank) SpendableCoins(context.Context, sdk.AccAddress) sdk.Coins { return nil }
func (noBank) BlockedAddr(sdk.AccAddress) bool                          { return false }

type noDistr struct{}

func (noDistr) FundCommunityPool(context.Context, sdk.Coins, sdk.AccAddress) error { return nil }

// chain is a real provenance keeper behind its gRPC query service, without fees.
type chain struct {
	ctx   sdk.Context
	msg   types.MsgServer
	query types.QueryClient
	addrs []string
	seq   uint64
}

var testMeta = export.Meta{ChainID: "tributary-test-1", Height: 42, Time: time.Date(2026, 12, 1, 11, 0, 0, 123, time.UTC), Tool: "tributaryd test"}

func newChain(t testing.TB) *chain {
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx.
		WithBlockHeight(7).WithBlockTime(time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC))
	enc := moduletestutil.MakeTestEncodingConfig(provenance.AppModule{})
	ac := addresscodec.NewBech32Codec("trib")
	c := &chain{ctx: ctx}
	for i := range 6 {
		s, err := ac.BytesToString(sdk.AccAddress(fmt.Sprintf("export_account_%05d", i)))
		require.NoError(t, err)
		c.addrs = append(c.addrs, s)
	}
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), ac, c.addrs[5], noBank{}, noDistr{})
	gs := types.DefaultGenesis()
	gs.Params.RegistrationFee = nil
	require.NoError(t, k.InitGenesis(ctx, *gs))
	c.msg = keeper.NewMsgServerImpl(k)
	router := baseapp.NewGRPCQueryRouter()
	types.RegisterQueryServer(router, keeper.NewQueryServerImpl(k))
	helper := &baseapp.QueryServiceTestHelper{GRPCQueryRouter: router, Ctx: ctx}
	helper.SetInterfaceRegistry(enc.InterfaceRegistry)
	c.query = types.NewQueryClient(helper)
	return c
}

func (c *chain) cid() string {
	c.seq++
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], c.seq)
	return types.RawCIDv1(sha256.Sum256(b[:]))
}

// register registers an asset; parents are (id, weight, relation) and the upstream share is 3000 with any parent.
func (c *chain) register(t testing.TB, kind types.AssetKind, name, license string, ext []string, contributors types.Contributors, parents ...types.ParentEdge) uint64 {
	t.Helper()
	msg := &types.MsgRegisterAsset{
		Owner: c.addrs[0], Kind: kind, Cid: c.cid(), SizeBytes: 1000, Name: name, Description: "about " + name,
		License: license, Contributors: contributors, Parents: parents, ExternalIds: ext,
	}
	if len(parents) > 0 {
		msg.Policy.UpstreamShareBps = 3000
	}
	res, err := c.msg.RegisterAsset(c.ctx, msg)
	require.NoError(t, err)
	return res.Id
}

func (c *chain) list(units ...uint64) types.Contributors {
	var members []types.Contributor
	for i, u := range units {
		members = append(members, types.Contributor{Address: c.addrs[i+1], Units: u})
	}
	return types.NewContributorList(members...)
}

func edge(id uint64, w uint32, r types.Relation) types.ParentEdge {
	return types.ParentEdge{AssetId: id, WeightBps: w, Relation: r}
}

// lineage registers a lineage modelled on real ones and returns the root (a quantized merge):
//
//	1 c4 (dataset, list)          2 fineweb (dataset, Merkle crowd)   3 code (dataset, derived from 1)
//	4 base-7b trained on 1, 2, 3  5 chat-7b finetuned from 4           6 math-lora adapter of 4
//	7 merge of 5 and 6            8 merge-q4 quantized from 7
//
// Asset 4 is reached along three paths from 8: an export must still list it once.
func (c *chain) lineage(t testing.TB) uint64 {
	ds, m := types.AssetKind_ASSET_KIND_DATASET, types.AssetKind_ASSET_KIND_MODEL
	merkle, _, err := types.BuildCommitment([]types.Member{
		{Address: sdk.AccAddress("crowd_member_0000001"), Units: 5}, {Address: sdk.AccAddress("crowd_member_0000002"), Units: 7},
	}, c.cid())
	require.NoError(t, err)
	c4 := c.register(t, ds, "c4", "ODC-By-1.0", []string{"hf-datasets:allenai/c4"}, c.list(3, 1))
	fw := c.register(t, ds, "fineweb", "ODC-By-1.0", []string{"hf-datasets:HuggingFaceFW/fineweb", "doi:10.57967/hf/2493"}, types.NewMerkleContributors(merkle))
	code := c.register(t, ds, "code", "Apache-2.0 AND MIT", nil, c.list(1), edge(c4, 10000, types.Relation_RELATION_DERIVED_FROM))
	base := c.register(t, m, "base-7b", "Apache-2.0", []string{"hf:acme/base-7b"}, c.list(2),
		edge(c4, 5000, types.Relation_RELATION_TRAINED_ON), edge(fw, 3000, types.Relation_RELATION_TRAINED_ON), edge(code, 2000, types.Relation_RELATION_TRAINED_ON))
	chat := c.register(t, m, "chat-7b", "Apache-2.0", nil, c.list(1), edge(base, 10000, types.Relation_RELATION_FINETUNED_FROM))
	lora := c.register(t, m, "math-lora", "LicenseRef-acme-research", []string{"https://example.org/models/math-lora"}, c.list(1, 1), edge(base, 10000, types.Relation_RELATION_ADAPTER_OF))
	merge := c.register(t, m, "merge-7b", "Apache-2.0", nil, c.list(1), edge(chat, 6000, types.Relation_RELATION_MERGED_FROM), edge(lora, 4000, types.Relation_RELATION_MERGED_FROM))
	return c.register(t, m, "merge-7b-q4", "Apache-2.0", []string{"hf:acme/merge-7b-GGUF"}, c.list(1), edge(merge, 10000, types.Relation_RELATION_QUANTIZED_FROM))
}

// expected is the lineage as the chain holds it: every asset of the export and every edge.
type expected struct {
	assets map[uint64]types.Asset
	edges  map[[2]uint64]types.ParentEdge
}

func (c *chain) expected(t testing.TB, root uint64) expected {
	e := expected{assets: map[uint64]types.Asset{}, edges: map[[2]uint64]types.ParentEdge{}}
	require.NoError(t, export.Walk(c.ctx, c.query, root, func(a types.Asset) error {
		require.NotContains(t, e.assets, a.Id, "the walk visits every asset once")
		e.assets[a.Id] = a
		for _, p := range a.Parents {
			e.edges[[2]uint64{a.Id, p.AssetId}] = p
		}
		return nil
	}))
	return e
}
