package keeper_test

import (
	"fmt"
	"testing"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// gasOf runs fn on a fresh gas meter and returns the gas it consumed.
func gasOf(f *rtu.Fixture, fn func(ctx sdk.Context) error) uint64 {
	ctx := f.Ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
	if err := fn(ctx); err != nil {
		panic(err)
	}
	return ctx.GasMeter().GasConsumed()
}

// payShapes are the three lineages of the benchmark.
type payShapes struct {
	f                    *rtu.Fixture
	simple, deep, merkle uint64
}

func newPayShapes(depth, contributors int) payShapes {
	f := rtu.NewFixture()
	s := payShapes{f: f}
	root := f.AddAsset(0, nil, f.Member("c0", 1))
	s.simple = f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(root, 10_000)}, f.Member("c1", 1))

	members := make([]provtypes.Contributor, contributors)
	for i := range members {
		members[i] = f.Member(fmt.Sprintf("member-%d", i), uint64(i+1))
	}
	s.deep = f.AddAsset(0, nil, members...)
	for range depth - 1 {
		s.deep = f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(s.deep, 10_000)}, members...)
	}
	s.merkle = f.AddMerkleAsset(5_000, []provtypes.ParentEdge{rtu.Parent(root, 10_000)}, provtypes.MerkleCommitment{
		Root: make([]byte, 32), MemberCount: 1_000_000, TotalUnits: 1_000_000,
	})
	f.Fund("payer", 1<<62)
	return s
}

func (s payShapes) payGas(id uint64) uint64 {
	return gasOf(s.f, func(ctx sdk.Context) error {
		_, err := s.f.Msg.Pay(ctx, &types.MsgPay{Payer: s.f.Bech32("payer"), AssetId: id, Amount: sdk.NewInt64Coin(rtu.Denom, 1_000_000)})
		return err
	})
}

// BenchmarkPayGas reports the gas of MsgPay on an asset with 1 parent and 1 contributor, at the tip of a
// 1,000-deep lineage of 256-contributor assets, and on a 1,000,000-member Merkle commitment, and the ratios of
// the last two to the first (the target is within 5%). x/royalty itself reads no lineage or contributors; the
// one read that could grow is x/provenance's IsActive, which the fixture runs on the real keeper (it reads the
// status mirror, a few bytes).
func BenchmarkPayGas(b *testing.B) {
	s := newPayShapes(1_000, 256)
	s.payGas(s.simple) // the first payment creates the asset's entries; measure the steady state
	s.payGas(s.deep)
	s.payGas(s.merkle)
	var simple, deep, merkle uint64
	for b.Loop() {
		simple, deep, merkle = s.payGas(s.simple), s.payGas(s.deep), s.payGas(s.merkle)
	}
	b.ReportMetric(float64(simple), "gas-1parent-1contrib")
	b.ReportMetric(float64(deep), "gas-1000deep-256contrib")
	b.ReportMetric(float64(merkle), "gas-1M-merkle")
	b.ReportMetric(float64(deep)/float64(simple), "ratio-deep/simple")
	b.ReportMetric(float64(merkle)/float64(simple), "ratio-merkle/simple")
}

// TestPayGasIsConstant pins the property BenchmarkPayGas measures: with provenance's status read, MsgPay's gas
// is the same within 5% whatever the lineage depth or contributor count.
func TestPayGasIsConstant(t *testing.T) {
	s := newPayShapes(50, 256)
	s.payGas(s.simple)
	s.payGas(s.deep)
	s.payGas(s.merkle)
	simple, deep, merkle := s.payGas(s.simple), s.payGas(s.deep), s.payGas(s.merkle)
	for name, g := range map[string]uint64{"deep": deep, "merkle": merkle} {
		ratio := float64(g) / float64(simple)
		if ratio < 0.95 || ratio > 1.05 {
			t.Fatalf("%s pay gas %d vs simple %d: ratio %.3f", name, g, simple, ratio)
		}
	}
}

// settleShape is a chain of depth assets with contributors each; a payment to its tip touches every asset.
func settleShape(depth, contributors int) (*rtu.Fixture, uint64) {
	f := rtu.NewFixture()
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 100, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 100})
	members := make([]provtypes.Contributor, contributors)
	for i := range members {
		members[i] = f.Member(fmt.Sprintf("member-%d", i), uint64(i+1))
	}
	tip := f.AddAsset(0, nil, members...)
	for range depth - 1 {
		tip = f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(tip, 10_000)}, members...)
	}
	f.Fund("payer", 1<<62)
	return f, tip
}

