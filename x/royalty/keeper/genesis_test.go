package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// busyState leaves a bit of everything in the store: prices, pending revenue in the queue, ledgers with carries,
// claim positions with dust and a proven Merkle member.
func busyState(t *testing.T, f *rtu.Fixture) {
	t.Helper()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 100, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 10})
	l := newLineage(f)
	crowd, proofs := merkleAsset(t, f, "m1", "m2", "m3")
	odd := f.AddAsset(1_000, []provtypes.ParentEdge{rtu.Parent(crowd, 5_000), rtu.Parent(l.tuned, 5_000)},
		f.Member("x", 1), f.Member("y", 1), f.Member("z", 1))
	f.Fund("user", 10_000_000)
	_, err := f.Msg.SetPrice(f.Ctx, &types.MsgSetPrice{Owner: f.Bech32("owner"), AssetId: l.d1, Price: sdkCoin(7)})
	require.NoError(t, err)
	for _, amount := range []int64{1_000_003, 777, 31_337} {
		_, err := f.Pay("user", odd, amount)
		require.NoError(t, err)
		require.NoError(t, f.Settle())
	}
	_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("m3"), AssetId: crowd, Units: 3, Proof: proofs["m3"]})
	require.NoError(t, err)
	_, err = f.Claim("x")
	require.NoError(t, err)
	_, err = f.Pay("user", l.d2, 999)
	require.NoError(t, err)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

func TestGenesisRoundTrip(t *testing.T) {
	f := rtu.NewFixture()
	busyState(t, f)
	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate(f.AC))
	require.NotEmpty(t, exported.SettlementQueue)
	require.NotEmpty(t, exported.Pending)
	require.NotEmpty(t, exported.MemberRewards)
	require.NotEmpty(t, exported.MerkleMembers)
	require.NotEmpty(t, exported.Prices)
	require.NotEmpty(t, exported.RoutedAssets)

	// A fresh chain with the same assets and the same module balance.
	g := rtu.NewFixture()
	provState, err := f.Prov.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, g.Prov.InitGenesis(g.Ctx, *provState))
	g.Bank.Mint(g.Keeper.ModuleAddress(), f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()))
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *exported))
	require.NoError(t, g.Keeper.CheckConservation(g.Ctx))
	again, err := g.Keeper.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	// The route cache is rebuilt, not copied: without it the imported chain reads whole lineages again, spends
	// more gas per asset and settles fewer assets per block than the exported one.
	routes := func(fx *rtu.Fixture) map[uint64]types.AssetRoute {
		m := map[uint64]types.AssetRoute{}
		require.NoError(t, fx.Keeper.Routes.Walk(fx.Ctx, nil, func(id uint64, r types.AssetRoute) (bool, error) {
			m[id] = r
			return false, nil
		}))
		return m
	}
	require.Equal(t, routes(f), routes(g))

	// Both chains go on identically.
	for _, fx := range []*rtu.Fixture{f, g} {
		for range 3 {
			require.NoError(t, fx.Settle())
		}
		require.NoError(t, fx.Keeper.CheckConservation(fx.Ctx))
	}
	a, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	b, err := g.Keeper.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, a, b)
}

