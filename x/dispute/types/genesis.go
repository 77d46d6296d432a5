package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis returns the default params, no disputes and next id 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextDisputeId: 1}
}

// IsOpen reports whether a dispute still waits for a response or a decision (its bonds are in the module
// account and its asset's revenue is held).
func (d Dispute) IsOpen() bool {
	return d.Status == DisputeStatus_DISPUTE_STATUS_OPEN || d.Status == DisputeStatus_DISPUTE_STATUS_CONTESTED
}

// Validate checks the params, every dispute's shape, ascending unique ids below next_dispute_id, at most one
// open dispute per (asset, kind), and that open disputes have a deadline and closed ones none. The module
// account's balance against the open bonds is checked by InitGenesis, which can read it.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextDisputeId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_dispute_id must be at least 1")
	}
	type assetKind struct {
		asset uint64
		kind  DisputeKind
	}
	open := map[assetKind]uint64{}
	var last uint64
	for i, d := range gs.Disputes {
		if d.Id <= last || d.Id >= gs.NextDisputeId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: id %d is not ascending or not below next_dispute_id %d", i, d.Id, gs.NextDisputeId)
		}
		last = d.Id
		if err := ValidateAddress("challenger", d.Challenger); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %v", d.Id, err)
		}
		if err := ValidateKindRemedy(d.Kind, d.Remedy); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: %v", d.Id, err)
		}
		if d.AssetId == 0 || d.Status == DisputeStatus_DISPUTE_STATUS_UNSPECIFIED || DisputeStatus_name[int32(d.Status)] == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: asset %d, status %d", d.Id, d.AssetId, d.Status)
		}
		if err := d.Bond.Validate(); err != nil || !d.Bond.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: bond %s", d.Id, d.Bond)
		}
		contested := d.Status == DisputeStatus_DISPUTE_STATUS_CONTESTED
		if contested != (d.Defender != "") && d.IsOpen() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: a defender goes with a contested dispute", d.Id)
		}
		if d.IsOpen() != (d.DeadlineHeight > 0) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "dispute %d: open disputes, and only they, have a deadline", d.Id)
		}
		if d.IsOpen() {
			key := assetKind{d.AssetId, d.Kind}
			if other, dup := open[key]; dup {
				return errorsmod.Wrapf(ErrInvalidGenesis, "disputes %d and %d are both open against asset %d for %s", other, d.Id, d.AssetId, d.Kind)
			}
			open[key] = d.Id
		}
	}
	return nil
}
