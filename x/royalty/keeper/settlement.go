package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// zeroLedger is an empty ledger with every amount set (a nil math.Int does not marshal).
func zeroLedger() types.AssetLedger {
	z := math.ZeroInt()
	return types.AssetLedger{
		Index: z, Carry: z, Pool: z, ReceivedUpstream: z, SentUpstream: z,
		ToContributors: z, Claimed: z, Unattributed: z,
	}
}

// ledger returns the ledger of (asset, denom), empty if the asset never settled in that denom.
func (k Keeper) ledger(ctx context.Context, assetID uint64, denom string) (types.AssetLedger, error) {
	l, err := k.Ledgers.Get(ctx, collections.Join(assetID, denom))
	if errors.Is(err, collections.ErrNotFound) {
		return zeroLedger(), nil
	}
	return l, err
}

// addPending adds revenue to an asset's pending amount and queues the asset for settlement once the amount pays
// for its settlement work (pricing.go); until then the amount waits in pending, unqueued.
func (k Keeper) addPending(ctx context.Context, assetID uint64, denom string, amount math.Int, minPerWork uint64) error {
	key := collections.Join(assetID, denom)
	cur, err := k.Pending.Get(ctx, key)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		cur = math.ZeroInt()
	case err != nil:
		return err
	}
	total := cur.Add(amount)
	if err := k.Pending.Set(ctx, key, total); err != nil {
		return err
	}
	ready, err := k.readyToSettle(ctx, assetID, total, minPerWork)
	if err != nil || !ready {
		return err
	}
	return k.Queue.Set(ctx, assetID)
}

// settleAsset settles every pending denom of one asset that pays for its settlement work (pricing.go):
// O(parents x such denoms), independent of contributors. Denoms below the threshold stay pending, unqueued, so
// dust in other denoms adds no work to an honest asset's settlement.
func (k Keeper) settleAsset(ctx context.Context, id uint64) error {
	if err := k.Queue.Remove(ctx, id); err != nil {
		return err
	}
	var pending []sdk.Coin
	err := k.Pending.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](id),
		func(key collections.Pair[uint64, string], amount math.Int) (bool, error) {
			pending = append(pending, sdk.Coin{Denom: key.K2(), Amount: amount})
			return false, nil
		})
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		return nil
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	route, err := k.route(ctx, id)
	if err != nil {
		return err
	}
	// route cached the asset's path work with the route (pricing.go).
	work, err := k.RouteWork.Get(ctx, id)
	if err != nil {
		return err
	}
	threshold := params.SettlementThreshold(work)
	for _, c := range pending {
		if c.Amount.LT(threshold) {
			continue
		}
		if err := k.Pending.Remove(ctx, collections.Join(id, c.Denom)); err != nil {
			return err
		}
		if err := k.settleDenom(ctx, id, route, c.Denom, c.Amount, params.MinPendingPerWorkUnit); err != nil {
			return err
		}
	}
	return nil
}

// settleDenom splits revenue r of one asset: floor(r x upstream_share) to the parents by weight, the rest into
// the contributors' reward index (or, without contributor units, to the community pool).
func (k Keeper) settleDenom(ctx context.Context, id uint64, route types.AssetRoute, denom string, r math.Int, minPerWork uint64) error {
	l, err := k.ledger(ctx, id, denom)
	if err != nil {
		return err
	}
	event := types.EventAssetSettled{AssetId: id, Denom: denom, Revenue: r, Unattributed: math.ZeroInt()}

	upstream := math.ZeroInt()
	if len(route.Parents) > 0 {
		parents := make([]types.WeightedParent, len(route.Parents))
		for i, p := range route.Parents {
			parents[i] = types.WeightedParent{AssetID: p.AssetId, WeightBps: p.WeightBps}
		}
		upstream = types.BpsOf(r, route.UpstreamShareBps)
		for i, part := range types.SplitUpstream(upstream, parents) {
			if !part.IsPositive() {
				continue
			}
			parentID := parents[i].AssetID
			if err := k.creditParent(ctx, parentID, denom, part, minPerWork); err != nil {
				return err
			}
			event.Upstream = append(event.Upstream, types.UpstreamShare{ParentId: parentID, Amount: part})
		}
	}
	l.SentUpstream = l.SentUpstream.Add(upstream)

	rest := r.Sub(upstream)
	event.ToContributors = math.ZeroInt()
	switch {
	case !rest.IsPositive():
	case route.TotalUnits == 0:
		// Nobody to credit: rather than lock the coins forever, fund the community pool.
		if err := k.distr.FundCommunityPool(ctx, sdk.NewCoins(sdk.NewCoin(denom, rest)), k.moduleAddr); err != nil {
			return err
		}
		l.Unattributed = l.Unattributed.Add(rest)
		event.Unattributed = rest
	default:
		l.Index, l.Carry = types.Accrue(l.Index, l.Carry, rest, route.TotalUnits)
		l.Pool = l.Pool.Add(rest)
		l.ToContributors = l.ToContributors.Add(rest)
		event.ToContributors = rest
	}
	event.Index = l.Index
	if err := k.Ledgers.Set(ctx, collections.Join(id, denom), l); err != nil {
		return err
	}
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&event)
}

// creditParent queues part as the parent's pending revenue and records it as received from descendants.
func (k Keeper) creditParent(ctx context.Context, parentID uint64, denom string, part math.Int, minPerWork uint64) error {
	if err := k.addPending(ctx, parentID, denom, part, minPerWork); err != nil {
		return err
	}
	pl, err := k.ledger(ctx, parentID, denom)
	if err != nil {
		return err
	}
	pl.ReceivedUpstream = pl.ReceivedUpstream.Add(part)
	return k.Ledgers.Set(ctx, collections.Join(parentID, denom), pl)
}

// route returns the cached settlement route of an asset, reading x/provenance only the first time.
func (k Keeper) route(ctx context.Context, id uint64) (types.AssetRoute, error) {
	r, err := k.Routes.Get(ctx, id)
	if !errors.Is(err, collections.ErrNotFound) {
		return r, err
	}
	asset, err := k.asset(ctx, id)
	if err != nil {
		return r, err
	}
	r = types.AssetRoute{UpstreamShareBps: asset.upstreamBps, TotalUnits: asset.totalUnits}
	// A dispute revoked the asset: its contributors' part goes to the community pool (disputes.go).
	if forfeited, err := k.Forfeited.Has(ctx, id); err != nil {
		return r, err
	} else if forfeited {
		r.TotalUnits = 0
	}
	for _, p := range asset.parents {
		r.Parents = append(r.Parents, types.RouteParent{AssetId: p.AssetID, WeightBps: p.WeightBps})
	}
	if err := k.Routes.Set(ctx, id, r); err != nil {
		return r, err
	}
	w, err := k.pathWork(ctx, id)
	if err != nil {
		return r, err
	}
	return r, k.RouteWork.Set(ctx, id, w)
}
