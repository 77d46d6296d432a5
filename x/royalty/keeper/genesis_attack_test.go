package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// importInto starts a fresh chain with f's assets and module balance and imports gs into it.
func importInto(t *testing.T, f *rtu.Fixture, gs *types.GenesisState) error {
	t.Helper()
	g := rtu.NewFixture()
	provState, err := f.Prov.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, g.Prov.InitGenesis(g.Ctx, *provState))
	g.Bank.Mint(g.Keeper.ModuleAddress(), f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()))
	return g.Keeper.InitGenesis(g.Ctx, *gs)
}

// assetUnits returns the total units of an asset from x/provenance.
func assetUnits(t *testing.T, f *rtu.Fixture, id uint64) uint64 {
	t.Helper()
	a, err := f.Prov.GetAsset(f.Ctx, id)
	require.NoError(t, err)
	if m := a.Contributors.GetMerkle(); m != nil {
		return m.TotalUnits
	}
	var total uint64
	for _, m := range a.Contributors.GetList().Members {
		total += m.Units
	}
	return total
}

// TestGenesisCannotMint is finding 5 of issue 10: genesis validation checked that each ledger's books balance
// (to_contributors = claimed + pool) but not that its index is backed by its pool, so a genesis whose index ran
// ahead of its pool imported, and claims then took other assets' coins. Every crafted genesis below passes the
// stateless Validate (the module balance matches too) and is refused by InitGenesis, which runs CheckConservation.
func TestGenesisCannotMint(t *testing.T) {
	f := rtu.NewFixture()
	busyState(t, f)
	settleAll(t, f) // indexes move past the claimed positions
	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, importInto(t, f, exported), "the honest export imports")

	// backedLedger finds a ledger whose recorded positions all lag its index, so the index can move down by one.
	backedLedger := func(gs *types.GenesisState) int {
		for i, e := range gs.Ledgers {
			if !e.Ledger.Index.IsPositive() {
				continue
			}
			ok := true
			for _, m := range gs.MemberRewards {
				if m.AssetId == e.AssetId && m.Denom == e.Denom && m.Reward.LastIndex.GTE(e.Ledger.Index) {
					ok = false
				}
			}
			if ok {
				return i
			}
		}
		t.Fatal("busyState has no ledger ahead of all its positions")
		return -1
	}

	for _, tc := range []struct {
		name   string
		mutate func(gs *types.GenesisState)
	}{
		{"index runs ahead of its pool", func(gs *types.GenesisState) {
			i := backedLedger(gs)
			gs.Ledgers[i].Ledger.Index = gs.Ledgers[i].Ledger.Index.Mul(math.NewInt(1_000))
		}},
		{"carry not below the asset's units", func(gs *types.GenesisState) {
			// One index step down and the asset's units onto the carry: the pool still backs it exactly, but a
			// carry is a remainder of a division by the units and cannot reach them.
			i := backedLedger(gs)
			units := assetUnits(t, f, gs.Ledgers[i].AssetId)
			gs.Ledgers[i].Ledger.Index = gs.Ledgers[i].Ledger.Index.SubRaw(1)
			gs.Ledgers[i].Ledger.Carry = gs.Ledgers[i].Ledger.Carry.Add(math.NewIntFromUint64(units))
		}},
		{"position with more units than its member", func(gs *types.GenesisState) { gs.MemberRewards[0].Reward.Units++ }},
		{"position of a non-member", func(gs *types.GenesisState) { gs.MemberRewards[0].Address = f.Bech32("nobody") }},
		{"more merkle members than member_count", func(gs *types.GenesisState) {
			m := gs.MerkleMembers[0]
			for _, n := range []string{"intruder1", "intruder2", "intruder3"} {
				gs.MerkleMembers = append(gs.MerkleMembers, types.MerkleMemberEntry{AssetId: m.AssetId, Address: f.Bech32(n), Units: 1})
			}
			gs.MerkleMembers[0].Units = 1 // keep the proven units within the total: only the count is off
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gs, err := f.Keeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			tc.mutate(gs)
			require.NoError(t, gs.Validate(f.AC), "the stateless checks cannot see it")
			err = importInto(t, f, gs)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			t.Log(err)
		})
	}
}

// TestGenesisComparesAddressesByBytes: an upper-case bech32 spelling is the same address, so listing a member's
// position or Merkle membership twice under two spellings is a duplicate.
func TestGenesisComparesAddressesByBytes(t *testing.T) {
	f := rtu.NewFixture()
	busyState(t, f)
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	dup := gs.MemberRewards[0]
	dup.Address = strings.ToUpper(dup.Address)
	gs.MemberRewards = append(gs.MemberRewards, dup)
	require.ErrorIs(t, gs.Validate(f.AC), types.ErrInvalidGenesis)

	gs, err = f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	m := gs.MerkleMembers[0]
	m.Address = strings.ToUpper(m.Address)
	gs.MerkleMembers = append(gs.MerkleMembers, m)
	require.ErrorIs(t, gs.Validate(f.AC), types.ErrInvalidGenesis)
}

// A genesis cannot pair lineage bounds with a budget that cannot settle an asset at those bounds: x/provenance
// (initialised first) allows 1,024 parents, the royalty params keep the 5M default budget: refused.
func TestInitGenesisRefusesBoundsTheBudgetCannotSettle(t *testing.T) {
	g := rtu.NewFixture()
	pp, err := g.Prov.Params.Get(g.Ctx)
	require.NoError(t, err)
	pp.MaxParents = provtypes.MaxMaxParents
	require.NoError(t, g.Prov.Params.Set(g.Ctx, pp))
	err = g.Keeper.InitGenesis(g.Ctx, *types.DefaultGenesis())
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
	require.ErrorContains(t, err, "raise the budget")
	gs := types.DefaultGenesis()
	gs.Params.SettlementGasBudget = types.MaxSettlementGasBudget
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *gs), "a budget that fits is accepted")
}
