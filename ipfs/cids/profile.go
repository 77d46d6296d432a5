package cids

import (
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// The IPIP-499 unixfs-v1-2025 import profile. These mirror boxo's
// uio.UnixFS_v1_2025 and kubo's `unixfs-v1-2025` config profile; they are
// constants here (and passed explicitly to boxo by ipfs/dagio) because a CID
// that changes with a library default would break every registration on the
// chain. The directory size estimation mode ("block") is a boxo type and
// lives with the importer in ipfs/dagio.
const (
	// ChunkSize is the fixed chunker size: files are cut into 1 MiB raw leaves.
	ChunkSize = 1 << 20
	// FileMaxLinks is the maximum number of links of a balanced file DAG node.
	FileMaxLinks = 1024
	// HAMTShardingSize is the estimated dag-pb block size of a directory above
	// which ('>', not '>=') it becomes a HAMT.
	HAMTShardingSize = 256 << 10
	// HAMTFanout is the fanout of HAMT directory shards.
	HAMTFanout = 256
	// MaxBlockSize bounds one block Tributary reads from a CAR or a peer: the
	// profile's largest block is a 1 MiB leaf, and bitswap refuses blocks over
	// 2 MiB anyway.
	MaxBlockSize = 2 << 20
)

// DagPBPrefix builds the profile's dag-pb nodes (file roots, directories,
// symlinks). Raw leaves get their codec from the importer's RawLeaves switch.
var DagPBPrefix = cid.Prefix{
	Version:  1,
	Codec:    cid.DagProtobuf,
	MhType:   mh.SHA2_256,
	MhLength: -1,
}
