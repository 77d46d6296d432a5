// Package testutil holds the fixture of the royalty tests, benchmarks, fuzz targets and simulations: the real
// x/provenance and x/royalty keepers on one store, with an in-memory bank and community pool.
package testutil

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Bank is an in-memory x/bank: balances by address, and the module accounts that x/bank would block from
// receiving plain transfers (x/provenance refuses them as owners and contributors).
type Bank struct {
	balances map[string]sdk.Coins
	blocked  map[string]bool
}

// NewBank returns an empty bank that blocks the module accounts of royalty, distribution and gov, as the app's
// x/bank does.
func NewBank() *Bank {
	b := &Bank{balances: map[string]sdk.Coins{}, blocked: map[string]bool{}}
	for _, m := range []string{types.ModuleName, "distribution", "gov"} {
		b.blocked[string(authtypes.NewModuleAddress(m))] = true
	}
	return b
}

// BlockedAddr reports whether addr is a blocked module account.
func (b *Bank) BlockedAddr(addr sdk.AccAddress) bool { return b.blocked[string(addr)] }

// Mint credits coins to addr out of thin air.
func (b *Bank) Mint(addr sdk.AccAddress, coins sdk.Coins) {
	b.balances[string(addr)] = b.balances[string(addr)].Add(coins...)
}

// GetAllBalances returns addr's balance.
func (b *Bank) GetAllBalances(_ context.Context, addr sdk.AccAddress) sdk.Coins {
	return b.balances[string(addr)]
}

// SpendableCoins returns addr's balance.
func (b *Bank) SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins {
	return b.GetAllBalances(ctx, addr)
}

// SendCoinsFromAccountToModule moves coins to a module account.
func (b *Bank) SendCoinsFromAccountToModule(_ context.Context, from sdk.AccAddress, module string, amt sdk.Coins) error {
	return b.send(from, authtypes.NewModuleAddress(module), amt)
}

// SendCoinsFromModuleToAccount moves coins out of a module account.
func (b *Bank) SendCoinsFromModuleToAccount(_ context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error {
	return b.send(authtypes.NewModuleAddress(module), to, amt)
}

func (b *Bank) send(from, to sdk.AccAddress, amt sdk.Coins) error {
	have := b.balances[string(from)]
	left, neg := have.SafeSub(amt...)
	if neg {
		return errorsmod.Wrapf(sdkerrors.ErrInsufficientFunds, "spendable balance %s is smaller than %s", have, amt)
	}
	b.balances[string(from)] = left
	b.balances[string(to)] = b.balances[string(to)].Add(amt...)
	return nil
}

// Distribution is x/distribution's community pool on top of Bank.
type Distribution struct {
	bank *Bank
}

// CommunityPoolAddress is where Distribution keeps the pool.
var CommunityPoolAddress = authtypes.NewModuleAddress("distribution")

// FundCommunityPool moves amount from sender into the pool.
func (d Distribution) FundCommunityPool(_ context.Context, amount sdk.Coins, sender sdk.AccAddress) error {
	return d.bank.send(sender, CommunityPoolAddress, amount)
}

// CommunityPool returns the pool's balance.
func (d Distribution) CommunityPool() sdk.Coins { return d.bank.balances[string(CommunityPoolAddress)] }
