package types

import (
	"fmt"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis returns the default genesis: default params, nothing else.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// assetDenom is a (asset, denom) key for uniqueness checks.
type assetDenom struct {
	asset uint64
	denom string
}

// Validate checks everything that can be checked without other modules: params, amounts, uniqueness, that the
// queue is a subset of the assets with pending revenue, and that claim positions refer to existing ledgers
// and never run ahead of them. InitGenesis checks the module account balance against these sums.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "params: %v", err)
	}
	if err := gs.validateSettlement(); err != nil {
		return err
	}
	if err := gs.validateDisputes(); err != nil {
		return err
	}
	checkAmounts := func(field string, list []AssetAmount, positive bool) (map[assetDenom]math.Int, error) {
		seen := make(map[assetDenom]math.Int, len(list))
		for i, a := range list {
			if err := sdk.ValidateDenom(a.Denom); err != nil {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "%s[%d]: %v", field, i, err)
			}
			if a.Amount.IsNil() || a.Amount.IsNegative() || (positive && a.Amount.IsZero()) {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "%s[%d]: amount %v must be positive", field, i, a.Amount)
			}
			k := assetDenom{a.AssetId, a.Denom}
			if _, dup := seen[k]; dup {
				return nil, errorsmod.Wrapf(ErrInvalidGenesis, "%s: duplicate (asset %d, %s)", field, a.AssetId, a.Denom)
			}
			seen[k] = a.Amount
		}
		return seen, nil
	}
	if _, err := checkAmounts("prices", gs.Prices, true); err != nil {
		return err
	}
	pending, err := checkAmounts("pending", gs.Pending, true)
	if err != nil {
		return err
	}
	if _, err := checkAmounts("paid_direct", gs.PaidDirect, false); err != nil {
		return err
	}

	queued := make(map[uint64]bool, len(gs.SettlementQueue))
	for _, id := range gs.SettlementQueue {
		if queued[id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "settlement_queue: duplicate asset %d", id)
		}
		queued[id] = true
	}
	// Pending revenue below its asset's settlement threshold waits unqueued (README "Settlement: who pays"), so
	// the queue is a subset of the assets with pending revenue; InitGenesis's conservation check refuses waiting
	// revenue of an asset without a route, which could never settle.
	withPending := make(map[uint64]bool)
	for k := range pending {
		withPending[k.asset] = true
	}
	for id := range queued {
		if !withPending[id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "settlement_queue: asset %d has no pending revenue", id)
		}
	}

	ledgers := make(map[assetDenom]AssetLedger, len(gs.Ledgers))
	for i, e := range gs.Ledgers {
		if err := sdk.ValidateDenom(e.Denom); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "ledgers[%d]: %v", i, err)
		}
		k := assetDenom{e.AssetId, e.Denom}
		if _, dup := ledgers[k]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "ledgers: duplicate (asset %d, %s)", e.AssetId, e.Denom)
		}
		if err := e.Ledger.validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "ledgers[%d] (asset %d, %s): %v", i, e.AssetId, e.Denom, err)
		}
		ledgers[k] = e.Ledger
	}

	// Addresses are compared by their bytes: two spellings of one address (upper and lower case bech32) are one
	// member, and the store keys positions by bytes.
	type memberKey struct {
		assetDenom
		addr string
	}
	members := make(map[memberKey]bool, len(gs.MemberRewards))
	for i, e := range gs.MemberRewards {
		bz, err := ac.StringToBytes(e.Address)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member_rewards[%d]: address %q: %v", i, e.Address, err)
		}
		k := memberKey{assetDenom{e.AssetId, e.Denom}, string(bz)}
		if members[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member_rewards: duplicate (asset %d, %s, %s)", e.AssetId, e.Denom, e.Address)
		}
		members[k] = true
		l, ok := ledgers[k.assetDenom]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member_rewards[%d]: no ledger for (asset %d, %s)", i, e.AssetId, e.Denom)
		}
		r := e.Reward
		if r.Units == 0 || r.LastIndex.IsNil() || r.Dust.IsNil() || r.LastIndex.IsNegative() || r.LastIndex.GT(l.Index) ||
			r.Dust.IsNegative() || r.Dust.GTE(IndexPrecision) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "member_rewards[%d]: units %d, last_index %v (ledger %s), dust %v out of range",
				i, r.Units, r.LastIndex, l.Index, r.Dust)
		}
	}

	type merkleKey struct {
		asset uint64
		addr  string
	}
	merkle := make(map[merkleKey]bool, len(gs.MerkleMembers))
	for i, e := range gs.MerkleMembers {
		bz, err := ac.StringToBytes(e.Address)
		if err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "merkle_members[%d]: address %q: %v", i, e.Address, err)
		}
		k := merkleKey{e.AssetId, string(bz)}
		if merkle[k] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "merkle_members: duplicate (asset %d, %s)", e.AssetId, e.Address)
		}
		merkle[k] = true
		if e.Units == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "merkle_members[%d]: zero units", i)
		}
	}
	return nil
}

// validate checks that every amount is set and non-negative and the books of the ledger balance: what reached
// the contributors is what was claimed plus what is still in the pool.
func (l AssetLedger) validate() error {
	fields := []struct {
		name string
		v    math.Int
	}{
		{"index", l.Index}, {"carry", l.Carry}, {"pool", l.Pool}, {"received_upstream", l.ReceivedUpstream},
		{"sent_upstream", l.SentUpstream}, {"to_contributors", l.ToContributors}, {"claimed", l.Claimed},
		{"unattributed", l.Unattributed},
	}
	for _, f := range fields {
		if f.v.IsNil() || f.v.IsNegative() {
			return fmt.Errorf("%s %v must be set and non-negative", f.name, f.v)
		}
	}
	if !l.ToContributors.Equal(l.Claimed.Add(l.Pool)) {
		return fmt.Errorf("to_contributors %s != claimed %s + pool %s", l.ToContributors, l.Claimed, l.Pool)
	}
	return nil
}

// validateDisputes checks the dispute state: forfeited assets and eras ascending and unique, eras positive.
func (gs GenesisState) validateDisputes() error {
	for i, id := range gs.ForfeitedAssets {
		if id == 0 || (i > 0 && id <= gs.ForfeitedAssets[i-1]) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "forfeited_assets[%d]: %d is 0 or not ascending", i, id)
		}
	}
	for i, e := range gs.AssetEras {
		if e.AssetId == 0 || e.Era == 0 || (i > 0 && e.AssetId <= gs.AssetEras[i-1].AssetId) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "asset_eras[%d]: asset %d era %d: want positive, ascending by asset", i, e.AssetId, e.Era)
		}
	}
	return nil
}
