package node

import (
	"context"
	"errors"
	"fmt"
	"time"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/cids"
	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// pinStallTimeout gives Pin's fetch up when no block has arrived for this long.
const pinStallTimeout = time.Minute

// Pin keeps the DAG under c as PinLocal: the operator's copy, which GC never removes and a
// revocation does not remove either (the revoked content is still not served to others). What
// the store lacks is fetched from peers first, without a size bound (the operator asked for it),
// until ctx ends or no block has arrived for a minute: it holds the GC's pin lock meanwhile, so
// it must not wait for ever on a CID nobody serves.
func (n *Node) Pin(ctx context.Context, c cid.Cid) error {
	if err := cids.ValidateCID(c); err != nil {
		return err
	}
	defer n.gcl.PinLock(ctx).Unlock(context.WithoutCancel(ctx))
	if _, err := n.fetchBounded(ctx, c, ^uint64(0), pinStallTimeout, nil); err != nil {
		return err
	}
	if err := n.pins.add(ctx, c, PinLocal, ""); err != nil {
		return err
	}
	return n.refreshDenied(ctx) // a revoked DAG fetched again stays unserved
}

// Unpin removes the operator's pin of c (ErrNotPinned if there is none). A registered pin of the
// same CID stays: it follows the chain, not the operator.
func (n *Node) Unpin(ctx context.Context, c cid.Cid) error {
	return n.pins.remove(ctx, c, PinLocal)
}

// PinStatus is one pin with what the store holds of its DAG.
type PinStatus struct {
	CID    string    `json:"cid"`
	Reason PinReason `json:"reason"`
	// Name is the asset id of a registered pin.
	Name string `json:"name,omitempty"`
	// Blocks and Bytes are what the store holds of the DAG.
	Blocks int    `json:"blocks"`
	Bytes  uint64 `json:"bytes"`
	// Complete is true when every block of the DAG is held and verifies against its CID.
	Complete bool `json:"complete"`
	// Revoked is true for a root of revoked content (kept only by a local pin, never served).
	Revoked bool `json:"revoked,omitempty"`
}

// Pins lists the pins with the size and completeness of their DAGs (each DAG is walked and
// re-verified, so this reads everything pinned).
func (n *Node) Pins(ctx context.Context) ([]PinStatus, error) {
	pins, err := n.pins.list(ctx)
	if err != nil {
		return nil, err
	}
	revoked, err := n.pins.revoked(ctx)
	if err != nil {
		return nil, err
	}
	isRevoked := blockSet{}
	for _, r := range revoked {
		isRevoked.visit(r)
	}
	out := make([]PinStatus, 0, len(pins))
	for _, p := range pins {
		st := PinStatus{CID: p.CID.String(), Reason: p.Reason, Name: p.Name, Revoked: isRevoked.has(p.CID)}
		err := dagio.WalkDAG(ctx, n.store, p.CID, func(b blocks.Block) error {
			st.Blocks++
			st.Bytes += uint64(len(b.RawData()))
			return nil
		})
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		st.Complete = err == nil
		out = append(out, st)
	}
	return out, nil
}

// ContentStat is what the node holds and owes (`content stat`).
type ContentStat struct {
	Blocks     int64          `json:"blocks"`
	Bytes      uint64         `json:"bytes"`
	LimitBytes uint64         `json:"storage_limit_bytes"`
	Pins       map[string]int `json:"pins"`
	// Owed and GivenUp are the replicator's lists (absent without a replicator).
	Owed    *int `json:"owed,omitempty"`
	GivenUp *int `json:"given_up,omitempty"`
	// Revoked counts revoked roots the node knows of.
	Revoked int `json:"revoked"`
}

// Stat summarises the store, the pins and the replicator's lists.
func (n *Node) Stat(ctx context.Context) (ContentStat, error) {
	st := ContentStat{Blocks: n.store.Blocks(), Bytes: n.store.Used(), LimitBytes: n.store.Limit(), Pins: map[string]int{}}
	pins, err := n.pins.list(ctx)
	if err != nil {
		return st, err
	}
	for _, r := range PinReasons {
		st.Pins[string(r)] = 0
	}
	for _, p := range pins {
		st.Pins[string(p.Reason)]++
	}
	revoked, err := n.pins.revoked(ctx)
	if err != nil {
		return st, err
	}
	st.Revoked = len(revoked)
	if r := n.replicator.Load(); r != nil {
		s := r.Status()
		owed, givenUp := len(s.Owed), len(s.GivenUp)
		st.Owed, st.GivenUp = &owed, &givenUp
	}
	return st, nil
}

// Revoke handles content whose asset the chain revoked: each root is recorded as revoked, its
// registered pin removed, and its blocks (those no other pin reaches) stop being served by
// bitswap and the gateway at once; the next GC deletes them unless the operator pinned them
// locally.
func (n *Node) Revoke(ctx context.Context, roots ...cid.Cid) error {
	for _, c := range roots {
		if err := n.pins.markRevoked(ctx, c); err != nil {
			return fmt.Errorf("recording %s as revoked: %w", c, err)
		}
		if err := n.pins.remove(ctx, c, PinRegistered); err != nil && !errors.Is(err, ErrNotPinned) {
			return err
		}
	}
	return n.refreshDenied(ctx)
}
