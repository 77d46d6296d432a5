package node

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// RegisteredContent is what the chain registered under one asset id: the CIDs a replicating node
// should hold (the asset's content and, for a Merkle commitment, its published members file), each
// with the size the registration declared for it.
type RegisteredContent struct {
	AssetID uint64
	// Revoked assets are never fetched.
	Revoked bool
	Items   []RegisteredCID
}

// RegisteredCID is one CID of an asset and the content size it was registered with: the asset's
// size_bytes, or for a members file a bound derived from its member count. FetchBound(Size) is
// the most a node stores for it.
type RegisteredCID struct {
	CID  cid.Cid
	Size uint64
}

// ErrChainNotReady is what a ContentSource returns while the chain has committed no block yet
// (every node start): the replicator waits for the next poll without logging an error.
var ErrChainNotReady = errors.New("the chain has no committed block yet")

// ContentSource tells a Replicator what has been registered and what has been revoked. Asset
// ids start at 1 and have no gaps (a failed registration allocates none), so a replicator walks
// them in order; revocations are an index ordered by (height, asset id), which it follows with a
// RevocationCursor.
type ContentSource interface {
	// LastAssetID is the highest registered asset id (0 before the first registration).
	LastAssetID(ctx context.Context) (uint64, error)
	// Content returns the CIDs registered under asset id.
	Content(ctx context.Context, id uint64) (RegisteredContent, error)
	// Revocations returns at most limit revocations in ascending (height, asset id) order, from
	// the entry at from on (inclusive); none when there are no more yet.
	Revocations(ctx context.Context, from RevocationCursor, limit int) ([]Revocation, error)
}

// Revocation is one entry of the chain's revocation index: an asset revoked at a block height.
type Revocation struct {
	AssetID uint64
	Height  int64
}

// RevocationCursor is a position in the revocation index, which is ordered by (Height, AssetID):
// the entry at the cursor and every later one are still to be read. The zero cursor reads every
// revocation the chain recorded.
type RevocationCursor struct {
	Height  int64  `json:"height"`
	AssetID uint64 `json:"asset_id"`
}

// After returns the cursor just past rev.
func (rev Revocation) After() RevocationCursor {
	if rev.AssetID == ^uint64(0) {
		return RevocationCursor{Height: rev.Height + 1}
	}
	return RevocationCursor{Height: rev.Height, AssetID: rev.AssetID + 1}
}

// ReplicationEvent reports the outcome of one attempt (ReplicatorOptions.Events).
type ReplicationEvent struct {
	AssetID uint64
	CID     cid.Cid
	// Err is nil when the whole DAG is local and verified.
	Err error
	// Attempt counts tries of this CID, from 1.
	Attempt int
	// GivenUp is set when this outcome moved the CID to the given-up list.
	GivenUp bool
}

// Defaults of ReplicatorOptions.
const (
	DefaultReplicatePoll         = 2 * time.Second
	DefaultReplicateStallTimeout = 2 * time.Minute
	DefaultReplicateMinRate      = 256 << 10
	DefaultReplicateMaxBackoff   = time.Hour
	DefaultReplicateConcurrency  = 4
	DefaultReplicateBatch        = 64
	// DefaultReplicateMaxAttempts tries a CID this often before giving it up (about 2+4+8+16
	// stall timeouts of backoff in between: half an hour at the default timeout).
	DefaultReplicateMaxAttempts = 5
	// DefaultReplicateMaxOwed caps the CIDs waiting to be fetched; while it is full, new
	// registrations wait on the chain (nothing is lost: the cursor does not move).
	DefaultReplicateMaxOwed = 4096
	// DefaultReplicateMaxGivenUp caps the given-up list; the oldest entries are dropped past it
	// (and counted), so failures cannot grow the state file without bound.
	DefaultReplicateMaxGivenUp = 1024
	// DefaultReplicateRevocationBatch reads up to 1,000 revocations per poll (one page of the
	// chain's Revocations query): a revocation is acted on at the first poll after its block,
	// whatever the number of replicated assets, unless more than this many are waiting.
	DefaultReplicateRevocationBatch = 1000
	// DefaultReplicateAttempts bounds the CIDs tried at once. A try first asks for the root block
	// for up to StallTimeout, which is cheap (one want), so unserved CIDs wait side by side.
	DefaultReplicateAttempts = 256
)

