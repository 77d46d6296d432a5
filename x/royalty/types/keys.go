package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module name, its store key and the name of its module account, which holds all
	// unsettled revenue, unclaimed rewards and carried remainders.
	ModuleName = "royalty"
	// StoreKey is the KV store key.
	StoreKey = ModuleName
)

// Collection prefixes; each is unique within the store.
var (
	ParamsKey         = collections.NewPrefix(0)
	PricesPrefix      = collections.NewPrefix(1)
	PendingPrefix     = collections.NewPrefix(2)
	QueuePrefix       = collections.NewPrefix(3)
	PaidDirectPrefix  = collections.NewPrefix(4)
	LedgersPrefix     = collections.NewPrefix(5)
	MembersPrefix     = collections.NewPrefix(6)
	MerklePrefix      = collections.NewPrefix(7)
	RoutesPrefix      = collections.NewPrefix(8)
	MerkleUnitsPrefix = collections.NewPrefix(9)
	// Settlement state (consensus version 2) uses prefixes from 20.
	SettlementPassKey = collections.NewPrefix(20)
	QuarantinePrefix  = collections.NewPrefix(21)
	// MerkleCountsPrefix is set from 40 on for the same reason as the error codes: parallel branches add prefixes.
	MerkleCountsPrefix = collections.NewPrefix(40)
	// RouteWorkPrefix (consensus version 3) holds each routed asset's path work, read by MsgPay to price
	// settlement (keeper/pricing.go).
	RouteWorkPrefix = collections.NewPrefix(41)
	// Prefixes 45-49 belong to disputes (disputes.go in the keeper).
	ForfeitedPrefix  = collections.NewPrefix(45)
	ErasPrefix       = collections.NewPrefix(46)
	MerkleErasPrefix = collections.NewPrefix(47)
)
