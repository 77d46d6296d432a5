// Package client speaks the subset of kubo's HTTP RPC that Tributary uses,
// against the embedded node or a stock kubo daemon; everything read back is
// verified against the CIDs asked for.
package client

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	carv2 "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/storage"

	"github.com/tributary-ai/tributary/ipfs/dagio"

	"github.com/tributary-ai/tributary/ipfs/cids"
)

var (
	// ErrNodeUnreachable is returned when nothing answers at an API URL.
	ErrNodeUnreachable = errors.New("no IPFS node answers")
	// ErrAPI is returned when the node answers with an error.
	ErrAPI = errors.New("IPFS API error")
	// ErrNotFound is returned when the node does not have (or cannot find in
	// time) the requested content.
	ErrNotFound = errors.New("content not found")
	// ErrContentChanged is returned when a path changed while it was added.
	ErrContentChanged = errors.New("content changed while it was being added")
)

// APIClient speaks the subset of kubo's HTTP RPC (/api/v0) that Tributary
// uses, which both the embedded node and a stock kubo daemon serve:
// id, dag/import, dag/export and block/get. Everything read back is verified
// against the requested CID.
type APIClient struct {
	base string
	hc   *http.Client
}

// NewAPIClient returns a client of the RPC at baseURL (e.g.
// "http://127.0.0.1:5001"); hc nil means a client without overall timeout
// (uploads can be long; use contexts to bound calls).
func NewAPIClient(baseURL string, hc *http.Client) *APIClient {
	if hc == nil {
		hc = &http.Client{}
	}
	return &APIClient{base: strings.TrimRight(baseURL, "/"), hc: hc}
}

// URL is the base URL of the API.
func (c *APIClient) URL() string { return c.base }

// NodeID is the answer of /api/v0/id.
type NodeID struct {
	ID           string   `json:"ID"`
	Addresses    []string `json:"Addresses"`
	AgentVersion string   `json:"AgentVersion"`
}

// ID asks the node who it is; it doubles as the health check.
func (c *APIClient) ID(ctx context.Context) (NodeID, error) {
	var id NodeID
	resp, err := c.post(ctx, "id", nil, nil, "")
	if err != nil {
		return id, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&id); err != nil {
		return id, fmt.Errorf("%w: bad /api/v0/id answer from %s: %v", ErrAPI, c.base, err)
	}
	return id, nil
}

