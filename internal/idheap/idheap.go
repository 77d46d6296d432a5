// Package idheap holds priority queues of asset ids for walks that must visit a lineage in id order: a parent
// always has a lower id than its children, so ascending order sees every parent before its children and
// descending order every child before its parents.
package idheap

import "container/heap"

// Queue is a priority queue of asset ids, lowest first (Ascending) or highest first (Descending).
type Queue struct{ h ids }

// Ascending returns an empty queue that pops the lowest id first.
func Ascending() *Queue { return &Queue{ids{desc: false}} }

// Descending returns an empty queue that pops the highest id first.
func Descending() *Queue { return &Queue{ids{desc: true}} }

// Push adds id.
func (q *Queue) Push(id uint64) { heap.Push(&q.h, id) }

// Pop removes and returns the next id; the queue must not be empty.
func (q *Queue) Pop() uint64 { return heap.Pop(&q.h).(uint64) }

// Len is the number of ids queued.
func (q *Queue) Len() int { return len(q.h.v) }

// ids implements heap.Interface.
type ids struct {
	v    []uint64
	desc bool
}

func (h ids) Len() int { return len(h.v) }
func (h ids) Less(i, j int) bool {
	if h.desc {
		return h.v[i] > h.v[j]
	}
	return h.v[i] < h.v[j]
}
func (h ids) Swap(i, j int) { h.v[i], h.v[j] = h.v[j], h.v[i] }
func (h *ids) Push(x any)   { h.v = append(h.v, x.(uint64)) }
func (h *ids) Pop() any {
	x := h.v[len(h.v)-1]
	h.v = h.v[:len(h.v)-1]
	return x
}
