package keeper_test

// Adversarial review of the issue-10 fixes (branch attack-review). Each test tries an attack and asserts it
// fails; tests marked FINDING assert the secure behaviour and are skipped because the attack succeeds today.

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/keeper"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Merkle: a commitment that declares member_count 2 and total 10 but whose (unseen) member file holds three
// leaves of 5 units. Whatever order the attacker proves them in, at most 10 units and 2 members are ever paid,
// the payout never exceeds what the asset earned, and the honest asset's contributor is paid in full.
func TestAttackReviewMerkleCountAndTotalBoundary(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	honest := f.AddAsset(0, nil, f.Member("honest", 1))
	order := []string{"m1", "m2", "m3"}
	leaves := map[string]uint64{"m1": 5, "m2": 5, "m3": 5}
	c, proofs := hostileCommitment(t, f, 10, 2, leaves, order)
	evil := f.AddMerkleAsset(0, nil, c)

	f.Fund("user", 1_000_000)
	f.Fund("attacker", 1_000)
	_, err := f.Pay("user", honest, 1_000_000)
	require.NoError(t, err)
	_, err = f.Pay("attacker", evil, 1_000)
	require.NoError(t, err)
	require.NoError(t, f.Settle())

	var taken int64
	for i, n := range order {
		_, err := f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(n), AssetId: evil, Units: leaves[n], Proof: proofs[n]})
		if i < 2 {
			require.NoError(t, err)
		} else {
			require.Error(t, err, "a third member of a 2-member commitment")
		}
		// Replaying a proof after registration is refused, and a plain claim then pays nothing more.
		_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(n), AssetId: evil, Units: leaves[n], Proof: proofs[n]})
		require.Error(t, err)
		require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
		taken += f.Balance(n).Int64()
	}
	require.LessOrEqual(t, taken, int64(1_000))
	got, err := f.Claim("honest")
	require.NoError(t, err)
	require.Equal(t, int64(1_000_000), got.Amount.AmountOf(rtu.Denom).Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// Merkle: a proof for more units than the declared total, and a proof that is valid for one member presented by
// another, are refused; the module account keeps every coin.
func TestAttackReviewMerkleForeignAndOversizeProof(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	order := []string{"big", "victim"}
	leaves := map[string]uint64{"big": 11, "victim": 1}
	c, proofs := hostileCommitment(t, f, 10, 2, leaves, order)
	a := f.AddMerkleAsset(0, nil, c)
	f.Fund("user", 10_000)
	_, err := f.Pay("user", a, 10_000)
	require.NoError(t, err)
	require.NoError(t, f.Settle())

	_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("big"), AssetId: a, Units: 11, Proof: proofs["big"]})
	require.Error(t, err, "units above the declared total")
	_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("thief"), AssetId: a, Units: 1, Proof: proofs["victim"]})
	require.Error(t, err, "someone else's proof")
	_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("victim"), AssetId: a, Units: 2, Proof: proofs["victim"]})
	require.Error(t, err, "the member's own proof with inflated units")
	require.Zero(t, f.Balance("thief").Int64())
	_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("victim"), AssetId: a, Units: 1, Proof: proofs["victim"]})
	require.NoError(t, err)
	require.Equal(t, int64(1_000), f.Balance("victim").Int64(), "1 of 10 declared units")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// Plain claim paging: a contributor of many explicit and Merkle assets pages with start_asset_id/has_more. It is
