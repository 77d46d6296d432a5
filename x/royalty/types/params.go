package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

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
	// DefaultSettlementGasBudget is 5% of the 100,000,000 block gas limit `tributaryd init` writes: settlement
	// can never take more than a twentieth of a block, and at the measured ~15,000-30,000 gas of a one-parent
	// settlement it still settles a few hundred assets per block (README "Settlement").
	DefaultSettlementGasBudget = 5_000_000
	// MinSettlementGasBudget fits the settlement of an asset with a few parents in one denom plus the
	// bookkeeping reserve, so that ordinary lineages always progress. An asset whose settlement does not fit a
	// whole budget is quarantined (a 64-parent asset needs ~665,000 gas: the default fits it seven times over).
	MinSettlementGasBudget = 100_000
	// MaxSettlementGasBudget keeps settlement at most a fifth of the block gas limit, leaving the rest to
	// transactions whatever governance sets.
	MaxSettlementGasBudget = 20_000_000
	// DefaultMaxClaimAssets bounds the work of one claim.
	DefaultMaxClaimAssets = 100
	// MaxAcceptedDenoms bounds the per-asset work of settlement and claims.
	MaxAcceptedDenoms = 16
	// MaxReferenceBytes bounds MsgPay.reference.
	MaxReferenceBytes = 256
	// MaxProofLength bounds a Merkle proof: 64 levels cover any commitment that fits a uint64 member count.
	MaxProofLength = 64
	// DefaultMinPendingPerWorkUnit prices settlement work (README "Settlement: who pays"): revenue queues for
	// settlement once it covers 10 base units per unit of route work (1 + parents). A payment of 1,000 base units
	// (990 after the default fee) settles at once on any asset with up to 98 parents, so every ordinary payment
	// (the default max_parents is 64) moves exactly as before; a 1-unit payment never triggers settlement.
	DefaultMinPendingPerWorkUnit = 10
	// MaxMinPendingPerWorkUnit keeps the threshold reachable: at most 1,000,000 base units (1 TRIB) per unit of
	// work, so even a 1,025-work asset settles from about 1,025 TRIB of pending revenue.
	MaxMinPendingPerWorkUnit = 1_000_000
)

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{
		AcceptedDenoms:        []string{DefaultDenom},
		ProtocolFeeBps:        DefaultProtocolFeeBps,
		MaxClaimAssets:        DefaultMaxClaimAssets,
		SettlementGasBudget:   DefaultSettlementGasBudget,
		MinPendingPerWorkUnit: DefaultMinPendingPerWorkUnit,
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
	if p.SettlementGasBudget < MinSettlementGasBudget || p.SettlementGasBudget > MaxSettlementGasBudget {
		return errorsmod.Wrapf(ErrInvalidParams, "settlement_gas_budget: %d outside [%d, %d]",
			p.SettlementGasBudget, MinSettlementGasBudget, MaxSettlementGasBudget)
	}
	if p.MinPendingPerWorkUnit > MaxMinPendingPerWorkUnit {
		return errorsmod.Wrapf(ErrInvalidParams, "min_pending_per_work_unit: %d exceeds %d", p.MinPendingPerWorkUnit, MaxMinPendingPerWorkUnit)
	}
	if p.MaxClaimAssets == 0 || p.MaxClaimAssets > MaxMaxClaimAssets {
		return errorsmod.Wrapf(ErrInvalidParams, "max_claim_assets: want 1..%d, got %d", MaxMaxClaimAssets, p.MaxClaimAssets)
	}
	return nil
}

// SettlementThreshold is the pending amount (in base units of any denom) at which revenue of an asset with
// path work `work` (x/provenance) joins the settlement queue: min_pending_per_work_unit x work, exact in 128 bits (both
// factors are far below 2^64).
func (p Params) SettlementThreshold(work uint64) math.Int {
	return math.NewIntFromUint64(p.MinPendingPerWorkUnit).Mul(math.NewIntFromUint64(work))
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
