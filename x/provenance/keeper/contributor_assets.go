package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// ContributorAssets returns up to limit ids, ascending, of the assets whose explicit contributor list names
// contributor. x/royalty uses it to find what an address can claim; Merkle members are not indexed here (a
// commitment names no address on chain) and are recorded by x/royalty when they prove membership.
func (k Keeper) ContributorAssets(ctx context.Context, contributor sdk.AccAddress, limit uint32) ([]uint64, error) {
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](contributor)
	iter, err := k.Contributors.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	var ids []uint64
	for ; iter.Valid() && uint32(len(ids)) < limit; iter.Next() {
		key, err := iter.Key()
		if err != nil {
			return nil, err
		}
		ids = append(ids, key.K2())
	}
	return ids, nil
}
