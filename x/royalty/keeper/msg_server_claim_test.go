package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

func noFee(f *rtu.Fixture) {
	f.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 0, SettlementGasBudget: types.DefaultSettlementGasBudget, MaxClaimAssets: 3})
}

func TestClaim(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	a := f.AddAsset(0, nil, f.Member("x", 1), f.Member("y", 1))
	b := f.AddAsset(0, nil, f.Member("x", 1))
	c := f.AddAsset(0, nil, f.Member("y", 1))
	f.Fund("user", 1_000)

	_, err := f.Claim("x")
	require.ErrorIs(t, err, types.ErrNothingToClaim, "nothing accrued yet")

	for _, id := range []uint64{a, b, c} {
		_, err := f.Pay("user", id, 100)
		require.NoError(t, err)
	}
	require.NoError(t, f.Settle())

	for _, tc := range []struct {
		name string
		msg  types.MsgClaim
		want error
	}{
		{"bad address", types.MsgClaim{Claimant: "nope"}, types.ErrInvalidAddress},
		{"not a contributor", types.MsgClaim{Claimant: f.Bech32("x"), AssetIds: []uint64{c}}, types.ErrNothingToClaim},
		{"unknown asset", types.MsgClaim{Claimant: f.Bech32("x"), AssetIds: []uint64{77}}, types.ErrUnknownAsset},
		{"duplicate ids", types.MsgClaim{Claimant: f.Bech32("x"), AssetIds: []uint64{a, a}}, types.ErrInvalidRequest},
		{"too many ids", types.MsgClaim{Claimant: f.Bech32("x"), AssetIds: []uint64{a, b, c, 4}}, types.ErrTooManyAssets},
		{"stranger", types.MsgClaim{Claimant: f.Bech32("z")}, types.ErrNothingToClaim},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Msg.Claim(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			require.True(t, f.Balance("x").IsZero())
		})
	}

	got, err := f.Claim("x", b)
	require.NoError(t, err)
	require.Equal(t, int64(100), got.Amount.AmountOf(rtu.Denom).Int64(), "only the chosen asset")
	require.Equal(t, []uint64{b}, got.AssetIds)
	got, err = f.Claim("x")
	require.NoError(t, err)
	require.Equal(t, int64(50), got.Amount.AmountOf(rtu.Denom).Int64(), "the rest, discovered from the contributor index")
	_, err = f.Claim("x")
	require.ErrorIs(t, err, types.ErrNothingToClaim, "a second claim has nothing left")

	got, err = f.Claim("y")
	require.NoError(t, err)
	require.Equal(t, []uint64{a, c}, got.AssetIds)
	require.Equal(t, int64(150), f.Balance("y").Int64())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// merkleAsset registers a Merkle-committed asset of the named members (units 1, 2, 3, ...) and returns the id
// and the proofs by name.
func merkleAsset(t *testing.T, f *rtu.Fixture, names ...string) (uint64, map[string][][]byte) {
	t.Helper()
	members := make([]provtypes.Member, len(names))
	for i, n := range names {
		addr, _ := f.Addr(n)
		members[i] = provtypes.Member{Address: addr, Units: uint64(i + 1)}
	}
	c, tree, err := provtypes.BuildCommitment(members, f.CID())
	require.NoError(t, err)
	id := f.AddMerkleAsset(0, nil, c)
	proofs := map[string][][]byte{}
	for i, n := range names {
		proofs[n], err = tree.Proof(i)
		require.NoError(t, err)
	}
	return id, proofs
}

