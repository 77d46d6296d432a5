// Package cids holds the CID rules the chain enforces: which CIDs are
// accepted (version 1, sha2-256, raw or dag-pb), their one canonical text,
// block verification, and the unixfs-v1-2025 profile's constants. It imports
// nothing but go-cid and go-multihash, because x/provenance/types (consensus
// code) depends on it.
package cids

import (
	"errors"
	"fmt"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// Sentinel errors of CID validation. The chain wraps them in its own
// registered errors; test for them with errors.Is.
var (
	// ErrMalformedCID is returned for text or bytes that do not decode as a CID.
	ErrMalformedCID = errors.New("malformed CID")
	// ErrCIDv0 is returned for version 0 CIDs ("Qm..."): the profile only
	// produces CIDv1, and one piece of content must have one identifier.
	ErrCIDv0 = errors.New("CIDv0 is not accepted: use the CIDv1 (base32 \"b...\") form, e.g. `ipfs cid format -v 1 -b base32 CID`")
	// ErrUnsupportedHash is returned for any multihash other than a full
	// 32-byte sha2-256 digest.
	ErrUnsupportedHash = errors.New("unsupported multihash: only sha2-256 is accepted")
	// ErrUnsupportedCodec is returned for any codec other than raw (0x55) or
	// dag-pb (0x70).
	ErrUnsupportedCodec = errors.New("unsupported codec: only raw (0x55) and dag-pb (0x70) are accepted")
	// ErrBlockCorrupt is returned when a block's bytes do not hash to its CID,
	// whether read from disk, a CAR file or a peer.
	ErrBlockCorrupt = errors.New("block data does not match its CID")
)

// MaxCIDStringLength bounds the text the chain is willing to decode. A
// canonical sha2-256 CID is 59 characters; the bound leaves room for other
// multibases (base16 is 73) while refusing to spend work on arbitrary blobs.
const MaxCIDStringLength = 128

// ParseCID decodes s and checks it with ValidateCID.
//
// Any multibase the multiformats libraries know is accepted (base32, base36,
// base58btc, base16, ...), so users can paste what other tools print; the
// returned CID is the same value whatever the input base, and the chain
// stores and compares only its canonical form (CanonicalString, which is
// c.String()). Callers must therefore never store s itself.
func ParseCID(s string) (cid.Cid, error) {
	if s == "" {
		return cid.Undef, fmt.Errorf("%w: empty string", ErrMalformedCID)
	}
	if len(s) > MaxCIDStringLength {
		return cid.Undef, fmt.Errorf("%w: %d characters, at most %d", ErrMalformedCID, len(s), MaxCIDStringLength)
	}
	c, err := cid.Decode(s)
	if err != nil {
		return cid.Undef, fmt.Errorf("%w: %q: %v", ErrMalformedCID, s, err)
	}
	if err := ValidateCID(c); err != nil {
		return cid.Undef, fmt.Errorf("%q: %w", s, err)
	}
	return c, nil
}

// ValidateCID checks that c is a CID the chain accepts:
//
//   - version 1 only. CIDv0 is refused (ErrCIDv0) rather than converted so that
//     one piece of content has exactly one on-chain identifier, and because
//     the unixfs-v1-2025 profile never produces it.
//   - multihash sha2-256 with its full 32-byte digest only (ErrUnsupportedHash).
//     The identity "hash" embeds the data itself in the CID instead of
//     addressing it, so it would let arbitrary bytes onto the chain under the
//     name of a CID and cannot be fetched or pinned as a block; other
//     functions (blake3, sha3, blake2b, ...) are secure but the profile never
//     produces them, so a CID using one could not be reproduced by `tributaryd
//     content cid` or `ipfs add` under the profile, and accepting them would
//     let one piece of content be registered under several identifiers.
//     Truncated digests are refused because they weaken the address.
//   - codec raw (0x55, a single-block file) or dag-pb (0x70, a UnixFS file or
//     directory root) only (ErrUnsupportedCodec): these are the only codecs a
//     UnixFS import produces.
func ValidateCID(c cid.Cid) error {
	if !c.Defined() {
		return fmt.Errorf("%w: undefined CID", ErrMalformedCID)
	}
	p := c.Prefix()
	switch p.Version {
	case 1:
	case 0:
		return ErrCIDv0
	default:
		return fmt.Errorf("%w: version %d", ErrMalformedCID, p.Version)
	}
	if p.MhType != mh.SHA2_256 {
		name := mh.Codes[p.MhType]
		if name == "" {
			name = fmt.Sprintf("0x%x", p.MhType)
		}
		return fmt.Errorf("%w: got %s", ErrUnsupportedHash, name)
	}
	if p.MhLength != 32 {
		return fmt.Errorf("%w: sha2-256 digest of %d bytes, want 32", ErrUnsupportedHash, p.MhLength)
	}
	switch p.Codec {
	case cid.Raw, cid.DagProtobuf:
	default:
		return fmt.Errorf("%w: got codec 0x%x", ErrUnsupportedCodec, p.Codec)
	}
	return nil
}

// CanonicalString is the only text form of a CID the chain stores or
// compares: CIDv1 in lower-case base32 multibase (prefix "b"), which is what
// kubo prints under the unixfs-v1-2025 profile. For a CID that passed
// ValidateCID it equals c.String(); it exists so that call sites say what they
// rely on.
func CanonicalString(c cid.Cid) string {
	return c.String()
}

// VerifyBlock checks that data hashes to c, returning ErrBlockCorrupt if not.
// Every block Tributary reads from a disk, a CAR or a peer goes through it.
func VerifyBlock(c cid.Cid, data []byte) error {
	got, err := c.Prefix().Sum(data)
	if err != nil {
		return fmt.Errorf("cannot hash block %s: %w", c, err)
	}
	if !got.Equals(c) {
		return fmt.Errorf("%w: %s hashes to %s", ErrBlockCorrupt, c, got)
	}
	return nil
}
