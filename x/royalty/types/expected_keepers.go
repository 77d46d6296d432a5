package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// ProvenanceKeeper is what x/royalty reads from x/provenance.
type ProvenanceKeeper interface {
	// GetAsset returns the asset or an error wrapping provenance's ErrAssetNotFound.
	GetAsset(ctx context.Context, id uint64) (provtypes.Asset, error)
	// IsActive reports whether the asset exists and takes payments (an error wrapping provenance's
	// ErrAssetNotFound for an unknown id). MsgPay's gas is constant only if this read does not grow with the
	// asset's contributor list or lineage.
	IsActive(ctx context.Context, id uint64) (bool, error)
	// ContributorAssets returns up to limit ids, ascending, of the assets whose explicit contributor list names
	// contributor (Merkle members are not indexed by provenance; x/royalty records them when they prove membership).
	ContributorAssets(ctx context.Context, contributor sdk.AccAddress, limit uint32) ([]uint64, error)
	// ContributorAssetsFrom is ContributorAssets from asset id start on (inclusive).
	ContributorAssetsFrom(ctx context.Context, contributor sdk.AccAddress, start uint64, limit uint32) ([]uint64, error)
	// ContributorUnits returns contributor's units in asset id's explicit contributor list; found is false when
	// the list does not name it, the asset has a Merkle commitment, or there is no such asset. A claim's gas is
	// independent of the size of the list only if this read is.
	ContributorUnits(ctx context.Context, contributor sdk.AccAddress, id uint64) (units uint64, found bool, err error)
	// PathWorkOf returns the asset's path work (provenance types.PathWork), fixed at registration: one small
	// read, so that caching a route costs the same whatever the lineage above it.
	PathWorkOf(ctx context.Context, id uint64) (uint64, error)
	// LineageBounds returns x/provenance's max_parents and max_contributors: settlement must fit the budget
	// for an asset at those bounds (Params.CheckSettlementFits).
	LineageBounds(ctx context.Context) (maxParents, maxContributors uint32, err error)
}

// BankKeeper moves coins in and out of the royalty module account.
type BankKeeper interface {
	SendCoinsFromAccountToModule(ctx context.Context, sender sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipient sdk.AccAddress, amt sdk.Coins) error
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// DistributionKeeper receives the protocol fee and unattributed revenue into the community pool.
type DistributionKeeper interface {
	FundCommunityPool(ctx context.Context, amount sdk.Coins, sender sdk.AccAddress) error
}

// HoldChecker says whether an asset's revenue is held (x/dispute: the asset is under an open dispute). While
// held, the asset stays queued with its revenue pending: it neither settles nor credits its ancestors.
type HoldChecker interface {
	// IsHeld reports whether asset id is held. It must cost a small constant gas: settlement calls it for every
	// queued asset it visits.
	IsHeld(ctx context.Context, id uint64) (bool, error)
}
