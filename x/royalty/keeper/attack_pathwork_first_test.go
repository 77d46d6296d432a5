package keeper_test

import (
	"fmt"
	stdmath "math"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
)

// First settlements: an asset whose route is not cached yet is always queued, so its first settlement is
// unpriced. Farming it takes a registration per settlement: 40 fresh assets at the worst shape the defaults allow
// (64 parents, 256 contributors), each paid 2 utrib (1 of fee, 1 of revenue). Each first settlement caches the
// route, settles nothing below the threshold and credits no parent; it costs less gas than the registration
// that made it possible (which its registrant paid for), and the next round of 2-utrib payments costs no
// settlement at all.
func TestAttackFirstSettlementFarming(t *testing.T) {
	f := rtu.NewFixture()
	var roots []uint64
	for range 64 {
		roots = append(roots, f.AddAsset(0, nil, f.Member("root", 1)))
	}
	members := make([]provtypes.Contributor, 256)
	for i := range members {
		members[i] = f.Member(fmt.Sprintf("m%d", i), 1)
	}
	var farm []uint64
	var regGas uint64
	for range 40 {
		msg := f.Registration(10_000, fullParents(roots), provtypes.NewContributorList(members...))
		var id uint64
		gas := gasOf(f, func(ctx sdk.Context) error {
			res, err := f.ProvMsg.RegisterAsset(ctx, msg)
			if err == nil {
				id = res.Id
			}
			return err
		})
		regGas = max(regGas, gas)
		farm = append(farm, id)
	}
	f.Fund("attacker", 1_000)
	for _, id := range farm {
		_, err := f.Pay("attacker", id, 2)
		require.NoError(t, err)
	}
	rep, err := f.Keeper.Settle(f.Ctx.WithEventManager(sdk.NewEventManager()), stdmath.MaxUint64)
	require.NoError(t, err)
	require.Equal(t, len(farm), rep.Settled, "each farmed asset settles once, to cache its route")
	perStep := rep.GasUsed / uint64(rep.Settled)
	t.Logf("first settlement: %d gas per asset; registration: up to %d gas", perStep, regGas)
	require.Less(t, perStep, regGas, "a first settlement costs more than the registration that bought it")
	require.Zero(t, pendingTotal(t, f)-int64(len(farm)), "each revenue waits at its asset")
	require.Zero(t, claimable(t, f, "root"), "a first settlement credited a parent")
	for _, root := range roots {
		has, err := f.Keeper.Pending.Has(f.Ctx, collections.Join(root, rtu.Denom))
		require.NoError(t, err)
		require.False(t, has, "a first settlement credited parent %d", root)
	}
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))

	// The routes are cached: the next round is priced, and 1 utrib of revenue each queues nothing.
	for _, id := range farm {
		_, err := f.Pay("attacker", id, 2)
		require.NoError(t, err)
	}
	require.Zero(t, queueLen(t, f))
}
