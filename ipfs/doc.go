// Package ipfs is the map of Tributary's content layer: it computes,
// validates, stores and moves the content identifiers (CIDs) that the chain
// records. The code lives in subpackages split by job, the way boxo is split,
// so that each side links only what it needs:
//
//	cids     the CID rules the chain enforces (ParseCID, ValidateCID,
//	         VerifyBlock) and the unixfs-v1-2025 profile's constants. Imports
//	         only go-cid and go-multihash: x/provenance/types depends on it
//	         alone, so the state machine links no libp2p, HTTP or storage.
//	dagio    import and export: files and directories to UnixFS DAGs
//	         (CIDOfPath, Import), CAR export and verified import, unpacking
//	         (WriteUnixFS), and the on-disk block store (Store).
//	config   the [ipfs] section of app.toml and ClientAPIURL, the one place a
//	         command finds a home's IPFS API.
//	client   the client of the kubo-compatible HTTP RPC (the embedded node or
//	         a kubo daemon).
//	peerid   the embedded node's identity file, read without libp2p.
//	cli      the `content` command (also the tributaryd-content binary).
//	node     the embedded node: libp2p host and its connection gate, bitswap,
//	         the gateway and RPC (serving the local store only), bounded
//	         fetches, the Service `tributaryd start` runs, the Replicator of
//	         registered content and the node's metrics. The only package that
//	         links libp2p.
//
// Every CID computed here is byte-identical to what kubo v0.43.0 produces
// under the IPIP-499 "unixfs-v1-2025" import profile (CIDv1 printed in
// base32, raw leaves, sha2-256, fixed 1 MiB chunks, balanced file DAGs of at
// most 1024 links per node, basic directories that switch to a HAMT of fanout
// 256 once their estimated dag-pb block size exceeds 256 KiB, no mode/mtime).
// A registration made through Tributary can therefore be checked by anybody
// with stock kubo:
//
//	ipfs config profile apply unixfs-v1-2025
//	ipfs add --only-hash -r -Q PATH
//
// The profile values are passed explicitly to boxo on every call; no package
// here calls boxo's ApplyGlobals nor writes any other package's globals, so
// imports can run concurrently with anything else in the process.
//
// deps_test.go keeps the split honest: it fails if x/provenance/types or
// tributaryd-content ever links libp2p again.
package ipfs
