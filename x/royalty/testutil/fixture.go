package testutil

import (
	"fmt"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/keeper"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Denom is the fixture's payment denom, the chain's default.
const Denom = types.DefaultDenom

// Fixture is a royalty keeper on a real store with fake bank, community pool and provenance.
type Fixture struct {
	Ctx       sdk.Context
	Keeper    keeper.Keeper
	Msg       types.MsgServer
	Query     types.QueryServer
	Bank      *Bank
	Distr     Distribution
	Prov      *Provenance
	AC        address.Codec
	Authority string
}

// NewFixture builds a fixture with default params and trib addresses.
func NewFixture() *Fixture {
	return NewFixtureWithCodec(addresscodec.NewBech32Codec("trib"))
}

// NewFixtureWithCodec builds a fixture whose addresses use ac (simulation accounts print their addresses with the
// SDK's global prefix).
func NewFixtureWithCodec(ac address.Codec) *Fixture {
	rkey := storetypes.NewKVStoreKey(types.StoreKey)
	pkey := storetypes.NewKVStoreKey("provenance")
	ctx := testutil.DefaultContextWithKeys(map[string]*storetypes.KVStoreKey{"r": rkey, "p": pkey}, nil, nil)
	enc := moduletestutil.MakeTestEncodingConfig()
	authority, err := ac.BytesToString(authtypes.NewModuleAddress("gov"))
	if err != nil {
		panic(err)
	}
	bank := NewBank()
	distr := Distribution{bank: bank}
	prov := NewProvenance(enc.Codec, runtime.NewKVStoreService(pkey), ac)
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(rkey), ac, authority, bank, distr, prov)
	if err := k.Params.Set(ctx, types.DefaultParams()); err != nil {
		panic(err)
	}
	return &Fixture{
		Ctx: ctx, Keeper: k, Msg: keeper.NewMsgServerImpl(k), Query: keeper.NewQueryServerImpl(k),
		Bank: bank, Distr: distr, Prov: prov, AC: ac, Authority: authority,
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

// AddAsset registers an asset with an explicit contributor list and returns its id.
func (f *Fixture) AddAsset(upstreamBps uint32, parents []provtypes.ParentEdge, members ...provtypes.Contributor) uint64 {
	return f.Prov.Put(f.Ctx, provtypes.Asset{
		Owner:        f.Bech32("owner"),
		Contributors: provtypes.Contributors{Set: &provtypes.Contributors_List{List: &provtypes.ContributorList{Members: members}}},
		Parents:      parents,
		Policy:       provtypes.RoyaltyPolicy{UpstreamShareBps: upstreamBps},
	})
}

// AddMerkleAsset registers an asset whose contributors are a Merkle commitment and returns its id.
func (f *Fixture) AddMerkleAsset(upstreamBps uint32, parents []provtypes.ParentEdge, c provtypes.MerkleCommitment) uint64 {
	return f.Prov.Put(f.Ctx, provtypes.Asset{
		Owner:        f.Bech32("owner"),
		Contributors: provtypes.Contributors{Set: &provtypes.Contributors_Merkle{Merkle: &c}},
		Parents:      parents,
		Policy:       provtypes.RoyaltyPolicy{UpstreamShareBps: upstreamBps},
	})
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
