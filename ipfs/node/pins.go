package node

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/ipfs/boxo/blockservice"
	dag "github.com/ipfs/boxo/ipld/merkledag"
	pin "github.com/ipfs/boxo/pinning/pinner"
	"github.com/ipfs/boxo/pinning/pinner/dspinner"
	"github.com/ipfs/go-cid"
	ds "github.com/ipfs/go-datastore"
	"github.com/ipfs/go-datastore/namespace"
	"github.com/ipfs/go-datastore/query"
)

// PinReason says why the node keeps a DAG. Each reason is a pin set of its own (a boxo dspinner
// under its own datastore namespace), so one CID can be pinned for both reasons and losing one
// (a revocation) leaves the other.
type PinReason string

const (
	// PinRegistered is a registered asset's CID (content or members file) that the replicator
	// fetched whole; the pin's name is the asset id. Revoking the asset removes it.
	PinRegistered PinReason = "registered"
	// PinLocal is what the operator added (`content add`, `content import`) or pinned
	// (`content pin CID`); only `content unpin CID` removes it.
	PinLocal PinReason = "local"
)

// PinReasons are the reasons in the order `content ls` lists them.
var PinReasons = []PinReason{PinRegistered, PinLocal}

// ErrNotPinned is returned when removing a pin that does not exist.
var ErrNotPinned = errors.New("CID is not pinned for that reason")

// ErrUnknownReason is returned for a pin reason other than PinReasons.
var ErrUnknownReason = errors.New("unknown pin reason (registered or local)")

// Pin is one entry of the pin set.
type Pin struct {
	CID    cid.Cid
	Reason PinReason
	// Name is the asset id for a registered pin, empty for a local one.
	Name string
}

// pinSet is the node's pins: one recursive dspinner per reason over a goleveldb datastore in
// <storage>/pins, plus the node's own small records (revoked roots, the upgrade adoption mark)
// in the same database. Pins are recursive and recorded without a walk (PinWithMode): callers pin
// a DAG they have just checked to be whole, under the GC's pin lock.
type pinSet struct {
	db      *levelDatastore
	meta    ds.Datastore
	pinners map[PinReason]pin.Pinner
}

func openPinSet(ctx context.Context, storagePath string, local blockservice.BlockService) (*pinSet, error) {
	db, err := openLevelDatastore(storagePath, "pins")
	if err != nil {
		return nil, fmt.Errorf("cannot open the pin set in %s: %w", filepath.Join(storagePath, "pins.db"), err)
	}
	p := &pinSet{db: db, meta: namespace.Wrap(db, ds.NewKey("/tributary")), pinners: map[PinReason]pin.Pinner{}}
	dserv := dag.NewDAGService(local)
	for _, r := range PinReasons {
		pn, err := dspinner.New(ctx, namespace.Wrap(db, ds.NewKey("/pins/"+string(r))), dserv)
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("cannot load %s pins: %w", r, err)
		}
		p.pinners[r] = pn
	}
	return p, nil
}

func (p *pinSet) Close() error {
	var errs []error
	for _, pn := range p.pinners {
		errs = append(errs, pn.Close())
	}
	return errors.Join(append(errs, p.db.Close())...)
}

func (p *pinSet) pinner(r PinReason) (pin.Pinner, error) {
	pn, ok := p.pinners[r]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownReason, r)
	}
	return pn, nil
}

// add records a recursive pin of c for r (replacing the name of an existing one).
func (p *pinSet) add(ctx context.Context, c cid.Cid, r PinReason, name string) error {
	pn, err := p.pinner(r)
	if err != nil {
		return err
	}
	return pn.PinWithMode(ctx, c, pin.Recursive, name)
}

// remove drops the pin of c for r; ErrNotPinned if there is none.
func (p *pinSet) remove(ctx context.Context, c cid.Cid, r PinReason) error {
	pn, err := p.pinner(r)
	if err != nil {
		return err
	}
	if err := pn.Unpin(ctx, c, true); err != nil {
		if errors.Is(err, pin.ErrNotPinned) {
			return fmt.Errorf("%w: %s is not pinned as %s", ErrNotPinned, c, r)
		}
		return err
	}
	return nil
}

// list returns every pin, by reason then CID.
func (p *pinSet) list(ctx context.Context) ([]Pin, error) {
	var out []Pin
	for _, r := range PinReasons {
		var of []Pin
		for sp := range p.pinners[r].RecursiveKeys(ctx, true) {
			if sp.Err != nil {
				return nil, sp.Err
			}
			of = append(of, Pin{CID: sp.Pin.Key, Reason: r, Name: sp.Pin.Name})
		}
		sort.Slice(of, func(i, j int) bool { return of[i].CID.KeyString() < of[j].CID.KeyString() })
		out = append(out, of...)
	}
	return out, nil
}

// queryKeys lists the keys under prefix.
func queryKeys(ctx context.Context, d ds.Read, prefix ds.Key) ([]string, error) {
	res, err := d.Query(ctx, query.Query{Prefix: prefix.String(), KeysOnly: true})
	if err != nil {
		return nil, err
	}
	entries, err := res.Rest()
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	return keys, nil
}

// Keys of the node's own records in the pin database.
var (
	revokedPrefix = ds.NewKey("/revoked")
	adoptedKey    = ds.NewKey("/adopted")
)

// markRevoked remembers c as the root of revoked content (served to nobody, collected unless
// pinned locally).
func (p *pinSet) markRevoked(ctx context.Context, c cid.Cid) error {
	return p.meta.Put(ctx, revokedPrefix.ChildString(c.String()), []byte{1})
}

// isRevoked reports whether c was recorded as the root of revoked content.
func (p *pinSet) isRevoked(ctx context.Context, c cid.Cid) (bool, error) {
	return p.meta.Has(ctx, revokedPrefix.ChildString(c.String()))
}

// revoked lists the revoked roots.
func (p *pinSet) revoked(ctx context.Context) ([]cid.Cid, error) {
	keys, err := queryKeys(ctx, p.meta, revokedPrefix)
	if err != nil {
		return nil, err
	}
	var out []cid.Cid
	for _, k := range keys {
		c, err := cid.Decode(ds.RawKey(k).BaseNamespace())
		if err != nil {
			return nil, fmt.Errorf("revoked record %s: %w", k, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func (p *pinSet) adopted(ctx context.Context) (bool, error) { return p.meta.Has(ctx, adoptedKey) }

func (p *pinSet) markAdopted(ctx context.Context) error {
	return p.meta.Put(ctx, adoptedKey, []byte{1})
}
