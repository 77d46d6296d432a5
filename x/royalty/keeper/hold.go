package keeper

import (
	"context"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// holdRef holds the app's HoldChecker; nil means nothing is ever held.
type holdRef struct{ checker types.HoldChecker }

// SetHoldChecker sets what says whether an asset's revenue is held (x/dispute). The app calls it once, after
// building the keepers; every copy of the keeper sees it.
func (k Keeper) SetHoldChecker(h types.HoldChecker) { k.hold.checker = h }

// isHeld reports whether asset id's settlement waits for a dispute.
func (k Keeper) isHeld(ctx context.Context, id uint64) (bool, error) {
	if k.hold == nil || k.hold.checker == nil {
		return false, nil
	}
	return k.hold.checker.IsHeld(ctx, id)
}
