package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// TestMerkleCommitmentPaysAtMostMemberCount: a registrant declares member_count 2 and total_units 10 but commits
// four one-unit leaves (the chain never sees the member file). The units cap alone would let all four in (4 <= 10);
// member_count stops the third, whose claim fails with a registered error and pays nothing.
func TestMerkleCommitmentPaysAtMostMemberCount(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	order := []string{"e1", "e2", "e3", "e4"}
	leaves := map[string]uint64{"e1": 1, "e2": 1, "e3": 1, "e4": 1}
	c, proofs := hostileCommitment(t, f, 10, 2, leaves, order)
	id := f.AddMerkleAsset(0, nil, c)
	f.Fund("user", 1_000)
	_, err := f.Pay("user", id, 1_000)
	require.NoError(t, err)
	settleAll(t, f)

	for i, n := range order {
		ctx, write := f.Ctx.CacheContext()
		_, err := f.Msg.ClaimMerkle(ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(n), AssetId: id, Units: 1, Proof: proofs[n]})
		if i < 2 {
			require.NoError(t, err)
			write()
		} else {
			require.ErrorIs(t, err, types.ErrMemberCountExceeded, "member %d of a 2-member commitment", i+1)
			requireRoyaltyError(t, err)
			require.True(t, f.Balance(n).IsZero())
		}
		require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
	}
	count, err := f.Keeper.MerkleCounts.Get(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, uint64(2), count)
	// Each proven member holds 1 of the 10 declared units: 100 each, the rest stays in the pool.
	require.Equal(t, int64(100), f.Balance("e1").Int64())
	require.Equal(t, int64(100), f.Balance("e2").Int64())
}

// TestMerklePayoutAbovePoolIsRefused: the Merkle claim path takes its payout out of the asset's pool like a plain
// claim, and is refused with ErrPoolOverdrawn rather than paid from other assets' coins when the pool holds less.
func TestMerklePayoutAbovePoolIsRefused(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	id, proofs := merkleAsset(t, f, "m1", "m2") // 3 units
	other := f.AddAsset(0, nil, f.Member("y", 1))
	f.Fund("user", 2_000)
	for _, a := range []uint64{id, other} {
		_, err := f.Pay("user", a, 1_000)
		require.NoError(t, err)
	}
	settleAll(t, f)
	key := collections.Join(id, rtu.Denom)
	l, err := f.Keeper.Ledgers.Get(f.Ctx, key)
	require.NoError(t, err)
	l.Pool = sdkmath.NewInt(600) // m2 (2 of 3 units) is owed 666
	require.NoError(t, f.Keeper.Ledgers.Set(f.Ctx, key, l))

	ctx, _ := f.Ctx.CacheContext()
	_, err = f.Msg.ClaimMerkle(ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("m2"), AssetId: id, Units: 2, Proof: proofs["m2"]})
	require.ErrorIs(t, err, types.ErrPoolOverdrawn)
	require.True(t, f.Balance("m2").IsZero())
	_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("m1"), AssetId: id, Units: 1, Proof: proofs["m1"]})
	require.NoError(t, err, "m1's 333 fit the pool")
	require.Equal(t, int64(333), f.Balance("m1").Int64())
}
