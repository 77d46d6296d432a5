// Package dagio turns files and directories into UnixFS DAGs under the
// unixfs-v1-2025 profile (CIDOfPath, Import), moves DAGs in and out as CAR
// streams (ExportCAR, ImportCAR, both verified block by block), writes them
// back out as files (WriteUnixFS), and keeps blocks on disk (Store). It has no
// network code: the content commands run it in the slim tributaryd-content.
package dagio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	chunker "github.com/ipfs/boxo/chunker"
	dag "github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	"github.com/ipfs/boxo/ipld/unixfs/importer/helpers"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

// ErrUnsupportedFileType is returned for paths that are neither regular
// files, directories nor symlinks (sockets, devices, FIFOs), which kubo
// refuses too.
var ErrUnsupportedFileType = errors.New("unsupported file type")

// ErrFileChanged is returned when a file is no longer the one the walk saw when it is opened
// for reading: replaced (by a symlink to the validator key, say), or resized.
var ErrFileChanged = errors.New("file changed while it was being imported")

// ImportOptions tunes an import. The zero value is kubo's `ipfs add -r`
// under the unixfs-v1-2025 profile: hidden entries excluded, symlinks stored
// as symlinks, empty directories kept, one worker per core.
type ImportOptions struct {
	// IncludeHidden includes directory entries whose name starts with '.',
	// like kubo's --hidden. The path given to the import itself is always
	// included, as in kubo.
	IncludeHidden bool
	// Progress, when set, is called with the running total of content bytes
	// read so far. Calls are serialised but may come from any goroutine; it
	// must be quick.
	Progress func(bytesDone int64)
	// Start, when set, is called once the tree has been walked, before any
	// content is read, with the number of content bytes to import (the
	// total Progress will reach), e.g. to size a progress bar.
	Start func(totalBytes int64)
	// Parallelism is the number of files hashed at once; 0 means GOMAXPROCS.
	// The result never depends on it.
	Parallelism int
}

// ImportResult describes an imported path.
type ImportResult struct {
	// Root is the CID kubo prints for the path under the profile.
	Root cid.Cid
	// Size is the number of content bytes: the sum of the sizes of the
	// regular files imported (symlink targets and DAG overhead excluded).
	// It is what a person means by the size of a data set and what the
	// chain records; it equals the UnixFS filesize of a file root.
	Size uint64
	// DAGSize is the cumulative size of all blocks of the DAG (the Tsize of
	// the root, which kubo reports as "Size" in `ipfs add --enc=json` and
	// `ipfs dag stat`). It is what storage and transfer cost.
	DAGSize uint64
	// Files, Directories and Symlinks count the imported entries, the root included.
	Files, Directories, Symlinks int
}

// BlockWriter receives the blocks of an import. A boxo blockstore.Blockstore
// is one; so is the limited store of this package.
type BlockWriter interface {
	Put(ctx context.Context, b blocks.Block) error
}

// Import imports the file, directory or symlink at path like CIDOfPath and
// writes every block of its DAG to w.
func Import(ctx context.Context, path string, w BlockWriter, opts ImportOptions) (ImportResult, error) {
	if w == nil {
		return ImportResult{}, errors.New("ipfs: Import needs a BlockWriter; use CIDOfPath to only hash")
	}
	return importPath(ctx, path, writerDAG{w: w}, opts)
}

// CIDOfPath computes the CID and content size (see ImportResult.Size) of the
// file, directory or symlink at path exactly as `ipfs add -r --only-hash`
// does under the unixfs-v1-2025 profile. Nothing is stored: blocks are
// discarded as soon as they are hashed, so memory stays bounded (a few MiB per
// worker) whatever the size of the data.
func CIDOfPath(ctx context.Context, path string, opts ImportOptions) (cid.Cid, uint64, error) {
	res, err := Hash(ctx, path, opts)
	if err != nil {
		return cid.Undef, 0, err
	}
	return res.Root, res.Size, nil
}

