// Package ipfs is Tributary's content addressing: it computes, validates,
// stores and moves the content identifiers (CIDs) that the chain records.
//
// Every CID this package computes is byte-identical to what kubo v0.43.0
// produces under the IPIP-499 "unixfs-v1-2025" import profile (CIDv1 printed
// in base32, raw leaves, sha2-256, fixed 1 MiB chunks, balanced file DAGs of
// at most 1024 links per node, basic directories that switch to a HAMT of
// fanout 256 once their estimated dag-pb block size exceeds 256 KiB, no
// mode/mtime). A registration made through Tributary can therefore be checked
// by anybody with stock kubo:
//
//	ipfs config profile apply unixfs-v1-2025
//	ipfs add --only-hash -r -Q PATH
//
// The profile values are passed explicitly to boxo on every call; this
// package never calls boxo's ApplyGlobals nor writes any other package's
// globals, so imports can run concurrently with anything else in the process.
//
// Layout, one concern per file:
//
//	validate.go  the CID rules the chain enforces (ParseCID, ValidateCID)
//	profile.go   the unixfs-v1-2025 parameters
//	importer.go  turning files and directories into UnixFS DAGs (CIDOfPath, Import)
//	store.go     the on-disk blockstore in the node home
//	car.go       CAR v1 export and verified import
//	api.go       client of the kubo-compatible HTTP RPC (embedded node or kubo)
//	node.go      the embedded node: libp2p host, bitswap, peering
//	node_http.go its trustless gateway and kubo-compatible RPC subset
//	config.go    the [ipfs] section of app.toml
//	service.go   what `tributaryd start` runs
//
// The embedded node lives in this package rather than in ipfs/node because
// Service (here) starts it and it is built on Store, ImportCAR and the CID
// rules (here): a separate package would be an import cycle.
//
// Subpackages: remote (an external kubo daemon) and cli (the `content`
// command).
package ipfs
