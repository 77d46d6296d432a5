package explorer

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"

	"cosmossdk.io/math"
	"github.com/gorilla/mux"

	"github.com/cosmos/cosmos-sdk/client"

	provexport "github.com/tributary-ai/tributary/x/provenance/export"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// Prefix is where Register mounts the explorer on the API server.
const Prefix = "/explorer"

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server answers the explorer's pages and JSON. It is safe for concurrent use.
type Server struct {
	chain   Chain
	cfg     Config
	pages   map[string]*template.Template
	mux     *http.ServeMux
	summary summaryCache
}

// Register mounts the explorer on the API server's router under Prefix when cfg enables it.
func Register(router *mux.Router, clientCtx client.Context, cfg Config) {
	if !cfg.Enable {
		return
	}
	// Exports (SPDX 3.0, CycloneDX, PROV-JSON) stream from x/provenance/export, the handler behind the REST
	// route; mounting it here too keeps the asset page's download links working behind a proxy that forwards
	// only the explorer's prefix.
	router.Handle(Prefix+"/export/{id}", provexport.Handler(clientCtx)).Methods(http.MethodGet)
	router.PathPrefix(Prefix + "/").Handler(http.StripPrefix(Prefix, New(NodeChain(clientCtx), cfg)))
	router.Path(Prefix).Handler(http.RedirectHandler(Prefix+"/", http.StatusMovedPermanently))
}

// New returns the explorer's handler over chain. It expects paths with the mount prefix stripped ("/",
// "/asset/4", ...). Every link it writes is relative, so it works under any prefix a reverse proxy adds.
func New(chain Chain, cfg Config) *Server {
	s := &Server{chain: chain, cfg: cfg, mux: http.NewServeMux(), pages: map[string]*template.Template{}}
	s.summary.ttl = summaryTTL
	for _, page := range []string{"overview", "asset", "address", "search", "error"} {
		s.pages[page] = template.Must(template.New("layout.html").Funcs(templateFuncs).
			ParseFS(templateFS, "templates/layout.html", "templates/"+page+".html"))
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(time.Hour, http.FileServerFS(static))))
	s.mux.HandleFunc("GET /{$}", s.overview)
	s.mux.HandleFunc("GET /asset/{id}", s.asset)
	s.mux.HandleFunc("GET /address/{addr}", s.address)
	s.mux.HandleFunc("GET /search", s.search)
	s.mux.HandleFunc("GET /api/lineage/{id}", s.apiLineage)
	s.mux.HandleFunc("GET /api/flow/{id}", s.apiFlow)
	s.mux.HandleFunc("GET /api/summary", s.apiSummary)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Everything is served from the node itself; the policy forbids anything else, inline scripts included.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
		"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

func cacheFor(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		next.ServeHTTP(w, r)
	})
}

// page is what every template gets: Root is the relative path back to the explorer's root ("./", "../").
type page struct {
	Title string
	Root  string
	Query string
	Data  any
}

// rootOf is the relative path from r's page to the explorer root: one "../" per directory below it.
func rootOf(r *http.Request) string {
	depth := strings.Count(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if depth == 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	var buf strings.Builder
	err := s.pages[name].Execute(&buf, page{Title: title, Root: rootOf(r), Query: r.URL.Query().Get("q"), Data: data})
	if err != nil {
		http.Error(w, "explorer: rendering "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(buf.String())) // a client that went away is not our error
}

// fail renders the error page with the status that err deserves: 404 for what the chain does not have,
// 400 for input the explorer cannot read, 502 when the node's own queries fail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	s.render(w, r, status, "error", http.StatusText(status), err.Error())
}

// Sentinel errors of the explorer's own input checks.
var (
	// ErrBadRequest is wrapped by every error about a malformed path or parameter.
	ErrBadRequest = errors.New("bad request")
	// ErrNotFound is wrapped when the chain has no such asset or address data.
	ErrNotFound = errors.New("not found")
)

func statusOf(err error) int {
	switch {
	case errors.Is(err, ErrBadRequest), isGRPCInvalid(err):
		return http.StatusBadRequest
	case errors.Is(err, ErrNotFound), errors.Is(err, provtypes.ErrAssetNotFound), isGRPCNotFound(err):
		return http.StatusNotFound
	default:
		return http.StatusBadGateway
	}
}

var templateFuncs = template.FuncMap{
	"trib":   FormatTRIB,
	"coins":  FormatCoins,
	"coin":   FormatCoin,
	"share":  FormatShare,
	"bps":    FormatBps,
	"kind":   kindName,
	"status": statusName,
	"rel":    relationName,
	"utrib":  func(i math.Int) string { return groupThousands(i.String()) },
}

// A lazily filled value shared by concurrent requests, refreshed after ttl.
type summaryCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	at      time.Time
	summary *Summary
}
