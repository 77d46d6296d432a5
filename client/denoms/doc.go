// Package denoms names the denoms the CLI prints. A payment or a claim in an IBC token shows up on chain as
// the voucher ibc/<64 hex digits>, which tells a reader nothing: the CLI prints the trace it stands for (its
// base denom and the channel path it came through, from ibc-go's transfer module) beside every such hash, and,
// when the chain's bank metadata gives the denom a display unit with decimals, the amount in that unit.
//
// Nothing here is consensus code: it runs in the client and only queries the node.
package denoms
