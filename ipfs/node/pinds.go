package node

import (
	"context"

	dbm "github.com/cosmos/cosmos-db"
	ds "github.com/ipfs/go-datastore"
	"github.com/ipfs/go-datastore/query"
)

// levelDatastore is the go-datastore view of a goleveldb database (through cosmos-db, which the
// chain already links), for the pin set: boxo's dspinner keeps its pins and indexes in a
// datastore that answers prefix queries, which the flatfs block store cannot (its keys are
// block names only). Pins are small and few (one per registered CID and per operator pin), so a
// query reads its prefix into memory and go-datastore's naive filters do the rest.
type levelDatastore struct {
	db dbm.DB
}

var _ ds.Datastore = (*levelDatastore)(nil)

func openLevelDatastore(dir, name string) (*levelDatastore, error) {
	db, err := dbm.NewGoLevelDB(name, dir, nil)
	if err != nil {
		return nil, err
	}
	return &levelDatastore{db: db}, nil
}

func (d *levelDatastore) Get(_ context.Context, k ds.Key) ([]byte, error) {
	v, err := d.db.Get(k.Bytes())
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, ds.ErrNotFound
	}
	return v, nil
}

func (d *levelDatastore) Has(_ context.Context, k ds.Key) (bool, error) { return d.db.Has(k.Bytes()) }

func (d *levelDatastore) GetSize(ctx context.Context, k ds.Key) (int, error) {
	v, err := d.Get(ctx, k)
	if err != nil {
		return -1, err
	}
	return len(v), nil
}

// Put writes synchronously: a pin that was acknowledged must survive a crash, or the next GC
// would collect what it protects.
func (d *levelDatastore) Put(_ context.Context, k ds.Key, v []byte) error {
	return d.db.SetSync(k.Bytes(), v)
}

func (d *levelDatastore) Delete(_ context.Context, k ds.Key) error {
	return d.db.DeleteSync(k.Bytes())
}

func (d *levelDatastore) Sync(context.Context, ds.Key) error { return nil }

func (d *levelDatastore) Close() error { return d.db.Close() }

// Query reads every entry under the query's prefix, then applies its filters, orders, offset and
// limit naively.
func (d *levelDatastore) Query(_ context.Context, q query.Query) (query.Results, error) {
	prefix := []byte(ds.NewKey(q.Prefix).String())
	var end []byte
	if len(prefix) > 1 { // "/" is every key
		end = append([]byte(nil), prefix...)
		end[len(end)-1]++
	} else {
		prefix = nil
	}
	it, err := d.db.Iterator(prefix, end)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var entries []query.Entry
	for ; it.Valid(); it.Next() {
		e := query.Entry{Key: string(it.Key()), Size: len(it.Value())}
		if !q.KeysOnly {
			e.Value = append([]byte(nil), it.Value()...)
		}
		entries = append(entries, e)
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	return query.NaiveQueryApply(q, query.ResultsWithEntries(q, entries)), nil
}
