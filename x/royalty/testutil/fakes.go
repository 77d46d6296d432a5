// Package testutil holds the fixture of the royalty tests, benchmarks and simulations: an in-memory bank and
// community pool, and a store-backed stand-in for x/provenance (so that reading an asset costs real gas).
package testutil

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// Bank is an in-memory x/bank: balances by address.
type Bank struct {
	balances map[string]sdk.Coins
}

// NewBank returns an empty bank.
func NewBank() *Bank { return &Bank{balances: map[string]sdk.Coins{}} }

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

// Provenance stores assets the way x/provenance does (one record per asset, its status in a record of its own,
// and the contributor index), so that gas measured through it is the gas of the real reads.
type Provenance struct {
	Assets       collections.Map[uint64, provtypes.Asset]
	Contributors collections.Map[collections.Pair[sdk.AccAddress, uint64], uint64]
	// Statuses mirrors every asset's status in a record of its own, read by IsActive.
	Statuses collections.Map[uint64, int32]
	// StatusInRecord makes IsActive decode the whole asset record instead (contributor list included): the
	// layout the benchmark compares against, where MsgPay's gas would grow with the asset.
	StatusInRecord bool
	ac             address.Codec
	next           uint64
}

// NewProvenance declares its collections in storeService.
func NewProvenance(cdc codec.BinaryCodec, storeService store.KVStoreService, ac address.Codec) *Provenance {
	sb := collections.NewSchemaBuilder(storeService)
	p := &Provenance{
		ac:     ac,
		Assets: collections.NewMap(sb, collections.NewPrefix(2), "assets", collections.Uint64Key, codec.CollValue[provtypes.Asset](cdc)),
		Contributors: collections.NewMap(sb, collections.NewPrefix(6), "contributor_index",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), collections.Uint64Value),
		Statuses: collections.NewMap(sb, collections.NewPrefix(8), "statuses", collections.Uint64Key, collections.Int32Value),
	}
	if _, err := sb.Build(); err != nil {
		panic(err)
	}
	return p
}

// GetAsset returns an asset or an error wrapping provtypes.ErrAssetNotFound.
func (p *Provenance) GetAsset(ctx context.Context, id uint64) (provtypes.Asset, error) {
	a, err := p.Assets.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return a, errorsmod.Wrapf(provtypes.ErrAssetNotFound, "no asset with id %d", id)
	}
	return a, err
}

// IsActive reads only the asset's status, as x/provenance does (or the whole record with StatusInRecord).
func (p *Provenance) IsActive(ctx context.Context, id uint64) (bool, error) {
	if !p.StatusInRecord {
		s, err := p.Statuses.Get(ctx, id)
		if errors.Is(err, collections.ErrNotFound) {
			return false, errorsmod.Wrapf(provtypes.ErrAssetNotFound, "no asset with id %d", id)
		}
		return s == int32(provtypes.AssetStatus_ASSET_STATUS_ACTIVE), err
	}
	a, err := p.GetAsset(ctx, id)
	if err != nil {
		return false, err
	}
	return a.Status == provtypes.AssetStatus_ASSET_STATUS_ACTIVE, nil
}

// ContributorAssets returns up to limit ids, ascending, of the assets whose explicit list names contributor.
func (p *Provenance) ContributorAssets(ctx context.Context, contributor sdk.AccAddress, limit uint32) ([]uint64, error) {
	var ids []uint64
	err := p.Contributors.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, uint64](contributor),
		func(key collections.Pair[sdk.AccAddress, uint64], _ uint64) (bool, error) {
			ids = append(ids, key.K2())
			return uint32(len(ids)) >= limit, nil
		})
	return ids, err
}

// ContributorUnits reads contributor's units in asset id from the contributor index, as x/provenance does.
func (p *Provenance) ContributorUnits(ctx context.Context, contributor sdk.AccAddress, id uint64) (uint64, bool, error) {
	units, err := p.Contributors.Get(ctx, collections.Join(contributor, id))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, false, nil
	}
	return units, err == nil, err
}

// Put stores an asset with the next id (ids start at 1) and indexes its explicit contributors.
func (p *Provenance) Put(ctx context.Context, a provtypes.Asset) uint64 {
	p.next++
	a.Id = p.next
	if a.Cid == "" {
		a.Cid = fmt.Sprintf("cid-%d", a.Id)
	}
	if a.Status == provtypes.AssetStatus_ASSET_STATUS_UNSPECIFIED {
		a.Status = provtypes.AssetStatus_ASSET_STATUS_ACTIVE
	}
	if err := p.Assets.Set(ctx, a.Id, a); err != nil {
		panic(err)
	}
	if err := p.Statuses.Set(ctx, a.Id, int32(a.Status)); err != nil {
		panic(err)
	}
	if l := a.Contributors.GetList(); l != nil {
		for _, m := range l.Members {
			addr, err := p.ac.StringToBytes(m.Address)
			if err != nil {
				panic(err)
			}
			if err := p.Contributors.Set(ctx, collections.Join(sdk.AccAddress(addr), a.Id), m.Units); err != nil {
				panic(err)
			}
		}
	}
	return a.Id
}

// SetStatus changes an asset's status (retire or revoke).
func (p *Provenance) SetStatus(ctx context.Context, id uint64, status provtypes.AssetStatus) {
	a, err := p.Assets.Get(ctx, id)
	if err != nil {
		panic(err)
	}
	a.Status = status
	if err := p.Assets.Set(ctx, id, a); err != nil {
		panic(err)
	}
	if err := p.Statuses.Set(ctx, id, int32(status)); err != nil {
		panic(err)
	}
}
