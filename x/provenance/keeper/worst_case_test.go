package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// blockMaxGas is the block gas limit `tributaryd init` writes (cmd/tributaryd/cmd.BlockMaxGas).
const blockMaxGas = 100_000_000

// TestWorstLegalRegistrationFitsABlock measures the largest registration the param bounds allow:
// MaxMaxContributors contributors and MaxMaxParents parents, each parent itself citing
// MaxMaxParents parents (the largest compact record). It measures the registration with small
// parents, then the extra gas of reading one largest record instead of a small one, and adds
// that extra once per parent, plus the ante handler's 10 gas per transaction byte. The total must
// fit in a block (measured: ~54M of 100M); the numbers are the README's gas arithmetic.
func TestWorstLegalRegistrationFitsABlock(t *testing.T) {
	if testing.Short() {
		t.Skip("registers ~2,000 assets")
	}
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxParents, p.MaxContributors = types.MaxMaxParents, types.MaxMaxContributors
	require.NoError(t, f.k.Params.Set(f.ctx, p))

	roots := make([]uint64, types.MaxMaxParents)
	for i := range roots {
		d := f.dataset()
		d.Policy.MinDerivativeShareBps = 0
		roots[i] = f.register(t, d)
	}
	wide := f.model(roots...)
	wide.Policy = types.RoyaltyPolicy{UpstreamShareBps: types.BasisPoints}
	wideID := f.register(t, wide)

	readGas := func(id uint64) uint64 {
		ctx := f.ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).WithKVGasConfig(storetypes.KVGasConfig())
		_, err := f.k.GetAssetRecord(ctx, id)
		require.NoError(t, err)
		return ctx.GasMeter().GasConsumed()
	}
	extraPerParent := readGas(wideID) - readGas(roots[0])

	list := make([]types.Contributor, types.MaxMaxContributors)
	for i := range list {
		addr, err := f.ac.BytesToString(sdk.AccAddress([]byte{byte(i >> 8), byte(i), 'w', 'o', 'r', 's', 't', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
		require.NoError(t, err)
		list[i] = types.Contributor{Address: addr, Units: types.MaxTotalUnits / types.MaxMaxContributors}
	}
	worst := f.model(roots...)
	worst.Policy = types.RoyaltyPolicy{UpstreamShareBps: types.BasisPoints}
	worst.Contributors = types.NewContributorList(list...)
	txBytes := uint64(worst.Size())
	base := registrationGas(t, f, worst)
	total := base + types.MaxMaxParents*extraPerParent + 10*txBytes
	t.Logf("worst legal registration: %d gas measured (%d contributors, %d small parents) + %d parents x %d gas for the largest records + %d tx bytes x 10 = %d gas, %.1f%% of the %d block limit",
		base, types.MaxMaxContributors, types.MaxMaxParents, types.MaxMaxParents, extraPerParent, txBytes, total, 100*float64(total)/blockMaxGas, blockMaxGas)
	require.Less(t, total, uint64(blockMaxGas), "the worst legal registration must fit in a block")
}