func TestClaimMerkle(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	crowd, proofs := merkleAsset(t, f, "m1", "m2", "m3", "m4") // 10 units in all
	other, otherProofs := merkleAsset(t, f, "m2", "m5")
	explicit := f.AddAsset(0, nil, f.Member("m1", 1))
	f.Fund("user", 10_000)
	_, err := f.Pay("user", crowd, 1_000)
	require.NoError(t, err)
	require.NoError(t, f.Settle())

	claim := func(name string, asset, units uint64, proof [][]byte) (*types.MsgClaimMerkleResponse, error) {
		return f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(name), AssetId: asset, Units: units, Proof: proof})
	}
	for _, tc := range []struct {
		name     string
		claimant string
		asset    uint64
		units    uint64
		proof    [][]byte
		want     error
	}{
		{"another member's proof", "m3", crowd, 2, proofs["m2"], types.ErrInvalidMerkleProof},
		{"wrong units", "m2", crowd, 3, proofs["m2"], types.ErrInvalidMerkleProof},
		{"proof for another asset", "m2", crowd, 1, otherProofs["m2"], types.ErrInvalidMerkleProof},
		{"non-member", "mallory", crowd, 1, proofs["m1"], types.ErrInvalidMerkleProof},
		{"zero units", "m2", crowd, 0, proofs["m2"], types.ErrInvalidMerkleProof},
		{"short hash", "m2", crowd, 2, [][]byte{{1, 2}}, types.ErrInvalidMerkleProof},
		{"explicit list asset", "m1", explicit, 1, proofs["m1"], types.ErrNotMerkleAsset},
		{"unknown asset", "m1", 99, 1, proofs["m1"], types.ErrUnknownAsset},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := claim(tc.claimant, tc.asset, tc.units, tc.proof)
			require.ErrorIs(t, err, tc.want)
			require.True(t, f.Balance(tc.claimant).IsZero())
		})
	}

	got, err := claim("m2", crowd, 2, proofs["m2"])
	require.NoError(t, err)
	require.Equal(t, int64(200), got.Amount.AmountOf(rtu.Denom).Int64(), "2 of 10 units of 1,000")
	_, err = claim("m2", crowd, 2, proofs["m2"])
	require.ErrorIs(t, err, types.ErrAlreadyRegistered, "a proof cannot be replayed")

	_, err = f.Claim("m3", crowd)
	require.ErrorIs(t, err, types.ErrNothingToClaim, "an unproven member must prove first")

	// Later revenue is claimed with MsgClaim, without a proof.
	_, err = f.Pay("user", crowd, 500)
	require.NoError(t, err)
	require.NoError(t, f.Settle())
	resp, err := f.Query.Claimable(f.Ctx, &types.QueryClaimableRequest{Address: f.Bech32("m2")})
	require.NoError(t, err)
	require.Equal(t, []types.ClaimableEntry{{AssetId: crowd, Amount: sdk.NewCoins(sdk.NewInt64Coin(rtu.Denom, 100))}}, resp.Entries)
	out, err := f.Claim("m2")
	require.NoError(t, err)
	require.Equal(t, int64(100), out.Amount.AmountOf(rtu.Denom).Int64())
	require.Equal(t, int64(300), f.Balance("m2").Int64())

	// A member who proves late still gets everything since the first payment.
	got, err = claim("m4", crowd, 4, proofs["m4"])
	require.NoError(t, err)
	require.Equal(t, int64(600), got.Amount.AmountOf(rtu.Denom).Int64(), "4 of 10 units of 1,500")

	// Proving membership with nothing accrued registers without paying.
	got, err = claim("m5", other, 2, otherProofs["m5"])
	require.NoError(t, err)
	require.True(t, got.Amount.IsZero())
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}

// TestOversubscribedCommitment: the chain never sees the member file, so a registrant may commit leaves worth
// more units than the declared total; proofs beyond the total are refused and the pool is never overdrawn.
func TestOversubscribedCommitment(t *testing.T) {
	f := rtu.NewFixture()
	noFee(f)
	a1, _ := f.Addr("m1")
	a2, _ := f.Addr("m2")
	c, tree, err := provtypes.BuildCommitment([]provtypes.Member{{Address: a1, Units: 5}, {Address: a2, Units: 5}}, "cid")
	require.NoError(t, err)
	c.TotalUnits = 6 // the registrant lies
	id := f.AddMerkleAsset(0, nil, c)
	f.Fund("user", 600)
	_, err = f.Pay("user", id, 600)
	require.NoError(t, err)
	require.NoError(t, f.Settle())

	p1, err := tree.Proof(0)
	require.NoError(t, err)
	p2, err := tree.Proof(1)
	require.NoError(t, err)
	got, err := f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("m1"), AssetId: id, Units: 5, Proof: p1})
	require.NoError(t, err)
	require.Equal(t, int64(500), got.Amount.AmountOf(rtu.Denom).Int64())
	_, err = f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32("m2"), AssetId: id, Units: 5, Proof: p2})
	require.ErrorIs(t, err, types.ErrOversubscribed)
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
}
