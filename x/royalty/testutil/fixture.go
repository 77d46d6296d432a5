package testutil

import (
	"fmt"

	"cosmossdk.io/core/address"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/store/v2"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	provkeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/keeper"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Denom is the fixture's payment denom, the chain's default.
const Denom = types.DefaultDenom

// Fixture is the royalty keeper and the real x/provenance keeper on one in-memory store, with a fake bank and
// community pool. Assets are registered through provenance's own msg server, so the tests exercise exactly the
// layout, validation and status records the chain has.
type Fixture struct {
	Ctx    sdk.Context
	Keeper keeper.Keeper
	Msg    types.MsgServer
	Query  types.QueryServer
	Bank   *Bank
	Distr  Distribution
	// Prov is x/provenance's keeper; ProvMsg its msg server (registration, retire, revoke).
	Prov      provkeeper.Keeper
	ProvMsg   provtypes.MsgServer
	AC        address.Codec
	Authority string
	cids      int
}

// NewFixture builds a fixture with default params and trib addresses.
func NewFixture() *Fixture {
	return NewFixtureWithCodec(addresscodec.NewBech32Codec("trib"))
}

// NewFixtureWithCodec builds a fixture whose addresses use ac (simulation accounts print their addresses with the
// SDK's global prefix). x/provenance runs with its default params except a zero registration fee, so that
// registering costs the tests nothing.
//
// extra store keys are mounted beside royalty's and provenance's, for modules built on top of the fixture
// (x/dispute's tests); their keepers are the caller's to build on f.Ctx.
func NewFixtureWithCodec(ac address.Codec, extra ...*storetypes.KVStoreKey) *Fixture {
	rkey := storetypes.NewKVStoreKey(types.StoreKey)
	pkey := storetypes.NewKVStoreKey(provtypes.StoreKey)
	// Each store under its own prefix of one database (the SDK's DefaultContextWithKeys shares one unprefixed
	// database between stores, which cannot commit), so that Commit works as a chain's.
	cms := store.NewCommitMultiStore(dbm.NewMemDB(), log.NewNopLogger())
	cms.MountStoreWithDB(rkey, storetypes.StoreTypeIAVL, nil)
	cms.MountStoreWithDB(pkey, storetypes.StoreTypeIAVL, nil)
	for _, key := range extra {
		cms.MountStoreWithDB(key, storetypes.StoreTypeIAVL, nil)
	}
	if err := cms.LoadLatestVersion(); err != nil {
		panic(err)
	}
	ctx := sdk.NewContext(cms, cmtproto.Header{}, false, log.NewNopLogger())
	enc := moduletestutil.MakeTestEncodingConfig()
	authority, err := ac.BytesToString(authtypes.NewModuleAddress("gov"))
	if err != nil {
		panic(err)
	}
	bank := NewBank()
	distr := Distribution{bank: bank}
	prov := provkeeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(pkey), ac, authority, bank, distr)
	provParams := provtypes.DefaultParams()
	provParams.RegistrationFee = nil
	provGenesis := provtypes.DefaultGenesis()
	provGenesis.Params = provParams
	if err := prov.InitGenesis(ctx, *provGenesis); err != nil {
		panic(err)
	}
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(rkey), ac, authority, bank, distr, prov)
	if err := k.Params.Set(ctx, types.DefaultParams()); err != nil {
		panic(err)
	}
	prov.SetSettlementGuard(k) // as the app wires it
	return &Fixture{
		Ctx: ctx, Keeper: k, Msg: keeper.NewMsgServerImpl(k), Query: keeper.NewQueryServerImpl(k),
		Bank: bank, Distr: distr, Prov: prov, ProvMsg: provkeeper.NewMsgServerImpl(prov), AC: ac, Authority: authority,
	}
}

// Addr returns a deterministic 20-byte test address and its bech32 form.
func (f *Fixture) Addr(name string) (sdk.AccAddress, string) {
	addr := sdk.AccAddress(fmt.Sprintf("%-20.20s", name))
	s, err := f.AC.BytesToString(addr)
	if err != nil {
		panic(err)
	}
	return addr, s
}

// Bech32 returns the bech32 form of a named test address.
func (f *Fixture) Bech32(name string) string {
	_, s := f.Addr(name)
	return s
}

// Fund mints amount of Denom to a named address and returns its bech32 form.
func (f *Fixture) Fund(name string, amount int64) string {
	addr, s := f.Addr(name)
	f.Bank.Mint(addr, sdk.NewCoins(sdk.NewInt64Coin(Denom, amount)))
	return s
}

// Balance returns a named address's balance of Denom.
func (f *Fixture) Balance(name string) math.Int {
	addr, _ := f.Addr(name)
	return f.Bank.GetAllBalances(f.Ctx, addr).AmountOf(Denom)
}

// Member is a contributor of an explicit list by name.
func (f *Fixture) Member(name string, units uint64) provtypes.Contributor {
	return provtypes.Contributor{Address: f.Bech32(name), Units: units}
}

// Parent is a lineage edge.
func Parent(id uint64, weightBps uint32) provtypes.ParentEdge {
	return provtypes.ParentEdge{AssetId: id, WeightBps: weightBps, Relation: provtypes.Relation_RELATION_DERIVED_FROM}
}

// Pay pays amount of Denom from a named, pre-funded payer to an asset.
func (f *Fixture) Pay(payer string, assetID uint64, amount int64) (*types.MsgPayResponse, error) {
	return f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: f.Bech32(payer), AssetId: assetID, Amount: sdk.NewInt64Coin(Denom, amount)})
}

// Settle runs EndBlock once.
func (f *Fixture) Settle() error { return f.Keeper.EndBlocker(f.Ctx) }

// Claim claims for a named address (all its assets when ids is empty).
func (f *Fixture) Claim(name string, ids ...uint64) (*types.MsgClaimResponse, error) {
	return f.Msg.Claim(f.Ctx, &types.MsgClaim{Claimant: f.Bech32(name), AssetIds: ids})
}

// SetParams replaces the params directly.
func (f *Fixture) SetParams(p types.Params) {
	if err := f.Keeper.Params.Set(f.Ctx, p); err != nil {
		panic(err)
	}
}

// Commit commits the store as a block's end does. The in-memory IAVL trees iterate over every uncommitted write,
// so tests that write thousands of entries commit now and then to keep their iterators as cheap as a chain's.
func (f *Fixture) Commit() {
	cms, ok := f.Ctx.MultiStore().(storetypes.CommitMultiStore)
	if !ok {
		panic("the fixture's context does not hold its commit multistore")
	}
	cms.Commit()
}
