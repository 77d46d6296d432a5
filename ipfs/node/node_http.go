package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/gateway"
	"github.com/ipfs/go-cid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/tributary-ai/tributary/ipfs/dagio"

	"github.com/tributary-ai/tributary/ipfs/cids"

	"github.com/tributary-ai/tributary/ipfs/client"
)

// retrievalTimeout bounds a gateway request. The gateway reads the local store
// only, so this is a bound on a slow client, not on waiting for peers.
const retrievalTimeout = 2 * time.Minute

// newGatewayHandler serves /ipfs/<cid>[/path] as a trustless gateway only:
// raw blocks and CARs, which clients verify themselves. Deserialized
// responses, DNSLink and /ipns are off: the node serves content addressed
// by the chain, not websites. bserv must be offline (no exchange): the gateway
// serves what the node holds and never fetches for whoever asks.
func newGatewayHandler(bserv blockservice.BlockService) (http.Handler, error) {
	bs := bserv.Blockstore()
	backend, err := gateway.NewBlocksBackend(bserv)
	if err != nil {
		return nil, err
	}
	h := gateway.NewHandler(gateway.Config{
		DeserializedResponses: false,
		NoDNSLink:             true,
		RetrievalTimeout:      retrievalTimeout,
		// A registry per node: the default one would make two nodes in a
		// process (tests) panic on duplicate metrics.
		MetricsRegistry: prometheus.NewRegistry(),
	}, backend)
	mux := http.NewServeMux()
	mux.Handle("/ipfs/", heldRoots(bs, h))
	return mux, nil
}

// heldRoots answers 404 at once for a request whose root CID the store does not hold. boxo's
// gateway would start a CAR response with 200 and then fail mid-stream, which a client cannot
// tell from a slow node.
func heldRoots(bs interface {
	Has(context.Context, cid.Cid) (bool, error)
}, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/ipfs/"), "/")
		if c, err := cid.Decode(first); err == nil {
			if has, err := bs.Has(r.Context(), c); err == nil && !has {
				// 412 for Cache-Control: only-if-cached, as the trustless gateway spec (and boxo) answer.
				status := http.StatusNotFound
				if strings.Contains(r.Header.Get("Cache-Control"), "only-if-cached") {
					status = http.StatusPreconditionFailed
				}
				http.Error(w, fmt.Sprintf("%s is not held by this node: it serves only what it stores (registered content it replicated, and what its operator added)", c), status)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// apiHandler is the kubo-compatible RPC subset. Like kubo it takes POST
// only and refuses browser requests (an Origin header), so a web page cannot
// make a local node import or export content.
func (n *Node) apiHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v0/id", n.handleID)
	mux.HandleFunc("/api/v0/dag/import", n.handleDagImport)
	mux.HandleFunc("/api/v0/dag/export", n.handleDagExport)
	mux.HandleFunc("/api/v0/block/get", n.handleBlockGet)
	mux.HandleFunc(apiReplication, n.handleReplication)
	mux.HandleFunc(apiReplicationRetry, n.handleReplicationRetry)
	n.registerContentRoutes(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			apiError(w, http.StatusMethodNotAllowed, errors.New("only POST is accepted"))
			return
		}
		if r.Header.Get("Origin") != "" {
			apiError(w, http.StatusForbidden, errors.New("browser requests are not accepted"))
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// apiError answers like kubo: {"Message": ..., "Code": 0, "Type": "error"}.
func apiError(w http.ResponseWriter, status int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"Message": err.Error(), "Code": 0, "Type": "error"}) // the client may be gone
}

func (n *Node) handleID(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(client.NodeID{ID: n.ID().String(), Addresses: n.Addrs(), AgentVersion: "tributary"}) // the client may be gone
}

func (n *Node) handleDagImport(w http.ResponseWriter, r *http.Request) {
	mr, err := r.MultipartReader()
	if err != nil {
		apiError(w, http.StatusBadRequest, fmt.Errorf("want a multipart CAR upload: %w", err))
		return
	}
	var roots []cid.Cid
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			apiError(w, http.StatusBadRequest, err)
			return
		}
		rs, err := n.ImportCAR(r.Context(), part)
		part.Close()
		if err != nil {
			status := http.StatusInternalServerError
			if errors.Is(err, cids.ErrBlockCorrupt) || errors.Is(err, dagio.ErrIncompleteDAG) {
				status = http.StatusBadRequest
			}
			if errors.Is(err, dagio.ErrStorageLimit) {
				status = http.StatusInsufficientStorage
			}
			apiError(w, status, err)
			return
		}
		roots = append(roots, rs...)
	}
	n.log.Info("IPFS content imported", "roots", roots)
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	for _, c := range roots {
		_ = enc.Encode(map[string]any{"Root": map[string]any{"Cid": map[string]string{"/": c.String()}, "PinErrorMsg": ""}}) // the client may be gone
	}
}

func argCID(r *http.Request) (cid.Cid, error) {
	arg := strings.TrimPrefix(r.URL.Query().Get("arg"), "/ipfs/")
	return cids.ParseCID(arg)
}

func (n *Node) handleDagExport(w http.ResponseWriter, r *http.Request) {
	root, err := argCID(r)
	if err != nil {
		apiError(w, http.StatusBadRequest, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), retrievalTimeout)
	defer cancel()
	// Only what the node holds, and all of it: check the DAG is complete
	// first so a missing block is an honest 404 rather than a truncated
	// stream. Nothing is fetched for the caller.
	if err := dagio.ExportCAR(ctx, n.store, root, io.Discard); err != nil {
		apiError(w, http.StatusNotFound, fmt.Errorf("%w: this node does not hold all of %s (it serves only what it stores): %v", client.ErrNotFound, root, err))
		return
	}
	w.Header().Set("Content-Type", "application/vnd.ipld.car")
	w.Header().Set("Trailer", "X-Stream-Error")
	if err := dagio.ExportCAR(ctx, n.store, root, w); err != nil {
		w.Header().Set("X-Stream-Error", err.Error())
	}
}

func (n *Node) handleBlockGet(w http.ResponseWriter, r *http.Request) {
	c, err := argCID(r)
	if err != nil {
		apiError(w, http.StatusBadRequest, err)
		return
	}
	b, err := n.store.Get(r.Context(), c)
	if err != nil {
		apiError(w, http.StatusNotFound, fmt.Errorf("block %s is not held by this node: %w", c, err))
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(b.RawData()) // the client may be gone
}
