package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// Bond arithmetic (exact, integer): the winner gets its own bond back plus floor(loser's bond x
// winner_share_bps / 10000); the rest of the loser's bond goes to the community pool. A dispute that ends
// without a loser (accepted, uncontested, dismissed) returns every bond posted in full.

// uphold applies the remedy of d, then closes it with status (ACCEPTED or UPHELD) and pays the bonds: the
// challenger its bond back, plus its share of the defender's bond when there was one.
func (k Keeper) uphold(ctx context.Context, d types.Dispute, status types.DisputeStatus, reason string) error {
	if err := k.applyRemedy(ctx, d); err != nil {
		return errorsmod.Wrapf(types.ErrRemedyFailed, "dispute %d: %v", d.Id, err)
	}
	var loser string
	if d.Defender != "" {
		loser = d.Defender
	}
	return k.close(ctx, d, status, reason, true, d.Challenger, loser)
}

// reject closes a contested dispute for the defender: nothing changes, and the defender gets its bond back plus
// its share of the challenger's.
func (k Keeper) reject(ctx context.Context, d types.Dispute, reason string) error {
	return k.close(ctx, d, types.DisputeStatus_DISPUTE_STATUS_REJECTED, reason, false, d.Defender, d.Challenger)
}

// dismiss closes a dispute without a decision: every bond posted goes back.
func (k Keeper) dismiss(ctx context.Context, d types.Dispute, reason string) error {
	return k.close(ctx, d, types.DisputeStatus_DISPUTE_STATUS_DISMISSED, reason, false, "", "")
}

// applyRemedy changes the asset as d says, in x/provenance and in x/royalty's accounting.
func (k Keeper) applyRemedy(ctx context.Context, d types.Dispute) error {
	switch d.Remedy {
	case types.Remedy_REMEDY_ADD_PARENT:
		repriced, err := k.provenance.AddParentByDispute(ctx, d.AssetId, d.Id, d.Parent)
		if err != nil {
			return err
		}
		for _, id := range repriced {
			if err := k.royalty.PathWorkChanged(ctx, id); err != nil {
				return err
			}
		}
		return k.royalty.RouteChanged(ctx, d.AssetId)
	case types.Remedy_REMEDY_REASSIGN:
		former, err := k.provenance.ReassignByDispute(ctx, d.AssetId, d.Id, d.Challenger, d.Contributors)
		if err != nil {
			return err
		}
		return k.royalty.CloseContributorEra(ctx, d.AssetId, former)
	case types.Remedy_REMEDY_REVOKE:
		if err := k.provenance.RevokeByDispute(ctx, d.AssetId, d.Id, d.Evidence); err != nil {
			return err
		}
		return k.royalty.ForfeitContributors(ctx, d.AssetId)
	default:
		return errorsmod.Wrapf(types.ErrInvalidKind, "remedy %s", d.Remedy)
	}
}

// close records the outcome, releases the hold and pays the bonds. winner and loser are empty when nobody
// wins; a loser that posted no bond (an uncontested or accepted dispute's owner) loses nothing.
func (k Keeper) close(ctx context.Context, d types.Dispute, status types.DisputeStatus, reason string, applied bool, winner, loser string) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return errorsmod.Wrap(err, "read params")
	}
	paid := map[string]sdk.Coins{}
	pool := sdk.NewCoins()
	bonds := map[string]sdk.Coin{d.Challenger: d.Bond}
	if d.Defender != "" {
		bonds[d.Defender] = d.Bond
	}
	// A challenger who also became the defender (it bought the asset meanwhile) gets both bonds back.
	if d.Defender == d.Challenger {
		winner, loser = "", ""
		bonds[d.Challenger] = sdk.NewCoin(d.Bond.Denom, d.Bond.Amount.MulRaw(2))
	}
	for addr, bond := range bonds {
		if addr == loser {
			share := bond.Amount.Mul(math.NewIntFromUint64(uint64(params.WinnerShareBps))).QuoRaw(types.BasisPoints)
			paid[winner] = paid[winner].Add(sdk.NewCoin(bond.Denom, share))
			pool = pool.Add(sdk.NewCoin(bond.Denom, bond.Amount.Sub(share)))
			continue
		}
		paid[addr] = paid[addr].Add(bond)
	}
	// Pay in a fixed order: map iteration order must never reach the state machine.
	for _, addr := range []string{d.Challenger, d.Defender} {
		coins := paid[addr]
		if addr == "" || coins.IsZero() {
			continue
		}
		to, err := k.addressCodec.StringToBytes(addr)
		if err != nil {
			return errorsmod.Wrapf(types.ErrInvalidAddress, "%s: %v", addr, err)
		}
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, coins); err != nil {
			return errorsmod.Wrapf(err, "return bonds of dispute %d to %s", d.Id, addr)
		}
		delete(paid, addr)
	}
	if !pool.IsZero() {
		if err := k.distr.FundCommunityPool(ctx, pool, k.moduleAddr); err != nil {
			return errorsmod.Wrapf(err, "fund the community pool with dispute %d's bond", d.Id)
		}
	}
	if err := k.Deadlines.Remove(ctx, collections.Join(uint64(d.DeadlineHeight), d.Id)); err != nil {
		return err
	}
	if err := k.OpenByKind.Remove(ctx, collections.Join(d.AssetId, int32(d.Kind))); err != nil {
		return err
	}
	if err := k.provenance.SetUnderDispute(ctx, d.AssetId, d.Id, false); err != nil {
		return err
	}
	ev := types.EventDisputeClosed{
		DisputeId: d.Id, AssetId: d.AssetId, Status: status, RemedyApplied: applied, Reason: reason,
		ChallengerPaid: paidTo(d.Challenger, d, winner, loser, bonds, params), DefenderPaid: sdk.NewCoins(),
		CommunityPool: pool,
	}
	if d.Defender != "" && d.Defender != d.Challenger {
		ev.DefenderPaid = paidTo(d.Defender, d, winner, loser, bonds, params)
	}
	d.Status, d.Decision = status, reason
	d.DeadlineHeight, d.ClosedHeight = 0, sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.Disputes.Set(ctx, d.Id, d); err != nil {
		return err
	}
	return emit(ctx, &ev)
}

// paidTo recomputes what addr received in close, for the event.
func paidTo(addr string, d types.Dispute, winner, loser string, bonds map[string]sdk.Coin, params types.Params) sdk.Coins {
	if addr == loser {
		return sdk.NewCoins()
	}
	out := sdk.NewCoins(bonds[addr])
	if addr == winner && loser != "" {
		share := bonds[loser].Amount.Mul(math.NewIntFromUint64(uint64(params.WinnerShareBps))).QuoRaw(types.BasisPoints)
		out = out.Add(sdk.NewCoin(d.Bond.Denom, share))
	}
	return out
}

// reasonf formats a reason for outcomes the chain decides itself.
func reasonf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
