package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the name of the module, its store key and its error codespace.
	ModuleName = "provenance"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Store prefixes of the module's collections. They are part of the consensus
// state: never renumber them.
var (
	ParamsKey           = collections.NewPrefix(0)
	NextAssetIDKey      = collections.NewPrefix(1)
	AssetsKey           = collections.NewPrefix(2)
	AssetsByCIDKey      = collections.NewPrefix(3)
	AssetsByOwnerKey    = collections.NewPrefix(4)
	AssetsByKindKey     = collections.NewPrefix(5)
	ContributorIndexKey = collections.NewPrefix(6)
	ChildrenKey         = collections.NewPrefix(7)
	StatusKey           = collections.NewPrefix(8)
	RecordsKey          = collections.NewPrefix(9)
	// ExternalIDIndexKey indexes (canonical external id, asset id).
	ExternalIDIndexKey = collections.NewPrefix(10)
	// Prefixes 11-14 belong to disputes (amendments and the under-dispute marker).
	AmendmentsKey   = collections.NewPrefix(11)
	UnderDisputeKey = collections.NewPrefix(12)
	// PathWorkKey holds each asset's path work (keeper/path_work.go), which x/royalty prices settlement by.
	PathWorkKey = collections.NewPrefix(15)
	// RevocationsKey indexes (revocation height, asset id) for every revoked asset (keeper/revocations.go), which
	// replicating nodes read to stop serving revoked content within one poll.
	RevocationsKey = collections.NewPrefix(16)
)

// RevocationKeyCodec encodes the revocation index's keys, (height, asset id): ascending height, then id. The
// Revocations query's pagination keys are these keys, so a client resumes at any (height, asset id) with
// RevocationPageKey.
var RevocationKeyCodec = collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)

// RevocationPageKey is the Revocations query's pagination.key that starts a page at (height, assetID) inclusive.
func RevocationPageKey(height int64, assetID uint64) []byte {
	key := collections.Join(height, assetID)
	buf := make([]byte, RevocationKeyCodec.Size(key))
	if _, err := RevocationKeyCodec.Encode(buf, key); err != nil {
		panic(err) // fixed-size integers always encode
	}
	return buf
}

// BasisPoints is 100% in basis points: parent weights sum to it and shares are
// at most it.
const BasisPoints = 10_000
