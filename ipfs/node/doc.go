// Package node is Tributary's embedded IPFS node: a libp2p host that stays
// connected to the configured peers (no DHT, no public bootstrap), boxo
// bitswap serving and fetching blocks, a trustless HTTP gateway
// (application/vnd.ipld.raw and application/vnd.ipld.car only) and a small
// kubo-compatible RPC (/api/v0/id, dag/import, dag/export, block/get) so
// that `tributaryd content` and ipfs.APIClient talk to it exactly as they
// talk to a kubo daemon.
//
// Blocks live in an ipfs.Store (flatfs) under the configured storage path.
// Everything read is checked against its CID: bitswap verifies blocks it
// receives, the store re-hashes blocks it reads, and CAR uploads are checked
// block by block. Nothing is garbage collected, so every imported DAG stays
// (the equivalent of kubo's pin-roots).
package node
