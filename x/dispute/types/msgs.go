package types

import (
	"unicode/utf8"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

var (
	_ sdk.HasValidateBasic = (*MsgOpenDispute)(nil)
	_ sdk.HasValidateBasic = (*MsgAcceptDispute)(nil)
	_ sdk.HasValidateBasic = (*MsgContestDispute)(nil)
	_ sdk.HasValidateBasic = (*MsgResolveDispute)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
)

// ValidateAddress checks that s is a bech32 address (the prefix is the handler's to check).
func ValidateAddress(field, s string) error {
	if s == "" {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s is empty", field)
	}
	if _, bz, err := bech32.DecodeAndConvert(s); err != nil || len(bz) == 0 || len(bz) > 255 {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q is not a bech32 account address (err %v)", field, s, err)
	}
	return nil
}

// ValidateText checks evidence and reasons: 1 to MaxEvidenceBytes of valid UTF-8.
func ValidateText(field, s string) error {
	if len(s) == 0 || len(s) > MaxEvidenceBytes || !utf8.ValidString(s) {
		return errorsmod.Wrapf(ErrInvalidEvidence, "%s: want 1 to %d bytes of UTF-8, got %d bytes", field, MaxEvidenceBytes, len(s))
	}
	return nil
}

// ValidateKindRemedy checks that remedy is one of kind's remedies.
func ValidateKindRemedy(kind DisputeKind, remedy Remedy) error {
	switch {
	case kind == DisputeKind_DISPUTE_KIND_IMPROPER_REGISTRATION && (remedy == Remedy_REMEDY_REASSIGN || remedy == Remedy_REMEDY_REVOKE):
		return nil
	case kind == DisputeKind_DISPUTE_KIND_MISSING_LINEAGE && remedy == Remedy_REMEDY_ADD_PARENT:
		return nil
	}
	return errorsmod.Wrapf(ErrInvalidKind, "kind %s with remedy %s: IMPROPER_REGISTRATION takes REASSIGN or REVOKE, MISSING_LINEAGE takes ADD_PARENT", kind, remedy)
}

// ValidateBasic implements sdk.HasValidateBasic: shapes only; the asset, the parent, the bond amount and the
// contributors' bounds are checked against state by the handler.
func (msg *MsgOpenDispute) ValidateBasic() error {
	if err := ValidateAddress("challenger", msg.Challenger); err != nil {
		return err
	}
	if err := provtypes.ValidateAssetID(msg.AssetId); err != nil {
		return err
	}
	if err := ValidateKindRemedy(msg.Kind, msg.Remedy); err != nil {
		return err
	}
	if err := ValidateText("evidence", msg.Evidence); err != nil {
		return err
	}
	if msg.EvidenceCid != "" {
		if _, err := provtypes.ParseCID("evidence_cid", msg.EvidenceCid); err != nil {
			return err
		}
	}
	if err := msg.Bond.Validate(); err != nil || !msg.Bond.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidBond, "bond %s must be a positive coin (err %v)", msg.Bond, err)
	}
	hasParent := msg.Parent.AssetId != 0 || msg.Parent.WeightBps != 0 || msg.Parent.Relation != 0
	hasContributors := msg.Contributors.Set != nil
	switch msg.Remedy {
	case Remedy_REMEDY_ADD_PARENT:
		if hasContributors {
			return errorsmod.Wrap(ErrInvalidKind, "ADD_PARENT takes a parent, not contributors")
		}
		if err := provtypes.ValidateParents([]provtypes.ParentEdge{{AssetId: msg.Parent.AssetId, WeightBps: BasisPoints, Relation: msg.Parent.Relation}}, 1); err != nil {
			return err
		}
		if msg.Parent.WeightBps == 0 || msg.Parent.WeightBps > BasisPoints {
			return errorsmod.Wrapf(provtypes.ErrInvalidWeights, "the missing parent's weight is %d bps: want 1 to %d", msg.Parent.WeightBps, BasisPoints)
		}
		if msg.Parent.AssetId == msg.AssetId {
			return errorsmod.Wrapf(provtypes.ErrLineageCycle, "asset %d cannot be its own parent", msg.AssetId)
		}
	case Remedy_REMEDY_REASSIGN:
		if hasParent {
			return errorsmod.Wrap(ErrInvalidKind, "REASSIGN takes contributors, not a parent")
		}
		if _, err := provtypes.NormalizeContributors(accountCodec(msg.Challenger), msg.Contributors, maxContributorsBound); err != nil {
			return err
		}
	case Remedy_REMEDY_REVOKE:
		if hasParent || hasContributors {
			return errorsmod.Wrap(ErrInvalidKind, "REVOKE takes neither a parent nor contributors")
		}
	}
	return nil
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgAcceptDispute) ValidateBasic() error {
	if err := ValidateAddress("owner", msg.Owner); err != nil {
		return err
	}
	return validateDisputeID(msg.DisputeId)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgContestDispute) ValidateBasic() error {
	if err := ValidateAddress("owner", msg.Owner); err != nil {
		return err
	}
	return validateDisputeID(msg.DisputeId)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgResolveDispute) ValidateBasic() error {
	if err := ValidateAddress("authority", msg.Authority); err != nil {
		return err
	}
	if err := validateDisputeID(msg.DisputeId); err != nil {
		return err
	}
	return ValidateText("reason", msg.Reason)
}

// ValidateBasic implements sdk.HasValidateBasic.
func (msg *MsgUpdateParams) ValidateBasic() error {
	if err := ValidateAddress("authority", msg.Authority); err != nil {
		return err
	}
	return msg.Params.Validate()
}

// validateDisputeID checks that id can name a dispute: ids start at 1.
func validateDisputeID(id uint64) error {
	if id == 0 {
		return errorsmod.Wrap(ErrDisputeNotFound, "dispute ids start at 1")
	}
	return nil
}

// maxContributorsBound is the absolute bound of an explicit list; the handler checks the current param.
const maxContributorsBound = provtypes.MaxMaxContributors

// accountCodec returns a codec for the prefix of addr (already validated), so that ValidateBasic checks the
// contributors' addresses against the signer's own prefix without reading the SDK's global config.
func accountCodec(addr string) address.Codec {
	prefix, _, _ := bech32.DecodeAndConvert(addr)
	return addresscodec.NewBech32Codec(prefix)
}
