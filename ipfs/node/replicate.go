package node

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

	"github.com/tributary-ai/tributary/ipfs/client"
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

// ReplicationEvent reports the outcome of one CID (ReplicatorOptions.Events).
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
	// Concurrency is how many DAGs are fetched at once (default 4). Root blocks are asked for up
	// to 256 at a time before that, so CIDs nobody serves wait side by side, not in turn.
	Concurrency int
	// Batch is how many new registrations one poll takes in (default 64).
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

	state replicationState
}

// replicationState is what survives a restart: the next asset id to look at and the CIDs still
// owed.
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
	r := &Replicator{node: node, src: src, opts: opts, state: replicationState{NextAssetID: 1}}
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

// Run replicates until ctx ends. All state lives in this goroutine; fetches run in workers that
// report back, so a CID nobody serves delays nothing but itself. The state file is written once
// per poll, not per outcome: an outcome lost to a crash only means a quick re-fetch of a DAG that
// is already local. Source errors (the chain not answering yet) are retried at the next poll and
// never stop the node; each is logged when it first appears, not every poll.
func (r *Replicator) Run(ctx context.Context) error {
	ticker := time.NewTicker(r.opts.Poll)
	defer ticker.Stop()
	w := &workers{
		results:  make(chan result),
		inFlight: map[string]bool{},
		probes:   make(chan struct{}, probeConcurrency),
		fetches:  make(chan struct{}, r.opts.Concurrency),
	}
	defer w.wg.Wait()
	lastErr, dirty := "", false
	for {
		if dirty {
			r.saveLogged()
			dirty = false
		}
		err := r.takeIn(ctx)
		switch {
		case err != nil && ctx.Err() == nil && err.Error() != lastErr:
			r.opts.Logger.Error("content replication", "err", err)
			lastErr = err.Error()
		case err == nil && lastErr != "":
			r.opts.Logger.Info("content replication resumed")
			lastErr = ""
		}
		r.startDue(ctx, w)
	wait:
		for {
			select {
			case <-ctx.Done():
				if dirty {
					r.saveLogged()
				}
				return nil
			case res := <-w.results:
				delete(w.inFlight, res.job.cid.String())
				r.record(ctx, res.job, res.err)
				dirty = true
			case <-ticker.C:
				break wait
			}
		}
	}
}

// workers are the fetches under way and the limits they share.
type workers struct {
	wg       sync.WaitGroup
	results  chan result
	inFlight map[string]bool // CIDs being fetched; read and written by Run only
	probes   chan struct{}
	fetches  chan struct{}
}

// startDue starts a worker for every owed CID whose backoff has passed and that is not being
// fetched already.
func (r *Replicator) startDue(ctx context.Context, w *workers) {
	now := time.Now()
	for _, e := range r.state.Retry {
		c, err := cid.Decode(e.CID)
		if err != nil || w.inFlight[e.CID] || now.Before(e.NotUntil) {
			continue
		}
		w.inFlight[e.CID] = true
		j := job{assetID: e.AssetID, cid: c, attempt: e.Attempts + 1}
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			err := r.probeAndFetch(ctx, j.cid, w.probes, w.fetches)
			select {
			case w.results <- result{job: j, err: err}:
			case <-ctx.Done():
			}
		}()
	}
}

func (r *Replicator) saveLogged() {
	if err := r.save(); err != nil {
		r.opts.Logger.Error("content replication", "err", err)
	}
}

// job is one CID to make local; result is its outcome.
type job struct {
	assetID uint64
	cid     cid.Cid
	attempt int
}

type result struct {
	job job
	err error
}

// takeIn moves up to Batch new registrations into the owed list (never tried yet, so due now)
// and past the cursor, and saves, so that a restart neither misses nor repeats them.
func (r *Replicator) takeIn(ctx context.Context) error {
	last, err := r.src.LastAssetID(ctx)
	if err != nil {
		return fmt.Errorf("asking the chain for new registrations: %w", err)
	}
	upTo := min(last, r.state.NextAssetID+uint64(r.opts.Batch)-1)
	if upTo < r.state.NextAssetID {
		return nil
	}
	for id := r.state.NextAssetID; id <= upTo; id++ {
		content, err := r.src.Content(ctx, id)
		if err != nil {
			return fmt.Errorf("reading asset %d: %w", id, err)
		}
		for _, c := range content.CIDs {
			r.state.Retry = append(r.state.Retry, retryEntry{AssetID: id, CID: c.String()})
		}
		r.state.NextAssetID = id + 1
	}
	return r.save()
}

// probeAndFetch asks for the root block first (probeConcurrency at a time: a want is cheap, so
// CIDs nobody serves wait side by side), then fetches the DAG, Concurrency at a time.
func (r *Replicator) probeAndFetch(ctx context.Context, c cid.Cid, probes, fetches chan struct{}) error {
	if err := acquire(ctx, probes); err != nil {
		return err
	}
	pctx, cancel := context.WithTimeoutCause(ctx, r.opts.StallTimeout,
		fmt.Errorf("no block arrived for %s: nobody connected serves it", r.opts.StallTimeout))
	_, err := r.node.bserv.GetBlock(pctx, c)
	if err != nil {
		if cause := context.Cause(pctx); cause != nil {
			err = cause
		}
		err = fmt.Errorf("%w: %s: %v", client.ErrNotFound, c, err)
	}
	cancel()
	<-probes
	if err != nil {
		return err
	}
	if err := acquire(ctx, fetches); err != nil {
		return err
	}
	defer func() { <-fetches }()
	return r.fetch(ctx, c)
}

func acquire(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// probeConcurrency bounds the root blocks wanted at once.
const probeConcurrency = 256

// record notes one outcome in the owed list: a success removes the CID, a failure is owed again
// after a backoff that doubles per attempt. An attempt cut short by shutdown is not counted.
func (r *Replicator) record(ctx context.Context, j job, err error) {
	key := j.cid.String()
	kept := r.state.Retry[:0]
	for _, e := range r.state.Retry {
		if e.CID != key || e.AssetID != j.assetID {
			kept = append(kept, e)
		}
	}
	r.state.Retry = kept
	if err != nil && ctx.Err() != nil {
		r.owe(j.assetID, j.cid, j.attempt-1, err, time.Time{})
		return
	}
	if err != nil {
		backoff := min(r.opts.StallTimeout<<min(j.attempt-1, 20), r.opts.MaxBackoff)
		r.owe(j.assetID, j.cid, j.attempt, err, time.Now().Add(backoff))
		r.opts.Logger.Error("could not replicate registered content; will retry", "asset", j.assetID, "cid", key,
			"attempt", j.attempt, "retry_in", backoff.String(), "err", err)
	} else {
		r.opts.Logger.Info("replicated registered content", "asset", j.assetID, "cid", key)
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
		seen, since := progress.Value(), time.Now()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if v := progress.Value(); v != seen {
					seen, since = v, time.Now()
				} else if time.Since(since) >= r.opts.StallTimeout {
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