// paid exactly what it is owed, once: replaying old cursors, claiming explicit ids after the paged claims, and
// claiming again from 0 pay nothing; the co-contributor is whole and conservation holds.
func TestAttackReviewPlainClaimPagingPaysOnce(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f) // max_claim_assets 3: a claim pays from 3 assets and looks at 30
	var ids []uint64
	var merkle []uint64
	for i := range 40 {
		var id uint64
		if i%4 == 3 {
			c, proofs := hostileCommitment(t, f, 2, 2, map[string]uint64{"x": 1, "y": 1}, []string{"x", "y"})
			id = f.AddMerkleAsset(0, nil, c)
			defer func(id uint64, p [][]byte) { _ = p }(id, proofs["x"])
			merkle = append(merkle, id)
			// prove membership right away (nothing accrued yet)
			_, err := f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("x"), AssetId: id, Units: 1, Proof: proofs["x"]})
			require.NoError(t, err)
		} else {
			id = f.AddAsset(0, nil, f.Member("x", 1), f.Member("y", 1))
		}
		ids = append(ids, id)
		if i%3 == 0 { // empty assets in between
			f.AddAsset(0, nil, f.Member("x", 1))
		}
	}
	f.Fund("user", 40*1_000)
	for _, id := range ids {
		_, err := f.Pay("user", id, 1_000)
		require.NoError(t, err)
	}
	require.NoError(t, f.Settle())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	var cursors []uint64
	start := uint64(0)
	for range 100 {
		cursors = append(cursors, start)
		resp, err := f.Msg.Claim(f.Ctx, &types.MsgClaim{Claimant: f.Bech32("x"), StartAssetId: start})
		if err != nil {
			require.ErrorIs(t, err, types.ErrNothingToClaim)
			break
		}
		require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
		if !resp.HasMore {
			break
		}
		require.Greater(t, resp.NextAssetId, start)
		start = resp.NextAssetId
	}
	require.Equal(t, int64(40*500), f.Balance("x").Int64(), "half of every asset, once")
	for _, c := range cursors {
		_, _ = f.Msg.Claim(f.Ctx, &types.MsgClaim{Claimant: f.Bech32("x"), StartAssetId: c})
	}
	for i := 0; i < len(ids); i += 3 {
		end := min(i+3, len(ids))
		_, _ = f.Claim("x", ids[i:end]...)
	}
	require.Equal(t, int64(40*500), f.Balance("x").Int64(), "replays pay nothing")
	// y is whole on the explicit assets, and its Merkle shares are still in the pools.
	start = 0
	for range 100 {
		resp, err := f.Msg.Claim(f.Ctx, &types.MsgClaim{Claimant: f.Bech32("y"), StartAssetId: start})
		if err != nil || !resp.HasMore {
			break
		}
		start = resp.NextAssetId
	}
	require.Equal(t, int64((40-len(merkle))*500), f.Balance("y").Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	mod := f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()).AmountOf(rtu.Denom)
	require.Equal(t, int64(len(merkle)*500), mod.Int64(), "only the unproven Merkle shares remain")
}