// DagImport uploads a CAR stream (kubo's `ipfs dag import --pin-roots`)
// and returns the roots the node pinned. The node keeps the CIDs of the CAR
// whatever its own import settings.
func (c *APIClient) DagImport(ctx context.Context, car io.Reader) ([]cid.Cid, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		part, err := mw.CreateFormFile("file", "data.car")
		if err == nil {
			_, err = io.Copy(part, car)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	q := url.Values{"pin-roots": {"true"}}
	resp, err := c.post(ctx, "dag/import", q, pr, mw.FormDataContentType())
	if err != nil {
		pr.CloseWithError(err)
		return nil, err
	}
	defer resp.Body.Close()
	var roots []cid.Cid
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		var ev struct {
			Root *struct {
				Cid struct {
					Slash string `json:"/"`
				} `json:"Cid"`
				PinErrorMsg string `json:"PinErrorMsg"`
			} `json:"Root"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			return nil, fmt.Errorf("%w: bad dag/import answer: %v", ErrAPI, err)
		}
		if ev.Root == nil {
			continue
		}
		if ev.Root.PinErrorMsg != "" {
			return nil, fmt.Errorf("%w: pinning %s: %s", ErrAPI, ev.Root.Cid.Slash, ev.Root.PinErrorMsg)
		}
		root, err := cids.ParseCID(ev.Root.Cid.Slash)
		if err != nil {
			return nil, fmt.Errorf("%w: dag/import root: %v", ErrAPI, err)
		}
		roots = append(roots, root)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: reading dag/import answer: %v", ErrAPI, err)
	}
	if err := streamError(resp); err != nil {
		return nil, err
	}
	return roots, nil
}

// DagExport streams the CAR of the DAG under root from the node to w,
// unverified; use FetchDAG to verify and store.
func (c *APIClient) DagExport(ctx context.Context, root cid.Cid, w io.Writer) error {
	resp, err := c.post(ctx, "dag/export", url.Values{"arg": {root.String()}}, nil, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("%w: reading CAR of %s: %v", ErrAPI, root, err)
	}
	return streamError(resp)
}

// FetchDAG downloads the DAG under root into bs, checking every block
// against its CID and the DAG for completeness (see dagio.ImportCAR).
func (c *APIClient) FetchDAG(ctx context.Context, root cid.Cid, bs dagio.BlockStore) error {
	if err := cids.ValidateCID(root); err != nil {
		return err
	}
	pr, pw := io.Pipe()
	exported := make(chan error, 1)
	go func() {
		err := c.DagExport(ctx, root, pw)
		exported <- err
		pw.CloseWithError(err)
	}()
	roots, err := dagio.ImportCAR(ctx, bs, pr)
	pr.Close()
	if err != nil {
		// The node's own error (not found, unreachable, timed out) says more than the CAR
		// reader's view of a stream that ended early.
		if xerr := <-exported; xerr != nil {
			return xerr
		}
		return err
	}
	if len(roots) != 1 || !roots[0].Equals(root) {
		return fmt.Errorf("%w: asked for %s, got a CAR with roots %v", ErrAPI, root, roots)
	}
	return nil
}

// BlockGet fetches one block and checks it against its CID.
func (c *APIClient) BlockGet(ctx context.Context, k cid.Cid) (blocks.Block, error) {
	if err := cids.ValidateCID(k); err != nil {
		return nil, err
	}
	resp, err := c.post(ctx, "block/get", url.Values{"arg": {k.String()}}, nil, "")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, cids.MaxBlockSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: reading block %s: %v", ErrAPI, k, err)
	}
	if err := streamError(resp); err != nil {
		return nil, err
	}
	if err := cids.VerifyBlock(k, data); err != nil {
		return nil, err
	}
	return blocks.NewBlockWithCid(data, k)
}

// AddPath imports path into the node behind the API and returns what was
// added. The DAG is streamed as a CAR without staging it anywhere: a first
// pass computes the root (the CAR header names it), a second pass streams
// the blocks; if the data changed in between the upload fails with
// ErrContentChanged rather than pin a DAG nobody asked for.
func (c *APIClient) AddPath(ctx context.Context, path string, opts dagio.ImportOptions) (dagio.ImportResult, error) {
	hashOpts := opts
	hashOpts.Progress = nil
	first, err := dagio.Hash(ctx, path, hashOpts)
	if err != nil {
		return first, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	pr, pw := io.Pipe()
	var res dagio.ImportResult
	go func() {
		cw, err := storage.NewWritable(pw, []cid.Cid{first.Root}, carv2.WriteAsCarV1(true))
		if err == nil {
			second := opts
			second.Start = nil
			res, err = dagio.Import(ctx, path, carSink{cw}, second)
		}
		if err == nil && !res.Root.Equals(first.Root) {
			err = fmt.Errorf("%w: %s was %s, now %s", ErrContentChanged, path, first.Root, res.Root)
		}
		if err == nil {
			err = cw.Finalize()
		}
		pw.CloseWithError(err)
	}()
	roots, err := c.DagImport(ctx, pr)
	pr.CloseWithError(errors.New("upload finished"))
	if err != nil {
		return res, err
	}
	if len(roots) != 1 || !roots[0].Equals(first.Root) {
		return res, fmt.Errorf("%w: node pinned %v, want %s", ErrAPI, roots, first.Root)
	}
	return res, nil
}

// AddPathToAPI adds the file or directory at path to the IPFS node whose RPC
// is at apiURL (the embedded node's api_address or a kubo daemon) and returns
// its CID and content size, which are those CIDOfPath computes.
func AddPathToAPI(ctx context.Context, apiURL, path string, opts dagio.ImportOptions) (cid.Cid, uint64, error) {
	res, err := NewAPIClient(apiURL, nil).AddPath(ctx, path, opts)
	if err != nil {
		return cid.Undef, 0, err
	}
	return res.Root, res.Size, nil
}

// carSink writes imported blocks into a CAR being streamed.
type carSink struct{ w storage.WritableCar }

func (s carSink) Put(ctx context.Context, b blocks.Block) error {
	return s.w.Put(ctx, b.Cid().KeyString(), b.RawData())
}

// post sends an RPC call; kubo only accepts POST.
func (c *APIClient) post(ctx context.Context, cmd string, q url.Values, body io.Reader, contentType string) (*http.Response, error) {
	u := c.base + "/api/v0/" + cmd
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrAPI, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s %s: %w", cmd, c.base, context.Cause(ctx))
		}
		var uerr *url.Error
		if errors.As(err, &uerr) && !uerr.Timeout() && isConnError(err) {
			return nil, fmt.Errorf("%w at %s: %v", ErrNodeUnreachable, c.base, err)
		}
		return nil, fmt.Errorf("%w: %s: %v", ErrAPI, cmd, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096)) // best effort: the status already says it failed
		var kerr struct{ Message string }
		if json.Unmarshal(msg, &kerr) == nil && kerr.Message != "" {
			msg = []byte(kerr.Message)
		}
		text := strings.TrimSpace(string(msg))
		if resp.StatusCode == http.StatusNotFound && !strings.Contains(text, "404 page not found") ||
			strings.Contains(text, "not found") || strings.Contains(text, "context deadline exceeded") {
			return nil, fmt.Errorf("%w: %s: %s", ErrNotFound, cmd, text)
		}
		return nil, fmt.Errorf("%w: %s: %s: %s", ErrAPI, cmd, resp.Status, text)
	}
	return resp, nil
}

// streamError reports an error kubo sent after the body (X-Stream-Error
// trailer), which is how a streaming command fails once it has begun.
func streamError(resp *http.Response) error {
	if msg := resp.Trailer.Get("X-Stream-Error"); msg != "" {
		if strings.Contains(msg, "not found") {
			return fmt.Errorf("%w: %s", ErrNotFound, msg)
		}
		return fmt.Errorf("%w: %s", ErrAPI, msg)
	}
	return nil
}

func isConnError(err error) bool {
	s := err.Error()
	return strings.Contains(s, "connection refused") || strings.Contains(s, "no such host") ||
		strings.Contains(s, "connection reset") || strings.Contains(s, "EOF")
}
