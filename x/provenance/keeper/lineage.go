package keeper

import (
	"container/heap"
	"context"
	"encoding/binary"
	"slices"

	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// The ancestors walk relies on the registration invariant that every parent
// has a smaller id than its children. Visiting pending assets in descending
// id then visits every asset after all of its descendants within the
// ancestry, so:
//
//   - an asset is reached through all its paths before it is visited, and is
//     visited once, without a set of visited assets;
//   - its distance (the shortest path, the breadth-first depth) is final when
//     it is visited;
//   - the walk resumes from the set of pending assets alone, which is the
//     pagination cursor. Its size is the width of the ancestry at that point
//     (1 on a chain), not the number of assets already listed, so a page
//     costs the same on a 10,000-deep chain as on a short one.

// cursorVersion is the first byte of an ancestors cursor.
const cursorVersion = 1

const (
	// MaxAncestorsPending bounds the width of the ancestors walk (its pending
	// set, which is the cursor): a walk that gets wider fails and asks for a
	// smaller max_depth, so no request holds more than this in memory.
	MaxAncestorsPending = 16_384
	// MaxAncestorsCursorBytes bounds a cursor: its header, then at most
	// MaxAncestorsPending (id, distance) varint pairs. A longer cursor is
	// refused before a byte of it is decoded.
	MaxAncestorsCursorBytes = 1 + 2*binary.MaxVarintLen64 + MaxAncestorsPending*(binary.MaxVarintLen64+binary.MaxVarintLen32)
)

// AncestorEntry is an ancestor visited by WalkAncestors.
type AncestorEntry struct {
	// Record is the ancestor's compact record (no contributor list).
	Record   types.AssetRecord
	Distance uint32
}

// WalkAncestors visits up to limit ancestors of asset id whose distance is at
// most maxDepth (0: unlimited), in descending id, starting from cursor (nil
// for the first page). It returns the cursor of the next page, nil when the
// walk is complete.
func (k Keeper) WalkAncestors(ctx context.Context, id uint64, maxDepth uint32, cursor []byte, limit int) ([]AncestorEntry, []byte, error) {
	var pending *pendingSet
	if len(cursor) == 0 {
		root, err := k.GetAssetRecord(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		pending = newPendingSet()
		if maxDepth == 0 || maxDepth >= 1 {
			for _, p := range root.Parents {
				pending.add(p.AssetId, 1)
			}
		}
	} else {
		var err error
		if pending, err = decodeAncestorsCursor(cursor, id, maxDepth); err != nil {
			return nil, nil, err
		}
	}
	var out []AncestorEntry
	for pending.Len() > 0 && len(out) < limit {
		next, dist := pending.pop()
		a, err := k.GetAssetRecord(ctx, next)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, AncestorEntry{Record: a, Distance: dist})
		if maxDepth != 0 && dist >= maxDepth {
			continue
		}
		for _, p := range a.Parents {
			pending.add(p.AssetId, dist+1)
		}
		if pending.Len() > MaxAncestorsPending {
			return nil, nil, errorsmod.Wrapf(types.ErrInvalidRequest,
				"the ancestry of asset %d is more than %d assets wide here: list it with a smaller max_depth", id, MaxAncestorsPending)
		}
	}
	if pending.Len() == 0 {
		return out, nil, nil
	}
	return out, pending.encode(id, maxDepth), nil
}

// pendingSet is a max-heap of asset ids with their best known distance.
type pendingSet struct {
	ids  []uint64
	dist map[uint64]uint32
}

func newPendingSet() *pendingSet {
	return &pendingSet{dist: make(map[uint64]uint32)}
}

func (s *pendingSet) add(id uint64, dist uint32) {
	if d, ok := s.dist[id]; ok {
		if dist < d {
			s.dist[id] = dist
		}
		return
	}
	s.dist[id] = dist
	heap.Push(s, id)
}

func (s *pendingSet) pop() (uint64, uint32) {
	id := heap.Pop(s).(uint64)
	d := s.dist[id]
	delete(s.dist, id)
	return id, d
}

// heap.Interface over ids, largest first.
func (s *pendingSet) Len() int           { return len(s.ids) }
func (s *pendingSet) Less(i, j int) bool { return s.ids[i] > s.ids[j] }
func (s *pendingSet) Swap(i, j int)      { s.ids[i], s.ids[j] = s.ids[j], s.ids[i] }
func (s *pendingSet) Push(x any)         { s.ids = append(s.ids, x.(uint64)) }
func (s *pendingSet) Pop() any {
	last := s.ids[len(s.ids)-1]
	s.ids = s.ids[:len(s.ids)-1]
	return last
}

// encode writes the cursor: version, root id, max depth, then the pending
// (id, distance) pairs in descending id, all as unsigned varints.
func (s *pendingSet) encode(root uint64, maxDepth uint32) []byte {
	ids := append([]uint64(nil), s.ids...)
	// A heap is not sorted; sorting makes the cursor canonical and lets the
	// decoder reject garbage cheaply.
	sortDescending(ids)
	buf := make([]byte, 0, 1+3*binary.MaxVarintLen64+len(ids)*(binary.MaxVarintLen64+binary.MaxVarintLen32))
	buf = append(buf, cursorVersion)
	buf = binary.AppendUvarint(buf, root)
	buf = binary.AppendUvarint(buf, uint64(maxDepth))
	for _, id := range ids {
		buf = binary.AppendUvarint(buf, id)
		buf = binary.AppendUvarint(buf, uint64(s.dist[id]))
	}
	return buf
}

func decodeAncestorsCursor(cursor []byte, root uint64, maxDepth uint32) (*pendingSet, error) {
	bad := func(why string) error {
		return errorsmod.Wrapf(types.ErrInvalidCursor, "ancestors cursor: %s; pass the next_key of the previous page with the same id and max_depth", why)
	}
	if len(cursor) > MaxAncestorsCursorBytes {
		return nil, bad("too long")
	}
	if cursor[0] != cursorVersion {
		return nil, bad("unknown version")
	}
	rest := cursor[1:]
	read := func() (uint64, bool) {
		v, n := binary.Uvarint(rest)
		if n <= 0 {
			return 0, false
		}
		rest = rest[n:]
		return v, true
	}
	r, ok1 := read()
	d, ok2 := read()
	if !ok1 || !ok2 || r != root || d != uint64(maxDepth) {
		return nil, bad("it belongs to another query")
	}
	s := newPendingSet()
	prev := root
	for len(rest) > 0 {
		id, ok1 := read()
		dist, ok2 := read()
		if !ok1 || !ok2 || id >= prev || id == 0 || dist == 0 || dist > 1<<32-1 || len(s.ids) == MaxAncestorsPending {
			return nil, bad("corrupt")
		}
		prev = id
		s.ids = append(s.ids, id)
		s.dist[id] = uint32(dist)
	}
	if len(s.ids) == 0 {
		return nil, bad("empty")
	}
	// Descending order is already a valid max-heap.
	return s, nil
}

func sortDescending(ids []uint64) {
	slices.Sort(ids)
	slices.Reverse(ids)
}
