package keeper

import (
	"context"
	"fmt"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// RegisterAsset registers the asset of msg and returns its id. Every check
// runs before the first write, so a failing registration changes nothing:
// stateless validation, then the CID's uniqueness, then the parents (exist,
// active, minimum derivative shares, read from their compact records so that
// the gas is O(parents) whatever their crowds, and their path work), then the
// fee.
func (k Keeper) RegisterAsset(ctx context.Context, msg *types.MsgRegisterAsset) (uint64, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return 0, errorsmod.Wrap(err, "read params")
	}
	asset, err := types.NormalizeRegisterAsset(k.addressCodec, msg, params)
	if err != nil {
		return 0, err
	}
	if id, found, err := k.AssetIDByCID(ctx, asset.Cid); err != nil {
		return 0, err
	} else if found {
		return 0, errorsmod.Wrapf(types.ErrDuplicateCID, "%s is already registered as asset %d", asset.Cid, id)
	}
	for i, edge := range asset.Parents {
		parent, err := k.GetAssetRecord(ctx, edge.AssetId)
		if err != nil {
			return 0, errorsmod.Wrapf(types.ErrUnknownParent, "parent %d: %v", i, err)
		}
		if !parent.IsActive() {
			return 0, errorsmod.Wrapf(types.ErrInactiveParent, "parent %d (asset %d) is %s; only active assets can be cited",
				i, edge.AssetId, parent.Status)
		}
		if err := types.CheckMinDerivativeShare(asset.Policy.UpstreamShareBps, edge, parent.Policy); err != nil {
			return 0, err
		}
	}
	// Every parent exists, so each has a path work; a missing one is a broken store, refused before any write.
	pathWork, err := k.pathWorkFor(ctx, asset.Parents)
	if err != nil {
		return 0, errorsmod.Wrap(types.ErrUnknownParent, err.Error())
	}
	owner, err := k.addressCodec.StringToBytes(asset.Owner)
	if err != nil {
		return 0, errorsmod.Wrapf(types.ErrInvalidAddress, "owner: %v", err)
	}
	if err := k.checkNotBlocked("owner", asset.Owner, owner); err != nil {
		return 0, err
	}
	if list := asset.Contributors.GetList(); list != nil {
		for i, m := range list.Members {
			addr, err := k.addressCodec.StringToBytes(m.Address)
			if err != nil {
				return 0, errorsmod.Wrapf(types.ErrInvalidAddress, "contributor %d: %v", i, err)
			}
			if err := k.checkNotBlocked(fmt.Sprintf("contributor %d", i), m.Address, addr); err != nil {
				return 0, err
			}
		}
	}
	if err := k.chargeRegistrationFee(ctx, asset.Owner, owner, params.RegistrationFee); err != nil {
		return 0, err
	}

	id, err := k.nextAssetID(ctx)
	if err != nil {
		return 0, err
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	asset.Id = id
	asset.Status = types.AssetStatus_ASSET_STATUS_ACTIVE
	asset.CreatedHeight = sdkCtx.BlockHeight()
	asset.CreatedTime = sdkCtx.BlockTime().UTC()
	if err := k.insertAsset(ctx, asset, pathWork); err != nil {
		return 0, err
	}
	if err := sdkCtx.EventManager().EmitTypedEvent(&types.EventAssetRegistered{
		AssetId:   id,
		Kind:      asset.Kind,
		Cid:       asset.Cid,
		Owner:     asset.Owner,
		ParentIds: asset.ParentIDs(),
		Fee:       params.RegistrationFee,
	}); err != nil {
		return 0, errorsmod.Wrap(err, "emit event")
	}
	return id, nil
}

// chargeRegistrationFee sends the fee from payer to the community pool,
// checking first that payer can afford it so that the error says how much is
// missing. payerText is payer in the chain's address format.
func (k Keeper) chargeRegistrationFee(ctx context.Context, payerText string, payer sdk.AccAddress, fee sdk.Coins) error {
	if fee.IsZero() {
		return nil
	}
	spendable := k.bankKeeper.SpendableCoins(ctx, payer)
	if !spendable.IsAllGTE(fee) {
		missing, _ := fee.SafeSub(spendable.Min(fee)...)
		return errorsmod.Wrapf(types.ErrRegistrationFee, "the registration fee is %s; %s can spend %s, short by %s",
			fee, payerText, spendable, missing)
	}
	if err := k.distrKeeper.FundCommunityPool(ctx, fee, payer); err != nil {
		return errorsmod.Wrapf(types.ErrRegistrationFee, "pay %s to the community pool: %v", fee, err)
	}
	return nil
}
