package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Defaults and bounds of the parameters.
const (
	// DefaultDenom is the chain's native denom, the only one accepted by default.
	DefaultDenom = "utrib"
	// DefaultProtocolFeeBps is 1%: enough to fund the community pool, small next to any upstream share.
	DefaultProtocolFeeBps = 100
	// MaxProtocolFeeBps caps the fee at half of every payment.
	MaxProtocolFeeBps = 5_000
	// DefaultSettlementBudget settles a 1,000-deep lineage in one block; each asset costs O(parents).
	DefaultSettlementBudget = 1_000
	// DefaultMaxClaimAssets bounds the work of one claim.
	DefaultMaxClaimAssets = 100
	// MaxAcceptedDenoms bounds the per-asset work of settlement and claims.
	MaxAcceptedDenoms = 16
	// MaxReferenceBytes bounds MsgPay.reference.
	MaxReferenceBytes = 256
	// MaxProofLength bounds a Merkle proof: 64 levels cover any commitment that fits a uint64 member count.
	MaxProofLength = 64
)

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{
		AcceptedDenoms:   []string{DefaultDenom},
		ProtocolFeeBps:   DefaultProtocolFeeBps,
		SettlementBudget: DefaultSettlementBudget,
		MaxClaimAssets:   DefaultMaxClaimAssets,
	}
}

// Validate checks every bound.
func (p Params) Validate() error {
	if len(p.AcceptedDenoms) == 0 || len(p.AcceptedDenoms) > MaxAcceptedDenoms {
		return errorsmod.Wrapf(ErrInvalidParams, "accepted_denoms: want 1..%d, got %d", MaxAcceptedDenoms, len(p.AcceptedDenoms))
	}
	seen := make(map[string]bool, len(p.AcceptedDenoms))
	for _, d := range p.AcceptedDenoms {
		if err := sdk.ValidateDenom(d); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "accepted_denoms: %q: %v", d, err)
		}
		if seen[d] {
			return errorsmod.Wrapf(ErrInvalidParams, "accepted_denoms: duplicate %q", d)
		}
		seen[d] = true
	}
	if p.ProtocolFeeBps > MaxProtocolFeeBps {
		return errorsmod.Wrapf(ErrInvalidParams, "protocol_fee_bps: %d exceeds %d", p.ProtocolFeeBps, MaxProtocolFeeBps)
	}
	if p.SettlementBudget == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "settlement_budget must be at least 1")
	}
	if p.MaxClaimAssets == 0 || p.MaxClaimAssets > MaxMaxClaimAssets {
		return errorsmod.Wrapf(ErrInvalidParams, "max_claim_assets: want 1..%d, got %d", MaxMaxClaimAssets, p.MaxClaimAssets)
	}
	return nil
}

// Accepts reports whether denom is accepted for payment.
func (p Params) Accepts(denom string) bool {
	for _, d := range p.AcceptedDenoms {
		if d == denom {
			return true
		}
	}
	return false
}
