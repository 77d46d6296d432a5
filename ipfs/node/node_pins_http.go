package node

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
)

// Content routes of the node's RPC (Tributary's own): pins, store statistics and garbage
// collection, used by `tributaryd content pin|unpin|ls|stat|gc`.
const (
	apiPinAdd = "/api/v0/tributary/pin/add"
	apiPinRm  = "/api/v0/tributary/pin/rm"
	apiPinLs  = "/api/v0/tributary/pin/ls"
	apiStat   = "/api/v0/tributary/stat"
	apiGC     = "/api/v0/tributary/gc"
)

func (n *Node) registerContentRoutes(mux *http.ServeMux) {
	mux.HandleFunc(apiPinAdd, n.handlePinAdd)
	mux.HandleFunc(apiPinRm, n.handlePinRm)
	mux.HandleFunc(apiPinLs, jsonHandler(n.Pins))
	mux.HandleFunc(apiStat, jsonHandler(n.Stat))
	mux.HandleFunc(apiGC, jsonHandler(n.GC))
}

// jsonHandler answers with fn's result as JSON, or its error.
func jsonHandler[T any](fn func(context.Context) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out, err := fn(r.Context())
		if err != nil {
			status := http.StatusInternalServerError
			if errors.Is(err, ErrAdoptionPending) {
				status = http.StatusConflict
			}
			apiError(w, status, err)
			return
		}
		writeJSON(w, out)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v) // the client may be gone
}

func (n *Node) handlePinAdd(w http.ResponseWriter, r *http.Request) {
	c, err := argCID(r)
	if err != nil {
		apiError(w, http.StatusBadRequest, err)
		return
	}
	if err := n.Pin(r.Context(), c); err != nil {
		apiError(w, http.StatusNotFound, err)
		return
	}
	writeJSON(w, map[string]string{"Pinned": c.String(), "Reason": string(PinLocal)})
}

func (n *Node) handlePinRm(w http.ResponseWriter, r *http.Request) {
	c, err := argCID(r)
	if err != nil {
		apiError(w, http.StatusBadRequest, err)
		return
	}
	if err := n.Unpin(r.Context(), c); err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, ErrNotPinned) {
			status = http.StatusBadRequest
		}
		apiError(w, status, err)
		return
	}
	writeJSON(w, map[string]string{"Unpinned": c.String(), "Reason": string(PinLocal)})
}
