package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// Every message implements sdk.HasValidateBasic, so CheckTx refuses a malformed transaction before any fee is
// charged and it never enters a block. ValidateBasic checks shapes against absolute bounds; the handlers check
// state and the current params (an address's prefix against the keeper's codec, max_claim_assets, denoms accepted).
var (
	_ sdk.HasValidateBasic = (*MsgPay)(nil)
	_ sdk.HasValidateBasic = (*MsgSetPrice)(nil)
	_ sdk.HasValidateBasic = (*MsgClaim)(nil)
	_ sdk.HasValidateBasic = (*MsgClaimMerkle)(nil)
	_ sdk.HasValidateBasic = (*MsgUpdateParams)(nil)
)

const (
	// MaxMaxClaimAssets is the upper bound of the max_claim_assets param, and so of any asset id list: a claim
	// without ids looks at up to 10 x max_claim_assets assets, about 10,000 x ~6,000 gas = 60M at this bound,
	// inside the 100M block gas limit.
	MaxMaxClaimAssets = 1_000
	// MerkleHashLength is the length of every hash of a Merkle proof (SHA-256).
	MerkleHashLength = 32
	// maxAddressBytes is the longest address x/auth accepts.
	maxAddressBytes = 255
)

// ValidateAddress checks that s is a bech32 account address of 1 to 255 bytes. The prefix is the handler's to
// check: a message has no keeper, and the SDK's global config is not the place to read it from in tests and tools.
func ValidateAddress(field, s string) error {
	if s == "" {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s is empty", field)
	}
	_, bz, err := bech32.DecodeAndConvert(s)
	if err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %v", field, s, err)
	}
	if len(bz) == 0 || len(bz) > maxAddressBytes {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q is %d bytes, want 1 to %d", field, s, len(bz), maxAddressBytes)
	}
	return nil
}

// ValidateAssetID checks that id can name an asset: x/provenance's ids start at 1.
func ValidateAssetID(field string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(ErrUnknownAsset, "%s is 0; asset ids start at 1", field)
	}
	return nil
}

// ValidateAssetIDs checks an asset id list: at most MaxMaxClaimAssets ids, none 0, none twice.
func ValidateAssetIDs(field string, ids []uint64) error {
	if len(ids) > MaxMaxClaimAssets {
		return errorsmod.Wrapf(ErrTooManyAssets, "%s has %d ids, at most %d", field, len(ids), MaxMaxClaimAssets)
	}
	seen := make(map[uint64]bool, len(ids))
	for _, id := range ids {
		if err := ValidateAssetID(field, id); err != nil {
			return err
		}
		if seen[id] {
			return errorsmod.Wrapf(ErrInvalidRequest, "%s lists asset %d twice", field, id)
		}
		seen[id] = true
	}
	return nil
}

// ValidateCoin checks a coin's denom and that its amount is set and not negative; positive also refuses zero.
func ValidateCoin(field string, c sdk.Coin, positive bool) error {
	if c.Amount.IsNil() {
		return errorsmod.Wrapf(ErrZeroAmount, "%s: amount is missing", field)
	}
	if err := c.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidRequest, "%s %s: %v", field, c, err)
	}
	if positive && !c.IsPositive() {
		return errorsmod.Wrapf(ErrZeroAmount, "%s is %s", field, c)
	}
	return nil
}

// ValidateMerkleProof checks a proof's shape: at most MaxProofLength hashes of MerkleHashLength bytes each.
func ValidateMerkleProof(proof [][]byte) error {
	if len(proof) > MaxProofLength {
		return errorsmod.Wrapf(ErrInvalidMerkleProof, "%d hashes, at most %d", len(proof), MaxProofLength)
	}
	for i, h := range proof {
		if len(h) != MerkleHashLength {
			return errorsmod.Wrapf(ErrInvalidMerkleProof, "hash %d is %d bytes, want %d", i, len(h), MerkleHashLength)
		}
	}
	return nil
}

// ValidateBasic checks the payer, the asset id, the amount (a valid, positive coin) and the reference's length.
func (m *MsgPay) ValidateBasic() error {
	if err := ValidateAddress("payer", m.Payer); err != nil {
		return err
	}
	if err := ValidateAssetID("asset_id", m.AssetId); err != nil {
		return err
	}
	if err := ValidateCoin("amount", m.Amount, true); err != nil {
		return err
	}
	if len(m.Reference) > MaxReferenceBytes {
		return errorsmod.Wrapf(ErrReferenceTooLong, "%d bytes, at most %d", len(m.Reference), MaxReferenceBytes)
	}
	return nil
}

// ValidateBasic checks the owner, the asset id and the price (a valid coin; zero removes the price).
func (m *MsgSetPrice) ValidateBasic() error {
	if err := ValidateAddress("owner", m.Owner); err != nil {
		return err
	}
	if err := ValidateAssetID("asset_id", m.AssetId); err != nil {
		return err
	}
	return ValidateCoin("price", m.Price, false)
}

// ValidateBasic checks the claimant and the asset id list; start_asset_id only makes sense without a list.
func (m *MsgClaim) ValidateBasic() error {
	if err := ValidateAddress("claimant", m.Claimant); err != nil {
		return err
	}
	if err := ValidateAssetIDs("asset_ids", m.AssetIds); err != nil {
		return err
	}
	if len(m.AssetIds) > 0 && m.StartAssetId != 0 {
		return errorsmod.Wrap(ErrInvalidRequest, "start_asset_id pages a claim without asset_ids; leave it 0 with a list")
	}
	return nil
}

// ValidateBasic checks the claimant, the asset id, the units (1 to x/provenance's MaxTotalUnits: no commitment
// declares more) and the proof's shape.
func (m *MsgClaimMerkle) ValidateBasic() error {
	if err := ValidateAddress("claimant", m.Claimant); err != nil {
		return err
	}
	if err := ValidateAssetID("asset_id", m.AssetId); err != nil {
		return err
	}
	if m.Units == 0 || m.Units > provtypes.MaxTotalUnits {
		return errorsmod.Wrapf(ErrInvalidMerkleProof, "units %d, want 1 to %d", m.Units, provtypes.MaxTotalUnits)
	}
	return ValidateMerkleProof(m.Proof)
}

// ValidateBasic checks the authority's address and every bound of the params.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := ValidateAddress("authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}
