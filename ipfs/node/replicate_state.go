package node

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/ipfs/go-cid"
)

// replicationState is what survives a restart: the next asset id to look at, the position in
// the chain's revocation index, the CIDs still owed (at most MaxOwed) and the CIDs given up (at
// most MaxGivenUp, with a count of the older ones dropped). Its size is bounded whatever the
// number of failures. A file from before the revocation index has no revocations_from: the zero
// cursor reads every revocation once.
type replicationState struct {
	NextAssetID     uint64           `json:"next_asset_id"`
	RevocationsFrom RevocationCursor `json:"revocations_from"`
	Owed            []owedEntry      `json:"owed"`
	GivenUp         []givenUpEntry   `json:"given_up"`
	GivenUpDropped  uint64           `json:"given_up_dropped,omitempty"`

	dirty bool
}

type owedEntry struct {
	AssetID  uint64    `json:"asset_id"`
	CID      string    `json:"cid"`
	Size     uint64    `json:"size"`
	Attempts int       `json:"attempts,omitempty"`
	NotUntil time.Time `json:"not_until,omitzero"`
	LastErr  string    `json:"last_error,omitempty"`
}

func (e owedEntry) key() string { return fmt.Sprintf("%d/%s", e.AssetID, e.CID) }

type givenUpEntry struct {
	AssetID uint64 `json:"asset_id"`
	CID     string `json:"cid"`
	Size    uint64 `json:"size"`
	Reason  string `json:"reason"`
}

// maxErrLen bounds the error text kept per entry.
const maxErrLen = 300

func shortErr(err error) string {
	s := err.Error()
	if len(s) > maxErrLen {
		s = s[:maxErrLen] + "..."
	}
	return s
}

func loadState(path string) (replicationState, error) {
	st := replicationState{NextAssetID: 1}
	bz, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return st, nil
	case err != nil:
		return st, fmt.Errorf("reading replication state: %w", err)
	}
	corrupt := func(err error) error {
		return fmt.Errorf("replication state %s is corrupt (delete it to start over): %w", path, err)
	}
	if err := json.Unmarshal(bz, &st); err != nil {
		return st, corrupt(err)
	}
	for _, e := range st.Owed {
		if _, err := cid.Decode(e.CID); err != nil {
			return st, corrupt(err)
		}
	}
	if st.NextAssetID == 0 {
		st.NextAssetID = 1
	}
	return st, nil
}

func (r *Replicator) dirtyLocked() { r.state.dirty = true }

func (r *Replicator) removeOwedLocked(e owedEntry) {
	kept := r.state.Owed[:0]
	for _, o := range r.state.Owed {
		if o.key() != e.key() {
			kept = append(kept, o)
		}
	}
	r.state.Owed = kept
}

// giveUpLocked lists e as given up, dropping the oldest entry when the list is full.
func (r *Replicator) giveUpLocked(e owedEntry, reason string) {
	if len(reason) > maxErrLen {
		reason = reason[:maxErrLen] + "..."
	}
	if len(r.state.GivenUp) >= r.opts.MaxGivenUp {
		drop := len(r.state.GivenUp) - r.opts.MaxGivenUp + 1
		r.state.GivenUp = append(r.state.GivenUp[:0], r.state.GivenUp[drop:]...)
		r.state.GivenUpDropped += uint64(drop)
	}
	r.state.GivenUp = append(r.state.GivenUp, givenUpEntry{AssetID: e.AssetID, CID: e.CID, Size: e.Size, Reason: reason})
}

// saveIfDirty writes the state if it changed since the last write; a failure is logged and
// retried at the next poll.
func (r *Replicator) saveIfDirty() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.state.dirty {
		return
	}
	if err := r.saveLocked(); err != nil {
		r.opts.Logger.Error("content replication", "err", err)
		return
	}
	r.state.dirty = false
}

// saveLocked writes the state atomically (temporary file, then rename).
func (r *Replicator) saveLocked() error {
	sort.SliceStable(r.state.Owed, func(i, j int) bool { return r.state.Owed[i].AssetID < r.state.Owed[j].AssetID })
	bz, err := json.MarshalIndent(r.state, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(r.opts.StatePath), 0o700); err != nil {
		return err
	}
	tmp := r.opts.StatePath + ".tmp"
	if err := os.WriteFile(tmp, bz, 0o600); err != nil {
		return fmt.Errorf("writing replication state: %w", err)
	}
	return os.Rename(tmp, r.opts.StatePath)
}

// ReplicationStatus is a snapshot of a Replicator's progress (Status, and the node's
// /api/v0/tributary/replication answer).
type ReplicationStatus struct {
	// NextAssetID is the first asset id not yet looked at.
	NextAssetID uint64 `json:"next_asset_id"`
	// RevocationsFrom is the first entry of the chain's revocation index not yet acted on.
	RevocationsFrom RevocationCursor `json:"revocations_from"`
	// Owed are the CIDs waiting for a (first or next) attempt, or being fetched.
	Owed []OwedCID `json:"owed"`
	// GivenUp are the CIDs no longer tried, newest last.
	GivenUp []GivenUpCID `json:"given_up"`
	// GivenUpDropped counts given-up CIDs dropped from the capped list.
	GivenUpDropped uint64 `json:"given_up_dropped"`
}

// OwedCID is a CID the replicator still wants.
type OwedCID struct {
	AssetID   uint64    `json:"asset_id"`
	CID       string    `json:"cid"`
	Size      uint64    `json:"size"`
	Attempts  int       `json:"attempts"`
	NotUntil  time.Time `json:"not_until,omitzero"`
	LastError string    `json:"last_error,omitempty"`
}

// GivenUpCID is a CID the replicator stopped trying, and why.
type GivenUpCID struct {
	AssetID uint64 `json:"asset_id"`
	CID     string `json:"cid"`
	Size    uint64 `json:"size"`
	Reason  string `json:"reason"`
}

// Status returns a copy of the replicator's progress.
func (r *Replicator) Status() ReplicationStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := ReplicationStatus{NextAssetID: r.state.NextAssetID, RevocationsFrom: r.state.RevocationsFrom, GivenUpDropped: r.state.GivenUpDropped,
		Owed: []OwedCID{}, GivenUp: []GivenUpCID{}}
	for _, e := range r.state.Owed {
		s.Owed = append(s.Owed, OwedCID{AssetID: e.AssetID, CID: e.CID, Size: e.Size, Attempts: e.Attempts, NotUntil: e.NotUntil, LastError: e.LastErr})
	}
	for _, g := range r.state.GivenUp {
		s.GivenUp = append(s.GivenUp, GivenUpCID(g))
	}
	return s
}
