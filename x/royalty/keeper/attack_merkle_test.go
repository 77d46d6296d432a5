package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// hostileCommitment builds a commitment whose leaves are what the attacker wants, whatever their sum, with the
// declared total and member count the attacker chooses: the chain never sees the member file, so nothing
// stops a registrant from committing it. It returns the commitment and each member's proof.
func hostileCommitment(t *testing.T, f *rtu.Fixture, total, count uint64, leaves map[string]uint64, order []string) (provtypes.MerkleCommitment, map[string][][]byte) {
	t.Helper()
	members := make([]provtypes.Member, len(order))
	for i, n := range order {
		addr, _ := f.Addr(n)
		members[i] = provtypes.Member{Address: addr, Units: leaves[n]}
	}
	tree, err := provtypes.BuildMerkleTree(provtypes.MerkleLeaves(members))
	require.NoError(t, err)
	root := tree.Root()
	proofs := map[string][][]byte{}
	for i, n := range order {
		proofs[n], err = tree.Proof(i)
		require.NoError(t, err)
	}
	return provtypes.MerkleCommitment{Root: root[:], MemberCount: count, TotalUnits: total, MembersCid: f.CID()}, proofs
}

// TestMerkleDrainIsImpossible is finding 1 of issue 10: a commitment whose every leaf carries the whole declared
// total (x/provenance now refuses the original 2^64-1, so the largest legal total, provtypes.MaxTotalUnits). With
// the proven-units sum done in wrapping uint64 arithmetic and a 2^64-1 total, the second member's proof passed the
// cap and each member withdrew about the whole pool of the asset, paid out of the honest asset's
// coins. Now the attacker's members together get at most what the attacker's asset earned, the honest contributor
// is paid in full, and conservation holds to the micro-unit.
func TestMerkleDrainIsImpossible(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	honest := f.AddAsset(0, nil, f.Member("honest", 1))
	order := []string{"evil1", "evil2", "evil3", "evil4"}
	leaves := map[string]uint64{}
	for _, n := range order {
		leaves[n] = provtypes.MaxTotalUnits
	}
	c, proofs := hostileCommitment(t, f, provtypes.MaxTotalUnits, uint64(len(order)), leaves, order)
	evil := f.AddMerkleAsset(0, nil, c)

	f.Fund("user", 9_900_000)
	f.Fund("attacker", 1_000_000)
	_, err := f.Pay("user", honest, 9_900_000)
	require.NoError(t, err)
	_, err = f.Pay("attacker", evil, 1_000_000)
	require.NoError(t, err)
	require.NoError(t, f.Settle())

	var taken int64
	for i, n := range order {
		_, err := f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(n), AssetId: evil, Units: leaves[n], Proof: proofs[n]})
		if i == 0 {
			require.NoError(t, err, "the first leaf fits the declared total")
		} else {
			require.ErrorIs(t, err, types.ErrOversubscribed, "member %s: the proven units would exceed the declared total", n)
		}
		require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
		taken += f.Balance(n).Int64()
	}
	require.LessOrEqual(t, taken, int64(1_000_000), "the attacker's members got more than the attacker's asset earned")

	got, err := f.Claim("honest")
	require.NoError(t, err, "the honest contributor is paid")
	require.Equal(t, int64(9_900_000), got.Amount.AmountOf(rtu.Denom).Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// TestPayoutAbovePoolIsRefused: should an asset's ledger ever hold less than its members are owed (a corrupt
// import, a future accounting bug), a claim fails with ErrPoolOverdrawn and pays nothing, instead of driving the
// pool negative with other assets' coins.
func TestPayoutAbovePoolIsRefused(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	id := f.AddAsset(0, nil, f.Member("x", 1))
	other := f.AddAsset(0, nil, f.Member("y", 1))
	f.Fund("user", 2_000)
	for _, a := range []uint64{id, other} {
		_, err := f.Pay("user", a, 1_000)
		require.NoError(t, err)
	}
	require.NoError(t, f.Settle())
	key := collections.Join(id, rtu.Denom)
	l, err := f.Keeper.Ledgers.Get(f.Ctx, key)
	require.NoError(t, err)
	l.Pool = sdkmath.NewInt(999)
	require.NoError(t, f.Keeper.Ledgers.Set(f.Ctx, key, l))

	_, err = f.Claim("x")
	require.ErrorIs(t, err, types.ErrPoolOverdrawn)
	require.True(t, f.Balance("x").IsZero())
}
