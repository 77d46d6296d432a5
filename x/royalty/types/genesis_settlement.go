package types

import (
	errorsmod "cosmossdk.io/errors"
)

// MaxQuarantineReasonBytes bounds the reason stored with a quarantine: a panic value or an error chain can be
// long, and every node stores it.
const MaxQuarantineReasonBytes = 512

// validateSettlement checks the settlement part of a genesis: every quarantined asset is unique and queued
// (its revenue stays pending while it is set aside), with a bounded reason; the routed assets are ascending
// and unique. Any pass record is valid: its bound only says which queued ids the pass has still to visit.
func (gs GenesisState) validateSettlement() error {
	queued := make(map[uint64]bool, len(gs.SettlementQueue))
	for _, id := range gs.SettlementQueue {
		queued[id] = true
	}
	seen := make(map[uint64]bool, len(gs.Quarantined))
	for i, q := range gs.Quarantined {
		if seen[q.AssetId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "quarantined[%d]: duplicate asset %d", i, q.AssetId)
		}
		seen[q.AssetId] = true
		if !queued[q.AssetId] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "quarantined[%d]: asset %d is not in settlement_queue", i, q.AssetId)
		}
		if len(q.Quarantine.Reason) > MaxQuarantineReasonBytes {
			return errorsmod.Wrapf(ErrInvalidGenesis, "quarantined[%d]: reason of %d bytes, at most %d", i, len(q.Quarantine.Reason), MaxQuarantineReasonBytes)
		}
	}
	for i, id := range gs.RoutedAssets {
		if id == 0 || (i > 0 && id <= gs.RoutedAssets[i-1]) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "routed_assets[%d]: asset %d is zero, out of order or a duplicate", i, id)
		}
	}
	return nil
}