// ReplicatorOptions configure a Replicator; zero values take the defaults above.
type ReplicatorOptions struct {
	// StatePath is the JSON file that remembers progress across restarts.
	StatePath string
	// Poll is how often the source is asked for new registrations.
	Poll time.Duration
	// StallTimeout gives up an attempt when its root block, or any next block of its DAG, has not
	// arrived for this long.
	StallTimeout time.Duration
	// MinRate (bytes per second) sets each attempt's total deadline: StallTimeout +
	// FetchBound(size) / MinRate, so a peer trickling blocks cannot hold a fetch slot forever.
	MinRate uint64
	// MaxAssetSize skips CIDs registered as larger (0: no ceiling). A skipped CID is listed as
	// given up; RetryCID fetches it anyway.
	MaxAssetSize uint64
	// MaxBackoff caps the delay between attempts of one CID (the first is StallTimeout).
	MaxBackoff time.Duration
	// MaxAttempts gives a CID up after this many failed attempts.
	MaxAttempts int
	// Attempts bounds the CIDs tried at once; Concurrency bounds the DAGs transferring at once.
	Attempts    int
	Concurrency int
	// Batch is how many new registrations one poll takes in.
	Batch int
	// MaxOwed and MaxGivenUp cap the two lists of the state.
	MaxOwed    int
	MaxGivenUp int
	// RevocationBatch bounds the revocations one poll reads from the chain's revocation index;
	// later ones wait for the next poll.
	RevocationBatch int
	// Events, if set, receives every outcome (sends block: the consumer must keep reading).
	Events chan<- ReplicationEvent
	Logger Logger
}

func (o *ReplicatorOptions) setDefaults() {
	setDefault(&o.Poll, DefaultReplicatePoll)
	setDefault(&o.StallTimeout, DefaultReplicateStallTimeout)
	setDefault(&o.MinRate, DefaultReplicateMinRate)
	setDefault(&o.MaxBackoff, DefaultReplicateMaxBackoff)
	setDefault(&o.MaxAttempts, DefaultReplicateMaxAttempts)
	setDefault(&o.Attempts, DefaultReplicateAttempts)
	setDefault(&o.Concurrency, DefaultReplicateConcurrency)
	setDefault(&o.Batch, DefaultReplicateBatch)
	setDefault(&o.MaxOwed, DefaultReplicateMaxOwed)
	setDefault(&o.MaxGivenUp, DefaultReplicateMaxGivenUp)
	setDefault(&o.RevocationBatch, DefaultReplicateRevocationBatch)
	if o.Logger == nil {
		o.Logger = discardLogger{}
	}
}

func setDefault[T int | uint64 | time.Duration](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}

// Replicator makes every registered CID local to a node: it follows the chain's asset ids in
// order, a batch at a time, and fetches their DAGs over bitswap, each bounded by its registered
// size (Node.FetchBounded) and by a deadline from that size. It is built so that registrations
// cannot be turned against the node:
//   - a DAG larger than its registered size allows is abandoned and its blocks removed, and
//     CIDs over MaxAssetSize are not fetched at all;
//   - revoked assets are not fetched;
//   - first attempts go before retries, retries stop after MaxAttempts (the CID is listed as given
//     up; RetryCID re-queues it), and an attempt has a total deadline, so CIDs nobody serves, or
//     serves slowly, delay the others by a bounded time;
//   - the owed and given-up lists are capped, so the state file stays small whatever fails, and
//     it is written only when something changed.
type Replicator struct {
	node *Node
	src  ContentSource
	opts ReplicatorOptions

	mu    sync.Mutex // guards state (Run mutates it; Status and RetryCID read and queue)
	state replicationState
	wake  chan struct{}
}

// ReplicationStateFile is the name of the replicator's progress file in the storage path.
const ReplicationStateFile = "replication.json"

// NewReplicator loads progress from opts.StatePath (a missing file starts at asset 1) and
// attaches the replicator to node, whose RPC then answers replication status and retry requests.
func NewReplicator(node *Node, src ContentSource, opts ReplicatorOptions) (*Replicator, error) {
	opts.setDefaults()
	r := &Replicator{node: node, src: src, opts: opts, wake: make(chan struct{}, 1)}
	st, err := loadState(opts.StatePath)
	if err != nil {
		return nil, err
	}
	r.state = st
	adopted, err := node.pins.adopted(context.Background())
	if err != nil {
		return nil, err
	}
	if !adopted {
		if st.NextAssetID <= 1 {
			// Nothing was replicated before pins: nothing to adopt.
			if err := node.pins.markAdopted(context.Background()); err != nil {
				return nil, err
			}
		} else {
			node.adoptPending.Store(true)
		}
	}
	node.replicator.Store(r)
	return r, nil
}

