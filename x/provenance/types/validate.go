package types

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// Bounds of the text fields, in bytes.
const (
	MaxNameLength        = 128
	MaxDescriptionLength = 4096
	MaxReasonLength      = 1024
	// MerkleRootLength is the length of a Merkle root (sha256).
	MerkleRootLength = 32
)

// ParseCID validates a CID given in any multibase and returns its canonical
// text, mapping the ipfs package's sentinels to the module's errors. field
// names the message field in the error.
func ParseCID(field, s string) (string, error) {
	c, err := cids.ParseCID(s)
	if err == nil {
		return cids.CanonicalString(c), nil
	}
	switch {
	case errors.Is(err, cids.ErrCIDv0):
		return "", errorsmod.Wrapf(ErrCIDv0, "%s: %v", field, err)
	case errors.Is(err, cids.ErrUnsupportedHash):
		return "", errorsmod.Wrapf(ErrUnsupportedHash, "%s: %v", field, err)
	case errors.Is(err, cids.ErrUnsupportedCodec):
		return "", errorsmod.Wrapf(ErrUnsupportedCodec, "%s: %v", field, err)
	default:
		return "", errorsmod.Wrapf(ErrMalformedCID, "%s: %v", field, err)
	}
}

// ValidateName checks an asset name: 1 to MaxNameLength bytes of UTF-8
// without control characters.
func ValidateName(s string) error {
	return validateText("name", s, 1, MaxNameLength, false)
}

// ValidateDescription checks a description: at most MaxDescriptionLength
// bytes of UTF-8; newlines and tabs are the only control characters allowed.
func ValidateDescription(s string) error {
	return validateText("description", s, 0, MaxDescriptionLength, true)
}

// ValidateReason checks a revocation reason: 1 to MaxReasonLength bytes of
// UTF-8; newlines and tabs are the only control characters allowed.
func ValidateReason(s string) error {
	return validateText("reason", s, 1, MaxReasonLength, true)
}

func validateText(field, s string, minLen, maxLen int, multiline bool) error {
	if len(s) < minLen {
		return errorsmod.Wrapf(ErrInvalidText, "%s is empty", field)
	}
	if len(s) > maxLen {
		return errorsmod.Wrapf(ErrInvalidText, "%s is %d bytes, at most %d", field, len(s), maxLen)
	}
	if !utf8.ValidString(s) {
		return errorsmod.Wrapf(ErrInvalidText, "%s is not valid UTF-8", field)
	}
	for i, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			return errorsmod.Wrapf(ErrInvalidText, "%s has control character %U at byte %d", field, r, i)
		}
	}
	return nil
}

// ValidateKind checks that k is a dataset or a model.
func ValidateKind(k AssetKind) error {
	if k != AssetKind_ASSET_KIND_DATASET && k != AssetKind_ASSET_KIND_MODEL {
		return errorsmod.Wrapf(ErrInvalidKind, "kind %d: use ASSET_KIND_DATASET or ASSET_KIND_MODEL", k)
	}
	return nil
}

// CanonicalAddress decodes an account address and re-encodes it, so that one
// account has one spelling in state. field names the field in the error.
func CanonicalAddress(ac address.Codec, field, s string) (string, []byte, error) {
	bz, err := ac.StringToBytes(s)
	if err != nil {
		return "", nil, errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %v", field, s, err)
	}
	if len(bz) == 0 {
		return "", nil, errorsmod.Wrapf(ErrInvalidAddress, "%s is empty", field)
	}
	canon, err := ac.BytesToString(bz)
	if err != nil {
		return "", nil, errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %v", field, s, err)
	}
	return canon, bz, nil
}

