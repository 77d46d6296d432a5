package export

import (
	"bufio"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tributary-ai/tributary/ipfs/cids"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// writer is one format: begin with the root asset, one call per ancestor, end.
type writer interface {
	begin(root types.Asset) error
	asset(a types.Asset) error
	end() error
}

// Export writes the lineage of asset id in format to w.
func Export(ctx context.Context, w io.Writer, src Source, id uint64, format Format, meta Meta) error {
	var fw writer
	switch format {
	case FormatCycloneDX:
		fw = newCycloneDX(w, meta)
	case FormatSPDX3:
		fw = newSPDX3(w, meta)
	case FormatPROVJSON:
		fw = newPROV(w, meta)
	default:
		return ErrUnknownFormat
	}
	first := true
	err := Walk(ctx, src, id, func(a types.Asset) error {
		if first {
			first = false
			return fw.begin(a)
		}
		return fw.asset(a)
	})
	if err != nil {
		return err
	}
	return fw.end()
}

// sha256Hex returns the hex sha2-256 digest inside a canonical CID: the chain accepts only sha2-256
// CIDs, so every asset has one, and a reader can check the content's root block against it.
func sha256Hex(c string) (string, error) {
	parsed, err := cids.ParseCID(c)
	if err != nil {
		return "", fmt.Errorf("cid %s: %w", c, err)
	}
	// A sha2-256 multihash is 0x12 0x20 followed by the 32-byte digest.
	mh := parsed.Hash()
	return hex.EncodeToString(mh[len(mh)-32:]), nil
}

// relationSlug is a relation as the CLI writes it (trained-on, adapter-of, ...).
func relationSlug(r types.Relation) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(r.String(), "RELATION_")), "_", "-")
}

// kindSlug is dataset or model.
func kindSlug(k types.AssetKind) string {
	return strings.ToLower(strings.TrimPrefix(k.String(), "ASSET_KIND_"))
}

// statusSlug is active, retired or revoked.
func statusSlug(s types.AssetStatus) string {
	return strings.ToLower(strings.TrimPrefix(s.String(), "ASSET_STATUS_"))
}

// externalURL is a resolvable URL for an external identifier.
func externalURL(ext string) string {
	switch {
	case strings.HasPrefix(ext, types.ExternalIDHFDatasets):
		return "https://huggingface.co/datasets/" + strings.TrimPrefix(ext, types.ExternalIDHFDatasets)
	case strings.HasPrefix(ext, types.ExternalIDHF):
		return "https://huggingface.co/" + strings.TrimPrefix(ext, types.ExternalIDHF)
	case strings.HasPrefix(ext, types.ExternalIDDOI):
		return "https://doi.org/" + strings.TrimPrefix(ext, types.ExternalIDDOI)
	default:
		return ext
	}
}

// edge is one lineage edge kept for the part of a document written after the assets.
type edge struct {
	child, parent uint64
	weightBps     uint32
	relation      types.Relation
}

func edgesOf(a types.Asset) []edge {
	out := make([]edge, 0, len(a.Parents))
	for _, p := range a.Parents {
		out = append(out, edge{child: a.Id, parent: p.AssetId, weightBps: p.WeightBps, relation: p.Relation})
	}
	return out
}

// out is a buffered writer that keeps its first error, so that the writers stream without checking each
// write; flush returns the error.
type out struct {
	w   *bufio.Writer
	err error
}

func newOut(w io.Writer) *out { return &out{w: bufio.NewWriterSize(w, 64<<10)} }

func (o *out) str(s string) {
	if o.err == nil {
		_, o.err = o.w.WriteString(s)
	}
}

// json writes v encoded as JSON.
func (o *out) json(v any) {
	if o.err != nil {
		return
	}
	bz, err := json.Marshal(v)
	if err != nil {
		o.err = err
		return
	}
	_, o.err = o.w.Write(bz)
}

// item writes a comma before every item of a JSON array or object but the first.
func (o *out) item(n *int) {
	if *n > 0 {
		o.str(",")
	}
	*n++
}

func (o *out) flush() error {
	if o.err != nil {
		return o.err
	}
	return o.w.Flush()
}
