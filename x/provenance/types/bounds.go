package types

import (
	"math/bits"

	errorsmod "cosmossdk.io/errors"
)

// Absolute bounds on the numbers a registrant declares. The chain never sees a
// Merkle commitment's members file, so it cannot check the declared totals
// against the leaves; it can refuse totals that no honest crowd needs and that
// would let sums of units approach 64 bits.
const (
	// MaxTotalUnits bounds an asset's total units (a list's sum or a
	// commitment's total_units), and so any one member's units: 10^15 gives a
	// billion members a million units each. Any 18,446 such totals still add
	// up in 64 bits, so x/royalty's running sums of proven units (at most the
	// total plus one member's units) can never wrap, and units x 10,000 bps
	// fits in a uint64.
	MaxTotalUnits uint64 = 1_000_000_000_000_000
	// MaxMemberCount bounds a Merkle commitment's member_count: more than any
	// crowd (a billion), small enough that a count never nears 64 bits.
	MaxMemberCount uint64 = 1_000_000_000
)

// ValidateUnits checks one contributor's or member's units: positive and at
// most MaxTotalUnits. field names the contributor in the error.
func ValidateUnits(field string, units uint64) error {
	if units == 0 {
		return errorsmod.Wrapf(ErrZeroUnits, "%s has 0 units", field)
	}
	if units > MaxTotalUnits {
		return errorsmod.Wrapf(ErrUnitsOutOfRange, "%s has %d units, at most %d", field, units, MaxTotalUnits)
	}
	return nil
}

// AddUnits returns total + units, or an error when the sum overflows 64 bits
// or exceeds MaxTotalUnits.
func AddUnits(total, units uint64) (uint64, error) {
	sum, carry := bits.Add64(total, units, 0)
	if carry != 0 || sum > MaxTotalUnits {
		return 0, errorsmod.Wrapf(ErrUnitsOutOfRange, "the units add up to more than %d", MaxTotalUnits)
	}
	return sum, nil
}

// ValidateMerkleCommitment checks the shape of a commitment: a 32-byte root,
// 1 to MaxMemberCount members, 1 to MaxTotalUnits total units and at least one
// unit per member. The members CID is checked by ParseCID.
func ValidateMerkleCommitment(m *MerkleCommitment) error {
	if m == nil {
		return errorsmod.Wrap(ErrInvalidMerkle, "empty Merkle commitment")
	}
	if len(m.Root) != MerkleRootLength {
		return errorsmod.Wrapf(ErrInvalidMerkle, "root is %d bytes, must be %d", len(m.Root), MerkleRootLength)
	}
	if m.MemberCount == 0 {
		return errorsmod.Wrap(ErrInvalidMerkle, "member_count is 0: a commitment needs at least one member")
	}
	if m.MemberCount > MaxMemberCount {
		return errorsmod.Wrapf(ErrUnitsOutOfRange, "member_count is %d, at most %d", m.MemberCount, MaxMemberCount)
	}
	if m.TotalUnits == 0 {
		return errorsmod.Wrap(ErrInvalidMerkle, "total_units is 0: members need positive units")
	}
	if m.TotalUnits > MaxTotalUnits {
		return errorsmod.Wrapf(ErrUnitsOutOfRange, "total_units is %d, at most %d", m.TotalUnits, MaxTotalUnits)
	}
	if m.TotalUnits < m.MemberCount {
		return errorsmod.Wrapf(ErrInvalidMerkle,
			"total_units %d is less than member_count %d, but every member has at least one unit", m.TotalUnits, m.MemberCount)
	}
	return nil
}