// Explicit asset ids: duplicates and assets the claimant is not in are refused before any payment.
func TestAttackReviewExplicitIDsDuplicatesAndForeign(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	mine := f.AddAsset(0, nil, f.Member("x", 1))
	other := f.AddAsset(0, nil, f.Member("o", 1))
	f.Fund("user", 2_000)
	for _, id := range []uint64{mine, other} {
		_, err := f.Pay("user", id, 1_000)
		require.NoError(t, err)
	}
	require.NoError(t, f.Settle())
	// A refused transaction's writes are discarded by the SDK (runMsgs on a cache context); do the same here.
	tx, _ := f.Ctx.CacheContext()
	_, err := f.Msg.Claim(tx, &types.MsgClaim{Claimant: f.Bech32("x"), AssetIds: []uint64{mine, mine}})
	require.Error(t, err, "duplicate ids")
	tx, _ = f.Ctx.CacheContext()
	_, err = f.Msg.Claim(tx, &types.MsgClaim{Claimant: f.Bech32("x"), AssetIds: []uint64{mine, other}})
	require.Error(t, err, "an asset not naming the claimant")
	require.Zero(t, f.Balance("x").Int64(), "a refused claim moves nothing")
	_, err = f.Claim("x", mine)
	require.NoError(t, err)
	require.Equal(t, int64(1_000), f.Balance("x").Int64())
	_, err = f.Claim("o")
	require.NoError(t, err)
	require.Equal(t, int64(1_000), f.Balance("o").Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// Quarantine griefing through denoms. With governance-legal params (accepted_denoms at its bound of 16,
// max_parents at its default of 64, settlement_gas_budget at its default), an honest asset that cites 64 parents
// and has honest revenue pending is paid dust by an attacker in each of the 16 denoms. Its settlement then does
// 64 x 16 parent credits, more gas than a whole budget, and the asset is quarantined: the honest revenue is frozen
// until governance acts, and MsgRetrySettlement alone quarantines it again.
func TestAttackReviewDenomFanOutQuarantinesHonestAsset(t *testing.T) {
	f := rtu.NewFixture()
	p := types.DefaultParams()
	p.ProtocolFeeBps = 0
	denoms := []string{rtu.Denom}
	for i := 1; i < types.MaxAcceptedDenoms; i++ {
		denoms = append(denoms, fmt.Sprintf("ibc%02d", i))
	}
	p.AcceptedDenoms = denoms
	require.NoError(t, p.Validate(), "the params are legal")
	f.SetParams(p)

	var parents []provtypes.ParentEdge
	for i := range 64 {
		id := f.AddAsset(0, nil, f.Member("root", 1))
		w := uint32(156)
		if i < 16 {
			w = 157
		}
		parents = append(parents, rtu.Parent(id, w))
	}
	honest := f.AddAsset(5_000, parents, f.Member("honest", 1))

	f.Fund("user", 1_000_000)
	_, err := f.Pay("user", honest, 1_000_000)
	require.NoError(t, err)
	// The attacker pays 128 micro-units of every other denom: enough that each parent's part is positive.
	attacker, attackerBech := f.Addr("attacker")
	for _, d := range denoms[1:] {
		f.Bank.Mint(attacker, sdk.NewCoins(sdk.NewInt64Coin(d, 128)))
		_, err := f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: attackerBech, AssetId: honest, Amount: sdk.NewInt64Coin(d, 128)})
		require.NoError(t, err)
	}
	for range 4 {
		require.NoError(t, f.Settle())
	}
	q := quarantined(t, f)
	if _, ok := q[honest]; ok {
		// FINDING: (medium) an attacker spending 15 x 128 micro-units of governance-accepted denoms freezes any
		// honest asset with many parents: settlement of one asset is O(parents x pending denoms) and param bounds
		// (max_parents up to 1,024, accepted_denoms up to 16) allow it to exceed settlement_gas_budget (at most
		// 20M), so the asset is quarantined with its honest revenue; a retry re-quarantines it. Fix: settle per
		// (asset, denom) step (quarantine/defer per denom, resuming within a denom's parents), or bound
		// max_parents x accepted_denoms x per-credit gas below the budget floor in Params.Validate.
		t.Skipf("FINDING: honest 64-parent asset quarantined by 16-denom dust payments: %s", q[honest])
	}
	got, err := f.Claim("honest")
	require.NoError(t, err)
	require.Equal(t, int64(500_000), got.Amount.AmountOf(rtu.Denom).Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// Query bomb: SettlementQueue takes the caller's page limit and count_total as given.
func TestAttackReviewSettlementQueuePageIsCapped(t *testing.T) {
	f := rtu.NewFixture()
	const n = 3_000
	for id := uint64(1); id <= n; id++ {
		require.NoError(t, f.Keeper.Queue.Set(f.Ctx, id))
	}
	// Totals and offsets walk the whole queue: refused.
	_, err := f.Query.SettlementQueue(f.Ctx, &types.QuerySettlementQueueRequest{
		Pagination: &query.PageRequest{Limit: 1_000_000_000, CountTotal: true},
	})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	_, err = f.Query.SettlementQueue(f.Ctx, &types.QuerySettlementQueueRequest{Pagination: &query.PageRequest{Offset: 10}})
	require.ErrorIs(t, err, types.ErrInvalidRequest)
	// An oversized limit is clamped; next_key pages through the rest, highest id first.
	resp, err := f.Query.SettlementQueue(f.Ctx, &types.QuerySettlementQueueRequest{Pagination: &query.PageRequest{Limit: 1_000_000_000}})
	require.NoError(t, err)
	require.Len(t, resp.Entries, keeper.MaxQueuePage)
	require.Equal(t, uint64(n), resp.Entries[0].AssetId)
	require.NotEmpty(t, resp.Pagination.NextKey)
}

// QuarantinedAssets: an oversized limit is clamped.
func TestAttackReviewQuarantinedAssetsPageIsCapped(t *testing.T) {
	f := rtu.NewFixture()
	for id := uint64(1); id <= 2_000; id++ {
		require.NoError(t, f.Keeper.Quarantined.Set(f.Ctx, id, types.Quarantine{Height: 1, Reason: "x"}))
	}
	resp, err := f.Query.QuarantinedAssets(f.Ctx, &types.QueryQuarantinedAssetsRequest{Pagination: &query.PageRequest{Limit: 1 << 40}})
	require.NoError(t, err)
	require.Less(t, len(resp.Assets), 2_000)
}

// Quarantine leaves nothing behind: an asset whose settlement fails (a whole budget is too small) keeps its
// pending revenue queued, none of its half-done parent credits survive, conservation holds after the quarantine
// and after a retry at a sufficient budget, and its contributors are then paid exactly.
func TestAttackReviewQuarantineThenRetryConserves(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	var parents []provtypes.ParentEdge
	var roots []uint64
	for i := range 64 {
		id := f.AddAsset(0, nil, f.Member(fmt.Sprintf("r%d", i), 1))
		roots = append(roots, id)
		w := uint32(156)
		if i < 16 {
			w = 157
		}
		parents = append(parents, rtu.Parent(id, w))
	}
	wide := f.AddAsset(5_000, parents, f.Member("wide", 1))
	f.Fund("user", 1_000_000)
	_, err := f.Pay("user", wide, 1_000_000)
	require.NoError(t, err)
	p, err := f.Keeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.SettlementGasBudget = 100_000
	f.SetParams(p)
	for range 3 {
		require.NoError(t, f.Settle())
	}
	require.Contains(t, quarantined(t, f), wide)
	for _, r := range roots {
		has, err := f.Keeper.Queue.Has(f.Ctx, r)
		require.NoError(t, err)
		require.False(t, has, "no parent credit of the discarded settlement survives")
	}
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	mod := f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress()).AmountOf(rtu.Denom)
	require.Equal(t, sdkmath.NewInt(1_000_000), mod)

	p.SettlementGasBudget = types.DefaultSettlementGasBudget
	f.SetParams(p)
	_, err = f.Msg.RetrySettlement(f.Ctx, &types.MsgRetrySettlement{Authority: "not-gov", AssetIds: []uint64{wide}})
	require.Error(t, err, "only the authority retries")
	_, err = f.Msg.RetrySettlement(f.Ctx, &types.MsgRetrySettlement{Authority: f.Authority, AssetIds: []uint64{wide}})
	require.NoError(t, err)
	for range 3 {
		require.NoError(t, f.Settle())
	}
	require.Empty(t, quarantined(t, f))
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	got, err := f.Claim("wide")
	require.NoError(t, err)
	require.Equal(t, int64(500_000), got.Amount.AmountOf(rtu.Denom).Int64())
	var roots_ int64
	for i := range roots {
		if r, err := f.Claim(fmt.Sprintf("r%d", i)); err == nil {
			roots_ += r.Amount.AmountOf(rtu.Denom).Int64()
		}
	}
	require.Equal(t, int64(500_000), roots_)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// The same fan-out at the params' upper bounds: max_parents 1,024 (x/provenance's bound), accepted_denoms 16 and
// settlement_gas_budget at its ceiling of 20M. An honest asset citing 1,024 parents, paid by anyone in all 16
// denoms, needs 16,384 parent credits in one settlement step.
func TestAttackReviewDenomFanOutAtParamBounds(t *testing.T) {
	f := rtu.NewFixture()
	pp, err := f.Prov.Params.Get(f.Ctx)
	require.NoError(t, err)
	pp.MaxParents = provtypes.MaxMaxParents
	require.NoError(t, pp.Validate())
	require.NoError(t, f.Prov.Params.Set(f.Ctx, pp))
	p := types.DefaultParams()
	p.ProtocolFeeBps = 0
	p.SettlementGasBudget = types.MaxSettlementGasBudget
	denoms := []string{rtu.Denom}
	for i := 1; i < types.MaxAcceptedDenoms; i++ {
		denoms = append(denoms, fmt.Sprintf("ibc%02d", i))
	}
	p.AcceptedDenoms = denoms
	require.NoError(t, p.Validate())
	// The pair is now refused: 16 denoms x 1,024 parents need ~229M gas in one step, far above the 20M
	// ceiling (types.CheckSettlementFits). Set directly here, to show that dust alone adds no work anyway.
	require.ErrorIs(t, p.CheckSettlementFits(pp.MaxParents, pp.MaxContributors), types.ErrSettlementBudgetTooSmall)
	f.SetParams(p)

	n := int(provtypes.MaxMaxParents)
	var parents []provtypes.ParentEdge
	for i := range n {
		id := f.AddAsset(0, nil, f.Member("root", 1))
		w := uint32(10_000 / n)
		if i < 10_000%n {
			w++
		}
		parents = append(parents, rtu.Parent(id, w))
		if i%256 == 255 {
			f.Commit()
		}
	}
	honest := f.AddAsset(5_000, parents, f.Member("honest", 1))
	f.Commit()
	f.Fund("user", 1_000_000)
	_, err = f.Pay("user", honest, 1_000_000)
	require.NoError(t, err)
	attacker, attackerBech := f.Addr("attacker")
	for _, d := range denoms[1:] {
		f.Bank.Mint(attacker, sdk.NewCoins(sdk.NewInt64Coin(d, 4_096)))
		_, err := f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: attackerBech, AssetId: honest, Amount: sdk.NewInt64Coin(d, 4_096)})
		require.NoError(t, err)
	}
	rep, err := f.Keeper.Settle(f.Ctx, p.SettlementGasBudget)
	require.NoError(t, err)
	t.Logf("first step: %+v", rep)
	rep, err = f.Keeper.Settle(f.Ctx, p.SettlementGasBudget)
	require.NoError(t, err)
	t.Logf("second step: %+v", rep)
	q := quarantined(t, f)
	if _, ok := q[honest]; ok {
		// FINDING: (medium) see TestAttackReviewDenomFanOutQuarantinesHonestAsset: at legal param bounds one
		// asset's settlement exceeds the largest legal budget; 15 x 4,096 micro-units of dust in the other
		// accepted denoms freezes the honest asset's revenue (retry re-quarantines). Fix: settle per (asset,
		// denom) with resumable parent credits, or make Params.Validate (both modules) refuse combinations where
		// max_parents x accepted_denoms x per-credit gas exceeds settlement_gas_budget.
		t.Skipf("FINDING: honest %d-parent asset quarantined by dust in %d denoms: %s", n, len(denoms), q[honest])
	}
	// Closed for dust by settlement pricing: 4,096 units per denom are below the asset's threshold of
	// 10 x 1,025, so they wait (conserved) and add no work; the honest utrib revenue settles in one step.
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	got, err := f.Claim("honest")
	require.NoError(t, err)
	require.Equal(t, int64(500_000), got.Amount.AmountOf(rtu.Denom).Int64())
	for _, d := range denoms[1:] {
		pend, err := f.Keeper.Pending.Get(f.Ctx, collections.Join(honest, d))
		require.NoError(t, err)
		require.Equal(t, int64(4_096), pend.Int64(), "the dust in %s waits", d)
	}
}

