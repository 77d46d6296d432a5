package ipfs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	dag "github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
)

// RegisteredContent is what the chain registered under one asset id: the CIDs a replicating node
// should hold (the asset's content and, for a Merkle commitment, its published members file).
type RegisteredContent struct {
	AssetID uint64
	CIDs    []cid.Cid
}

// ContentSource tells a Replicator what has been registered. Asset ids start at 1 and have no
// gaps (a failed registration allocates none), so a replicator walks them in order.
type ContentSource interface {
	// LastAssetID is the highest registered asset id (0 before the first registration).
	LastAssetID(ctx context.Context) (uint64, error)
	// Content returns the CIDs registered under asset id.
	Content(ctx context.Context, id uint64) (RegisteredContent, error)
}

// ReplicationEvent reports the outcome of one CID; tests and logs consume it.
type ReplicationEvent struct {
	AssetID uint64
	CID     cid.Cid
	// Err is nil when the whole DAG is local and verified.
	Err error
	// Attempt counts tries of this CID, from 1.
	Attempt int
}

// ReplicatorOptions configure a Replicator; zero values take the defaults.
type ReplicatorOptions struct {
	// StatePath is the JSON file that remembers progress across restarts.
	StatePath string
	// Poll is how often the source is asked for new registrations (default 2s).
	Poll time.Duration
	// StallTimeout aborts a fetch when no block has arrived for this long (default 2m), so a CID
	// nobody serves does not hold up the ones behind it; it is retried with backoff.
	StallTimeout time.Duration
	// MaxBackoff caps the delay between retries of one CID (default 1h; the first is StallTimeout).
	MaxBackoff time.Duration
	// Concurrency is how many DAGs are fetched at once (default 4), so that CIDs nobody serves
	// cost one StallTimeout per round, not one each.
	Concurrency int
	// Batch is how many new registrations one round takes in (default 64).
	Batch int
	// Events, if set, receives every outcome (sends block: the consumer must keep reading).
	Events chan<- ReplicationEvent
	Logger Logger
}

// Replicator makes every registered CID local to a node: it follows the chain's asset ids in
// order, a batch at a time, fetches their DAGs over bitswap a few at once (every block verified
// against its CID, as Node.Fetch does), and retries what it could not get with exponential
// backoff. Blocks it fetched are kept like any other; the store's storage_limit bounds them.
// Progress survives restarts in a small JSON file.
type Replicator struct {
	node *Node
	src  ContentSource
	opts ReplicatorOptions
	now  func() time.Time

	state replicationState
}

// replicationState is persisted after every change: the next asset id to look at and the CIDs
// still owed.
type replicationState struct {
	NextAssetID uint64       `json:"next_asset_id"`
	Retry       []retryEntry `json:"retry"`
}

type retryEntry struct {
	AssetID  uint64    `json:"asset_id"`
	CID      string    `json:"cid"`
	Attempts int       `json:"attempts"`
	NotUntil time.Time `json:"not_until"`
	LastErr  string    `json:"last_error"`
}

// ReplicationStateFile is the name of the replicator's progress file in the storage path.
const ReplicationStateFile = "replication.json"

// NewReplicator loads progress from opts.StatePath (a missing file starts at asset 1).
func NewReplicator(node *Node, src ContentSource, opts ReplicatorOptions) (*Replicator, error) {
	if opts.Poll <= 0 {
		opts.Poll = 2 * time.Second
	}
	if opts.StallTimeout <= 0 {
		opts.StallTimeout = 2 * time.Minute
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = time.Hour
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	if opts.Batch <= 0 {
		opts.Batch = 64
	}
	if opts.Logger == nil {
		opts.Logger = discardLogger{}
	}
	r := &Replicator{node: node, src: src, opts: opts, now: time.Now, state: replicationState{NextAssetID: 1}}
	bz, err := os.ReadFile(opts.StatePath)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("reading replication state: %w", err)
	default:
		if err := json.Unmarshal(bz, &r.state); err != nil {
			return nil, fmt.Errorf("replication state %s is corrupt (delete it to start over): %w", opts.StatePath, err)
		}
		if r.state.NextAssetID == 0 {
			r.state.NextAssetID = 1
		}
	}
	return r, nil
}

