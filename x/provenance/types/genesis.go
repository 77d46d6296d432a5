package types

import (
	"bytes"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis returns the genesis state of a new chain: default params,
// no assets.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextAssetId: 1}
}

// Validate checks the genesis state as registration would have built it:
// valid params; assets in strictly ascending id from 1, each valid in every
// field (canonical CIDs and addresses; contributor and parent counts within
// the absolute bounds MaxMaxContributors and MaxMaxParents, not the current
// params, which governance may have lowered since registration); unique
// CIDs; parents that exist and have smaller ids than their children (which
// makes the lineage acyclic, and which the Ancestors query relies on);
// weights summing to 10000; policies that respect every parent's minimum
// derivative share; consistent status; a next_asset_id above every id; and
// a revocation index entry for exactly the revoked assets.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextAssetId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_asset_id is 0; asset ids start at 1")
	}
	byID := make(map[uint64]int, len(gs.Assets))
	byCID := make(map[string]uint64, len(gs.Assets))
	var prev uint64
	for i, a := range gs.Assets {
		if a.Id <= prev {
			return errorsmod.Wrapf(ErrInvalidGenesis, "asset %d has id %d after id %d: ids must be unique, ascending and from 1", i, a.Id, prev)
		}
		prev = a.Id
		if a.Id >= gs.NextAssetId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "asset id %d is not below next_asset_id %d", a.Id, gs.NextAssetId)
		}
		if other, dup := byCID[a.Cid]; dup {
			return errorsmod.Wrapf(ErrDuplicateCID, "genesis: assets %d and %d have CID %s", other, a.Id, a.Cid)
		}
		byCID[a.Cid] = a.Id
		if err := validateGenesisAsset(ac, a); err != nil {
			return errorsmod.Wrapf(err, "genesis asset %d", a.Id)
		}
		for _, p := range a.Parents {
			j, ok := byID[p.AssetId]
			if !ok {
				if p.AssetId >= a.Id {
					return errorsmod.Wrapf(ErrLineageCycle,
						"genesis asset %d cites parent %d: a parent must have a smaller id than its child", a.Id, p.AssetId)
				}
				return errorsmod.Wrapf(ErrUnknownParent, "genesis asset %d cites missing parent %d", a.Id, p.AssetId)
			}
			if err := CheckMinDerivativeShare(a.Policy.UpstreamShareBps, p, gs.Assets[j].Policy); err != nil {
				return errorsmod.Wrapf(err, "genesis asset %d", a.Id)
			}
		}
		byID[a.Id] = i
	}
	type amendmentKey struct{ asset, dispute uint64 }
	seen := make(map[amendmentKey]bool, len(gs.Amendments))
	for i, am := range gs.Amendments {
		key := amendmentKey{am.AssetId, am.DisputeId}
		if _, ok := byID[am.AssetId]; !ok || am.DisputeId == 0 || seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "amendment %d: asset %d, dispute %d: the asset must exist, the dispute id be positive and the pair unique", i, am.AssetId, am.DisputeId)
		}
		seen[key] = true
	}
	if err := gs.validateRevocations(byID); err != nil {
		return err
	}
	_, err := gs.PathWorks()
	return err
}

// validateRevocations checks the revocation index against the assets (byID: asset id to its index in Assets):
// entries in strictly ascending (height, asset id), each naming a revoked asset at a height not before its
// registration, and exactly one entry for every revoked asset, as the keeper writes it on every revocation.
func (gs GenesisState) validateRevocations(byID map[uint64]int) error {
	indexed := make(map[uint64]bool, len(gs.Revocations))
	for i, r := range gs.Revocations {
		if i > 0 {
			p := gs.Revocations[i-1]
			if r.Height < p.Height || (r.Height == p.Height && r.AssetId <= p.AssetId) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "revocation %d (height %d, asset %d) after (height %d, asset %d): entries must be unique and ascending", i, r.Height, r.AssetId, p.Height, p.AssetId)
			}
		}
		j, ok := byID[r.AssetId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "revocation %d names asset %d, which is not in genesis", i, r.AssetId)
		}
		a := gs.Assets[j]
		if a.Status != AssetStatus_ASSET_STATUS_REVOKED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "revocation %d names asset %d, whose status is %s", i, r.AssetId, a.Status)
		}
		if indexed[r.AssetId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "asset %d has more than one revocation", r.AssetId)
		}
		if r.Height < a.CreatedHeight {
			return errorsmod.Wrapf(ErrInvalidGenesis, "revocation of asset %d at height %d, before its registration at %d", r.AssetId, r.Height, a.CreatedHeight)
		}
		indexed[r.AssetId] = true
	}
	for _, a := range gs.Assets {
		if a.Status == AssetStatus_ASSET_STATUS_REVOKED && !indexed[a.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "revoked asset %d has no revocation entry", a.Id)
		}
	}
	return nil
}

