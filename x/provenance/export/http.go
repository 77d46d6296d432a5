package export

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/version"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Route is the REST route of exports, beside the module's gRPC-gateway routes:
// GET /tributary/provenance/v1/assets/{id}/export?format=spdx3|cyclonedx|prov-json[&height=N].
const Route = "/tributary/provenance/v1/assets/{id}/export"

// RegisterRoutes adds the export route to the node's REST router (app.RegisterAPIRoutes), so the
// explorer and any HTTP client can download an export.
func RegisterRoutes(router *mux.Router, clientCtx client.Context) {
	router.Handle(Route, Handler(clientCtx)).Methods(http.MethodGet)
}

// Handler serves exports. Refusals (bad id, format or height; unknown asset) are answered before the
// first byte with 400 or 404 and a one-line reason; the document then streams with its media type.
func Handler(clientCtx client.Context) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseUint(mux.Vars(r)["id"], 10, 64)
		if err != nil || id == 0 {
			http.Error(w, "asset id must be a positive integer", http.StatusBadRequest)
			return
		}
		format, err := ParseFormat(r.URL.Query().Get("format"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var height int64
		if s := r.URL.Query().Get("height"); s != "" {
			if height, err = strconv.ParseInt(s, 10, 64); err != nil || height < 0 {
				http.Error(w, "height must be a non-negative integer", http.StatusBadRequest)
				return
			}
		}
		src, ctx, meta, err := AtBlock(r.Context(), clientCtx, height, "tributaryd "+version.Version)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if _, err := src.Asset(ctx, &types.QueryAssetRequest{Id: id}); err != nil {
			status := http.StatusInternalServerError
			if errors.Is(err, types.ErrAssetNotFound) || isNotFound(err) {
				status = http.StatusNotFound
			}
			http.Error(w, fmt.Sprintf("asset %d at height %d: %v", id, meta.Height, err), status)
			return
		}
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", FileName(id, meta.Height, format)))
		// Past this point the status is sent; a failure mid-stream leaves a truncated document, which
		// no JSON reader accepts.
		_ = Export(ctx, w, src, id, format, meta)
	})
}

// FileName is the suggested file name of an export.
func FileName(id uint64, height int64, f Format) string {
	ext := map[Format]string{FormatSPDX3: "spdx3.jsonld", FormatCycloneDX: "cdx.json", FormatPROVJSON: "prov.json"}[f]
	return fmt.Sprintf("asset-%d-h%d.%s", id, height, ext)
}