// NormalizeContributors validates contributors and returns them with
// canonical addresses and CID. An explicit list has 1 to maxContributors
// members with unique addresses, positive units and a total of at most
// MaxTotalUnits; a Merkle commitment passes ValidateMerkleCommitment and has
// a valid members CID.
func NormalizeContributors(ac address.Codec, c Contributors, maxContributors uint32) (Contributors, error) {
	switch set := c.Set.(type) {
	case *Contributors_List:
		if set.List == nil || len(set.List.Members) == 0 {
			return Contributors{}, errorsmod.Wrap(ErrInvalidContributors, "the contributor list is empty: name at least one contributor")
		}
		members := set.List.Members
		if uint64(len(members)) > uint64(maxContributors) {
			return Contributors{}, errorsmod.Wrapf(ErrTooManyContributors,
				"%d contributors, at most %d in a list: use a Merkle commitment (--contributors-file) for more", len(members), maxContributors)
		}
		out := make([]Contributor, len(members))
		seen := make(map[string]int, len(members))
		var total uint64
		for i, m := range members {
			canon, _, err := CanonicalAddress(ac, "contributor address", m.Address)
			if err != nil {
				return Contributors{}, errorsmod.Wrapf(err, "contributor %d", i)
			}
			if j, dup := seen[canon]; dup {
				return Contributors{}, errorsmod.Wrapf(ErrDuplicateContributor, "%s is contributor %d and %d: merge their units", canon, j, i)
			}
			seen[canon] = i
			if err := ValidateUnits(fmt.Sprintf("contributor %d (%s)", i, canon), m.Units); err != nil {
				return Contributors{}, err
			}
			if total, err = AddUnits(total, m.Units); err != nil {
				return Contributors{}, errorsmod.Wrapf(err, "contributor %d", i)
			}
			out[i] = Contributor{Address: canon, Units: m.Units}
		}
		return NewContributorList(out...), nil
	case *Contributors_Merkle:
		m := set.Merkle
		if err := ValidateMerkleCommitment(m); err != nil {
			return Contributors{}, err
		}
		membersCID, err := ParseCID("members_cid", m.MembersCid)
		if err != nil {
			return Contributors{}, err
		}
		root := make([]byte, MerkleRootLength)
		copy(root, m.Root)
		return NewMerkleContributors(MerkleCommitment{
			Root: root, MemberCount: m.MemberCount, TotalUnits: m.TotalUnits, MembersCid: membersCID,
		}), nil
	default:
		return Contributors{}, errorsmod.Wrap(ErrInvalidContributors, "set either a contributor list or a Merkle commitment")
	}
}

// ValidateParents checks the shape of the lineage edges without looking at
// state: at most maxParents edges, positive parent ids, no duplicate parent,
// known relations, positive weights summing to BasisPoints (when there is
// any parent).
func ValidateParents(parents []ParentEdge, maxParents uint32) error {
	if uint64(len(parents)) > uint64(maxParents) {
		return errorsmod.Wrapf(ErrTooManyParents, "%d parents, at most %d", len(parents), maxParents)
	}
	seen := make(map[uint64]int, len(parents))
	var sum uint64
	for i, p := range parents {
		if p.AssetId == 0 {
			return errorsmod.Wrapf(ErrUnknownParent, "parent %d has asset id 0; asset ids start at 1", i)
		}
		if j, dup := seen[p.AssetId]; dup {
			return errorsmod.Wrapf(ErrDuplicateParent, "asset %d is parent %d and %d: cite it once with the summed weight", p.AssetId, j, i)
		}
		seen[p.AssetId] = i
		if p.WeightBps == 0 {
			return errorsmod.Wrapf(ErrInvalidWeights, "parent %d (asset %d) has weight 0; drop it or give it a weight", i, p.AssetId)
		}
		if p.Relation == Relation_RELATION_UNSPECIFIED || Relation_name[int32(p.Relation)] == "" {
			return errorsmod.Wrapf(ErrInvalidRelation, "parent %d (asset %d) has relation %d", i, p.AssetId, p.Relation)
		}
		sum += uint64(p.WeightBps)
	}
	if len(parents) > 0 && sum != BasisPoints {
		return errorsmod.Wrapf(ErrInvalidWeights, "parent weights sum to %d bps, must be exactly %d (off by %d)",
			sum, BasisPoints, int64(sum)-BasisPoints)
	}
	return nil
}

