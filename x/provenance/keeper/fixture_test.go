package keeper_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/baseapp"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/tributary-ai/tributary/x/provenance"
	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// fakeBank is an in-memory bank: the fee is paid from these balances.
type fakeBank struct {
	balances map[string]sdk.Coins
	// blocked are the addresses x/bank would block (module accounts).
	blocked map[string]bool
}

func (b *fakeBank) BlockedAddr(addr sdk.AccAddress) bool {
	return b.blocked[string(addr)]
}

func (b *fakeBank) SpendableCoins(_ context.Context, addr sdk.AccAddress) sdk.Coins {
	return b.balances[string(addr)]
}

// fakeDistr moves the fee from the bank fake into its community pool.
type fakeDistr struct {
	bank *fakeBank
	pool sdk.Coins
}

func (d *fakeDistr) FundCommunityPool(_ context.Context, amount sdk.Coins, sender sdk.AccAddress) error {
	bal, negative := d.bank.balances[string(sender)].SafeSub(amount...)
	if negative {
		return fmt.Errorf("insufficient funds")
	}
	d.bank.balances[string(sender)] = bal
	d.pool = d.pool.Add(amount...)
	return nil
}

// The messages' ValidateBasic reads the account prefix from the SDK's config,
// which the app sets at start; the tests use the app's prefix.
func init() {
	sdk.GetConfig().SetBech32PrefixForAccount("trib", "tribpub")
}

type fixture struct {
	t     *testing.T
	ctx   sdk.Context
	k     keeper.Keeper
	msg   types.MsgServer
	query types.QueryServer
	ac    address.Codec
	bank  *fakeBank
	distr *fakeDistr
	gov   string
	addrs []string
	// blockedAddr is a module account's address, blocked by the bank fake.
	blockedAddr string
	key         *storetypes.KVStoreKey
	enc         moduletestutil.TestEncodingConfig
	cidSeq      int
}

const testFee = 100_000

func newFixture(t testing.TB) *fixture {
	tt, _ := t.(*testing.T)
	key := storetypes.NewKVStoreKey(types.StoreKey)
	tctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("transient_provenance"))
	ctx := tctx.Ctx.WithBlockHeight(7).WithBlockTime(time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC))
	enc := moduletestutil.MakeTestEncodingConfig(provenance.AppModule{})
	ac := addresscodec.NewBech32Codec("trib")
	bank := &fakeBank{balances: map[string]sdk.Coins{}, blocked: map[string]bool{}}
	distr := &fakeDistr{bank: bank}
	gov, err := ac.BytesToString(sdk.AccAddress("gov_module_account__"))
	require.NoError(t, err)
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(key), ac, gov, bank, distr)
	f := &fixture{t: tt, ctx: ctx, k: k, msg: keeper.NewMsgServerImpl(k), query: keeper.NewQueryServerImpl(k),
		ac: ac, bank: bank, distr: distr, gov: gov, key: key, enc: enc}
	require.NoError(t, k.InitGenesis(ctx, *types.DefaultGenesis()))
	for i := range 8 {
		addr := sdk.AccAddress(fmt.Sprintf("test_account_%07d", i))
		s, err := ac.BytesToString(addr)
		require.NoError(t, err)
		f.addrs = append(f.addrs, s)
		bank.balances[string(addr)] = sdk.NewCoins(sdk.NewCoin("utrib", math.NewInt(1_000_000*testFee)))
	}
	blocked := authtypes.NewModuleAddress("royalty")
	bank.blocked[string(blocked)] = true
	bank.balances[string(blocked)] = sdk.NewCoins(sdk.NewCoin("utrib", math.NewInt(1_000_000*testFee)))
	f.blockedAddr, err = ac.BytesToString(blocked)
	require.NoError(t, err)
	return f
}

// queryClient returns a gRPC client over the query server, for tests that
// exercise the full request path.
func (f *fixture) queryClient() types.QueryClient {
	router := baseapp.NewGRPCQueryRouter()
	types.RegisterQueryServer(router, f.query)
	helper := &baseapp.QueryServiceTestHelper{GRPCQueryRouter: router, Ctx: f.ctx}
	helper.SetInterfaceRegistry(f.enc.InterfaceRegistry)
	return types.NewQueryClient(helper)
}

// nextCID returns a fresh valid raw-codec CIDv1 (canonical base32).
func (f *fixture) nextCID() string {
	f.cidSeq++
	return testCID(f.cidSeq)
}

// dataset returns a valid dataset registration by addrs[0].
func (f *fixture) dataset() *types.MsgRegisterAsset {
	return &types.MsgRegisterAsset{
		Owner:        f.addrs[0],
		Kind:         types.AssetKind_ASSET_KIND_DATASET,
		Cid:          f.nextCID(),
		SizeBytes:    1 << 20,
		Name:         "wiki-2026",
		Description:  "A dump of an encyclopedia.",
		License:      "CC-BY-SA-4.0",
		Contributors: types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: 3}, types.Contributor{Address: f.addrs[2], Units: 1}),
		Policy:       types.RoyaltyPolicy{MinDerivativeShareBps: 500},
	}
}

// model returns a valid model registration citing parents with equal weights.
func (f *fixture) model(parents ...uint64) *types.MsgRegisterAsset {
	m := f.dataset()
	m.Kind = types.AssetKind_ASSET_KIND_MODEL
	m.Name = "llm-7b"
	m.License = "Apache-2.0"
	m.Policy = types.RoyaltyPolicy{UpstreamShareBps: 5000, MinDerivativeShareBps: 1000}
	for i, p := range parents {
		w := uint32(types.BasisPoints / len(parents))
		if i == 0 {
			w += uint32(types.BasisPoints % len(parents))
		}
		m.Parents = append(m.Parents, types.ParentEdge{AssetId: p, WeightBps: w, Relation: types.Relation_RELATION_TRAINED_ON})
	}
	return m
}

func (f *fixture) register(t testing.TB, msg *types.MsgRegisterAsset) uint64 {
	t.Helper()
	res, err := f.msg.RegisterAsset(f.ctx, msg)
	require.NoError(t, err)
	return res.Id
}

// snapshot returns every key/value of the module store, to assert that a
// failed message changed nothing.
func (f *fixture) snapshot(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	it := f.ctx.KVStore(f.key).Iterator(nil, nil)
	defer it.Close()
	for ; it.Valid(); it.Next() {
		out[string(it.Key())] = string(it.Value())
	}
	out["__pool"] = f.distr.pool.String()
	for k, v := range f.bank.balances {
		out["__bank"+k] = v.String()
	}
	return out
}