// ErrNotGivenUp is returned by RetryCID for a CID that is not on the given-up list.
var ErrNotGivenUp = errors.New("CID is not on the given-up list")

// RetryCID moves every given-up entry of c back to the owed list as a first attempt (a CID
// skipped for MaxAssetSize is then fetched: the operator asked for it). It returns the number of
// entries re-queued.
func (r *Replicator) RetryCID(c cid.Cid) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := c.String()
	kept := r.state.GivenUp[:0]
	n := 0
	for _, g := range r.state.GivenUp {
		if g.CID != key {
			kept = append(kept, g)
			continue
		}
		r.state.Owed = append(r.state.Owed, owedEntry{AssetID: g.AssetID, CID: g.CID, Size: g.Size})
		n++
	}
	r.state.GivenUp = kept
	if n == 0 {
		return 0, fmt.Errorf("%w: %s", ErrNotGivenUp, c)
	}
	r.dirtyLocked()
	select {
	case r.wake <- struct{}{}:
	default:
	}
	return n, nil
}

// Run replicates until ctx ends. Fetches run in workers that report back to this goroutine, so
// a CID nobody serves delays nothing but itself. The state file is written at most once per
// poll and only when something changed: an outcome lost to a crash only means a quick re-fetch of
// a DAG that is already local. Source errors (the chain not answering yet) are retried at the
// next poll and never stop the node; each is logged when it first appears, not every poll.
func (r *Replicator) Run(ctx context.Context) error {
	ticker := time.NewTicker(r.opts.Poll)
	defer ticker.Stop()
	w := &workers{
		results: make(chan result),
		running: map[string]bool{},
		fetches: make(chan struct{}, r.opts.Concurrency),
	}
	defer w.wg.Wait()
	lastErr := ""
	for {
		r.saveIfDirty()
		err := r.poll(ctx)
		switch {
		case errors.Is(err, ErrChainNotReady):
			// Every start sees this until the first block: the next poll asks again, quietly.
		case err != nil && ctx.Err() == nil && err.Error() != lastErr:
			r.opts.Logger.Error("content replication", "err", err)
			lastErr = err.Error()
		case err == nil && lastErr != "":
			r.opts.Logger.Info("content replication resumed")
			lastErr = ""
		}
		r.startDue(ctx, w)
		r.publishGauges()
	wait:
		for {
			select {
			case <-ctx.Done():
				r.saveIfDirty()
				return nil
			case res := <-w.results:
				delete(w.running, res.job.key())
				r.record(ctx, res)
				r.startDue(ctx, w)
			case <-r.wake:
				r.startDue(ctx, w)
			case <-ticker.C:
				break wait
			}
		}
	}
}

// poll asks the chain once: revocations first (content must stop being served before anything
// else waits on the chain), then new registrations, then the one-off adoption of an upgrade. An
// error of one step does not skip the others; the first is returned for Run to log.
func (r *Replicator) poll(ctx context.Context) error {
	revErr := r.followRevocations(ctx)
	if revErr != nil && !errors.Is(revErr, ErrChainNotReady) {
		revErr = fmt.Errorf("following revocations; will retry: %w", revErr)
	}
	takeErr := r.takeIn(ctx)
	if err := r.adopt(ctx); err != nil && ctx.Err() == nil {
		r.opts.Logger.Error("pinning content replicated before pins existed; will retry", "err", err)
	}
	if revErr != nil {
		return revErr
	}
	return takeErr
}

// workers are the attempts under way and the limit on transfers they share.
type workers struct {
	wg      sync.WaitGroup
	results chan result
	running map[string]bool // owed keys being tried; read and written by Run only
	fetches chan struct{}
}

// job is one attempt at one owed CID; result is its outcome.
type job struct {
	entry   owedEntry
	cid     cid.Cid
	attempt int
}

func (j job) key() string { return j.entry.key() }

type result struct {
	job job
	res FetchResult
	err error
}

