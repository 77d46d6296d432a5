package keeper

import (
	"context"

	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Keeper owns the x/provenance state: assets, their lineage and contributor
// indexes, and the params.
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	// authority may revoke assets and update params (the x/gov module account).
	authority   string
	bankKeeper  types.BankKeeper
	distrKeeper types.DistributionKeeper

	Schema collections.Schema
	Params collections.Item[types.Params]
	// NextAssetID is the id of the next registration; ids start at 1.
	NextAssetID collections.Sequence
	// Assets holds every asset by id, indexed by CID, owner and kind.
	Assets *collections.IndexedMap[uint64, types.Asset, AssetIndexes]
	// Contributors indexes (contributor, asset id) for explicit contributor lists, with the
	// contributor's units, so that x/royalty finds a claimant's units in one small read instead of
	// decoding the whole asset (a 256-member list is ~15 KB, ~45,000 gas).
	Contributors collections.Map[collections.Pair[sdk.AccAddress, uint64], uint64]
	// Children indexes (parent id, child id) for every lineage edge.
	Children collections.KeySet[collections.Pair[uint64, uint64]]
	// Status mirrors each asset's status in a few bytes, so that IsActive
	// (read by x/royalty on every payment) costs the same gas whatever the
	// size of the asset's contributor list and lineage.
	Status collections.Map[uint64, int32]
	// Records holds each asset's compact record (types.AssetRecord: no
	// contributor list, no free text), so that registration, the lineage
	// queries and settlement read parents in gas that does not grow with the
	// parents' crowds.
	Records collections.Map[uint64, types.AssetRecord]
	// PathWork is, per asset, the settlement work along its costliest path to a root (path_work.go).
	PathWork collections.Map[uint64, uint64]
	// ExternalIDs indexes (canonical external identifier, asset id) for every
	// identifier an asset claims; several assets may claim one identifier.
	ExternalIDs collections.KeySet[collections.Pair[string, uint64]]
	// Amendments are the changes dispute outcomes made, by (asset id, dispute id) (disputes.go).
	Amendments collections.Map[collections.Pair[uint64, uint64], types.Amendment]
	// UnderDispute marks (asset id, dispute id) while a dispute of the asset is open, so that the asset
	// query shows it (x/dispute sets and clears it).
	UnderDispute collections.KeySet[collections.Pair[uint64, uint64]]
	// Revocations indexes (revocation height, asset id) for every revoked asset (revocations.go).
	Revocations collections.KeySet[collections.Pair[int64, uint64]]
	// settlementGuard, wired by the app, refuses lineage bounds whose royalty settlement would not fit its
	// budget; nil in tests that run x/provenance alone.
	settlementGuard types.SettlementGuard
}

// SetSettlementGuard wires the check MsgUpdateParams runs before it changes max_parents or max_contributors.
// Call it before the keeper is copied into the module.
func (k *Keeper) SetSettlementGuard(g types.SettlementGuard) { k.settlementGuard = g }

// LineageBounds returns max_parents and max_contributors, the bounds x/royalty sizes settlement by.
func (k Keeper) LineageBounds(ctx context.Context) (maxParents, maxContributors uint32, err error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return 0, 0, err
	}
	return p.MaxParents, p.MaxContributors, nil
}

// AssetIndexes are the secondary indexes of Keeper.Assets.
type AssetIndexes struct {
	// CID maps a canonical CID to its asset: one asset per content.
	CID *indexes.Unique[string, uint64, types.Asset]
	// Owner lists the assets of an owner.
	Owner *indexes.Multi[sdk.AccAddress, uint64, types.Asset]
	// Kind lists the assets of a kind.
	Kind *indexes.Multi[int32, uint64, types.Asset]
}

// IndexesList implements collections.Indexes.
func (i AssetIndexes) IndexesList() []collections.Index[uint64, types.Asset] {
	return []collections.Index[uint64, types.Asset]{i.CID, i.Owner, i.Kind}
}

// NewKeeper returns the module keeper. authority is the account allowed to
// revoke assets and change params; the registration fee is paid through
// distrKeeper into the community pool.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService store.KVStoreService,
	addressCodec address.Codec,
	authority string,
	bankKeeper types.BankKeeper,
	distrKeeper types.DistributionKeeper,
) Keeper {
	authority, _, err := types.CanonicalAddress(addressCodec, "authority", authority)
	if err != nil {
		panic(fmt.Errorf("x/%s: %w", types.ModuleName, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		addressCodec: addressCodec,
		authority:    authority,
		bankKeeper:   bankKeeper,
		distrKeeper:  distrKeeper,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		NextAssetID:  collections.NewSequence(sb, types.NextAssetIDKey, "next_asset_id"),
		Assets: collections.NewIndexedMap(sb, types.AssetsKey, "assets",
			collections.Uint64Key, codec.CollValue[types.Asset](cdc),
			AssetIndexes{
				CID: indexes.NewUnique(sb, types.AssetsByCIDKey, "assets_by_cid",
					collections.StringKey, collections.Uint64Key,
					func(_ uint64, a types.Asset) (string, error) { return a.Cid, nil }),
				Owner: indexes.NewMulti(sb, types.AssetsByOwnerKey, "assets_by_owner",
					sdk.AccAddressKey, collections.Uint64Key,
					func(_ uint64, a types.Asset) (sdk.AccAddress, error) { return addressCodec.StringToBytes(a.Owner) }),
				Kind: indexes.NewMulti(sb, types.AssetsByKindKey, "assets_by_kind",
					collections.Int32Key, collections.Uint64Key,
					func(_ uint64, a types.Asset) (int32, error) { return int32(a.Kind), nil }),
			}),
		Contributors: collections.NewMap(sb, types.ContributorIndexKey, "contributor_index",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key), collections.Uint64Value),
		Children: collections.NewKeySet(sb, types.ChildrenKey, "children",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		Status:   collections.NewMap(sb, types.StatusKey, "asset_status", collections.Uint64Key, collections.Int32Value),
		Records:  collections.NewMap(sb, types.RecordsKey, "asset_records", collections.Uint64Key, codec.CollValue[types.AssetRecord](cdc)),
		PathWork: collections.NewMap(sb, types.PathWorkKey, "path_work", collections.Uint64Key, collections.Uint64Value),
		ExternalIDs: collections.NewKeySet(sb, types.ExternalIDIndexKey, "external_id_index",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
		Amendments: collections.NewMap(sb, types.AmendmentsKey, "amendments",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.Amendment](cdc)),
		UnderDispute: collections.NewKeySet(sb, types.UnderDisputeKey, "under_dispute",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		Revocations: collections.NewKeySet(sb, types.RevocationsKey, "revocations", types.RevocationKeyCodec),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}
