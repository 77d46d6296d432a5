package types_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

func TestBpsOf(t *testing.T) {
	for _, tc := range []struct {
		amount int64
		bps    uint32
		want   int64
	}{
		{1_000_000, 100, 10_000},
		{99, 100, 0}, // floor: 0.99 rounds down
		{10_001, 3_000, 3_000},
		{7, 10_000, 7},
		{7, 0, 0},
	} {
		require.Equal(t, tc.want, types.BpsOf(math.NewInt(tc.amount), tc.bps).Int64(), "%d x %d bps", tc.amount, tc.bps)
	}
}

func TestSplitUpstream(t *testing.T) {
	for _, tc := range []struct {
		name     string
		upstream int64
		weights  []uint32
		want     []int64
	}{
		{"single parent takes all", 101, []uint32{10_000}, []int64{101}},
		{"even split", 100, []uint32{5_000, 5_000}, []int64{50, 50}},
		{"odd amount: remainder to first largest", 101, []uint32{5_000, 5_000}, []int64{51, 50}},
		{"remainder to largest weight", 10, []uint32{3_333, 3_334, 3_333}, []int64{3, 4, 3}},
		{"tiny amount", 1, []uint32{2_500, 7_500}, []int64{0, 1}},
		{"zero", 0, []uint32{2_500, 7_500}, []int64{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parents := make([]types.WeightedParent, len(tc.weights))
			for i, w := range tc.weights {
				parents[i] = types.WeightedParent{AssetID: uint64(i + 1), WeightBps: w}
			}
			got := types.SplitUpstream(math.NewInt(tc.upstream), parents)
			for i := range got {
				require.Equal(t, tc.want[i], got[i].Int64(), "parent %d", i)
			}
		})
	}
}

func TestAccrueAndOwed(t *testing.T) {
	// 100 micro-units over 3 units: 33.333... per unit, scaled carry 1e20 mod 3 = 1.
	index, carry := types.Accrue(math.ZeroInt(), math.ZeroInt(), math.NewInt(100), 3)
	require.Equal(t, "33333333333333333333", index.String())
	require.Equal(t, int64(1), carry.Int64())

	// A 1-unit member is owed 33 now with 0.333... carried as dust.
	pay, dust := types.Owed(1, math.ZeroInt(), math.ZeroInt(), index)
	require.Equal(t, int64(33), pay.Int64())
	require.Equal(t, "333333333333333333", dust.String())

	// Two more payments of 100: the carry and dust add up so the 1-unit member gets exactly 100 of 300.
	index, carry = types.Accrue(index, carry, math.NewInt(100), 3)
	index, carry = types.Accrue(index, carry, math.NewInt(100), 3)
	require.True(t, carry.IsZero())
	pay, dust = types.Owed(1, math.ZeroInt(), math.ZeroInt(), index)
	require.Equal(t, int64(100), pay.Int64())
	require.True(t, dust.IsZero())
}

// FuzzSplitConservation checks that a settlement never creates or loses a micro-unit: upstream parts add up, and
// after paying every member in full the pool keeps exactly the carry.
func FuzzSplitConservation(f *testing.F) {
	f.Add(uint64(1_000_003), uint16(3_000), uint16(4_000), uint16(6_000), uint64(7), uint64(13), uint64(1_000_000))
	f.Add(uint64(1), uint16(10_000), uint16(1), uint16(9_999), uint64(1), uint64(1), uint64(1))
	f.Fuzz(func(t *testing.T, amount uint64, upBps, w1, w2 uint16, u1, u2, u3 uint64) {
		up := uint32(upBps) % (types.BpsDenominator + 1)
		if w1 == 0 && w2 == 0 {
			w1 = 1
		}
		u1, u2, u3 = u1%1_000_000+1, u2%1_000_000+1, u3%1_000_000
		r := math.NewIntFromUint64(amount)
		upstream := types.BpsOf(r, up)
		parts := types.SplitUpstream(upstream, []types.WeightedParent{{1, uint32(w1)}, {2, uint32(w2)}})
		require.True(t, parts[0].Add(parts[1]).Equal(upstream))
		require.False(t, parts[0].IsNegative() || parts[1].IsNegative())

		rest := r.Sub(upstream)
		total := u1 + u2 + u3
		index, carry := math.ZeroInt(), math.ZeroInt()
		// Two rounds so carries feed the next accrual.
		half := rest.QuoRaw(2)
		index, carry = types.Accrue(index, carry, half, total)
		index, carry = types.Accrue(index, carry, rest.Sub(half), total)
		paid := math.ZeroInt()
		scaledLeft := carry
		for _, u := range []uint64{u1, u2, u3} {
			p, d := types.Owed(u, math.ZeroInt(), math.ZeroInt(), index)
			paid = paid.Add(p)
			scaledLeft = scaledLeft.Add(d)
		}
		// pool*1e18 == paid*1e18 + member dust + carry, exactly.
		require.True(t, rest.Mul(types.IndexPrecision).Equal(paid.Mul(types.IndexPrecision).Add(scaledLeft)))
		require.True(t, paid.LTE(rest))
	})
}
