package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module name, its store key, its error codespace and the name of its module account,
	// which holds the bonds of open disputes.
	ModuleName = "dispute"
	// StoreKey is the KV store key.
	StoreKey = ModuleName
)

// Collection prefixes; part of the consensus state: never renumber them.
var (
	ParamsKey        = collections.NewPrefix(0)
	NextDisputeIDKey = collections.NewPrefix(1)
	DisputesPrefix   = collections.NewPrefix(2)
	DeadlinesPrefix  = collections.NewPrefix(3)
	ByAssetPrefix    = collections.NewPrefix(4)
	OpenByKindPrefix = collections.NewPrefix(5)
)

// BasisPoints is 100% in basis points.
const BasisPoints = 10_000
