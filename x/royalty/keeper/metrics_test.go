package keeper

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
)

// A payment above 2^63 base units is legal; its metric must not panic the handler (Int64 would).
func TestMetricAmountBeyondInt64(t *testing.T) {
	huge := math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 100))
	if got, want := metricAmount(huge), float32(1<<50)*float32(1<<50); got != want {
		t.Fatalf("metricAmount(2^100) = %g, want %g", got, want)
	}
	if got := metricAmount(math.NewInt(1_000_000)); got != 1_000_000 {
		t.Fatalf("metricAmount(1e6) = %g", got)
	}
}
