package dagio

import (
	uio "github.com/ipfs/boxo/ipld/unixfs/io"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// HAMTSizeEstimation is how the profile estimates a directory's block size:
// the exact serialized dag-pb size ("block" in kubo's config).
const HAMTSizeEstimation = uio.SizeEstimationBlock

// directoryOptions are the uio.NewDirectory options of the profile. Every
// value is given, so boxo's package-level defaults never matter.
func directoryOptions() []uio.DirectoryOption {
	return []uio.DirectoryOption{
		uio.WithCidBuilder(cids.DagPBPrefix),
		uio.WithMaxLinks(0), // kubo Import.UnixFSDirectoryMaxLinks = 0 under the profile
		uio.WithMaxHAMTFanout(cids.HAMTFanout),
		uio.WithSizeEstimationMode(HAMTSizeEstimation),
		// No uio.With... exists for the threshold; the setter is part of the
		// Directory interface and is inherited on Basic->HAMT switches.
		func(d uio.Directory) { d.SetHAMTShardingSize(cids.HAMTShardingSize) },
	}
}
