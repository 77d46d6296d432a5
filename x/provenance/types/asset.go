package types

import (
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// TotalUnits returns the sum of the units of the asset's contributors: the
// sum over an explicit list, or the committed total of a Merkle commitment.
// Registration guarantees the sum does not overflow.
func (a Asset) TotalUnits() uint64 {
	return a.Contributors.TotalUnits()
}

// TotalUnits returns the sum of the contributors' units (0 when unset).
func (c Contributors) TotalUnits() uint64 {
	switch set := c.Set.(type) {
	case *Contributors_List:
		var total uint64
		for _, m := range set.List.Members {
			total += m.Units
		}
		return total
	case *Contributors_Merkle:
		return set.Merkle.TotalUnits
	default:
		return 0
	}
}

// IsActive reports whether the asset may be cited as a parent and receive
// payments.
func (a Asset) IsActive() bool {
	return a.Status == AssetStatus_ASSET_STATUS_ACTIVE
}

// ParentIDs returns the ids of the asset's parents in edge order.
func (a Asset) ParentIDs() []uint64 { return parentIDs(a.Parents) }

// Record returns the compact record of the asset (see AssetRecord).
func (a Asset) Record() AssetRecord {
	// nil without parents, as a decoded record has it.
	var parents []ParentEdge
	if len(a.Parents) > 0 {
		parents = append(parents, a.Parents...)
	}
	return AssetRecord{
		Id:         a.Id,
		Kind:       a.Kind,
		Cid:        a.Cid,
		Name:       a.Name,
		Owner:      a.Owner,
		Status:     a.Status,
		Policy:     a.Policy,
		Parents:    parents,
		TotalUnits: a.TotalUnits(),
	}
}

// IsActive reports whether the asset may be cited as a parent and receive
// payments.
func (r AssetRecord) IsActive() bool {
	return r.Status == AssetStatus_ASSET_STATUS_ACTIVE
}

// ParentIDs returns the ids of the asset's parents in edge order.
func (r AssetRecord) ParentIDs() []uint64 { return parentIDs(r.Parents) }

// parentIDs is the ids of edges, in order: one definition for Asset and AssetRecord.
func parentIDs(edges []ParentEdge) []uint64 {
	ids := make([]uint64, len(edges))
	for i, p := range edges {
		ids[i] = p.AssetId
	}
	return ids
}

// Summary returns the part of the asset that graph queries return.
func (r AssetRecord) Summary() AssetSummary {
	return AssetSummary{
		Id:               r.Id,
		Kind:             r.Kind,
		Cid:              r.Cid,
		Name:             r.Name,
		Owner:            r.Owner,
		Status:           r.Status,
		UpstreamShareBps: r.Policy.UpstreamShareBps,
	}
}

// NewContributorList returns Contributors holding an explicit list.
func NewContributorList(members ...Contributor) Contributors {
	return Contributors{Set: &Contributors_List{List: &ContributorList{Members: members}}}
}

// NewMerkleContributors returns Contributors holding a Merkle commitment.
func NewMerkleContributors(c MerkleCommitment) Contributors {
	return Contributors{Set: &Contributors_Merkle{Merkle: &c}}
}

// RawCIDv1 returns the canonical text of the raw-codec sha2-256 CIDv1 of a
// digest, for tests and simulations that need valid CIDs without content.
func RawCIDv1(digest [32]byte) string {
	m, err := mh.Encode(digest[:], mh.SHA2_256)
	if err != nil {
		panic(err) // a 32-byte sha2-256 digest always encodes
	}
	return cids.CanonicalString(cid.NewCidV1(cid.Raw, m))
}