// PathWorks returns every genesis asset's path work, by id: types.PathWork from its parents', or its
// stale_path_work entry. An entry must name an asset, in ascending id, and lie below what its lineage gives
// (an entry equal to it is not stale, one above it would overprice) by no more than disputes can have left:
// a dispute adds to an asset with children only a parent no costlier than its costliest one
// (x/provenance keeper path_work.go), which raises that asset's path work by one plus what its own parents
// gained, so an asset's stored value lags the one its parents now give by at most the largest number of
// lineage amendments on one path among its ancestors (raised, below). A genesis can keep an under-estimate
// disputes left, never invent a larger one (a 1,000-link chain at path work 2 each ran a pass for 20 utrib).
func (gs GenesisState) PathWorks() (map[uint64]uint64, error) {
	stale := make(map[uint64]uint64, len(gs.StalePathWork))
	var prev uint64
	for i, e := range gs.StalePathWork {
		if e.AssetId <= prev {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "stale_path_work %d: asset %d after %d: ids must be unique and ascending", i, e.AssetId, prev)
		}
		prev = e.AssetId
		stale[e.AssetId] = e.PathWork
	}
	amended := make(map[uint64]uint64, len(gs.Amendments))
	for _, am := range gs.Amendments {
		if am.AddedParent.AssetId != 0 {
			amended[am.AssetId]++
		}
	}
	works := make(map[uint64]uint64, len(gs.Assets))
	// raised is, per asset, the most lineage amendments on one path from it to a root, itself included: a bound
	// on how far its path work can have risen since a descendant was priced on it.
	raised := make(map[uint64]uint64, len(gs.Assets))
	for _, a := range gs.Assets {
		parents := make([]uint64, len(a.Parents))
		var lag uint64
		for i, p := range a.Parents {
			parents[i] = works[p.AssetId] // Validate checked that parents come first
			lag = max(lag, raised[p.AssetId])
		}
		raised[a.Id] = lag + amended[a.Id]
		w := PathWork(len(a.Parents), parents)
		if v, ok := stale[a.Id]; ok {
			least := max(PathWork(len(a.Parents), nil), w-min(w, lag))
			if v < least || v >= w {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis,
					"stale_path_work of asset %d is %d: it must be at least %d (its own step, and what its lineage gives less the %d amendments on one path above it) and below the %d its lineage gives",
					a.Id, v, least, lag, w)
			}
			w = v
			delete(stale, a.Id)
		}
		works[a.Id] = w
	}
	for id := range stale {
		return nil, errorsmod.Wrapf(ErrInvalidGenesis, "stale_path_work names asset %d, which is not in genesis", id)
	}
	return works, nil
}

func validateGenesisAsset(ac address.Codec, a Asset) error {
	if err := ValidateKind(a.Kind); err != nil {
		return err
	}
	if cid, err := ParseCID("cid", a.Cid); err != nil {
		return err
	} else if cid != a.Cid {
		return errorsmod.Wrapf(ErrMalformedCID, "cid %q is not canonical (%s)", a.Cid, cid)
	}
	if err := ValidateName(a.Name); err != nil {
		return err
	}
	if err := ValidateDescription(a.Description); err != nil {
		return err
	}
	if err := ValidateLicense(a.License); err != nil {
		return err
	}
	if a.MetadataCid != "" {
		if cid, err := ParseCID("metadata_cid", a.MetadataCid); err != nil {
			return err
		} else if cid != a.MetadataCid {
			return errorsmod.Wrapf(ErrMalformedCID, "metadata_cid %q is not canonical (%s)", a.MetadataCid, cid)
		}
	}
	if owner, _, err := CanonicalAddress(ac, "owner", a.Owner); err != nil {
		return err
	} else if owner != a.Owner {
		return errorsmod.Wrapf(ErrInvalidAddress, "owner %q is not canonical (%s)", a.Owner, owner)
	}
	if a.PendingOwner != "" {
		pending, _, err := CanonicalAddress(ac, "pending_owner", a.PendingOwner)
		if err != nil {
			return err
		}
		if pending != a.PendingOwner || pending == a.Owner {
			return errorsmod.Wrapf(ErrInvalidAddress, "pending_owner %q must be canonical and differ from the owner", a.PendingOwner)
		}
	}
	// Assets are checked against the absolute bounds, not the current
	// params: governance may lower max_contributors or max_parents after an
	// asset was registered under the old values.
	contributors, err := NormalizeContributors(ac, a.Contributors, MaxMaxContributors)
	if err != nil {
		return err
	}
	if !bytes.Equal(mustMarshal(&contributors), mustMarshal(&a.Contributors)) {
		return errorsmod.Wrap(ErrInvalidContributors, "contributors are not in canonical form (addresses and CIDs)")
	}
	if err := ValidateParents(a.Parents, MaxMaxParents); err != nil {
		return err
	}
	if err := ValidatePolicy(a.Policy, len(a.Parents) > 0); err != nil {
		return err
	}
	switch a.Status {
	case AssetStatus_ASSET_STATUS_ACTIVE, AssetStatus_ASSET_STATUS_RETIRED:
		if a.RevokeReason != "" {
			return errorsmod.Wrapf(ErrInvalidStatus, "status %s with a revoke_reason", a.Status)
		}
	case AssetStatus_ASSET_STATUS_REVOKED:
		if err := ValidateReason(a.RevokeReason); err != nil {
			return errorsmod.Wrap(err, "revoke_reason")
		}
	default:
		return errorsmod.Wrapf(ErrInvalidStatus, "status %d", a.Status)
	}
	if err := ValidateCanonicalExternalIDs(a.ExternalIds); err != nil {
		return err
	}
	if a.CreatedHeight < 0 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "created_height %d is negative", a.CreatedHeight)
	}
	return nil
}

// mustMarshal encodes a message that was built in memory and so always
// encodes.
func mustMarshal(m interface{ Marshal() ([]byte, error) }) []byte {
	bz, err := m.Marshal()
	if err != nil {
		panic(err)
	}
	return bz
}
