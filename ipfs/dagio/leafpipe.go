package dagio

import (
	"errors"
	"io"
	"sync"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// Hashing the leaves of one large file is the bulk of an import, and boxo's
// balanced builder does it on one goroutine. The pipeline here reads chunks
// ahead and hashes them on several goroutines; the builder then gets each
// chunk's CID from a cachedBuilder instead of hashing again. The DAG is
// still built by boxo's balanced.Layout, so its shape cannot differ; a
// cache miss only costs a second hash.

var rawLeafPrefix = cid.Prefix{Version: 1, Codec: cid.Raw, MhType: mh.SHA2_256, MhLength: -1}

// leafCache hands a precomputed leaf CID to the builder. Entries are keyed
// by the address of the chunk's first byte and keep the chunk alive, so an
// address cannot be reused by another chunk while its entry exists.
type leafCache struct {
	mu      sync.Mutex
	entries map[*byte]leafSum
}

type leafSum struct {
	data []byte
	c    cid.Cid
}

func newLeafCache() *leafCache { return &leafCache{entries: map[*byte]leafSum{}} }

func (lc *leafCache) put(data []byte, c cid.Cid) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.entries[&data[0]] = leafSum{data: data, c: c}
}

func (lc *leafCache) take(data []byte) (cid.Cid, bool) {
	if len(data) == 0 {
		return cid.Undef, false
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	e, ok := lc.entries[&data[0]]
	if !ok || len(e.data) != len(data) {
		return cid.Undef, false
	}
	delete(lc.entries, &data[0])
	return e.c, true
}

// cachedBuilder is the profile's CID builder that takes raw-leaf CIDs from
// the cache when it has them.
type cachedBuilder struct {
	prefix cid.Prefix
	cache  *leafCache
}

func (b cachedBuilder) Sum(data []byte) (cid.Cid, error) {
	if b.prefix == rawLeafPrefix {
		if c, ok := b.cache.take(data); ok {
			return c, nil
		}
	}
	return b.prefix.Sum(data)
}

func (b cachedBuilder) GetCodec() uint64 { return b.prefix.Codec }

func (b cachedBuilder) WithCodec(c uint64) cid.Builder {
	b.prefix.Codec = c
	return b
}

// pipelinedSplitter is a fixed-size chunker (like chunker.NewSizeSplitter)
// that reads ahead and hashes the chunks in parallel.
type pipelinedSplitter struct {
	r     io.Reader
	size  int
	cache *leafCache
	out   chan *pipeChunk
	stop  chan struct{}
	once  sync.Once

	// With recycle, chunk buffers are reused once the builder is two
	// chunks past them. Only safe when nothing keeps blocks (hash-only
	// imports): balanced.Layout has linked a leaf before it asks for the
	// next chunk, but a BlockWriter may keep the bytes it was given.
	recycle bool
	free    chan []byte
	handed  [2][]byte
}

type pipeChunk struct {
	data []byte
	err  error
	done chan struct{}
	c    cid.Cid
	herr error
}

func newPipelinedSplitter(r io.Reader, size, workers int, cache *leafCache, recycle bool) *pipelinedSplitter {
	s := &pipelinedSplitter{
		r:       r,
		size:    size,
		cache:   cache,
		out:     make(chan *pipeChunk, 2*workers),
		stop:    make(chan struct{}),
		recycle: recycle,
		free:    make(chan []byte, 4*workers+4),
	}
	go s.readLoop(workers)
	return s
}

func (s *pipelinedSplitter) readLoop(workers int) {
	defer close(s.out)
	sem := make(chan struct{}, workers)
	for {
		// A fresh buffer per chunk unless recycling: the builder may keep
		// a chunk until it is written, and the cache keys on its address.
		var buf []byte
		select {
		case buf = <-s.free:
		default:
			buf = make([]byte, s.size)
		}
		n, err := io.ReadFull(s.r, buf)
		if n > 0 {
			ch := &pipeChunk{data: buf[:n], done: make(chan struct{})}
			select {
			case sem <- struct{}{}:
			case <-s.stop:
				return
			}
			go func() {
				ch.c, ch.herr = rawLeafPrefix.Sum(ch.data)
				<-sem
				close(ch.done)
			}()
			select {
			case s.out <- ch:
			case <-s.stop:
				return
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return
		}
		if err != nil {
			select {
			case s.out <- &pipeChunk{err: err}:
			case <-s.stop:
			}
			return
		}
	}
}

// Reader implements chunker.Splitter.
func (s *pipelinedSplitter) Reader() io.Reader { return s.r }

// NextBytes implements chunker.Splitter: the next chunk, its CID cached.
func (s *pipelinedSplitter) NextBytes() ([]byte, error) {
	ch, ok := <-s.out
	if !ok {
		return nil, io.EOF
	}
	if ch.err != nil {
		return nil, ch.err
	}
	<-ch.done
	if ch.herr == nil {
		s.cache.put(ch.data, ch.c)
	}
	if s.recycle {
		if old := s.handed[0]; old != nil {
			select {
			case s.free <- old[:cap(old)]:
			default:
			}
		}
		s.handed[0], s.handed[1] = s.handed[1], ch.data
	}
	return ch.data, nil
}

// Close stops the read-ahead; it must be called once the builder is done.
func (s *pipelinedSplitter) Close() {
	s.once.Do(func() { close(s.stop) })
}
