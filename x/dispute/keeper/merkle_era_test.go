package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/dispute/types"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// TestReassignMerkleCommitment: REASSIGN of an asset whose contributors are a Merkle commitment. At the change a
// proven member is paid what it had accrued; the share of a member who never proved membership cannot be paid
// to anyone identifiable and goes to the community pool (docs/security.md, open); afterwards the old
// memberships count for nothing and everything reaches the new list.
func TestReassignMerkleCommitment(t *testing.T) {
	f := newFixture(t)
	m1, _ := f.Addr("m1")
	m2, _ := f.Addr("m2")
	members := []provtypes.Member{{Address: m1, Units: 1}, {Address: m2, Units: 3}}
	c, _, err := provtypes.BuildCommitment(members, f.CID())
	require.NoError(t, err)
	d1 := f.AddMerkleAsset(0, nil, c)
	f.Fund("payer", 10_000_000)
	f.Fund("alice", 10*bond)
	_, err = f.Pay("payer", d1, 1_000_000)
	require.NoError(t, err)
	f.endBlock()

	// m1 proves membership and claims its 247,500 before the dispute, then 1,000,000 more is paid and settled.
	proof, err := provtypes.MerkleProof(members, 0)
	require.NoError(t, err)
	_, err = f.Msg.ClaimMerkle(f.Ctx, &rtypes.MsgClaimMerkle{Claimant: f.Bech32("m1"), AssetId: d1, Units: 1, Proof: proof})
	require.NoError(t, err)
	require.Equal(t, int64(247_500), f.Balance("m1").Int64())
	_, err = f.Pay("payer", d1, 1_000_000)
	require.NoError(t, err)
	f.endBlock()

	id, err := f.open("alice", d1, types.Remedy_REMEDY_REASSIGN, provtypes.ParentEdge{}, list(f.Member("alice", 1)))
	require.NoError(t, err)
	pool0 := f.pool()
	_, err = f.DMsg.AcceptDispute(f.Ctx, &types.MsgAcceptDispute{Owner: f.Bech32("owner"), DisputeId: id})
	require.NoError(t, err)
	f.conserved()
	require.Equal(t, int64(2*247_500), f.Balance("m1").Int64(), "the proven member's accrual is paid at the change")
	require.Equal(t, int64(2*742_500), f.pool().Sub(pool0).Int64(), "the unproven member's share")

	_, err = f.Pay("payer", d1, 1_000_000)
	require.NoError(t, err)
	f.endBlock()
	f.conserved()
	require.Equal(t, int64(990_000), f.claimed("alice"))
	require.Zero(t, f.claimed("m1"), "a membership of the replaced commitment counts for nothing")
	_, err = f.Msg.ClaimMerkle(f.Ctx, &rtypes.MsgClaimMerkle{Claimant: f.Bech32("m2"), AssetId: d1, Units: 3, Proof: proof})
	require.ErrorIs(t, err, rtypes.ErrNotMerkleAsset)
	f.conserved()
}