// startDue starts attempts while fewer than Attempts run: first attempts (oldest registration
// first) before retries (earliest due first), so that CIDs that already failed cannot keep new
// registrations waiting.
func (r *Replicator) startDue(ctx context.Context, w *workers) {
	free := r.opts.Attempts - len(w.running)
	if free <= 0 || ctx.Err() != nil {
		return
	}
	now := time.Now()
	r.mu.Lock()
	var due []owedEntry
	for _, e := range r.state.Owed {
		if !w.running[e.key()] && !now.Before(e.NotUntil) {
			due = append(due, e)
		}
	}
	r.mu.Unlock()
	sort.SliceStable(due, func(i, j int) bool {
		if (due[i].Attempts == 0) != (due[j].Attempts == 0) {
			return due[i].Attempts == 0
		}
		if due[i].Attempts == 0 {
			return due[i].AssetID < due[j].AssetID
		}
		return due[i].NotUntil.Before(due[j].NotUntil)
	})
	for _, e := range due[:min(free, len(due))] {
		c, err := cid.Decode(e.CID)
		if err != nil {
			continue // loadState refuses undecodable CIDs; nothing else writes them
		}
		w.running[e.key()] = true
		j := job{entry: e, cid: c, attempt: e.Attempts + 1}
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			res, err := r.attempt(ctx, j, w.fetches)
			select {
			case w.results <- result{job: j, res: res, err: err}:
			case <-ctx.Done():
			}
		}()
	}
}

// takeIn moves new registrations into the owed list (never tried yet, so due now) and past the
// cursor, up to Batch assets and while the owed list has room, and marks the state dirty, so
// that a restart neither misses nor repeats them.
func (r *Replicator) takeIn(ctx context.Context) error {
	r.mu.Lock()
	next, room := r.state.NextAssetID, r.opts.MaxOwed-len(r.state.Owed)
	r.mu.Unlock()
	if room <= 0 {
		return nil
	}
	last, err := r.src.LastAssetID(ctx)
	if err != nil {
		return fmt.Errorf("asking the chain for new registrations: %w", err)
	}
	upTo := min(last, next+uint64(r.opts.Batch)-1)
	for id := next; id <= upTo; id++ {
		content, err := r.src.Content(ctx, id)
		if err != nil {
			return fmt.Errorf("reading asset %d: %w", id, err)
		}
		if !r.admit(content, &room) {
			return nil
		}
	}
	return nil
}

// admit queues one asset's CIDs if the owed list has room for all of them, and moves the cursor
// past it; it reports whether it did.
func (r *Replicator) admit(content RegisteredContent, room *int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(content.Items) > *room {
		return false
	}
	for _, it := range content.Items {
		e := owedEntry{AssetID: content.AssetID, CID: it.CID.String(), Size: it.Size}
		switch {
		case content.Revoked:
			r.opts.Logger.Info("not replicating revoked content", "asset", content.AssetID, "cid", e.CID)
		case r.opts.MaxAssetSize > 0 && it.Size > r.opts.MaxAssetSize:
			r.giveUpLocked(e, fmt.Sprintf("registered size %d bytes exceeds [ipfs] replicate_max_asset_size (%d bytes); `tributaryd content replicate retry %s` fetches it anyway", it.Size, r.opts.MaxAssetSize, e.CID))
			r.opts.Logger.Info("not replicating content larger than replicate_max_asset_size", "asset", content.AssetID, "cid", e.CID, "size", it.Size)
		default:
			r.state.Owed = append(r.state.Owed, e)
			*room--
		}
	}
	r.state.NextAssetID = content.AssetID + 1
	r.dirtyLocked()
	return true
}

