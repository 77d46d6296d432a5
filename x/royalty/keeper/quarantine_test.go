package keeper_test

import (
	"math/big"

	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

func quarantined(t *testing.T, f *rtu.Fixture) map[uint64]string {
	t.Helper()
	resp, err := f.Query.QuarantinedAssets(f.Ctx, &types.QueryQuarantinedAssetsRequest{})
	require.NoError(t, err)
	out := map[uint64]string{}
	for _, a := range resp.Assets {
		out[a.AssetId] = a.Quarantine.Reason
	}
	return out
}

// A parent whose ledger is one micro-unit from the 256-bit bound makes math.Int panic when a child credits it.
// Before quarantine, that panic (or any settlement error) left EndBlock and halted the chain. Now only the
// child is set aside, with nothing of its half-done settlement kept; other assets settle in the same block.
func TestSettlementPanicQuarantinesOnlyThatAsset(t *testing.T) {
	f := rtu.NewFixture()
	poisoned := f.AddAsset(0, nil, f.Member("p", 1))
	victim := f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(poisoned, 10_000)}, f.Member("v", 1))
	bystander := f.AddAsset(0, nil, f.Member("b", 1))
	f.Fund("user", 3_000_000)
	for _, id := range []uint64{victim, bystander} {
		_, err := f.Pay("user", id, 1_000_000)
		require.NoError(t, err)
	}
	maxInt := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	bad, err := f.Keeper.Ledgers.Get(f.Ctx, collections.Join(poisoned, rtu.Denom))
	if err != nil {
		bad = types.AssetLedger{Index: math.ZeroInt(), Carry: math.ZeroInt(), Pool: math.ZeroInt(), SentUpstream: math.ZeroInt(),
			ToContributors: math.ZeroInt(), Claimed: math.ZeroInt(), Unattributed: math.ZeroInt()}
	}
	bad.ReceivedUpstream = maxInt
	require.NoError(t, f.Keeper.Ledgers.Set(f.Ctx, collections.Join(poisoned, rtu.Denom), bad))

	require.NoError(t, f.Settle(), "EndBlock goes on")
	q := quarantined(t, f)
	require.Len(t, q, 1)
	require.Contains(t, q[victim], "panic")
	require.Equal(t, int64(990_000), claimable(t, f, "b"), "the bystander settled in the same block")
	require.Zero(t, claimable(t, f, "v"), "nothing of the victim's settlement was kept")
	report, err := f.Query.RevenueReport(f.Ctx, &types.QueryRevenueReportRequest{AssetId: victim})
	require.NoError(t, err)
	require.Equal(t, int64(990_000), report.Reports[0].Pending.Int64(), "its revenue is still pending")
	pl, err := f.Keeper.Ledgers.Get(f.Ctx, collections.Join(poisoned, rtu.Denom))
	require.NoError(t, err)
	require.True(t, pl.ReceivedUpstream.Equal(maxInt), "the parent was not half-credited")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	// Later blocks step over it: no second quarantine event, no halt.
	f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.Settle())
	require.NoError(t, f.Settle())
	for _, e := range f.Ctx.EventManager().Events() {
		require.NotEqual(t, "tributary.royalty.v1.EventAssetQuarantined", e.Type)
	}

	// Governance repairs nothing here, so a retry quarantines it again rather than halting.
	_, err = f.Msg.RetrySettlement(f.Ctx, &types.MsgRetrySettlement{Authority: f.Authority, AssetIds: []uint64{victim}})
	require.NoError(t, err)
	require.Empty(t, quarantined(t, f))
	require.NoError(t, f.Settle())
	require.Contains(t, quarantined(t, f), victim)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// A queued asset whose settlement returns an error (here: pending revenue for an asset provenance does not