func TestGenesisValidate(t *testing.T) {
	f := rtu.NewFixture()
	busyState(t, f)
	require.NoError(t, types.DefaultGenesis().Validate(f.AC))

	for _, tc := range []struct {
		name   string
		mutate func(gs *types.GenesisState)
	}{
		{"bad params", func(gs *types.GenesisState) { gs.Params.SettlementGasBudget = 0 }},
		{"duplicate queue entry", func(gs *types.GenesisState) { gs.SettlementQueue = append(gs.SettlementQueue, gs.SettlementQueue[0]) }},
		{"queued without pending", func(gs *types.GenesisState) { gs.SettlementQueue = append(gs.SettlementQueue, 1_000) }},
		{"zero pending", func(gs *types.GenesisState) { gs.Pending[0].Amount = math.ZeroInt() }},
		{"duplicate price", func(gs *types.GenesisState) { gs.Prices = append(gs.Prices, gs.Prices[0]) }},
		{"bad denom", func(gs *types.GenesisState) { gs.PaidDirect[0].Denom = "!" }},
		{"duplicate ledger", func(gs *types.GenesisState) { gs.Ledgers = append(gs.Ledgers, gs.Ledgers[0]) }},
		{"ledger books do not balance", func(gs *types.GenesisState) {
			gs.Ledgers[0].Ledger.Pool = gs.Ledgers[0].Ledger.Pool.AddRaw(1)
		}},
		{"negative carry", func(gs *types.GenesisState) { gs.Ledgers[0].Ledger.Carry = math.NewInt(-1) }},
		{"position ahead of index", func(gs *types.GenesisState) {
			gs.MemberRewards[0].Reward.LastIndex = gs.MemberRewards[0].Reward.LastIndex.Add(types.IndexPrecision.MulRaw(1_000_000_000))
		}},
		{"dust of a whole unit", func(gs *types.GenesisState) { gs.MemberRewards[0].Reward.Dust = types.IndexPrecision }},
		{"position without ledger", func(gs *types.GenesisState) { gs.MemberRewards[0].AssetId = 1_000 }},
		{"bad member address", func(gs *types.GenesisState) { gs.MemberRewards[0].Address = "cosmos1xyz" }},
		{"duplicate merkle member", func(gs *types.GenesisState) { gs.MerkleMembers = append(gs.MerkleMembers, gs.MerkleMembers[0]) }},
		{"merkle member without units", func(gs *types.GenesisState) { gs.MerkleMembers[0].Units = 0 }},
		{"duplicate routed asset", func(gs *types.GenesisState) {
			gs.RoutedAssets = append(gs.RoutedAssets, gs.RoutedAssets[len(gs.RoutedAssets)-1])
		}},
		{"routed assets out of order", func(gs *types.GenesisState) {
			gs.RoutedAssets[0], gs.RoutedAssets[1] = gs.RoutedAssets[1], gs.RoutedAssets[0]
		}},
		{"routed asset zero", func(gs *types.GenesisState) { gs.RoutedAssets[0] = 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.mutate(gs)
			require.ErrorIs(t, gs.Validate(f.AC), types.ErrInvalidGenesis)
		})
	}
}

func TestInitGenesisRequiresMatchingBalance(t *testing.T) {
	f := rtu.NewFixture()
	busyState(t, f)
	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	g := rtu.NewFixture()
	g.Bank.Mint(g.Keeper.ModuleAddress(), f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()).Sub(sdkCoin(1)))
	require.ErrorIs(t, g.Keeper.InitGenesis(g.Ctx, *exported), types.ErrInvalidGenesis)
}

func TestInitGenesisRequiresKnownAssets(t *testing.T) {
	f := rtu.NewFixture()
	busyState(t, f)
	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	g := rtu.NewFixture() // no assets registered in its provenance
	g.Bank.Mint(g.Keeper.ModuleAddress(), f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()))
	require.ErrorIs(t, g.Keeper.InitGenesis(g.Ctx, *exported), types.ErrInvalidGenesis)
}

// A genesis may only name routes of assets x/provenance knows: the route itself is always rebuilt from the
// lineage, so naming an unknown asset is refused rather than cached.
func TestInitGenesisRoutedAssetMustExist(t *testing.T) {
	f := rtu.NewFixture()
	busyState(t, f)
	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	exported.RoutedAssets = append(exported.RoutedAssets, 1_000)
	require.NoError(t, exported.Validate(f.AC))
	g := rtu.NewFixture()
	provState, err := f.Prov.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, g.Prov.InitGenesis(g.Ctx, *provState))
	g.Bank.Mint(g.Keeper.ModuleAddress(), f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()))
	err = g.Keeper.InitGenesis(g.Ctx, *exported)
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.ErrorContains(t, err, "routed asset 1000")
	has, err := g.Keeper.Routes.Has(g.Ctx, 1_000)
	require.NoError(t, err)
	require.False(t, has)
}