// Hash is CIDOfPath with the whole ImportResult.
func Hash(ctx context.Context, path string, opts ImportOptions) (ImportResult, error) {
	return importPath(ctx, path, nullDAG{}, opts)
}

// entryKind is what a walked path is.
type entryKind int

const (
	kindFile entryKind = iota
	kindDir
	kindSymlink
)

// entry is one walked path; its link fields are set once it is imported.
type entry struct {
	name     string
	path     string
	kind     entryKind
	size     int64
	info     fs.FileInfo // what the walk saw (files), to check the opened file against
	target   string      // symlink target
	children []*entry    // sorted by name, like os.ReadDir and kubo

	cid   cid.Cid
	tsize uint64 // cumulative DAG size, the link's Tsize
}

// importPath is the one code path of every import: walk, hash the files in
// parallel into dserv, then build the directories bottom-up.
func importPath(ctx context.Context, path string, dserv blockDAG, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	fi, err := os.Lstat(path)
	if err != nil {
		return res, fmt.Errorf("cannot import %s: %w", path, err)
	}
	root, err := walk(ctx, path, fi, opts.IncludeHidden, &res)
	if err != nil {
		return res, err
	}

	var fileEntries []*entry
	collectFiles(root, &fileEntries)
	if opts.Start != nil {
		var total int64
		for _, f := range fileEntries {
			total += f.size
		}
		opts.Start(total)
	}
	if err := hashFiles(ctx, fileEntries, dserv, opts); err != nil {
		return res, err
	}
	if err := buildTree(ctx, root, dserv); err != nil {
		return res, err
	}
	res.Root, res.DAGSize = root.cid, root.tsize
	for _, f := range fileEntries {
		res.Size += uint64(f.size)
	}
	return res, nil
}

// walk stats the tree under path without reading file contents. Excluding
// hidden entries (but never the root) and not following symlinks is what
// boxo's files.NewSerialFileWithFilter does for kubo.
func walk(ctx context.Context, path string, fi fs.FileInfo, includeHidden bool, res *ImportResult) (*entry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	e := &entry{name: fi.Name(), path: path}
	mode := fi.Mode()
	switch {
	case mode.IsRegular():
		e.kind, e.size, e.info = kindFile, fi.Size(), fi
		res.Files++
	case mode&fs.ModeSymlink != 0:
		target, err := os.Readlink(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read symlink %s: %w", path, err)
		}
		e.kind, e.target = kindSymlink, target
		res.Symlinks++
	case mode.IsDir():
		e.kind = kindDir
		res.Directories++
		dirents, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read directory %s: %w", path, err)
		}
		for _, de := range dirents {
			if !includeHidden && isHidden(de.Name()) {
				continue
			}
			cfi, err := de.Info()
			if err != nil {
				return nil, fmt.Errorf("cannot stat %s: %w", filepath.Join(path, de.Name()), err)
			}
			child, err := walk(ctx, filepath.Join(path, de.Name()), cfi, includeHidden, res)
			if err != nil {
				return nil, err
			}
			e.children = append(e.children, child)
		}
	default:
		return nil, fmt.Errorf("cannot import %s: %w %s", path, ErrUnsupportedFileType, mode.Type())
	}
	return e, nil
}

// isHidden is boxo's files.isHidden on unix: a leading dot.
func isHidden(name string) bool {
	return name != "" && name != "." && name != ".." && name[0] == '.'
}

func collectFiles(e *entry, out *[]*entry) {
	if e.kind == kindFile {
		*out = append(*out, e)
	}
	for _, c := range e.children {
		collectFiles(c, out)
	}
}