// Who pays for settlement: 1-micro-unit payments to the tip of a 300-asset chain (100% upstream, every link's
// contributor the attacker). Before pricing, each one ran a whole pass (6.8M gas, more than a block's budget)
// and the attacker claimed the micro-unit back. Pricing only the tip's own step (1 + parents) still let the same
// 20 utrib pass every link. Now revenue queues only once it covers min_pending_per_work_unit x the tip's path
// work (599: 2 per link and 1 for the root), 5,990 utrib: after the one unpriced first settlement that caches
// the tip's route, the attacker's payments do no settlement work at all until they add up to that, however many
// it sends; they wait in pending (conserved), and then settle the chain like any payment.
func TestAttackReviewSaturatingSettlementCostsNothing(t *testing.T) {
	f := rtu.NewFixture()
	chain := []uint64{f.AddAsset(0, nil, f.Member("attacker", 1))}
	for range 299 {
		chain = append(chain, f.AddAsset(10_000, []provtypes.ParentEdge{rtu.Parent(chain[len(chain)-1], 10_000)}, f.Member("attacker", 1)))
	}
	tip := chain[len(chain)-1]
	require.Equal(t, uint64(599), pathWork(t, f, tip))
	threshold := types.DefaultParams().SettlementThreshold(599).Int64()
	f.Fund("attacker", 1_000_000)
	pending := func() int64 {
		r, err := f.Query.RevenueReport(f.Ctx, &types.QueryRevenueReportRequest{AssetId: tip})
		require.NoError(t, err)
		require.Equal(t, threshold, r.SettlementThreshold.Int64(), "the revenue report states the threshold")
		return r.Reports[0].Pending.Int64()
	}
	// The first payment ever to the tip is unpriced (its route is not cached): it settles the tip and waits
	// there, since 1 utrib is below the tip's threshold. Each payment is 2 utrib: 1 of protocol fee (rounded up),
	// 1 of revenue.
	_, err := f.Pay("attacker", tip, 2)
	require.NoError(t, err)
	endBlock(t, f)
	require.Zero(t, queueLen(t, f))

	idle := endBlock(t, f) // the gas of looking at an empty queue
	budget := types.DefaultParams().SettlementGasBudget
	pay := func(amount int64) uint64 {
		_, err := f.Pay("attacker", tip, amount)
		require.NoError(t, err)
		gas := endBlock(t, f)
		require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
		return gas
	}
	for i := 2; i <= 20; i++ {
		require.Equal(t, idle, pay(2), "payment %d: 20 utrib used to run the whole chain; now it waits", i)
		require.Zero(t, queueLen(t, f))
	}
	// One micro-unit short of the threshold: still no work.
	require.Equal(t, idle, pay(grossFor(threshold-1-pending())))
	require.Equal(t, threshold-1, pending())
	require.Zero(t, queueLen(t, f))
	// The last micro-unit reaches the threshold: the chain settles as for any payment of that size, within the
	// budget per block.
	gas := pay(grossFor(1))
	require.Greater(t, gas, idle)
	require.LessOrEqual(t, gas, budget)
	for queueLen(t, f) > 0 {
		require.LessOrEqual(t, endBlock(t, f), budget)
	}
	require.Equal(t, threshold, claimable(t, f, "attacker"), "the threshold's worth reached the root once")
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// Param bounds disagree: x/provenance allowed max_parents up to 1,024, but at the default settlement budget one
// honest payment to a 1,024-parent asset (one denom, no attacker) needed more than a whole budget and was
// quarantined. Now the two modules' params are checked together: governance cannot raise max_parents to 1,024
// while the budget is 5M (nor lower the budget, nor add denoms, below what the bounds need). At a budget that
// fits, an honest payment of 10^18 units to a 1,024-parent asset settles in one step and conserves.
func TestAttackReviewMaxParentsExceedsDefaultBudget(t *testing.T) {
	f := rtu.NewFixture()
	pp, err := f.Prov.Params.Get(f.Ctx)
	require.NoError(t, err)
	pp.MaxParents = provtypes.MaxMaxParents
	require.NoError(t, pp.Validate(), "legal for x/provenance alone")
	_, err = f.ProvMsg.UpdateParams(f.Ctx, &provtypes.MsgUpdateParams{Authority: f.Authority, Params: pp})
	require.ErrorIs(t, err, types.ErrSettlementBudgetTooSmall, "refused at the default budget")

	p := types.DefaultParams()
	p.ProtocolFeeBps = 0
	p.SettlementGasBudget = types.SettlementStepGas(pp.MaxParents, pp.MaxContributors, 1)
	_, err = f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
	require.NoError(t, err, "governance raises the budget first")
	_, err = f.ProvMsg.UpdateParams(f.Ctx, &provtypes.MsgUpdateParams{Authority: f.Authority, Params: pp})
	require.NoError(t, err, "then max_parents 1,024 fits")
	q := p
	q.AcceptedDenoms = append(q.AcceptedDenoms, "uother")
	_, err = f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: q})
	require.ErrorIs(t, err, types.ErrSettlementBudgetTooSmall, "a second denom doubles the worst step")
	q = p
	q.SettlementGasBudget--
	_, err = f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: q})
	require.ErrorIs(t, err, types.ErrSettlementBudgetTooSmall, "nor can the budget drop below it")

	n := int(provtypes.MaxMaxParents)
	var parents []provtypes.ParentEdge
	for i := range n {
		id := f.AddAsset(0, nil, f.Member("root", 1))
		w := uint32(10_000 / n)
		if i < 10_000%n {
			w++
		}
		parents = append(parents, rtu.Parent(id, w))
		if i%256 == 255 {
			f.Commit()
		}
	}
	wide := f.AddAsset(5_000, parents, f.Member("wide", 1))
	f.Commit()
	big := sdkmath.NewInt(1_000_000_000_000_000_000)
	payer, payerBech := f.Addr("user")
	f.Bank.Mint(payer, sdk.NewCoins(sdk.NewCoin(rtu.Denom, big)))
	_, err = f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: payerBech, AssetId: wide, Amount: sdk.NewCoin(rtu.Denom, big)})
	require.NoError(t, err)
	for queueLen(t, f) > 0 {
		require.NoError(t, f.Settle())
		require.Empty(t, quarantined(t, f), "the 1,024-parent step fits the budget the bounds demand")
	}
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	got, err := f.Claim("wide")
	require.NoError(t, err)
	require.Equal(t, big.QuoRaw(2), got.Amount.AmountOf(rtu.Denom))
}
