package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// TestRebuildMerkleCountsOnOldState: state written the old way (memberships proven, no counts, as before
// member_count was enforced) gets its counts back, and the cap then counts the members proven before it.
func TestRebuildMerkleCountsOnOldState(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	order := []string{"o1", "o2", "o3"}
	c, proofs := hostileCommitment(t, f, 10, 2, map[string]uint64{"o1": 1, "o2": 1, "o3": 1}, order)
	id := f.AddMerkleAsset(0, nil, c)
	other, _ := merkleAsset(t, f, "q1", "q2")
	// The old layout: memberships and proven units only.
	for _, n := range []string{"o1", "o2"} {
		addr, _ := f.Addr(n)
		require.NoError(t, f.Keeper.MerkleMembers.Set(f.Ctx, collections.Join(addr, id), 1))
	}
	q1, _ := f.Addr("q1")
	require.NoError(t, f.Keeper.MerkleMembers.Set(f.Ctx, collections.Join(q1, other), 1))
	require.NoError(t, f.Keeper.MerkleUnits.Set(f.Ctx, id, 2))
	require.NoError(t, f.Keeper.MerkleUnits.Set(f.Ctx, other, 1))

	require.NoError(t, f.Keeper.RebuildMerkleCounts(f.Ctx))
	for asset, want := range map[uint64]uint64{id: 2, other: 1} {
		got, err := f.Keeper.MerkleCounts.Get(f.Ctx, asset)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err := f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("o3"), AssetId: id, Units: 1, Proof: proofs["o3"]})
	require.ErrorIs(t, err, types.ErrMemberCountExceeded, "the two members proven before the upgrade count")
}
