package dagio

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/ipfs/boxo/blockstore"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	flatfs "github.com/ipfs/go-ds-flatfs"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

var (
	// ErrStorageLimit is returned when storing a block would take the store
	// over its configured limit (config storage_limit).
	ErrStorageLimit = errors.New("IPFS storage limit reached: raise [ipfs] storage_limit in app.toml or free space")
)

// DefaultStoragePath is where the node keeps blocks, relative to the node home.
const DefaultStoragePath = "data/ipfs"

// Store is the node's block store on disk: a boxo blockstore over a flatfs
// datastore, the layout kubo itself uses for blocks (one file per block,
// sharded by the next-to-last two characters of the key). flatfs was chosen
// over leveldb because blocks are large (up to 1 MiB) write-once values that
// a log-structured store would copy again on every compaction, because it
// keeps an exact running total of the bytes it holds (used for the storage
// limit) and because a crash can at worst lose the block being written.
//
// Every Get re-hashes the block and fails with cids.ErrBlockCorrupt if the disk
// returned other bytes, so corruption is never served to peers or gateway
// clients. Puts beyond the limit fail with ErrStorageLimit.
type Store struct {
	blockstore.Blockstore
	ds    *flatfs.Datastore
	dir   string
	limit uint64

	mu     sync.Mutex // serialises the limit check with the write
	blocks atomic.Int64
}

var _ blockstore.Blockstore = (*Store)(nil)

// OpenStore opens, creating it if needed, the block store in dir. limit is
// the maximum number of block bytes kept; 0 means unlimited.
func OpenStore(dir string, limit uint64) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create IPFS storage %s: %w", dir, err)
	}
	fds, err := flatfs.CreateOrOpen(dir, flatfs.NextToLast(2), true)
	if err != nil {
		return nil, fmt.Errorf("cannot open IPFS storage %s: %w", dir, err)
	}
	s := &Store{
		Blockstore: blockstore.NewBlockstore(fds, blockstore.NoPrefix()),
		ds:         fds,
		dir:        dir,
		limit:      limit,
	}
	// Count the blocks once (a directory listing; flatfs keeps no count), then keep the count
	// up to date on every put and delete.
	keys, err := s.Blockstore.AllKeysChan(context.Background())
	if err != nil {
		fds.Close()
		return nil, fmt.Errorf("cannot list IPFS storage %s: %w", dir, err)
	}
	for range keys {
		s.blocks.Add(1)
	}
	return s, nil
}

// Blocks is the number of blocks the store holds.
func (s *Store) Blocks() int64 { return s.blocks.Load() }

// Close releases the datastore.
func (s *Store) Close() error { return s.ds.Close() }

// Used is the number of bytes the store holds as flatfs accounts them
// (block files plus its shard directories), kept up to date by flatfs
// across restarts.
func (s *Store) Used() uint64 {
	used, err := s.ds.DiskUsage(context.Background())
	if err != nil {
		return 0 // flatfs's DiskUsage only reads a counter and does not fail
	}
	return used
}

// Dir is the flatfs directory.
func (s *Store) Dir() string { return s.dir }

// Limit is the configured limit in bytes (0: unlimited).
func (s *Store) Limit() uint64 { return s.limit }

// Get returns the block after checking that its bytes hash to c.
func (s *Store) Get(ctx context.Context, c cid.Cid) (blocks.Block, error) {
	b, err := s.Blockstore.Get(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := cids.VerifyBlock(c, b.RawData()); err != nil {
		return nil, err
	}
	return b, nil
}

// Put stores b unless it is already there or would exceed the limit.
func (s *Store) Put(ctx context.Context, b blocks.Block) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putLocked(ctx, b)
}

// PutMany stores each block in turn, stopping at the first error.
func (s *Store) PutMany(ctx context.Context, bs []blocks.Block) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range bs {
		if err := s.putLocked(ctx, b); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) putLocked(ctx context.Context, b blocks.Block) error {
	has, err := s.Blockstore.Has(ctx, b.Cid())
	if err != nil {
		return err
	}
	if has {
		return nil
	}
	n := uint64(len(b.RawData()))
	if s.limit > 0 {
		if used := s.Used(); used+n > s.limit {
			return fmt.Errorf("%w: storing %s (%d bytes) would use %d of %d bytes", ErrStorageLimit, b.Cid(), n, used+n, s.limit)
		}
	}
	if err := s.Blockstore.Put(ctx, b); err != nil {
		return err
	}
	s.blocks.Add(1)
	return nil
}

// DeleteBlock removes a block; flatfs gives its bytes back to the limit.
func (s *Store) DeleteBlock(ctx context.Context, c cid.Cid) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	has, err := s.Blockstore.Has(ctx, c)
	if err != nil || !has {
		return err
	}
	if err := s.Blockstore.DeleteBlock(ctx, c); err != nil {
		return err
	}
	s.blocks.Add(-1)
	return nil
}

// WithScratchStore runs fn on an unlimited Store in a new temporary folder and removes the folder
// afterwards: for reading a DAG from elsewhere (a node's API, a kubo) and verifying every block without
// keeping it.
func WithScratchStore(fn func(*Store) error) error {
	tmp, err := os.MkdirTemp("", "tributary-scratch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	s, err := OpenStore(tmp, 0)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}

// storeTxn is the view of a Store that an all-or-nothing import writes through: it remembers the
// blocks it added (not those already present), so that they can be removed if the import fails.
type storeTxn struct {
	s     *Store
	added []cid.Cid
}

func (t *storeTxn) Get(ctx context.Context, c cid.Cid) (blocks.Block, error) { return t.s.Get(ctx, c) }

func (t *storeTxn) Put(ctx context.Context, b blocks.Block) error {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	has, err := t.s.Blockstore.Has(ctx, b.Cid())
	if err != nil || has {
		return err
	}
	if err := t.s.putLocked(ctx, b); err != nil {
		return err
	}
	t.added = append(t.added, b.Cid())
	return nil
}

// AllOrNothing runs fn, an import, against the store; if fn fails (a corrupt or incomplete CAR,
// the storage limit, a cancelled upload), the blocks it added are removed again, so a rejected
// or aborted import leaves nothing behind. Blocks that were already stored are never removed.
// (Two imports sharing a block at the same moment could see it removed by the one that fails;
// the other's DAG check then reports it incomplete rather than serving it partly.)
func (s *Store) AllOrNothing(ctx context.Context, fn func(BlockStore) error) error {
	t := &storeTxn{s: s}
	err := fn(t)
	if err == nil {
		return nil
	}
	for _, c := range t.added {
		if derr := s.DeleteBlock(context.WithoutCancel(ctx), c); derr != nil {
			return errors.Join(err, fmt.Errorf("removing %s after the failed import: %w", c, derr))
		}
	}
	return err
}
