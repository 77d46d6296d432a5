package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Every message implements sdk.HasValidateBasic, so CheckTx refuses a
// malformed transaction before any fee is charged and it never enters a
// block. ValidateBasic runs the same field checks as genesis validation and
// the CLI, against the absolute bounds (MaxMaxParents, MaxMaxContributors,
// MaxTotalUnits); the handlers check state and the current params.
var (
	_ sdk.HasValidateBasic = (*MsgRegisterAsset)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateAsset)(nil)
	_ sdk.HasValidateBasic = (*MsgTransferOwnership)(nil)
	_ sdk.HasValidateBasic = (*MsgAcceptOwnership)(nil)
	_ sdk.HasValidateBasic = (*MsgCancelTransfer)(nil)
	_ sdk.HasValidateBasic = (*MsgRetireAsset)(nil)
	_ sdk.HasValidateBasic = (*MsgRevokeAsset)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
	_ sdk.HasValidateBasic = (*MsgSetExternalIDs)(nil)
)

// accountCodec is the codec of account addresses for stateless checks. A
// message has no keeper to ask, so it reads the prefix the app sets in the
// SDK's config at start (before any transaction); the handlers check again
// with the keeper's codec when they canonicalize.
func accountCodec() address.Codec {
	return addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
}

// ValidateAddress checks that s is a non-empty account address.
func ValidateAddress(field, s string) error {
	_, _, err := CanonicalAddress(accountCodec(), field, s)
	return err
}

// ValidateAssetID checks that id can name an asset: ids start at 1.
func ValidateAssetID(id uint64) error {
	if id == 0 {
		return errorsmod.Wrap(ErrAssetNotFound, "asset_id is 0; asset ids start at 1")
	}
	return nil
}

// ValidateMetadataCID checks an optional metadata CID: empty, or a CID that
// ParseCID accepts.
func ValidateMetadataCID(s string) error {
	if s == "" {
		return nil
	}
	_, err := ParseCID("metadata_cid", s)
	return err
}

// absoluteBounds are the params at their upper bounds: what a message may
// declare whatever governance sets; the handler checks the current params.
func absoluteBounds() Params {
	return Params{MaxParents: MaxMaxParents, MaxContributors: MaxMaxContributors}
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgRegisterAsset) ValidateBasic() error {
	_, err := NormalizeRegisterAsset(accountCodec(), msg, absoluteBounds())
	return err
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgUpdateAsset) ValidateBasic() error {
	if err := ValidateAddress("owner", msg.Owner); err != nil {
		return err
	}
	if err := ValidateAssetID(msg.AssetId); err != nil {
		return err
	}
	if err := ValidateDescription(msg.Description); err != nil {
		return err
	}
	return ValidateMetadataCID(msg.MetadataCid)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgTransferOwnership) ValidateBasic() error {
	ac := accountCodec()
	owner, _, err := CanonicalAddress(ac, "owner", msg.Owner)
	if err != nil {
		return err
	}
	if err := ValidateAssetID(msg.AssetId); err != nil {
		return err
	}
	newOwner, _, err := CanonicalAddress(ac, "new_owner", msg.NewOwner)
	if err != nil {
		return err
	}
	if newOwner == owner {
		return errorsmod.Wrapf(ErrSelfTransfer, "%s would transfer asset %d to itself", owner, msg.AssetId)
	}
	return nil
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgAcceptOwnership) ValidateBasic() error {
	if err := ValidateAddress("new_owner", msg.NewOwner); err != nil {
		return err
	}
	return ValidateAssetID(msg.AssetId)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgCancelTransfer) ValidateBasic() error {
	if err := ValidateAddress("owner", msg.Owner); err != nil {
		return err
	}
	return ValidateAssetID(msg.AssetId)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgRetireAsset) ValidateBasic() error {
	if err := ValidateAddress("owner", msg.Owner); err != nil {
		return err
	}
	return ValidateAssetID(msg.AssetId)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgRevokeAsset) ValidateBasic() error {
	if err := ValidateAddress("authority", msg.Authority); err != nil {
		return err
	}
	if err := ValidateAssetID(msg.AssetId); err != nil {
		return err
	}
	return ValidateReason(msg.Reason)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgUpdateParams) ValidateBasic() error {
	if err := ValidateAddress("authority", msg.Authority); err != nil {
		return err
	}
	return msg.Params.Validate()
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgSetExternalIDs) ValidateBasic() error {
	if err := ValidateAddress("owner", msg.Owner); err != nil {
		return err
	}
	if err := ValidateAssetID(msg.AssetId); err != nil {
		return err
	}
	_, err := NormalizeExternalIDs(msg.ExternalIds)
	return err
}
