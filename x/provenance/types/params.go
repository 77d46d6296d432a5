package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Defaults and bounds of the parameters.
const (
	// DefaultDenom is the chain's staking and fee denom.
	DefaultDenom = "utrib"
	// DefaultRegistrationFeeAmount is 0.1 TRIB: enough to make registering
	// junk at scale costly, small next to the value of a real dataset or model.
	DefaultRegistrationFeeAmount = 100_000
	// DefaultMaxParents is the default bound of parents per asset.
	DefaultMaxParents = 64
	// DefaultMaxContributors is the default bound of an explicit contributor
	// list; larger crowds use a Merkle commitment.
	DefaultMaxContributors = 256
	// MaxMaxParents bounds the max_parents parameter: registration cost is
	// linear in it.
	MaxMaxParents = 1024
	// MaxMaxContributors bounds the max_contributors parameter: registration
	// cost is linear in it.
	MaxMaxContributors = 4096
)

// DefaultParams returns the genesis parameters.
func DefaultParams() Params {
	return Params{
		RegistrationFee: sdk.NewCoins(sdk.NewCoin(DefaultDenom, math.NewInt(DefaultRegistrationFeeAmount))),
		MaxParents:      DefaultMaxParents,
		MaxContributors: DefaultMaxContributors,
	}
}

// Validate checks the parameters.
func (p Params) Validate() error {
	if err := p.RegistrationFee.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "registration_fee %q: %v", p.RegistrationFee, err)
	}
	if p.MaxParents == 0 || p.MaxParents > MaxMaxParents {
		return errorsmod.Wrapf(ErrInvalidParams, "max_parents is %d, must be in [1, %d]", p.MaxParents, MaxMaxParents)
	}
	if p.MaxContributors == 0 || p.MaxContributors > MaxMaxContributors {
		return errorsmod.Wrapf(ErrInvalidParams, "max_contributors is %d, must be in [1, %d]", p.MaxContributors, MaxMaxContributors)
	}
	return nil
}
