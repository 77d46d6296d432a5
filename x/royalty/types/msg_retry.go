package types

import (
	errorsmod "cosmossdk.io/errors"
)

// MaxRetryAssets bounds the assets of one MsgRetrySettlement, so that its gas is bounded too.
const MaxRetryAssets = 100

// ValidateBasic checks the shape of a retry: a non-empty authority and 1..MaxRetryAssets unique asset ids.
// Whether the authority is the governance account and the assets are quarantined is checked by the handler.
func (m *MsgRetrySettlement) ValidateBasic() error {
	if m.Authority == "" {
		return errorsmod.Wrap(ErrInvalidAuthority, "authority is empty")
	}
	if len(m.AssetIds) == 0 || len(m.AssetIds) > MaxRetryAssets {
		return errorsmod.Wrapf(ErrInvalidRequest, "asset_ids: want 1..%d, got %d", MaxRetryAssets, len(m.AssetIds))
	}
	seen := make(map[uint64]bool, len(m.AssetIds))
	for _, id := range m.AssetIds {
		if seen[id] {
			return errorsmod.Wrapf(ErrInvalidRequest, "asset_ids: duplicate %d", id)
		}
		seen[id] = true
	}
	return nil
}
