// Package v3 migrates x/provenance from consensus version 2 to 3: assets gain
// external identifiers (Asset.external_ids) and the store gains their index
// (prefix 10). Assets stored before version 3 have no identifiers (the field
// did not exist), so on a real chain the walk indexes nothing; it runs anyway
// so that the index is, by construction, exactly what the assets claim.
package v3

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// AssetWalker walks the stored assets in ascending id (Keeper.Assets).
type AssetWalker interface {
	Walk(ctx context.Context, ranger collections.Ranger[uint64], walkFunc func(id uint64, a types.Asset) (stop bool, err error)) error
}

// MigrateStore indexes every stored asset's external identifiers. It reads
// each asset once; it runs once, in the upgrade block.
func MigrateStore(ctx context.Context, assets AssetWalker, index collections.KeySet[collections.Pair[string, uint64]]) error {
	return assets.Walk(ctx, nil, func(id uint64, a types.Asset) (bool, error) {
		for _, ext := range a.ExternalIds {
			if err := index.Set(ctx, collections.Join(ext, id)); err != nil {
				return true, errorsmod.Wrapf(err, "index external id %s of asset %d", ext, id)
			}
		}
		return false, nil
	})
}
