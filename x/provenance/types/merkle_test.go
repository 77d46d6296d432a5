package types_test

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

func unhex(t testing.TB, s string) []byte {
	bz, err := hex.DecodeString(s)
	require.NoError(t, err)
	return bz
}

// vectorMembers are the README's test vector members: address i is 20 bytes
// of value i, with i units.
func vectorMembers() []types.Member {
	var ms []types.Member
	for i := byte(1); i <= 3; i++ {
		ms = append(ms, types.Member{Address: bytes.Repeat([]byte{i}, 20), Units: uint64(i)})
	}
	return ms
}

// TestMerkleVectors pins the encoding: the values were computed by an
// independent implementation of the README's specification (Python hashlib).
func TestMerkleVectors(t *testing.T) {
	ms := vectorMembers()
	leaves := []string{
		"13ca26d882a560124c58027910fac6f660b8ede09aabfbaf83a3ace89b7aa3e0",
		"0b8a9945fd5c20aab33b545b38b9a77170507436a0ab26e5fff61991b00866a2",
		"ce04eef18c4e59e7aa477b8c015d8e7b090b4b204275b75ededdfe83c0f036f2",
	}
	for i, want := range leaves {
		got := types.MerkleLeaf(ms[i].Address, ms[i].Units)
		require.Equal(t, want, hex.EncodeToString(got[:]), "leaf %d", i+1)
	}
	roots := []string{
		"13ca26d882a560124c58027910fac6f660b8ede09aabfbaf83a3ace89b7aa3e0",
		"9a793896b222664f13c11b4b1c41e2725898fd56c9b76886864576ee1e5e1b35",
		"75853aecda2df60736d9b63387c87f35ffe54072102edb1f06348f59e299587c",
	}
	for n, want := range roots {
		root, err := types.MerkleRoot(ms[:n+1])
		require.NoError(t, err)
		require.Equal(t, want, hex.EncodeToString(root[:]), "root of %d members", n+1)
	}
	// In the 3-member tree member 3 is promoted once, so its proof is the
	// single node over members 1 and 2.
	proof, err := types.MerkleProof(ms, 2)
	require.NoError(t, err)
	require.Equal(t, [][]byte{unhex(t, roots[1])}, proof)
	proof, err = types.MerkleProof(ms, 0)
	require.NoError(t, err)
	require.Equal(t, [][]byte{unhex(t, leaves[1]), unhex(t, leaves[2])}, proof)
}

func TestMerkleProofs(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 100} {
		ms := randomMembers(r, n)
		c, tree, err := types.BuildCommitment(ms, "")
		require.NoError(t, err)
		for i, m := range ms {
			proof, err := tree.Proof(i)
			require.NoError(t, err)
			require.True(t, types.VerifyMerkleProof(c.Root, m.Address, m.Units, proof), "n=%d i=%d", n, i)
			require.False(t, types.VerifyMerkleProof(c.Root, m.Address, m.Units+1, proof), "wrong units")
			other := append(sdk.AccAddress{}, m.Address...)
			other[0] ^= 1
			require.False(t, types.VerifyMerkleProof(c.Root, other, m.Units, proof), "wrong address")
			if len(proof) > 0 {
				require.False(t, types.VerifyMerkleProof(c.Root, m.Address, m.Units, proof[:len(proof)-1]), "short proof")
			}
		}
	}
	_, err := types.BuildMerkleTree(nil)
	require.ErrorIs(t, err, types.ErrInvalidMerkle)
	_, _, err = types.BuildCommitment(nil, "")
	require.ErrorIs(t, err, types.ErrInvalidMerkle)
	_, _, err = types.BuildCommitment([]types.Member{{Address: sdk.AccAddress("a"), Units: 0}}, "")
	require.ErrorIs(t, err, types.ErrZeroUnits)
	_, _, err = types.BuildCommitment([]types.Member{{Address: sdk.AccAddress("a"), Units: 1}, {Address: sdk.AccAddress("a"), Units: 1}}, "")
	require.ErrorIs(t, err, types.ErrDuplicateContributor)
	// An internal node is not a leaf: a proof cannot stop half way up.
	ms := vectorMembers()
	tree, err := types.BuildMerkleTree(types.MerkleLeaves(ms))
	require.NoError(t, err)
	root := tree.Root()
	require.False(t, types.VerifyMerkleProof(root[:], nil, 0, nil))
}

func randomMembers(r *rand.Rand, n int) []types.Member {
	ms := make([]types.Member, n)
	for i := range ms {
		addr := make([]byte, 20)
		r.Read(addr)
		ms[i] = types.Member{Address: addr, Units: uint64(r.Intn(1000) + 1)}
	}
	return ms
}

func TestMembersFile(t *testing.T) {
	ac := addresscodec.NewBech32Codec("trib")
	ms := vectorMembers()
	bz, err := types.MembersFileBytes(ac, ms)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(bz), "address,units\ntrib1"))
	parsed, err := types.ParseMembersFile(bytes.NewReader(bz), ac)
	require.NoError(t, err)
	require.Equal(t, ms, parsed)
	crlf := strings.ReplaceAll(string(bz), "\n", "\r\n")
	parsed, err = types.ParseMembersFile(strings.NewReader(crlf), ac)
	require.NoError(t, err)
	require.Equal(t, ms, parsed)

	a1, _ := ac.BytesToString(ms[0].Address)
	bad := []string{
		"",
		"address,units\n",
		"addr,units\n" + a1 + ",1\n",
		"address,units\n" + a1 + ",0\n",
		"address,units\n" + a1 + ",+1\n",
		"address,units\n" + a1 + ", 1\n",
		"address,units\n" + a1 + ",18446744073709551616\n",
		"address,units\n" + a1 + ",1\n" + a1 + ",2\n",
		"address,units\n" + a1 + "\n",
		"address,units\ncosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu,1\n",
		"address,units\n\n",
	}
	for _, s := range bad {
		_, err := types.ParseMembersFile(strings.NewReader(s), ac)
		require.ErrorIs(t, err, types.ErrInvalidMembersFile, "%q", s)
	}
}

// BenchmarkMerkleCommitment1M builds the commitment of 1,000,000 members
// (leaves, tree, root) and one proof. The tree holds 2n 32-byte hashes.
func BenchmarkMerkleCommitment1M(b *testing.B) {
	ms := randomMembers(rand.New(rand.NewSource(42)), 1_000_000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c, tree, err := types.BuildCommitment(ms, "")
		if err != nil {
			b.Fatal(err)
		}
		proof, err := tree.Proof(777_777)
		if err != nil || !types.VerifyMerkleProof(c.Root, ms[777_777].Address, ms[777_777].Units, proof) {
			b.Fatal("proof does not verify", err)
		}
		b.ReportMetric(float64(len(proof)), "proof-hashes")
	}
}

func ExampleBuildCommitment() {
	ms := vectorMembers()
	c, tree, _ := types.BuildCommitment(ms, "")
	proof, _ := tree.Proof(2)
	fmt.Println(hex.EncodeToString(c.Root), c.MemberCount, c.TotalUnits, len(proof))
	// Output: 75853aecda2df60736d9b63387c87f35ffe54072102edb1f06348f59e299587c 3 6 1
}
