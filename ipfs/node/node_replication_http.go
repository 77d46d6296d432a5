package node

import (
	"encoding/json"
	"errors"
	"net/http"
)

// Replication routes of the node's RPC (Tributary's own, beside the kubo subset): the status of
// the replicator and the re-queueing of a given-up CID, used by `tributaryd content replicate`.
const (
	apiReplication      = "/api/v0/tributary/replication"
	apiReplicationRetry = "/api/v0/tributary/replication/retry"
)

var errNoReplicator = errors.New("this node does not replicate registered content ([ipfs] replicate is off, or the node has no gRPC or REST server to read the chain)")

func (n *Node) handleReplication(w http.ResponseWriter, _ *http.Request) {
	r := n.replicator.Load()
	if r == nil {
		apiError(w, http.StatusConflict, errNoReplicator)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(r.Status()) // the client may be gone
}

func (n *Node) handleReplicationRetry(w http.ResponseWriter, req *http.Request) {
	r := n.replicator.Load()
	if r == nil {
		apiError(w, http.StatusConflict, errNoReplicator)
		return
	}
	c, err := argCID(req)
	if err != nil {
		apiError(w, http.StatusBadRequest, err)
		return
	}
	requeued, err := r.RetryCID(c)
	if err != nil {
		apiError(w, http.StatusBadRequest, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]int{"Requeued": requeued}) // the client may be gone
}
