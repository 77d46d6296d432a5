package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Keeper owns the royalty store: payments waiting for settlement, per-asset reward indexes and the claim
// positions of contributors.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService store.KVStoreService
	addressCodec address.Codec
	authority    string
	moduleAddr   sdk.AccAddress

	bank       types.BankKeeper
	distr      types.DistributionKeeper
	provenance types.ProvenanceKeeper

	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
	// Prices are owners' minimum prices per use, by (asset, denom).
	Prices collections.Map[collections.Pair[uint64, string], math.Int]
	// Pending is unsettled revenue by (asset, denom).
	Pending collections.Map[collections.Pair[uint64, string], math.Int]
	// Queue holds the assets with pending revenue; EndBlock settles them in descending id.
	Queue collections.KeySet[uint64]
	// PaidDirect is revenue (after the protocol fee) paid to an asset directly, by (asset, denom).
	PaidDirect collections.Map[collections.Pair[uint64, string], math.Int]
	// Ledgers are the settled accounts by (asset, denom).
	Ledgers collections.Map[collections.Pair[uint64, string], types.AssetLedger]
	// Members are claim positions by (asset, denom, contributor).
	Members collections.Map[collections.Triple[uint64, string, sdk.AccAddress], types.MemberReward]
	// MerkleMembers are the proven Merkle memberships by (member, asset), with the member's units.
	MerkleMembers collections.Map[collections.Pair[sdk.AccAddress, uint64], uint64]
	// MerkleUnits is, per Merkle asset, the sum of the units proven so far: never above the commitment's total,
	// whatever the (off-chain, unchecked) member file says. Derived from MerkleMembers; not in genesis.
	MerkleUnits collections.Map[uint64, uint64]
	// MerkleCounts is, per Merkle asset, how many members have proven membership: never above the commitment's
	// member_count. Derived from MerkleMembers; not in genesis.
	MerkleCounts collections.Map[uint64, uint64]
	// Routes cache the immutable lineage, policy and unit total of assets that have settled once.
	Routes collections.Map[uint64, types.AssetRoute]
	// RouteWork is, per routed asset, its path work (x/provenance: its own step, 1 + parents, plus the costliest
	// path above it), so that MsgPay reads 8 bytes, not the route, to price settlement (pricing.go). Copied from
	// x/provenance when the route is cached; not in genesis.
	RouteWork collections.Map[uint64, uint64]
	// Pass is where the current settlement pass stands (settlement.go, passes.go).
	Pass collections.Item[types.SettlementPass]
	// Quarantined are the assets whose settlement failed, set aside until MsgRetrySettlement (quarantine.go).
	Quarantined collections.Map[uint64, types.Quarantine]
	// Forfeited are the assets revoked by a dispute: their contributors' part of later settlements goes to the
	// community pool (disputes.go).
	Forfeited collections.KeySet[uint64]
	// Eras count, per asset, the contributor lists a dispute replaced (absent: era 0; disputes.go).
	Eras collections.Map[uint64, uint64]
	// MerkleEras is the asset's era when a Merkle membership was proven (absent: era 0): a membership of an
	// earlier era is of a replaced commitment and no longer counts.
	MerkleEras collections.Map[collections.Pair[sdk.AccAddress, uint64], uint64]

	// hold is shared by every copy of the keeper, so that the app can set the checker after the keeper
	// was handed to the module.
	hold *holdRef
}

// NewKeeper declares every collection of the module. authority is the address allowed to update params
// (the gov module account).
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService store.KVStoreService,
	addressCodec address.Codec,
	authority string,
	bankKeeper types.BankKeeper,
	distrKeeper types.DistributionKeeper,
	provenanceKeeper types.ProvenanceKeeper,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid royalty authority address %q: %w", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	pairKey := collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		authority:    authority,
		moduleAddr:   authtypes.NewModuleAddress(types.ModuleName),
		bank:         bankKeeper,
		distr:        distrKeeper,
		provenance:   provenanceKeeper,

		Params:     collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Prices:     collections.NewMap(sb, types.PricesPrefix, "prices", pairKey, sdk.IntValue),
		Pending:    collections.NewMap(sb, types.PendingPrefix, "pending", pairKey, sdk.IntValue),
		Queue:      collections.NewKeySet(sb, types.QueuePrefix, "settlement_queue", collections.Uint64Key),
		PaidDirect: collections.NewMap(sb, types.PaidDirectPrefix, "paid_direct", pairKey, sdk.IntValue),
		Ledgers:    collections.NewMap(sb, types.LedgersPrefix, "ledgers", pairKey, codec.CollValue[types.AssetLedger](cdc)),
		Members: collections.NewMap(sb, types.MembersPrefix, "member_rewards",
			collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, sdk.AccAddressKey),
			codec.CollValue[types.MemberReward](cdc)),
		MerkleMembers: collections.NewMap(sb, types.MerklePrefix, "merkle_members",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), collections.Uint64Value),
		MerkleUnits: collections.NewMap(sb, types.MerkleUnitsPrefix, "merkle_units", collections.Uint64Key, collections.Uint64Value),
		MerkleCounts: collections.NewMap(sb, types.MerkleCountsPrefix, "merkle_counts", collections.Uint64Key,
			collections.Uint64Value),
		Routes:      collections.NewMap(sb, types.RoutesPrefix, "routes", collections.Uint64Key, codec.CollValue[types.AssetRoute](cdc)),
		RouteWork:   collections.NewMap(sb, types.RouteWorkPrefix, "route_work", collections.Uint64Key, collections.Uint64Value),
		Pass:        collections.NewItem(sb, types.SettlementPassKey, "settlement_pass", codec.CollValue[types.SettlementPass](cdc)),
		Quarantined: collections.NewMap(sb, types.QuarantinePrefix, "quarantined", collections.Uint64Key, codec.CollValue[types.Quarantine](cdc)),
		Forfeited:   collections.NewKeySet(sb, types.ForfeitedPrefix, "forfeited", collections.Uint64Key),
		Eras:        collections.NewMap(sb, types.ErasPrefix, "contributor_eras", collections.Uint64Key, collections.Uint64Value),
		MerkleEras: collections.NewMap(sb, types.MerkleErasPrefix, "merkle_eras",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), collections.Uint64Value),
		hold: &holdRef{},
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the address allowed to update params.
func (k Keeper) Authority() string { return k.authority }

// AddressCodec returns the account address codec.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// Provenance returns the provenance reader the keeper was built with (simulations pick assets through it).
func (k Keeper) Provenance() types.ProvenanceKeeper { return k.provenance }

// ModuleAddress returns the royalty module account address.
func (k Keeper) ModuleAddress() sdk.AccAddress { return k.moduleAddr }
