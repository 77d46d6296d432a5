package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// AssetReader is the part of the x/provenance keeper that it already exports as methods.
type AssetReader interface {
	GetAsset(ctx context.Context, id uint64) (provtypes.Asset, error)
	IsActive(ctx context.Context, id uint64) (bool, error)
}

// ProvenanceReader adapts the x/provenance keeper to types.ProvenanceKeeper, adding the contributor-to-assets
// lookup on top of provenance's (contributor, asset id) index.
type ProvenanceReader struct {
	AssetReader
	contributors collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
}

var _ types.ProvenanceKeeper = ProvenanceReader{}

// NewProvenanceReader wraps the provenance keeper for NewKeeper:
// NewProvenanceReader(provenanceKeeper, provenanceKeeper.Contributors).
func NewProvenanceReader(assets AssetReader, contributors collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]) ProvenanceReader {
	return ProvenanceReader{AssetReader: assets, contributors: contributors}
}

// ContributorAssets returns up to limit asset ids, ascending, whose explicit list names contributor.
func (r ProvenanceReader) ContributorAssets(ctx context.Context, contributor sdk.AccAddress, limit uint32) ([]uint64, error) {
	var ids []uint64
	err := r.contributors.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](contributor),
		func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
			ids = append(ids, key.K2())
			return uint32(len(ids)) >= limit, nil
		})
	return ids, err
}