// hashFiles imports the files on a bounded pool of workers. Each result only
// depends on the file, so the schedule (largest first, to keep the workers
// busy to the end) cannot change a CID.
func hashFiles(ctx context.Context, fileEntries []*entry, dserv blockDAG, opts ImportOptions) error {
	workers := opts.Parallelism
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	order := make([]*entry, len(fileEntries))
	copy(order, fileEntries)
	sort.SliceStable(order, func(i, j int) bool { return order[i].size > order[j].size })

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	prog := newProgress(opts.Progress)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(order) || ctx.Err() != nil {
					return
				}
				if err := importFile(ctx, order[i], dserv, prog, workers); err != nil {
					cancel(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

// importFile streams one file through the fixed-size chunker into a
// balanced DAG, the same builder kubo's coreunix.Adder uses.
//
// The file is opened without following a symlink and must be the file the
// walk saw (same device and inode, still regular, same size): a long import
// cannot be made to read something else (the validator key, say) by swapping
// a file for a symlink between the walk and the read.
func importFile(ctx context.Context, e *entry, dserv blockDAG, prog *progress, leafWorkers int) error {
	f, err := openNoFollow(e.path)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", e.path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot stat %s: %w", e.path, err)
	}
	if !st.Mode().IsRegular() || (e.info != nil && !os.SameFile(e.info, st)) || st.Size() != e.size {
		return fmt.Errorf("%w: %s", ErrFileChanged, e.path)
	}
	var r io.Reader = &ctxReader{ctx: ctx, r: f}
	if prog != nil {
		r = &progressReader{r: r, p: prog}
	}
	params := helpers.DagBuilderParams{
		Dagserv:    dserv,
		RawLeaves:  true,
		Maxlinks:   cids.FileMaxLinks,
		CidBuilder: cids.DagPBPrefix,
	}
	var spl chunker.Splitter = chunker.NewSizeSplitter(r, cids.ChunkSize)
	if e.size > cids.ChunkSize && leafWorkers > 1 {
		// Several leaves: hash them in parallel (see leafpipe.go).
		cache := newLeafCache()
		_, hashOnly := dserv.(nullDAG)
		ps := newPipelinedSplitter(r, cids.ChunkSize, leafWorkers, cache, hashOnly)
		defer ps.Close()
		spl = ps
		params.CidBuilder = cachedBuilder{prefix: cids.DagPBPrefix, cache: cache}
	}
	db, err := params.New(spl)
	if err != nil {
		return err
	}
	nd, err := balanced.Layout(db)
	if err != nil {
		return fmt.Errorf("cannot import %s: %w", e.path, err)
	}
	e.cid = nd.Cid()
	if e.tsize, err = nd.Size(); err != nil {
		return err
	}
	return nil
}

// buildTree builds the symlink and directory nodes bottom-up once every
// file below has its CID.
func buildTree(ctx context.Context, e *entry, dserv blockDAG) error {
	switch e.kind {
	case kindFile:
		return nil
	case kindSymlink:
		data, err := unixfs.SymlinkData(e.target)
		if err != nil {
			return err
		}
		nd := dag.NodeWithData(data)
		if err := nd.SetCidBuilder(cids.DagPBPrefix); err != nil {
			return err
		}
		if err := dserv.Add(ctx, nd); err != nil {
			return err
		}
		e.cid = nd.Cid()
		e.tsize, err = nd.Size()
		return err
	}

	dir, err := uio.NewDirectory(dserv, directoryOptions()...)
	if err != nil {
		return err
	}
	for _, c := range e.children {
		if err := buildTree(ctx, c, dserv); err != nil {
			return err
		}
		if err := dir.AddChild(ctx, c.name, linkNode{c: c.cid, size: c.tsize}); err != nil {
			return fmt.Errorf("cannot add %s to its directory: %w", c.path, err)
		}
		c.children = nil // the subtree is summarised by its link now
	}
	nd, err := dir.GetNode()
	if err != nil {
		return err
	}
	if err := dserv.Add(ctx, nd); err != nil {
		return err
	}
	e.cid = nd.Cid()
	e.tsize, err = nd.Size()
	return err
}

// ctxReader stops a long file read when the import is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
