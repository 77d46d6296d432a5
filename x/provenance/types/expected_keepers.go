package types

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// BankKeeper is the part of x/bank the module uses: checking that a
// registrant can pay the fee before any state changes, and refusing blocked
// (module) addresses as owners and contributors.
type BankKeeper interface {
	SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins
	// BlockedAddr reports whether addr may not receive coins by plain
	// transfer: the app's module accounts.
	BlockedAddr(addr sdk.AccAddress) bool
}

// DistributionKeeper is the part of x/distribution the module uses: the
// registration fee goes to the community pool.
type DistributionKeeper interface {
	FundCommunityPool(ctx context.Context, amount sdk.Coins, sender sdk.AccAddress) error
}

// SettlementGuard is x/royalty's check of lineage bounds against its settlement budget: max_parents and
// max_contributors bound the work of settling one asset, which must fit a whole settlement_gas_budget.
type SettlementGuard interface {
	CheckLineageBounds(ctx context.Context, maxParents, maxContributors uint32) error
}