// ValidatePolicy checks a royalty policy: both shares in [0, BasisPoints] and
// no upstream share without parents. An asset with parents may have a zero
// upstream share; the parents' minimum derivative shares then decide (a
// parent with a positive minimum rejects it).
func ValidatePolicy(p RoyaltyPolicy, hasParents bool) error {
	if p.UpstreamShareBps > BasisPoints {
		return errorsmod.Wrapf(ErrInvalidShare, "upstream_share_bps is %d, at most %d", p.UpstreamShareBps, BasisPoints)
	}
	if p.MinDerivativeShareBps > BasisPoints {
		return errorsmod.Wrapf(ErrInvalidShare, "min_derivative_share_bps is %d, at most %d", p.MinDerivativeShareBps, BasisPoints)
	}
	if !hasParents && p.UpstreamShareBps != 0 {
		return errorsmod.Wrapf(ErrInvalidShare, "upstream_share_bps is %d but the asset has no parents to share with: set 0", p.UpstreamShareBps)
	}
	return nil
}

// CheckMinDerivativeShare checks that a child with the given upstream share
// that cites parent with weight weightBps pays the parent at least its
// minimum derivative share: upstream * weight / 10000 >= minimum, compared
// exactly as upstream * weight >= minimum * 10000.
func CheckMinDerivativeShare(upstreamBps uint32, edge ParentEdge, parent RoyaltyPolicy) error {
	got := uint64(upstreamBps) * uint64(edge.WeightBps)
	want := uint64(parent.MinDerivativeShareBps) * BasisPoints
	if got >= want {
		return nil
	}
	// The smallest upstream share that satisfies the parent, rounded up.
	need := (want + uint64(edge.WeightBps) - 1) / uint64(edge.WeightBps)
	return errorsmod.Wrapf(ErrMinDerivativeShare,
		"parent %d requires at least %d bps of a derivative's revenue; upstream_share_bps %d x weight %d bps gives %d.%02d bps, short by %d.%02d bps: raise upstream_share_bps to at least %d or the weight of this parent",
		edge.AssetId, parent.MinDerivativeShareBps, upstreamBps, edge.WeightBps,
		got/BasisPoints, got%BasisPoints/100, (want-got)/BasisPoints, (want-got)%BasisPoints/100, need)
}

// NormalizeRegisterAsset runs every stateless check of a registration and
// returns the asset it would create (without id, status, creation height and
// time), with canonical addresses and CIDs. Checks against state (duplicate
// CID, parents, fee) are the keeper's.
func NormalizeRegisterAsset(ac address.Codec, msg *MsgRegisterAsset, params Params) (Asset, error) {
	owner, _, err := CanonicalAddress(ac, "owner", msg.Owner)
	if err != nil {
		return Asset{}, err
	}
	if err := ValidateKind(msg.Kind); err != nil {
		return Asset{}, err
	}
	cid, err := ParseCID("cid", msg.Cid)
	if err != nil {
		return Asset{}, err
	}
	if err := ValidateName(msg.Name); err != nil {
		return Asset{}, err
	}
	if err := ValidateDescription(msg.Description); err != nil {
		return Asset{}, err
	}
	if err := ValidateLicense(msg.License); err != nil {
		return Asset{}, err
	}
	var metadataCID string
	if msg.MetadataCid != "" {
		if metadataCID, err = ParseCID("metadata_cid", msg.MetadataCid); err != nil {
			return Asset{}, err
		}
	}
	contributors, err := NormalizeContributors(ac, msg.Contributors, params.MaxContributors)
	if err != nil {
		return Asset{}, err
	}
	if err := ValidateParents(msg.Parents, params.MaxParents); err != nil {
		return Asset{}, err
	}
	if err := ValidatePolicy(msg.Policy, len(msg.Parents) > 0); err != nil {
		return Asset{}, err
	}
	externalIDs, err := NormalizeExternalIDs(msg.ExternalIds)
	if err != nil {
		return Asset{}, err
	}
	parents := make([]ParentEdge, len(msg.Parents))
	copy(parents, msg.Parents)
	return Asset{
		Kind:         msg.Kind,
		Cid:          cid,
		SizeBytes:    msg.SizeBytes,
		Name:         msg.Name,
		Description:  msg.Description,
		License:      msg.License,
		MetadataCid:  metadataCID,
		Owner:        owner,
		Contributors: contributors,
		Parents:      parents,
		Policy:       msg.Policy,
		ExternalIds:  externalIDs,
	}, nil
}
