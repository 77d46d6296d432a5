package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// ProvenanceKeeper is the narrow surface of x/provenance through which remedies apply.
type ProvenanceKeeper interface {
	GetAssetRecord(ctx context.Context, id uint64) (provtypes.AssetRecord, error)
	PlanAddParent(ctx context.Context, id uint64, edge provtypes.ParentEdge) ([]provtypes.ParentEdge, uint32, error)
	// AddParentByDispute returns the descendants whose path work it re-priced.
	AddParentByDispute(ctx context.Context, id, disputeID uint64, edge provtypes.ParentEdge) ([]uint64, error)
	CheckReassign(ctx context.Context, id uint64, newOwner string, contributors provtypes.Contributors) (provtypes.Contributors, error)
	ReassignByDispute(ctx context.Context, id, disputeID uint64, newOwner string, contributors provtypes.Contributors) (provtypes.Contributors, error)
	RevokeByDispute(ctx context.Context, id, disputeID uint64, reason string) error
	SetUnderDispute(ctx context.Context, id, disputeID uint64, open bool) error
}

// RoyaltyKeeper is what remedies change in x/royalty's accounting.
type RoyaltyKeeper interface {
	RouteChanged(ctx context.Context, id uint64) error
	PathWorkChanged(ctx context.Context, id uint64) error
	ForfeitContributors(ctx context.Context, id uint64) error
	CloseContributorEra(ctx context.Context, id uint64, former provtypes.Contributors) error
}

// BankKeeper moves bonds in and out of the module account.
type BankKeeper interface {
	SendCoinsFromAccountToModule(ctx context.Context, sender sdk.AccAddress, recipientModule string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipient sdk.AccAddress, amt sdk.Coins) error
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// DistributionKeeper receives the losers' bond remainders into the community pool.
type DistributionKeeper interface {
	FundCommunityPool(ctx context.Context, amount sdk.Coins, sender sdk.AccAddress) error
}
