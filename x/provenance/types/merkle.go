package types

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Domain separation of the contributor Merkle tree (see the module README):
//
//	leaf = sha256(0x00 || "tributary.contributor.v1" || uint8(len(addr)) || addr || uint64_be(units))
//	node = sha256(0x01 || min(a, b) || max(a, b))   (a, b compared as bytes)
//
// A level with an odd number of nodes promotes its last node unchanged; a
// one-member tree's root is its leaf. Because pairs are sorted, a proof is
// just the sibling hashes from the leaf up, without left/right flags.
const (
	merkleLeafPrefix = 0x00
	merkleNodePrefix = 0x01
	// MerkleLeafDomain tags leaves so that they cannot be confused with the
	// leaves of any other tree that uses the same hash.
	MerkleLeafDomain = "tributary.contributor.v1"
)

// Member is one member of a Merkle commitment.
type Member struct {
	// Address is the member's account address bytes.
	Address sdk.AccAddress
	// Units is the member's weight; positive.
	Units uint64
}

// MerkleLeaf returns the leaf hash of a member.
func MerkleLeaf(addr sdk.AccAddress, units uint64) [32]byte {
	var buf [1 + len(MerkleLeafDomain) + 1 + 255 + 8]byte
	n := 0
	buf[n] = merkleLeafPrefix
	n++
	n += copy(buf[n:], MerkleLeafDomain)
	buf[n] = byte(len(addr))
	n++
	n += copy(buf[n:], addr)
	binary.BigEndian.PutUint64(buf[n:], units)
	n += 8
	return sha256.Sum256(buf[:n])
}

// merkleNode returns the parent hash of two sibling hashes.
func merkleNode(a, b []byte) [32]byte {
	if bytes.Compare(a, b) > 0 {
		a, b = b, a
	}
	var buf [1 + 32 + 32]byte
	buf[0] = merkleNodePrefix
	copy(buf[1:], a)
	copy(buf[33:], b)
	return sha256.Sum256(buf[:])
}

// MerkleTree holds every level of a contributor Merkle tree, leaves first:
// 2n hashes of 32 bytes for n leaves.
type MerkleTree struct {
	levels [][][32]byte
}

// BuildMerkleTree builds the tree of the given leaves, in their order.
func BuildMerkleTree(leaves [][32]byte) (*MerkleTree, error) {
	if len(leaves) == 0 {
		return nil, errorsmod.Wrap(ErrInvalidMerkle, "a Merkle tree needs at least one leaf")
	}
	t := &MerkleTree{levels: [][][32]byte{leaves}}
	for level := leaves; len(level) > 1; {
		next := make([][32]byte, (len(level)+1)/2)
		for i := 0; i+1 < len(level); i += 2 {
			next[i/2] = merkleNode(level[i][:], level[i+1][:])
		}
		if len(level)%2 == 1 {
			next[len(next)-1] = level[len(level)-1]
		}
		t.levels = append(t.levels, next)
		level = next
	}
	return t, nil
}

// Root returns the root hash.
func (t *MerkleTree) Root() [32]byte {
	return t.levels[len(t.levels)-1][0]
}

// Len returns the number of leaves.
func (t *MerkleTree) Len() int {
	return len(t.levels[0])
}

// Proof returns the proof of the leaf at index i: its sibling hashes from the
// bottom level up, skipping levels where the node had no sibling.
func (t *MerkleTree) Proof(i int) ([][]byte, error) {
	if i < 0 || i >= t.Len() {
		return nil, errorsmod.Wrapf(ErrInvalidMerkleProof, "leaf index %d out of range [0, %d)", i, t.Len())
	}
	var proof [][]byte
	for _, level := range t.levels[:len(t.levels)-1] {
		sibling := i ^ 1
		if sibling < len(level) {
			h := level[sibling]
			proof = append(proof, h[:])
		}
		i /= 2
	}
	return proof, nil
}

// MerkleLeaves returns the leaf hashes of members, in order.
func MerkleLeaves(members []Member) [][32]byte {
	leaves := make([][32]byte, len(members))
	for i, m := range members {
		leaves[i] = MerkleLeaf(m.Address, m.Units)
	}
	return leaves
}

// MerkleRoot returns the root of the tree of members, in order.
func MerkleRoot(members []Member) ([32]byte, error) {
	t, err := BuildMerkleTree(MerkleLeaves(members))
	if err != nil {
		return [32]byte{}, err
	}
	return t.Root(), nil
}

// MerkleProof returns the proof of members[i] in the tree of members.
func MerkleProof(members []Member, i int) ([][]byte, error) {
	t, err := BuildMerkleTree(MerkleLeaves(members))
	if err != nil {
		return nil, err
	}
	return t.Proof(i)
}

// VerifyMerkleProof reports whether (addr, units) is a member of the tree
// with the given root according to proof.
func VerifyMerkleProof(root []byte, addr sdk.AccAddress, units uint64, proof [][]byte) bool {
	if len(root) != MerkleRootLength || len(addr) > 255 {
		return false
	}
	h := MerkleLeaf(addr, units)
	for _, sibling := range proof {
		if len(sibling) != 32 {
			return false
		}
		h = merkleNode(h[:], sibling)
	}
	return bytes.Equal(h[:], root)
}

// BuildCommitment builds the Merkle commitment of members, in order, whose
// members file has CID membersCID, and returns it with the tree from which
// every member's proof can be read (tree.Proof(i) for members[i]). It checks
// what registration checks: at least one member, positive units, unique
// addresses, a total of at most MaxTotalUnits.
func BuildCommitment(members []Member, membersCID string) (MerkleCommitment, *MerkleTree, error) {
	if len(members) == 0 {
		return MerkleCommitment{}, nil, errorsmod.Wrap(ErrInvalidMerkle, "a commitment needs at least one member")
	}
	seen := make(map[string]int, len(members))
	var total uint64
	for i, m := range members {
		if len(m.Address) == 0 || len(m.Address) > 255 {
			return MerkleCommitment{}, nil, errorsmod.Wrapf(ErrInvalidAddress, "member %d: address of %d bytes", i, len(m.Address))
		}
		if j, dup := seen[string(m.Address)]; dup {
			return MerkleCommitment{}, nil, errorsmod.Wrapf(ErrDuplicateContributor, "members %d and %d have the same address", j, i)
		}
		seen[string(m.Address)] = i
		if err := ValidateUnits(fmt.Sprintf("member %d", i), m.Units); err != nil {
			return MerkleCommitment{}, nil, err
		}
		var err error
		if total, err = AddUnits(total, m.Units); err != nil {
			return MerkleCommitment{}, nil, errorsmod.Wrapf(err, "member %d", i)
		}
	}
	t, err := BuildMerkleTree(MerkleLeaves(members))
	if err != nil {
		return MerkleCommitment{}, nil, err
	}
	root := t.Root()
	return MerkleCommitment{
		Root:        root[:],
		MemberCount: uint64(len(members)),
		TotalUnits:  total,
		MembersCid:  membersCID,
	}, t, nil
}

// String implements fmt.Stringer for logs and CLI output.
func (m Member) String() string {
	return fmt.Sprintf("%s:%d", m.Address, m.Units)
}
