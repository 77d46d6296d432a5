package dagio

import (
	"context"
	"errors"
	"io"
	"sync"

	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"
)

// blockDAG is where the importer puts nodes; boxo's builders want a
// DAGService, of which the importer only ever uses the write half.
type blockDAG = ipld.DAGService

// errWriteOnly is what a read of the importer's write-only DAG returns; the
// importer never reads back, so seeing it is a bug.
var errWriteOnly = errors.New("ipfs: the import DAG is write-only")

// nullDAG discards every node: hashing only, memory bounded.
type nullDAG struct{}

func (nullDAG) Add(context.Context, ipld.Node) error            { return nil }
func (nullDAG) AddMany(context.Context, []ipld.Node) error      { return nil }
func (nullDAG) Remove(context.Context, cid.Cid) error           { return nil }
func (nullDAG) RemoveMany(context.Context, []cid.Cid) error     { return nil }
func (nullDAG) Get(context.Context, cid.Cid) (ipld.Node, error) { return nil, errWriteOnly }
func (nullDAG) GetMany(context.Context, []cid.Cid) <-chan *ipld.NodeOption {
	ch := make(chan *ipld.NodeOption, 1)
	ch <- &ipld.NodeOption{Err: errWriteOnly}
	close(ch)
	return ch
}

// writerDAG writes every node to a BlockWriter.
type writerDAG struct {
	nullDAG
	w BlockWriter
}

func (d writerDAG) Add(ctx context.Context, n ipld.Node) error { return d.w.Put(ctx, n) }

func (d writerDAG) AddMany(ctx context.Context, ns []ipld.Node) error {
	for _, n := range ns {
		if err := d.w.Put(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// linkNode stands for an already imported child when it is added to its
// directory: directories only need a child's CID and cumulative size, and
// keeping whole nodes (up to 1 MiB for a raw leaf) for every file of a large
// tree would defeat the bounded memory of the importer. Any other method
// panics through the nil embedded Node, which tests would show.
type linkNode struct {
	ipld.Node
	c    cid.Cid
	size uint64
}

func (l linkNode) Cid() cid.Cid          { return l.c }
func (l linkNode) Size() (uint64, error) { return l.size, nil }
func (l linkNode) Links() []*ipld.Link   { return nil }
func (l linkNode) String() string        { return l.c.String() }

// progress serialises calls of ImportOptions.Progress across workers.
type progress struct {
	mu   sync.Mutex
	done int64
	fn   func(int64)
}

func newProgress(fn func(int64)) *progress {
	if fn == nil {
		return nil
	}
	return &progress{fn: fn}
}

func (p *progress) add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += int64(n)
	p.fn(p.done)
}

// progressReader reports what it reads; the chunker reads 1 MiB at a time,
// so the callback runs about once per MiB.
type progressReader struct {
	r io.Reader
	p *progress
}

func (r *progressReader) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	if n > 0 {
		r.p.add(n)
	}
	return n, err
}
