package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/tributary-ai/tributary/x/dispute/keeper"
	"github.com/tributary-ai/tributary/x/dispute/types"
	provkeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtestutil "github.com/tributary-ai/tributary/x/royalty/testutil"
)

// bond is the default dispute bond, 100 TRIB.
const bond int64 = types.DefaultBond

// fixture is x/dispute on the royalty fixture: the real x/provenance and x/royalty keepers on one store, a fake
// bank and community pool. The dispute keeper is royalty's hold checker, as in the app.
type fixture struct {
	*rtestutil.Fixture
	t     *testing.T
	K     keeper.Keeper
	DMsg  types.MsgServer
	Query types.QueryServer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixtureEmpty(t)
	require.NoError(t, f.K.InitGenesis(f.Ctx, *types.DefaultGenesis()))
	return f
}

// newFixtureEmpty is newFixture without x/dispute's genesis, for import tests.
func newFixtureEmpty(t *testing.T) *fixture {
	t.Helper()
	dkey := storetypes.NewKVStoreKey(types.StoreKey)
	rf := rtestutil.NewFixtureWithCodec(addresscodec.NewBech32Codec("trib"), dkey)
	enc := moduletestutil.MakeTestEncodingConfig()
	k := keeper.NewKeeper(enc.Codec, runtime.NewKVStoreService(dkey), rf.AC, rf.Authority, rf.Bank, rf.Distr, rf.Prov, rf.Keeper)
	rf.Keeper.SetHoldChecker(k)
	rf.Ctx = rf.Ctx.WithBlockHeight(10)
	return &fixture{Fixture: rf, t: t, K: k, DMsg: keeper.NewMsgServerImpl(k), Query: keeper.NewQueryServerImpl(k)}
}

// at moves the fixture to block height h.
func (f *fixture) at(h int64) { f.Ctx = f.Ctx.WithBlockHeight(h) }

// endBlock runs x/royalty's then x/dispute's EndBlock, in the app's order.
func (f *fixture) endBlock() {
	f.t.Helper()
	require.NoError(f.t, f.Settle())
	require.NoError(f.t, f.K.EndBlocker(f.Ctx))
}

// conserved checks x/royalty's conservation and that the dispute module holds exactly the open bonds.
func (f *fixture) conserved() {
	f.t.Helper()
	require.NoError(f.t, f.Keeper.CheckConservation(f.Ctx))
	gs, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(f.t, err)
	want := sdk.NewCoins()
	for _, d := range gs.Disputes {
		if d.IsOpen() {
			want = want.Add(d.Bond)
			if d.Defender != "" {
				want = want.Add(d.Bond)
			}
		}
	}
	require.Equal(f.t, want.String(), f.Bank.GetAllBalances(f.Ctx, authtypes.NewModuleAddress(types.ModuleName)).String(), "dispute module balance")
}

// pool returns the community pool's utrib.
func (f *fixture) pool() math.Int { return f.Distr.CommunityPool().AmountOf(rtestutil.Denom) }

// open opens a dispute by a named, funded challenger.
func (f *fixture) open(challenger string, asset uint64, remedy types.Remedy, parent provtypes.ParentEdge, c provtypes.Contributors) (uint64, error) {
	kind := types.DisputeKind_DISPUTE_KIND_IMPROPER_REGISTRATION
	if remedy == types.Remedy_REMEDY_ADD_PARENT {
		kind = types.DisputeKind_DISPUTE_KIND_MISSING_LINEAGE
	}
	msg := &types.MsgOpenDispute{
		Challenger: f.Bech32(challenger), AssetId: asset, Kind: kind, Remedy: remedy, Parent: parent, Contributors: c,
		Evidence: "the dataset card at the evidence CID shows the original", Bond: sdk.NewInt64Coin(rtestutil.Denom, bond),
	}
	if err := msg.ValidateBasic(); err != nil {
		return 0, err
	}
	res, err := f.DMsg.OpenDispute(f.Ctx, msg)
	if err != nil {
		return 0, err
	}
	return res.DisputeId, nil
}

// dispute reads a dispute.
func (f *fixture) dispute(id uint64) types.Dispute {
	f.t.Helper()
	res, err := f.Query.Dispute(f.Ctx, &types.QueryDisputeRequest{DisputeId: id})
	require.NoError(f.t, err)
	return res.Dispute
}

// claimed claims everything for name and returns what it received.
func (f *fixture) claimed(name string) int64 {
	f.t.Helper()
	before := f.Balance(name)
	_, err := f.Claim(name)
	if err != nil {
		require.ErrorContains(f.t, err, "nothing to claim")
	}
	return f.Balance(name).Sub(before).Int64()
}

// list is an explicit contributor list.
func list(members ...provtypes.Contributor) provtypes.Contributors {
	return provtypes.NewContributorList(members...)
}

// ProvQuery returns x/provenance's query service.
func (f *fixture) ProvQuery() provtypes.QueryServer { return provkeeper.NewQueryServerImpl(f.Prov) }
