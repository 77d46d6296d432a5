package testutil

import (
	"crypto/sha256"
	"fmt"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// CID returns a fresh valid CIDv1 (raw codec, sha2-256) for the fixture's next registration.
func (f *Fixture) CID() string {
	f.cids++
	digest := sha256.Sum256([]byte(fmt.Sprintf("royalty-fixture-%d", f.cids)))
	m, err := mh.Encode(digest[:], mh.SHA2_256)
	if err != nil {
		panic(err)
	}
	return cid.NewCidV1(cid.Raw, m).String()
}

// Registration returns a registration by "owner" of a dataset (a model when it has parents) with the given
// upstream share, parents and contributors, for tests that change a field before registering. A Merkle
// commitment's members CID is replaced by a fresh valid one when it is not a CID.
func (f *Fixture) Registration(upstreamBps uint32, parents []provtypes.ParentEdge, c provtypes.Contributors) *provtypes.MsgRegisterAsset {
	kind := provtypes.AssetKind_ASSET_KIND_DATASET
	if len(parents) > 0 {
		kind = provtypes.AssetKind_ASSET_KIND_MODEL
	}
	// Tests name members files loosely ("members"); the chain wants a CID, and royalties never read it.
	if m := c.GetMerkle(); m != nil {
		if _, err := provtypes.ParseCID("members_cid", m.MembersCid); err != nil {
			m.MembersCid = f.CID()
		}
	}
	return &provtypes.MsgRegisterAsset{
		Owner:        f.Bech32("owner"),
		Kind:         kind,
		Cid:          f.CID(),
		SizeBytes:    1 << 20,
		Name:         "fixture asset",
		License:      "MIT",
		Contributors: c,
		Parents:      parents,
		Policy:       provtypes.RoyaltyPolicy{UpstreamShareBps: upstreamBps},
	}
}

// Register sends a registration through x/provenance's msg server and returns the new id.
func (f *Fixture) Register(msg *provtypes.MsgRegisterAsset) (uint64, error) {
	res, err := f.ProvMsg.RegisterAsset(f.Ctx, msg)
	if err != nil {
		return 0, err
	}
	return res.Id, nil
}

// mustRegister registers msg or panics: the fixture's helpers are for valid assets.
func (f *Fixture) mustRegister(msg *provtypes.MsgRegisterAsset) uint64 {
	id, err := f.Register(msg)
	if err != nil {
		panic(fmt.Errorf("fixture registration refused by x/provenance: %w", err))
	}
	return id
}

// AddAsset registers an asset with an explicit contributor list and returns its id.
func (f *Fixture) AddAsset(upstreamBps uint32, parents []provtypes.ParentEdge, members ...provtypes.Contributor) uint64 {
	return f.mustRegister(f.Registration(upstreamBps, parents, provtypes.NewContributorList(members...)))
}

// AddMerkleAsset registers an asset whose contributors are a Merkle commitment and returns its id.
func (f *Fixture) AddMerkleAsset(upstreamBps uint32, parents []provtypes.ParentEdge, c provtypes.MerkleCommitment) uint64 {
	return f.mustRegister(f.Registration(upstreamBps, parents, provtypes.Contributors{Set: &provtypes.Contributors_Merkle{Merkle: &c}}))
}

// Retire retires an asset through its owner's MsgRetireAsset: it takes no more payments.
func (f *Fixture) Retire(id uint64) error {
	a, err := f.Prov.GetAsset(f.Ctx, id)
	if err != nil {
		return err
	}
	_, err = f.ProvMsg.RetireAsset(f.Ctx, &provtypes.MsgRetireAsset{Owner: a.Owner, AssetId: id})
	return err
}

// Revoke revokes an asset through governance's MsgRevokeAsset.
func (f *Fixture) Revoke(id uint64) error {
	_, err := f.ProvMsg.RevokeAsset(f.Ctx, &provtypes.MsgRevokeAsset{Authority: f.Authority, AssetId: id, Reason: "fixture revocation"})
	return err
}