// know, as a corrupt or mis-migrated store could hold) is quarantined; the rest of the queue settles.
func TestSettlementErrorQuarantines(t *testing.T) {
	f := rtu.NewFixture()
	good := f.AddAsset(0, nil, f.Member("g", 1))
	f.Fund("user", 1_000)
	_, err := f.Pay("user", good, 1_000)
	require.NoError(t, err)
	const ghost = 9_999
	require.NoError(t, f.Keeper.Pending.Set(f.Ctx, collections.Join(uint64(ghost), rtu.Denom), math.NewInt(500)))
	require.NoError(t, f.Keeper.Queue.Set(f.Ctx, ghost))
	f.Bank.Mint(f.Keeper.ModuleAddress(), sdk.NewCoins(sdk.NewInt64Coin(rtu.Denom, 500)))

	require.NoError(t, f.Settle())
	require.Contains(t, quarantined(t, f)[ghost], "unknown asset")
	require.Equal(t, int64(990), claimable(t, f, "g"))
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// An asset whose settlement cannot fit a whole budget is quarantined instead of blocking the queue forever;
// once governance raises the budget and retries it, it settles exactly.
func TestTooExpensiveForAWholeBudgetQuarantinesThenRetries(t *testing.T) {
	f := rtu.NewFixture()
	var parents []provtypes.ParentEdge
	for i := range 64 {
		id := f.AddAsset(0, nil, f.Member("root", 1))
		w := uint32(156)
		if i < 16 {
			w = 157
		}
		parents = append(parents, rtu.Parent(id, w))
	}
	wide := f.AddAsset(5_000, parents, f.Member("wide", 1))
	small := f.AddAsset(0, nil, f.Member("small", 1))
	f.Fund("user", 2_000_000)
	for _, id := range []uint64{wide, small} {
		_, err := f.Pay("user", id, 1_000_000)
		require.NoError(t, err)
	}
	p := types.DefaultParams()
	p.SettlementGasBudget = 100_000 // below the floor on purpose: one 64-parent settlement needs more
	f.SetParams(p)
	// Block 1 settles small (the higher id) and defers wide to the rest of nothing; block 2 gives wide the
	// whole budget, which is not enough: quarantined. The 64 parents it would have credited are not queued.
	require.NoError(t, f.Settle())
	require.Empty(t, quarantined(t, f), "a settlement that only missed a partial budget waits")
	require.NoError(t, f.Settle())
	require.Contains(t, quarantined(t, f)[wide], "whole budget")
	require.NoError(t, f.Settle())
	require.Equal(t, int64(990_000), claimable(t, f, "small"), "the queue went on past it")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	// The handler checks every id before writing: a list with one unquarantined id changes nothing.
	_, err := f.Msg.RetrySettlement(f.Ctx, &types.MsgRetrySettlement{Authority: f.Authority, AssetIds: []uint64{wide, small}})
	require.ErrorIs(t, err, types.ErrNotQuarantined)
	require.Contains(t, quarantined(t, f), wide)
	_, err = f.Msg.RetrySettlement(f.Ctx, &types.MsgRetrySettlement{Authority: f.Bech32("mallory"), AssetIds: []uint64{wide}})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)
	require.Contains(t, quarantined(t, f), wide)

	f.SetParams(types.DefaultParams())
	_, err = f.Msg.RetrySettlement(f.Ctx, &types.MsgRetrySettlement{Authority: f.Authority, AssetIds: []uint64{wide}})
	require.NoError(t, err)
	for range 3 {
		require.NoError(t, f.Settle())
	}
	require.Empty(t, quarantined(t, f))
	require.Equal(t, int64(495_000), claimable(t, f, "wide"))
	require.Equal(t, int64(495_000), claimable(t, f, "root"), "all 64 parents were credited and settled")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

func TestRetrySettlementValidateBasic(t *testing.T) {
	many := make([]uint64, types.MaxRetryAssets+1)
	for i := range many {
		many[i] = uint64(i + 1)
	}
	for _, tc := range []struct {
		name string
		msg  types.MsgRetrySettlement
		want error
	}{
		{"ok", types.MsgRetrySettlement{Authority: "gov", AssetIds: []uint64{1, 2}}, nil},
		{"no authority", types.MsgRetrySettlement{AssetIds: []uint64{1}}, types.ErrInvalidAuthority},
		{"no ids", types.MsgRetrySettlement{Authority: "gov"}, types.ErrInvalidRequest},
		{"too many", types.MsgRetrySettlement{Authority: "gov", AssetIds: many}, types.ErrInvalidRequest},
		{"duplicate", types.MsgRetrySettlement{Authority: "gov", AssetIds: []uint64{3, 3}}, types.ErrInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.msg.ValidateBasic()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}

// The pass record and the quarantine survive export and import, so an imported chain settles block by block
// as the exported one would; a quarantined asset must be queued.
func TestSettlementGenesisRoundTrip(t *testing.T) {
	f := rtu.NewFixture()
	good := f.AddAsset(0, nil, f.Member("g", 1))
	held := f.AddAsset(0, nil, f.Member("h", 1))
	f.Fund("user", 2_000)
	for _, id := range []uint64{good, held} {
		_, err := f.Pay("user", id, 1_000)
		require.NoError(t, err)
	}
	require.NoError(t, f.Keeper.Quarantined.Set(f.Ctx, held, types.Quarantine{Height: 7, Reason: "test"}))
	require.NoError(t, f.Settle())

	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.Quarantined, 1)
	require.Equal(t, uint64(1), gs.SettlementPass.Number)
	require.NoError(t, gs.Validate(f.AC))

	g := rtu.NewFixture()
	g.AddAsset(0, nil, g.Member("g", 1))
	g.AddAsset(0, nil, g.Member("h", 1))
	g.Bank.Mint(g.Keeper.ModuleAddress(), f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()))
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *gs))
	again, err := g.Keeper.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, gs.SettlementPass, again.SettlementPass)
	require.Equal(t, gs.Quarantined, again.Quarantined)

	bad := *gs
	bad.Quarantined = append([]types.QuarantinedAsset(nil), gs.Quarantined...)
	bad.Quarantined[0].AssetId = 12_345
	require.ErrorIs(t, bad.Validate(f.AC), types.ErrInvalidGenesis, "a quarantined asset that is not queued")
}
