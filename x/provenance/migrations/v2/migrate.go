// Package v2 migrates x/provenance from consensus version 1 to 2: it adds the
// compact asset records (types.AssetRecord) that registration, the lineage
// queries and settlement read instead of whole assets.
package v2

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

// MigrateStore writes the compact record of every stored asset. It reads each
// asset once and writes one record, so its work is linear in the number of
// assets; it runs once, in the upgrade block.
func MigrateStore(ctx context.Context, assets AssetWalker, records collections.Map[uint64, types.AssetRecord]) error {
	return assets.Walk(ctx, nil, func(id uint64, a types.Asset) (bool, error) {
		if err := records.Set(ctx, id, a.Record()); err != nil {
			return true, errorsmod.Wrapf(err, "write record of asset %d", id)
		}
		return false, nil
	})
}