// BenchmarkSettleGasPerAsset reports EndBlock gas per touched asset when a payment to the tip of a 100-deep
// chain settles all the way to the root in one block: the first settlement of an asset (which copies its route
// from x/provenance) and later ones (which read only the cached route), for 1 and 256 contributors per asset.
func BenchmarkSettleGasPerAsset(b *testing.B) {
	const depth = 100
	for _, contributors := range []int{1, 256} {
		b.Run(fmt.Sprintf("contributors=%d", contributors), func(b *testing.B) {
			f, tip := settleShape(depth, contributors)
			pay := func() {
				if _, err := f.Pay("payer", tip, 1_000_000_007); err != nil {
					b.Fatal(err)
				}
			}
			pay()
			first := gasOf(f, func(ctx sdk.Context) error { return f.Keeper.EndBlocker(ctx) })
			var later uint64
			for b.Loop() {
				pay()
				later = gasOf(f, func(ctx sdk.Context) error { return f.Keeper.EndBlocker(ctx) })
			}
			b.ReportMetric(float64(first)/depth, "gas/asset-first")
			b.ReportMetric(float64(later)/depth, "gas/asset")
		})
	}
}

// claimShape is n assets whose explicit lists name "claimer" among contributors members.
func claimShape(n, contributors int) (*rtu.Fixture, []uint64) {
	f := rtu.NewFixture()
	members := []provtypes.Contributor{f.Member("claimer", 1)}
	for i := 1; i < contributors; i++ {
		members = append(members, f.Member(fmt.Sprintf("other-%d", i), 1))
	}
	ids := make([]uint64, n)
	for i := range ids {
		ids[i] = f.AddAsset(0, nil, members...)
	}
	f.Fund("payer", 1<<62)
	return f, ids
}

// claimGas pays each asset, settles, and returns the gas of one MsgClaim by "claimer" of all of them.
func claimGas(tb testing.TB, f *rtu.Fixture, ids []uint64) uint64 {
	tb.Helper()
	for _, id := range ids {
		if _, err := f.Pay("payer", id, 1_000_000); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.Settle(); err != nil {
		tb.Fatal(err)
	}
	return gasOf(f, func(ctx sdk.Context) error {
		_, err := f.Msg.Claim(ctx, &types.MsgClaim{Claimant: f.Bech32("claimer")})
		return err
	})
}

// BenchmarkClaimGas reports the gas of one MsgClaim against the number of assets it collects from, for assets
// of 2 and of 256 contributors (the claimant's units come from x/provenance's contributor index, so the size of
// the list should not matter).
func BenchmarkClaimGas(b *testing.B) {
	for _, contributors := range []int{2, 256} {
		for _, n := range []int{1, 10, 100} {
			b.Run(fmt.Sprintf("assets=%d,contributors=%d", n, contributors), func(b *testing.B) {
				f, ids := claimShape(n, contributors)
				var g uint64
				for b.Loop() {
					g = claimGas(b, f, ids)
				}
				b.ReportMetric(float64(g), "gas/claim")
				b.ReportMetric(float64(g)/float64(n), "gas/asset")
			})
		}
	}
}

// TestClaimGasIsConstant pins that a claim's gas does not grow with the asset's contributor list: it reads the
// claimant's entry of the contributor index, not the asset.
func TestClaimGasIsConstant(t *testing.T) {
	small, smallIDs := claimShape(1, 2)
	large, largeIDs := claimShape(1, 256)
	claimGas(t, small, smallIDs) // the first claim writes the claimant's position; measure a later one
	claimGas(t, large, largeIDs)
	g2, g256 := claimGas(t, small, smallIDs), claimGas(t, large, largeIDs)
	if ratio := float64(g256) / float64(g2); ratio < 0.95 || ratio > 1.05 {
		t.Fatalf("claim gas %d with 256 contributors vs %d with 2: ratio %.3f", g256, g2, ratio)
	}
}

// BenchmarkAttribution reports the Attribution query's time and gas on chains 1,000 and 10,000 deep with an
// upstream share of 9,999 bps (the shape that made exact fractions grow ~4 digits a level).
func BenchmarkAttribution(b *testing.B) {
	for _, depth := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("deep-%d", depth), func(b *testing.B) {
			f := rtu.NewFixture()
			tip := deepChain(f, depth, 9_999)
			var gas uint64
			for b.Loop() {
				gas = gasOf(f, func(ctx sdk.Context) error {
					_, err := f.Query.Attribution(ctx, &types.QueryAttributionRequest{AssetId: tip})
					return err
				})
			}
			b.ReportMetric(float64(gas), "gas/query")
		})
	}
}
