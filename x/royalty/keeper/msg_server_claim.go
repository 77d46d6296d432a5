package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Claim pays the claimant everything accrued in the named assets or, when none are named, in its assets from
// start_asset_id on: up to max_claim_assets assets that pay, looking at up to 10 x max_claim_assets of them (an
// asset with nothing accrued costs reads only). The response's has_more and next_asset_id let a client repeat
// until every asset is paid, so a contributor of any number of assets is paid without knowing their ids.
func (m msgServer) Claim(ctx context.Context, msg *types.MsgClaim) (*types.MsgClaimResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	claimant, err := m.addressCodec.StringToBytes(msg.Claimant)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "claimant %q: %v", msg.Claimant, err)
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkAssetIDs(msg.AssetIds, params.MaxClaimAssets); err != nil {
		return nil, err
	}
	explicit := len(msg.AssetIds) > 0
	ids, more := msg.AssetIds, false
	if !explicit {
		if ids, more, err = m.claimantAssets(ctx, claimant, msg.StartAssetId, params.MaxClaimAssets*claimScanFactor); err != nil {
			return nil, err
		}
	}

	resp := &types.MsgClaimResponse{Amount: sdk.NewCoins()}
	for i, id := range ids {
		if !explicit && len(resp.AssetIds) == int(params.MaxClaimAssets) {
			// Paid from as many assets as one claim may; the rest (from this one on) wait for the next claim.
			more, ids = true, ids[:i]
			break
		}
		units, ok, err := m.unitsIn(ctx, id, claimant)
		if err != nil {
			return nil, err
		}
		if !ok {
			if !explicit {
				continue
			}
			return nil, m.notContributor(ctx, id, msg.Claimant)
		}
		paid, err := m.withdrawFrom(ctx, id, claimant, units)
		if err != nil {
			return nil, err
		}
		if !paid.IsZero() {
			resp.Amount = resp.Amount.Add(paid...)
			resp.AssetIds = append(resp.AssetIds, id)
		}
	}
	if more {
		resp.HasMore, resp.NextAssetId = true, ids[len(ids)-1]+1
	}
	if resp.Amount.IsZero() {
		if resp.HasMore {
			// Nothing accrued in this window, but the claimant has assets beyond it: succeed so a client moves on.
			return resp, nil
		}
		return nil, errorsmod.Wrapf(types.ErrNothingToClaim, "%s has nothing accrued in %d asset(s)", msg.Claimant, len(ids))
	}
	if err := m.payOut(ctx, msg.Claimant, claimant, resp.Amount, resp.AssetIds); err != nil {
		return nil, err
	}
	return resp, nil
}

// ClaimMerkle proves the claimant's membership of an asset's Merkle commitment, records its units so that later
// claims need no proof, and pays what the membership has accrued since the asset's first revenue.
func (m msgServer) ClaimMerkle(ctx context.Context, msg *types.MsgClaimMerkle) (*types.MsgClaimMerkleResponse, error) {
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	claimant, err := m.addressCodec.StringToBytes(msg.Claimant)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "claimant %q: %v", msg.Claimant, err)
	}
	asset, err := m.asset(ctx, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if asset.merkle == nil {
		return nil, errorsmod.Wrapf(types.ErrNotMerkleAsset, "asset %d lists its contributors explicitly: use MsgClaim", msg.AssetId)
	}
	key := collections.Join(sdk.AccAddress(claimant), msg.AssetId)
	// A membership proven for a commitment that a dispute has since replaced does not count: prove again.
	switch _, has, err := m.currentMerkleUnits(ctx, sdk.AccAddress(claimant), msg.AssetId); {
	case err != nil:
		return nil, err
	case has:
		return nil, errorsmod.Wrapf(types.ErrAlreadyRegistered, "%s already proved membership of asset %d: use MsgClaim", msg.Claimant, msg.AssetId)
	}
	if msg.Units > asset.totalUnits || !verifyMerkle(asset, claimant, msg.Units, msg.Proof) {
		return nil, errorsmod.Wrapf(types.ErrInvalidMerkleProof,
			"(%s, %d units) is not under asset %d's root: a proof works only for its own member, units and asset",
			msg.Claimant, msg.Units, msg.AssetId)
	}
	// The chain never sees the member file, so a registrant could commit leaves whose units add up to more than
	// the declared total; proven units are capped at the total so that no member can take another asset's coins.
	proven, err := m.MerkleUnits.Get(ctx, msg.AssetId)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	// Compared without adding: with a total near 2^64, proven+units would wrap and the cap would never fire.
	if proven > asset.totalUnits-msg.Units {
		return nil, errorsmod.Wrapf(types.ErrOversubscribed, "asset %d: %d units proven already, %d more exceed the commitment's %d",
			msg.AssetId, proven, msg.Units, asset.totalUnits)
	}
	// Every member has at least one unit, so member_count is a second bound the registrant declared: a commitment
	// never pays more members than it said it has, whatever leaves its (unseen) member file holds.
	count, err := m.MerkleCounts.Get(ctx, msg.AssetId)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	if count >= asset.merkle.MemberCount {
		return nil, errorsmod.Wrapf(types.ErrMemberCountExceeded, "asset %d: all %d members of its commitment have proven membership",
			msg.AssetId, asset.merkle.MemberCount)
	}
	if err := m.MerkleUnits.Set(ctx, msg.AssetId, proven+msg.Units); err != nil {
		return nil, err
	}
	if err := m.MerkleCounts.Set(ctx, msg.AssetId, count+1); err != nil {
		return nil, err
	}
	if err := m.MerkleMembers.Set(ctx, key, msg.Units); err != nil {
		return nil, err
	}
	if err := m.recordMerkleEra(ctx, key); err != nil {
		return nil, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	err = sdkCtx.EventManager().EmitTypedEvent(&types.EventMerkleMemberRegistered{
		AssetId: msg.AssetId, Member: msg.Claimant, Units: msg.Units,
	})
	if err != nil {
		return nil, err
	}
	recordMerkleProof(ctx)
	paid, err := m.withdrawFrom(ctx, msg.AssetId, claimant, msg.Units)
	if err != nil {
		return nil, err
	}
	if !paid.IsZero() {
		if err := m.payOut(ctx, msg.Claimant, claimant, paid, []uint64{msg.AssetId}); err != nil {
			return nil, err
		}
	}
	return &types.MsgClaimMerkleResponse{Amount: paid}, nil
}

// payOut sends a claim from the module account and emits EventClaimed.
func (m msgServer) payOut(ctx context.Context, bech32 string, to sdk.AccAddress, amount sdk.Coins, assetIDs []uint64) error {
	if err := m.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, amount); err != nil {
		return errorsmod.Wrapf(err, "pay %s to %s", amount, bech32)
	}
	recordClaim(ctx, amount)
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventClaimed{
		Claimant: bech32, Amount: amount, AssetIds: assetIDs,
	})
}
