package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Authority returns the account that may revoke assets and update params.
func (k Keeper) Authority() string { return k.authority }

// GetAsset returns the asset with the given id, or an error wrapping
// types.ErrAssetNotFound.
func (k Keeper) GetAsset(ctx context.Context, id uint64) (types.Asset, error) {
	a, err := k.Assets.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Asset{}, errorsmod.Wrapf(types.ErrAssetNotFound, "no asset with id %d", id)
	}
	if err != nil {
		return types.Asset{}, errorsmod.Wrapf(err, "read asset %d", id)
	}
	return a, nil
}

// IsActive reports whether the asset exists and is active (may be cited as a
// parent and receive payments). It returns an error wrapping
// types.ErrAssetNotFound for an unknown id. It reads a few bytes whatever the
// asset's size, so its gas is constant.
func (k Keeper) IsActive(ctx context.Context, id uint64) (bool, error) {
	status, err := k.Status.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return false, errorsmod.Wrapf(types.ErrAssetNotFound, "no asset with id %d", id)
	}
	if err != nil {
		return false, errorsmod.Wrapf(err, "read status of asset %d", id)
	}
	return types.AssetStatus(status) == types.AssetStatus_ASSET_STATUS_ACTIVE, nil
}

// ContributorAssets returns up to limit ids, ascending, of the assets whose
// explicit contributor list names contributor. Members of Merkle commitments
// are not indexed.
func (k Keeper) ContributorAssets(ctx context.Context, contributor sdk.AccAddress, limit uint32) ([]uint64, error) {
	return k.ContributorAssetsFrom(ctx, contributor, 0, limit)
}

// ContributorAssetsFrom is ContributorAssets starting at asset id start
// (inclusive): x/royalty pages through a contributor's assets with it, so a
// contributor of any number of assets can claim them all.
func (k Keeper) ContributorAssetsFrom(ctx context.Context, contributor sdk.AccAddress, start uint64, limit uint32) ([]uint64, error) {
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](contributor).StartInclusive(start)
	it, err := k.Contributors.Iterate(ctx, rng)
	if err != nil {
		return nil, errorsmod.Wrap(err, "iterate contributor index")
	}
	defer it.Close()
	var ids []uint64
	for ; it.Valid() && uint32(len(ids)) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, errorsmod.Wrap(err, "read contributor index")
		}
		ids = append(ids, key.K2())
	}
	return ids, nil
}

// ContributorUnits returns contributor's units in the explicit contributor list of asset id,
// reading only the contributor index. found is false when the list does not name contributor,
// when the asset has a Merkle commitment instead, or when there is no such asset.
func (k Keeper) ContributorUnits(ctx context.Context, contributor sdk.AccAddress, id uint64) (units uint64, found bool, err error) {
	units, err = k.Contributors.Get(ctx, collections.Join(contributor, id))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, errorsmod.Wrapf(err, "read contributor index of asset %d", id)
	}
	return units, true, nil
}

// GetAssetRecord returns the compact record of asset id (status, kind,
// owner, policy, parents, total units; no contributor list), or an error
// wrapping types.ErrAssetNotFound. Its gas does not grow with the asset's
// contributors: read it wherever the list is not needed.
func (k Keeper) GetAssetRecord(ctx context.Context, id uint64) (types.AssetRecord, error) {
	r, err := k.Records.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.AssetRecord{}, errorsmod.Wrapf(types.ErrAssetNotFound, "no asset with id %d", id)
	}
	if err != nil {
		return types.AssetRecord{}, errorsmod.Wrapf(err, "read record of asset %d", id)
	}
	return r, nil
}

// setAsset stores a changed asset, keeping the status mirror and the compact
// record in step.
func (k Keeper) setAsset(ctx context.Context, a types.Asset) error {
	if err := k.Assets.Set(ctx, a.Id, a); err != nil {
		return errorsmod.Wrapf(err, "store asset %d", a.Id)
	}
	if err := k.Status.Set(ctx, a.Id, int32(a.Status)); err != nil {
		return errorsmod.Wrapf(err, "store status of asset %d", a.Id)
	}
	if err := k.Records.Set(ctx, a.Id, a.Record()); err != nil {
		return errorsmod.Wrapf(err, "store record of asset %d", a.Id)
	}
	return nil
}

// AssetIDByCID returns the id of the asset registered for a canonical CID.
func (k Keeper) AssetIDByCID(ctx context.Context, canonicalCID string) (uint64, bool, error) {
	id, err := k.Assets.Indexes.CID.MatchExact(ctx, canonicalCID)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, errorsmod.Wrapf(err, "read CID index for %s", canonicalCID)
	}
	return id, true, nil
}

// nextAssetID returns a fresh asset id. Ids start at 1 so that 0 can never
// name an asset, even on a store whose sequence was never initialized.
func (k Keeper) nextAssetID(ctx context.Context) (uint64, error) {
	id, err := k.NextAssetID.Next(ctx)
	if err == nil && id == 0 {
		id, err = k.NextAssetID.Next(ctx)
	}
	if err != nil {
		return 0, errorsmod.Wrap(err, "next asset id")
	}
	return id, nil
}

// insertAsset stores a new asset with its contributor and children index
// entries.
func (k Keeper) insertAsset(ctx context.Context, a types.Asset, pathWork uint64) error {
	if err := k.setAsset(ctx, a); err != nil {
		return err
	}
	if err := k.PathWork.Set(ctx, a.Id, pathWork); err != nil {
		return errorsmod.Wrapf(err, "store path work of asset %d", a.Id)
	}
	if list := a.Contributors.GetList(); list != nil {
		for _, m := range list.Members {
			addr, err := k.addressCodec.StringToBytes(m.Address)
			if err != nil {
				return errorsmod.Wrapf(types.ErrInvalidAddress, "contributor %q: %v", m.Address, err)
			}
			if err := k.Contributors.Set(ctx, collections.Join(sdk.AccAddress(addr), a.Id), m.Units); err != nil {
				return errorsmod.Wrapf(err, "index contributor of asset %d", a.Id)
			}
		}
	}
	for _, p := range a.Parents {
		if err := k.Children.Set(ctx, collections.Join(p.AssetId, a.Id)); err != nil {
			return errorsmod.Wrapf(err, "index child %d of asset %d", a.Id, p.AssetId)
		}
	}
	return k.indexExternalIDs(ctx, a.Id, a.ExternalIds)
}

// AddressCodec returns the account address codec the keeper validates with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }
