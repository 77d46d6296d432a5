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
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/tributary-ai/tributary/ipfs/dagio"

	"github.com/tributary-ai/tributary/ipfs/cids"

	"github.com/tributary-ai/tributary/ipfs/client"
)

// retrievalTimeout bounds how long a request waits for blocks from peers.
const retrievalTimeout = 2 * time.Minute

// newGatewayHandler serves /ipfs/<cid>[/path] as a trustless gateway only:
// raw blocks and CARs, which clients verify themselves. Deserialized
// responses, DNSLink and /ipns are off: the node serves content addressed
// by the chain, not websites.
func newGatewayHandler(bserv blockservice.BlockService) (http.Handler, error) {
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
	mux.Handle("/ipfs/", h)
	return mux, nil
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
	// Make the DAG local first so a missing block is an honest error
	// status rather than a truncated stream.
	if err := n.Fetch(ctx, root); err != nil {
		apiError(w, http.StatusNotFound, err)
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
	ctx, cancel := context.WithTimeout(r.Context(), retrievalTimeout)
	defer cancel()
	b, err := n.bserv.GetBlock(ctx, c)
	if err != nil {
		apiError(w, http.StatusNotFound, fmt.Errorf("block %s not found: %w", c, err))
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(b.RawData()) // the client may be gone
}

// sessionGetter adapts a blockservice session to dagio.BlockGetter.
type sessionGetter struct{ s *blockservice.Session }

func (g sessionGetter) Get(ctx context.Context, c cid.Cid) (blocks.Block, error) {
	return g.s.GetBlock(ctx, c)
}
