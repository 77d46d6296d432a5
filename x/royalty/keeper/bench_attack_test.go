package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// blockGasLimit is the max_gas `tributaryd init` writes.
const blockGasLimit = 100_000_000

// timedEndBlock runs EndBlock on a fresh meter and returns its gas and wall time.
func timedEndBlock(f *rtu.Fixture) (uint64, time.Duration) {
	start := time.Now()
	gas := gasOf(f, func(ctx sdk.Context) error { return f.Keeper.EndBlocker(ctx) })
	return gas, time.Since(start)
}

// BenchmarkSettlementUnderLayeredAttack reports EndBlock settlement gas and wall time per block while the
// layered graph (16 layers x 64 assets citing all 64 below, 100% upstream) is settled after the priced attack
// (600,000 utrib, what pushing it to the roots now costs: its path work prices each layer), as a fraction of
// the block gas limit and against an empty block measured in the same run.
func BenchmarkSettlementUnderLayeredAttack(b *testing.B) {
	f := rtu.NewFixture()
	top := layeredGraph(f, 16, 64)
	emptyGas, emptyTime := timedEndBlock(f)
	f.Fund("attacker", 1<<40)
	var peakGas uint64
	var peakTime, total time.Duration
	blocks := 0
	for b.Loop() {
		if _, err := f.Pay("attacker", top[0], 600_000); err != nil {
			b.Fatal(err)
		}
		for range 5 { // five blocks of the attack's pass
			gas, d := timedEndBlock(f)
			peakGas, peakTime = max(peakGas, gas), max(peakTime, d)
			total += d
			blocks++
		}
	}
	b.ReportMetric(float64(peakGas), "gas/block-peak")
	b.ReportMetric(100*float64(peakGas)/blockGasLimit, "%block-gas-limit")
	b.ReportMetric(float64(peakGas)/float64(max(emptyGas, 1)), "gas-x-empty")
	b.ReportMetric(float64(total.Microseconds())/float64(blocks), "us/block")
	b.ReportMetric(float64(peakTime)/float64(max(emptyTime, time.Microsecond)), "time-peak-x-empty")
}

// payTxFeeEstimate is the fee of one MsgPay transaction at the default minimum gas price (0.001 utrib/gas) and
// ~70,000 gas in all (the keeper's ~13,000 plus signature verification and transaction size): an estimate.
const payTxFeeEstimate = 70

// BenchmarkHonestWaitUnderSaturatingAttacker reports how many blocks an honest payment waits while an attacker
// pays the tip of a 1,000-deep 100%-upstream chain the cheapest settling amount (min_pending_per_work_unit x
// the tip's path work, 19,990 utrib of revenue) every block, against the same payment on an idle chain
// measured in the same run, and what keeping the budget saturated costs the attacker per hour (1 block a
// second; the coins come back to the attacker's root, so the cost is the 1% protocol fee on the trigger and one
// transaction fee per pass).
func BenchmarkHonestWaitUnderSaturatingAttacker(b *testing.B) {
	waitFor := func(attack bool) (waited int) {
		f := rtu.NewFixture()
		honest := f.AddAsset(0, nil, f.Member("honest", 1))
		chain := []uint64{f.AddAsset(0, nil, f.Member("chainroot", 1))}
		for range 999 {
			chain = append(chain, f.AddAsset(10_000, []provtypes.ParentEdge{rtu.Parent(chain[len(chain)-1], 10_000)}, f.Member("link", 1)))
		}
		trigger := grossFor(types.DefaultParams().SettlementThreshold(pathWork(b, f, chain[len(chain)-1])).Int64())
		f.Fund("attacker", 1<<40)
		f.Fund("user", 1_000_000)
		pay := func() {
			if attack {
				if _, err := f.Pay("attacker", chain[len(chain)-1], trigger); err != nil {
					b.Fatal(err)
				}
			}
		}
		pay()
		timedEndBlock(f)
		if _, err := f.Pay("user", honest, 1_000_000); err != nil {
			b.Fatal(err)
		}
		for claimable(b, f, "honest") == 0 {
			pay()
			timedEndBlock(f)
			waited++
			if waited > 1_000 {
				b.Fatal("the honest payment never settled")
			}
		}
		return waited
	}
	var idle, attacked int
	for b.Loop() {
		idle = waitFor(false)
		attacked = waitFor(true)
	}
	const passGas = 31_000_000 // TestTipAttackerCannotStarveAnHonestAsset: one pass over the 1,000-deep chain
	passesPerHour := 3_600 * float64(types.DefaultSettlementGasBudget) / passGas
	trigger := grossFor(types.DefaultParams().SettlementThreshold(1 + 2*999).Int64())
	protocolFee := types.ProtocolFeeOf(math.NewInt(trigger), types.DefaultParams().ProtocolFeeBps).Int64()
	b.ReportMetric(float64(idle), "blocks-idle")
	b.ReportMetric(float64(attacked), "blocks-attacked")
	b.ReportMetric(passesPerHour*float64(payTxFeeEstimate+protocolFee), "attacker-utrib/hour")
}
