package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
)

// Keeper owns the disputes, their deadlines and the bonds (in the module account).
type Keeper struct {
	cdc          codec.BinaryCodec
	addressCodec address.Codec
	// authority decides contested disputes and changes params (the gov module account).
	authority  string
	moduleAddr sdk.AccAddress

	bank       types.BankKeeper
	distr      types.DistributionKeeper
	provenance types.ProvenanceKeeper
	royalty    types.RoyaltyKeeper

	Schema collections.Schema
	// Params are the module parameters.
	Params collections.Item[types.Params]
	// NextDisputeID is the id of the next dispute; ids start at 1.
	NextDisputeID collections.Sequence
	// Disputes holds every dispute by id, open or closed.
	Disputes collections.Map[uint64, types.Dispute]
	// Deadlines indexes open disputes by (deadline height, id): EndBlock reads only the due ones.
	Deadlines collections.KeySet[collections.Pair[uint64, uint64]]
	// ByAsset indexes every dispute by (asset, id).
	ByAsset collections.KeySet[collections.Pair[uint64, uint64]]
	// OpenByKind is the open dispute of each (asset, kind): at most one, and an asset with any is held.
	OpenByKind collections.Map[collections.Pair[uint64, int32], uint64]
}

// NewKeeper declares every collection of the module.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService store.KVStoreService,
	addressCodec address.Codec,
	authority string,
	bank types.BankKeeper,
	distr types.DistributionKeeper,
	provenance types.ProvenanceKeeper,
	royalty types.RoyaltyKeeper,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Errorf("invalid dispute authority address %q: %w", authority, err))
	}
	sb := collections.NewSchemaBuilder(storeService)
	pair := collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)
	k := Keeper{
		cdc: cdc, addressCodec: addressCodec, authority: authority,
		moduleAddr: authtypes.NewModuleAddress(types.ModuleName),
		bank:       bank, distr: distr, provenance: provenance, royalty: royalty,
		Params:        collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		NextDisputeID: collections.NewSequence(sb, types.NextDisputeIDKey, "next_dispute_id"),
		Disputes:      collections.NewMap(sb, types.DisputesPrefix, "disputes", collections.Uint64Key, codec.CollValue[types.Dispute](cdc)),
		Deadlines:     collections.NewKeySet(sb, types.DeadlinesPrefix, "deadlines", pair),
		ByAsset:       collections.NewKeySet(sb, types.ByAssetPrefix, "disputes_by_asset", pair),
		OpenByKind: collections.NewMap(sb, types.OpenByKindPrefix, "open_by_kind",
			collections.PairKeyCodec(collections.Uint64Key, collections.Int32Key), collections.Uint64Value),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the gov authority.
func (k Keeper) Authority() string { return k.authority }

// ModuleAddress returns the module account, which holds the bonds of open disputes.
func (k Keeper) ModuleAddress() sdk.AccAddress { return k.moduleAddr }

// Provenance returns the x/provenance surface the keeper was built with (simulations pick assets through it).
func (k Keeper) Provenance() types.ProvenanceKeeper { return k.provenance }
