package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Defaults and bounds of the parameters.
const (
	// DefaultDenom is the chain's native denom.
	DefaultDenom = "utrib"
	// DefaultBond is 100 TRIB: cheap next to a stolen royalty stream, costly to spam (every open dispute holds
	// an asset's revenue, so the bond is what griefing costs).
	DefaultBond = 100_000_000
	// DefaultResponseWindow is about a week of 6-second blocks.
	DefaultResponseWindow = 100_800
	// DefaultArbitrationWindow is about two weeks: longer than the default gov voting period (48 h).
	DefaultArbitrationWindow = 201_600
	// MaxWindow bounds both windows (about two months): a dispute holds revenue for at most the two together.
	MaxWindow = 1_000_000
	// DefaultWinnerShareBps gives the winner half of the loser's bond; the other half funds the community pool.
	DefaultWinnerShareBps = 5_000
	// DefaultDeadlineGasBudget fits a REASSIGN of a full 4,096-member list (about 10M gas) with room to spare.
	DefaultDeadlineGasBudget = 20_000_000
	// MinDeadlineGasBudget fits a dispute closing with a small remedy, so deadlines always progress.
	MinDeadlineGasBudget = 1_000_000
	// MaxDeadlineGasBudget keeps deadline work at most a third of the 100M block gas limit.
	MaxDeadlineGasBudget = 30_000_000
	// MaxEvidenceBytes bounds evidence and decision reasons.
	MaxEvidenceBytes = 2048
)

// DefaultParams returns the default parameters (arbiter empty: governance decides).
func DefaultParams() Params {
	return Params{
		DisputeBond:             sdk.NewCoin(DefaultDenom, math.NewInt(DefaultBond)),
		ResponseWindowBlocks:    DefaultResponseWindow,
		ArbitrationWindowBlocks: DefaultArbitrationWindow,
		WinnerShareBps:          DefaultWinnerShareBps,
		DeadlineGasBudget:       DefaultDeadlineGasBudget,
	}
}

// Validate checks every bound.
func (p Params) Validate() error {
	if err := p.DisputeBond.Validate(); err != nil || !p.DisputeBond.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidParams, "dispute_bond %s must be a positive coin (err %v)", p.DisputeBond, err)
	}
	if p.ResponseWindowBlocks < 1 || p.ResponseWindowBlocks > MaxWindow {
		return errorsmod.Wrapf(ErrInvalidParams, "response_window_blocks %d: want 1 to %d", p.ResponseWindowBlocks, MaxWindow)
	}
	if p.ArbitrationWindowBlocks < 1 || p.ArbitrationWindowBlocks > MaxWindow {
		return errorsmod.Wrapf(ErrInvalidParams, "arbitration_window_blocks %d: want 1 to %d", p.ArbitrationWindowBlocks, MaxWindow)
	}
	if p.Arbiter != "" {
		if err := ValidateAddress("arbiter", p.Arbiter); err != nil {
			return errorsmod.Wrap(ErrInvalidParams, err.Error())
		}
	}
	if p.WinnerShareBps > BasisPoints {
		return errorsmod.Wrapf(ErrInvalidParams, "winner_share_bps %d: at most %d", p.WinnerShareBps, BasisPoints)
	}
	if p.DeadlineGasBudget < MinDeadlineGasBudget || p.DeadlineGasBudget > MaxDeadlineGasBudget {
		return errorsmod.Wrapf(ErrInvalidParams, "deadline_gas_budget %d: want %d to %d", p.DeadlineGasBudget, MinDeadlineGasBudget, MaxDeadlineGasBudget)
	}
	return nil
}
