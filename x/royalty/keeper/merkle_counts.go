package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// RebuildMerkleCounts derives MerkleCounts (members proven per Merkle asset) from MerkleMembers. A chain that ran
// before member_count was enforced has memberships but no counts: its upgrade must run this once, or each of its
// commitments would admit member_count more members on top of those already proven. The walk covers every proven
// membership, so it belongs in a migration, never a transaction.
func (k Keeper) RebuildMerkleCounts(ctx context.Context) error {
	counts := map[uint64]uint64{}
	var order []uint64
	err := k.MerkleMembers.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64], _ uint64) (bool, error) {
		if _, ok := counts[key.K2()]; !ok {
			order = append(order, key.K2())
		}
		counts[key.K2()]++
		return false, nil
	})
	if err != nil {
		return err
	}
	if err := k.MerkleCounts.Clear(ctx, nil); err != nil {
		return err
	}
	for _, id := range order {
		if err := k.MerkleCounts.Set(ctx, id, counts[id]); err != nil {
			return err
		}
	}
	return nil
}
