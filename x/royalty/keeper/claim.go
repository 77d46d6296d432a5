package keeper

import (
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// denomLedger is one ledger of an asset, read before any write.
type denomLedger struct {
	denom  string
	ledger types.AssetLedger
}

// assetLedgers returns every ledger of an asset, ascending by denom.
func (k Keeper) assetLedgers(ctx context.Context, assetID uint64) ([]denomLedger, error) {
	var out []denomLedger
	err := k.Ledgers.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](assetID),
		func(key collections.Pair[uint64, string], l types.AssetLedger) (bool, error) {
			out = append(out, denomLedger{denom: key.K2(), ledger: l})
			return false, nil
		})
	return out, err
}

// position returns a member's claim position, starting at index 0 if the member never claimed: contributors
// are credited from the asset's first revenue on.
func (k Keeper) position(ctx context.Context, key collections.Triple[uint64, string, sdk.AccAddress], units uint64) (types.MemberReward, error) {
	pos, err := k.Members.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return types.MemberReward{Units: units, LastIndex: math.ZeroInt(), Dust: math.ZeroInt()}, nil
	}
	return pos, err
}

// owedFrom returns what addr, holding units, can claim from an asset now, per denom.
func (k Keeper) owedFrom(ctx context.Context, assetID uint64, addr sdk.AccAddress, units uint64) (sdk.Coins, error) {
	ledgers, err := k.assetLedgers(ctx, assetID)
	if err != nil {
		return nil, err
	}
	owed := sdk.NewCoins()
	for _, dl := range ledgers {
		pos, err := k.position(ctx, collections.Join3(assetID, dl.denom, addr), units)
		if err != nil {
			return nil, err
		}
		pay, _ := types.Owed(units, pos.LastIndex, pos.Dust, dl.ledger.Index)
		owed = owed.Add(sdk.NewCoin(dl.denom, pay))
	}
	return owed, nil
}

// withdrawFrom moves addr's position in an asset up to the current indexes and takes its payout out of the
// asset's pools. The caller sends the coins.
func (k Keeper) withdrawFrom(ctx context.Context, assetID uint64, addr sdk.AccAddress, units uint64) (sdk.Coins, error) {
	ledgers, err := k.assetLedgers(ctx, assetID)
	if err != nil {
		return nil, err
	}
	paid := sdk.NewCoins()
	for _, dl := range ledgers {
		key := collections.Join3(assetID, dl.denom, addr)
		pos, err := k.position(ctx, key, units)
		if err != nil {
			return nil, err
		}
		if pos.LastIndex.Equal(dl.ledger.Index) && pos.Units == units {
			continue
		}
		pay, dust := types.Owed(units, pos.LastIndex, pos.Dust, dl.ledger.Index)
		pos.Units, pos.LastIndex, pos.Dust = units, dl.ledger.Index, dust
		if err := k.Members.Set(ctx, key, pos); err != nil {
			return nil, err
		}
		if !pay.IsPositive() {
			continue
		}
		l := dl.ledger
		if pay.GT(l.Pool) {
			// Never a negative pool: the coins would be other assets' revenue and rewards.
			return nil, errorsmod.Wrapf(types.ErrPoolOverdrawn, "asset %d: %s%s owed to %s, pool holds %s",
				assetID, pay, dl.denom, addr, l.Pool)
		}
		l.Pool = l.Pool.Sub(pay)
		l.Claimed = l.Claimed.Add(pay)
		if err := k.Ledgers.Set(ctx, collections.Join(assetID, dl.denom), l); err != nil {
			return nil, err
		}
		paid = paid.Add(sdk.NewCoin(dl.denom, pay))
	}
	return paid, nil
}

// unitsIn returns addr's units in asset id: from x/provenance's contributor index (explicit lists) or from a
// proven Merkle membership. ok is false when addr is neither. It does not read the asset, so a claim costs the
// same whatever the size of the asset's contributor list.
func (k Keeper) unitsIn(ctx context.Context, id uint64, addr sdk.AccAddress) (uint64, bool, error) {
	units, found, err := k.provenance.ContributorUnits(ctx, addr, id)
	if err != nil || found {
		return units, found, err
	}
	return k.currentMerkleUnits(ctx, addr, id)
}

// notContributor explains why addr may not claim from asset id, which unitsIn did not find it in: the asset
// does not exist, addr has not proven its Merkle membership yet, or the explicit list does not name it.
func (k Keeper) notContributor(ctx context.Context, id uint64, addr string) error {
	asset, err := k.asset(ctx, id)
	if err != nil {
		return err
	}
	if asset.merkle != nil {
		return errorsmod.Wrapf(types.ErrNothingToClaim,
			"%s has not proven membership of asset %d: send MsgClaimMerkle with a proof first", addr, id)
	}
	return errorsmod.Wrapf(types.ErrNothingToClaim, "%s is not a contributor of asset %d", addr, id)
}

// claimantAssets lists, ascending from start (inclusive), up to limit ids of the assets addr may claim from: the
// explicit lists naming it (from x/provenance's contributor index) and the Merkle commitments it has proven.
// more is true when the claimant has assets beyond the last id returned. Both sources are ascending, so the first
// limit ids of each from start hold the first limit ids of their union; one more is read to know whether any remain.
func (k Keeper) claimantAssets(ctx context.Context, addr sdk.AccAddress, start uint64, limit uint32) (ids []uint64, more bool, err error) {
	ids, err = k.provenance.ContributorAssetsFrom(ctx, addr, start, limit+1)
	if err != nil {
		return nil, false, err
	}
	seen := make(map[uint64]bool, len(ids))
	for _, id := range ids {
		seen[id] = true
	}
	var merkle uint32
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](addr).StartInclusive(start)
	err = k.MerkleMembers.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, uint64], _ uint64) (bool, error) {
		if !seen[key.K2()] {
			ids = append(ids, key.K2())
			seen[key.K2()] = true
		}
		merkle++
		return merkle > limit, nil
	})
	if err != nil {
		return nil, false, err
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if len(ids) > int(limit) {
		return ids[:limit], true, nil
	}
	return ids, false, nil
}

// claimScanFactor is how many of a claimant's assets a claim without asset ids may look at per asset it may pay
// from (max_claim_assets): looking at an asset with nothing accrued costs a few reads and no write, so a claim
// skips up to 10 x max_claim_assets of them before it stops and reports has_more.
const claimScanFactor = 10

// checkAssetIDs validates an explicit asset list against the current params: at most limit ids (their uniqueness
// and the absolute bound are stateless, checked by ValidateBasic).
func checkAssetIDs(ids []uint64, limit uint32) error {
	if len(ids) > int(limit) {
		return errorsmod.Wrapf(types.ErrTooManyAssets, "%d asset ids, at most %d (max_claim_assets)", len(ids), limit)
	}
	return types.ValidateAssetIDs("asset_ids", ids)
}
