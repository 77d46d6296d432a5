package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Claim pays the claimant everything accrued in the named assets, or in every asset it contributes to (the
// first max_claim_assets by id) when none are named.
func (m msgServer) Claim(ctx context.Context, msg *types.MsgClaim) (*types.MsgClaimResponse, error) {
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
	ids := msg.AssetIds
	if !explicit {
		if ids, err = m.claimableAssets(ctx, claimant, params.MaxClaimAssets); err != nil {
			return nil, err
		}
	}

	total := sdk.NewCoins()
	var paidFrom []uint64
	for _, id := range ids {
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
			total = total.Add(paid...)
			paidFrom = append(paidFrom, id)
		}
	}
	if total.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrNothingToClaim, "%s has nothing accrued in %d asset(s)", msg.Claimant, len(ids))
	}
	if err := m.payOut(ctx, msg.Claimant, claimant, total, paidFrom); err != nil {
		return nil, err
	}
	return &types.MsgClaimResponse{Amount: total, AssetIds: paidFrom}, nil
}

// ClaimMerkle proves the claimant's membership of an asset's Merkle commitment, records its units so that later
// claims need no proof, and pays what the membership has accrued since the asset's first revenue.
func (m msgServer) ClaimMerkle(ctx context.Context, msg *types.MsgClaimMerkle) (*types.MsgClaimMerkleResponse, error) {
	claimant, err := m.addressCodec.StringToBytes(msg.Claimant)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "claimant %q: %v", msg.Claimant, err)
	}
	if msg.Units == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidMerkleProof, "units must be positive")
	}
	if len(msg.Proof) > types.MaxProofLength {
		return nil, errorsmod.Wrapf(types.ErrInvalidMerkleProof, "proof has %d hashes, at most %d", len(msg.Proof), types.MaxProofLength)
	}
	for i, h := range msg.Proof {
		if len(h) != 32 {
			return nil, errorsmod.Wrapf(types.ErrInvalidMerkleProof, "proof hash %d is %d bytes, want 32", i, len(h))
		}
	}
	asset, err := m.asset(ctx, msg.AssetId)
	if err != nil {
		return nil, err
	}
	if asset.merkle == nil {
		return nil, errorsmod.Wrapf(types.ErrNotMerkleAsset, "asset %d lists its contributors explicitly: use MsgClaim", msg.AssetId)
	}
	key := collections.Join(sdk.AccAddress(claimant), msg.AssetId)
	switch has, err := m.MerkleMembers.Has(ctx, key); {
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
	if err := m.MerkleUnits.Set(ctx, msg.AssetId, proven+msg.Units); err != nil {
		return nil, err
	}
	if err := m.MerkleMembers.Set(ctx, key, msg.Units); err != nil {
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
