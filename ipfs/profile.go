package ipfs

import (
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// The IPIP-499 unixfs-v1-2025 import profile. These mirror boxo's
// uio.UnixFS_v1_2025 and kubo's `unixfs-v1-2025` config profile; they are
// constants here (and passed explicitly to boxo) because a CID that changes
// with a library default would break every registration on the chain.
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
	// HAMTSizeEstimation is how the directory block size is estimated: the
	// exact serialized dag-pb size ("block" in kubo's config).
	HAMTSizeEstimation = uio.SizeEstimationBlock
)

// dagPBPrefix builds the dag-pb nodes (file roots, directories, symlinks).
// Raw leaves get their codec from the importer's RawLeaves switch.
var dagPBPrefix = cid.Prefix{
	Version:  1,
	Codec:    cid.DagProtobuf,
	MhType:   mh.SHA2_256,
	MhLength: -1,
}

// directoryOptions are the uio.NewDirectory options of the profile. Every
// value is given, so boxo's package-level defaults never matter.
func directoryOptions() []uio.DirectoryOption {
	return []uio.DirectoryOption{
		uio.WithCidBuilder(dagPBPrefix),
		uio.WithMaxLinks(0), // kubo Import.UnixFSDirectoryMaxLinks = 0 under the profile
		uio.WithMaxHAMTFanout(HAMTFanout),
		uio.WithSizeEstimationMode(HAMTSizeEstimation),
		// No uio.With... exists for the threshold; the setter is part of the
		// Directory interface and is inherited on Basic->HAMT switches.
		func(d uio.Directory) { d.SetHAMTShardingSize(HAMTShardingSize) },
	}
}