// attempt asks for the root block first (Attempts of these wait side by side: a want is cheap),
// then fetches the DAG, Concurrency at a time, bounded by the registered size and by a total
// deadline of StallTimeout + bound/MinRate; a stall of StallTimeout between blocks also ends it.
func (r *Replicator) attempt(ctx context.Context, j job, fetches chan struct{}) (FetchResult, error) {
	// The GC's pin lock from the first block to the pin: a collection cannot remove what this
	// attempt fetched before it is pinned, and waits for attempts under way.
	defer r.node.gcl.PinLock(ctx).Unlock(context.WithoutCancel(ctx))
	bound := FetchBound(j.entry.Size)
	var added []cid.Cid
	if has, err := r.node.store.Has(ctx, j.cid); err != nil {
		return FetchResult{}, err
	} else if !has {
		added = append(added, j.cid) // the probe stores it: removed with the rest if too large
	}
	pctx, cancel := context.WithTimeoutCause(ctx, r.opts.StallTimeout,
		fmt.Errorf("no block arrived for %s: nobody connected serves it", r.opts.StallTimeout))
	_, err := r.node.bserv.GetBlock(pctx, j.cid)
	if err != nil && context.Cause(pctx) != nil {
		err = context.Cause(pctx)
	}
	cancel()
	if err != nil {
		return FetchResult{}, fmt.Errorf("%s: %w", j.cid, err)
	}
	select {
	case fetches <- struct{}{}:
	case <-ctx.Done():
		return FetchResult{}, ctx.Err()
	}
	defer func() { <-fetches }()
	deadline := r.opts.StallTimeout + time.Duration(min(bound/r.opts.MinRate, uint64(1<<33)))*time.Second
	fctx, fcancel := context.WithTimeoutCause(ctx, deadline,
		fmt.Errorf("not complete within %s (replicate_stall_timeout + registered size / replicate_min_rate)", deadline))
	defer fcancel()
	res, err := r.node.fetchBounded(fctx, j.cid, bound, r.opts.StallTimeout, added)
	if err != nil {
		return res, err
	}
	// The asset may have been revoked while this attempt ran (followRevocations): its content is
	// not served whatever happens, but a registered pin would keep it from the GC.
	if revoked, err := r.node.pins.isRevoked(ctx, j.cid); err != nil {
		return res, err
	} else if revoked {
		return res, errRevokedWhileFetching
	}
	return res, r.node.pins.add(ctx, j.cid, PinRegistered, strconv.FormatUint(j.entry.AssetID, 10))
}

// errRevokedWhileFetching ends an attempt whose asset the chain revoked meanwhile: not pinned,
// not retried.
var errRevokedWhileFetching = errors.New("revoked while being fetched")

// record notes one outcome: a success removes the CID from the owed list; a DAG over its bound
// is given up at once (its blocks are already removed); a shutdown does not count as an attempt;
// any other failure is owed again after a backoff that doubles per attempt, until MaxAttempts.
// Failures that will be retried are info lines: only giving up is an error line.
func (r *Replicator) record(ctx context.Context, res result) {
	j, err := res.job, res.err
	r.mu.Lock()
	r.removeOwedLocked(j.entry)
	givenUp := false
	switch {
	case err == nil:
		r.opts.Logger.Info("replicated registered content", "asset", j.entry.AssetID, "cid", j.entry.CID, "bytes", res.res.Bytes)
		metricReplicated()
	case errors.Is(err, errRevokedWhileFetching):
		r.opts.Logger.Info("not pinning content revoked while it was fetched", "asset", j.entry.AssetID, "cid", j.entry.CID)
	case ctx.Err() != nil:
		r.state.Owed = append(r.state.Owed, j.entry)
	case errors.Is(err, ErrExceedsBound) || j.attempt >= r.opts.MaxAttempts:
		givenUp = true
		r.giveUpLocked(j.entry, err.Error())
		r.opts.Logger.Error("gave up replicating registered content; `tributaryd content replicate retry CID` tries again",
			"asset", j.entry.AssetID, "cid", j.entry.CID, "attempts", j.attempt, "err", err)
	default:
		backoff := min(r.opts.StallTimeout<<min(j.attempt-1, 20), r.opts.MaxBackoff)
		e := j.entry
		e.Attempts, e.NotUntil, e.LastErr = j.attempt, time.Now().Add(backoff), shortErr(err)
		r.state.Owed = append(r.state.Owed, e)
		r.opts.Logger.Info("could not replicate registered content yet; will retry", "asset", e.AssetID, "cid", e.CID,
			"attempt", j.attempt, "of", r.opts.MaxAttempts, "retry_in", backoff.String(), "err", err)
	}
	if err != nil && ctx.Err() == nil && !errors.Is(err, errRevokedWhileFetching) {
		metricFailure(failureReason(err))
	}
	metricFetched(res.res.Fetched)
	r.dirtyLocked()
	r.mu.Unlock()
	if r.opts.Events != nil && ctx.Err() == nil {
		select {
		case r.opts.Events <- ReplicationEvent{AssetID: j.entry.AssetID, CID: j.cid, Err: err, Attempt: j.attempt, GivenUp: givenUp}:
		case <-ctx.Done():
		}
	}
}

// failureReason labels a failure for the metrics.
func failureReason(err error) string {
	switch {
	case errors.Is(err, ErrExceedsBound):
		return "too_large"
	case errors.Is(err, dagio.ErrStorageLimit):
		return "storage_limit"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	default:
		return "not_found"
	}
}