// Run replicates until ctx ends. Source errors (the chain not answering yet) are retried at the
// next poll and never stop the node; each is logged when it first appears, not every poll.
func (r *Replicator) Run(ctx context.Context) error {
	ticker := time.NewTicker(r.opts.Poll)
	defer ticker.Stop()
	lastErr := ""
	for {
		err := r.step(ctx)
		switch {
		case err != nil && ctx.Err() == nil && err.Error() != lastErr:
			r.opts.Logger.Error("content replication", "err", err)
			lastErr = err.Error()
		case err == nil && lastErr != "":
			r.opts.Logger.Info("content replication resumed")
			lastErr = ""
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

// job is one CID to make local.
type job struct {
	assetID uint64
	cid     cid.Cid
	attempt int
}

// step runs rounds until it has taken in every registration made so far and retried what is due.
func (r *Replicator) step(ctx context.Context) error {
	last, err := r.src.LastAssetID(ctx)
	if err != nil {
		return fmt.Errorf("asking the chain for new registrations: %w", err)
	}
	for first := true; first || r.state.NextAssetID <= last; first = false {
		if err := r.round(ctx, last); err != nil || ctx.Err() != nil {
			return err
		}
	}
	return nil
}

// round fetches (fetchAll) the CIDs of up to Batch new registrations and every owed CID whose
// backoff has passed; then it records the outcomes and moves past those registrations.
func (r *Replicator) round(ctx context.Context, last uint64) error {
	var jobs []job
	upTo := min(last, r.state.NextAssetID+uint64(r.opts.Batch)-1)
	for id := r.state.NextAssetID; id <= upTo; id++ {
		content, err := r.src.Content(ctx, id)
		if err != nil {
			return fmt.Errorf("reading asset %d: %w", id, err)
		}
		for _, c := range content.CIDs {
			jobs = append(jobs, job{assetID: id, cid: c, attempt: 1})
		}
	}
	var kept []retryEntry
	for _, e := range r.state.Retry {
		c, err := cid.Decode(e.CID)
		if err != nil || r.now().Before(e.NotUntil) {
			kept = append(kept, e)
			continue
		}
		jobs = append(jobs, job{assetID: e.AssetID, cid: c, attempt: e.Attempts + 1})
	}

	errs := r.fetchAll(ctx, jobs)

	r.state.Retry = kept
	for i, j := range jobs {
		r.record(ctx, j, errs[i])
	}
	if upTo >= r.state.NextAssetID {
		r.state.NextAssetID = upTo + 1
	}
	return r.save()
}

// fetchAll fetches every job's DAG and returns each outcome. First the root blocks of all jobs are
// asked for at once (probeConcurrency at a time; a want is cheap), so that CIDs nobody serves cost
// one StallTimeout for the whole round; then the DAGs whose roots arrived are fetched,
// Concurrency at a time.
func (r *Replicator) fetchAll(ctx context.Context, jobs []job) []error {
	errs := make([]error, len(jobs))
	forEach := func(limit int, fn func(i int)) {
		sem := make(chan struct{}, limit)
		var wg sync.WaitGroup
		for i := range jobs {
			if errs[i] != nil {
				continue
			}
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				fn(i)
			}()
		}
		wg.Wait()
	}
	forEach(probeConcurrency, func(i int) {
		pctx, cancel := context.WithTimeoutCause(ctx, r.opts.StallTimeout,
			fmt.Errorf("no block arrived for %s: nobody connected serves it", r.opts.StallTimeout))
		defer cancel()
		if _, err := r.node.bserv.GetBlock(pctx, jobs[i].cid); err != nil {
			if cause := context.Cause(pctx); cause != nil {
				err = cause
			}
			errs[i] = fmt.Errorf("%w: %s: %v", ErrNotFound, jobs[i].cid, err)
		}
	})
	forEach(r.opts.Concurrency, func(i int) { errs[i] = r.fetch(ctx, jobs[i].cid) })
	return errs
}

// probeConcurrency bounds the root blocks wanted at once in a round.
const probeConcurrency = 256

// record notes one outcome: a failure is owed again after a backoff that doubles per attempt.
func (r *Replicator) record(ctx context.Context, j job, err error) {
	if err != nil && ctx.Err() != nil {
		// Interrupted by shutdown: owe it again without counting the attempt.
		r.owe(j.assetID, j.cid, j.attempt-1, err, time.Time{})
		return
	}
	if err != nil {
		backoff := min(r.opts.StallTimeout<<min(j.attempt-1, 20), r.opts.MaxBackoff)
		r.owe(j.assetID, j.cid, j.attempt, err, r.now().Add(backoff))
		r.opts.Logger.Error("could not replicate registered content; will retry", "asset", j.assetID, "cid", j.cid.String(),
			"attempt", j.attempt, "retry_in", backoff.String(), "err", err)
	} else {
		r.opts.Logger.Info("replicated registered content", "asset", j.assetID, "cid", j.cid.String())
	}
	if r.opts.Events != nil {
		select {
		case r.opts.Events <- ReplicationEvent{AssetID: j.assetID, CID: j.cid, Err: err, Attempt: j.attempt}:
		case <-ctx.Done():
		}
	}
}

func (r *Replicator) owe(assetID uint64, c cid.Cid, attempts int, err error, notUntil time.Time) {
	e := retryEntry{AssetID: assetID, CID: c.String(), Attempts: attempts, NotUntil: notUntil}
	if err != nil {
		e.LastErr = err.Error()
	}
	r.state.Retry = append(r.state.Retry, e)
}

// fetch runs Node.Fetch under a watchdog that cancels it when no block of this DAG has arrived
// for StallTimeout: a large DAG that keeps arriving may take as long as it needs, a CID nobody
// serves is given up quickly.
func (r *Replicator) fetch(ctx context.Context, c cid.Cid) error {
	fctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var progress dag.ProgressTracker
	fctx = progress.DeriveContext(fctx)
	done := make(chan struct{})
	defer close(done)
	go func() {
		tick := time.NewTicker(max(r.opts.StallTimeout/8, 10*time.Millisecond))
		defer tick.Stop()
		seen, since := progress.Value(), r.now()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if v := progress.Value(); v != seen {
					seen, since = v, r.now()
				} else if r.now().Sub(since) >= r.opts.StallTimeout {
					cancel(fmt.Errorf("no block arrived for %s", r.opts.StallTimeout))
					return
				}
			}
		}
	}()
	return r.node.Fetch(fctx, c)
}

// save writes the state atomically (temporary file, then rename).
func (r *Replicator) save() error {
	sort.SliceStable(r.state.Retry, func(i, j int) bool { return r.state.Retry[i].AssetID < r.state.Retry[j].AssetID })
	bz, err := json.MarshalIndent(r.state, "", "  ")
	if err != nil {
		return err
	}
	tmp := r.opts.StatePath + ".tmp"
	if err := os.MkdirAll(filepath.Dir(r.opts.StatePath), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(tmp, bz, 0o600); err != nil {
		return fmt.Errorf("writing replication state: %w", err)
	}
	return os.Rename(tmp, r.opts.StatePath)
}
