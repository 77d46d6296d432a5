package cards

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Ref is a parent as a card names it: an external identifier in canonical
// form, the relation the card implies and the card field it came from.
type Ref struct {
	ExternalID string
	Relation   types.Relation
	Field      string
}

// ModelRefs lists a model card's parents: each base_model (hf:ID) with the
// base-model relation, then each dataset (hf-datasets:ID) as trained-on.
func ModelRefs(card Card, baseRelation types.Relation) ([]Ref, error) {
	var refs []Ref
	for _, m := range card.BaseModels {
		r, err := newRef(types.ExternalIDHF, m, baseRelation, "base_model")
		if err != nil {
			return nil, err
		}
		refs = append(refs, r)
	}
	for _, d := range card.Datasets {
		r, err := newRef(types.ExternalIDHFDatasets, d, types.Relation_RELATION_TRAINED_ON, "datasets")
		if err != nil {
			return nil, err
		}
		refs = append(refs, r)
	}
	return refs, nil
}

// DatasetRefs lists a dataset card's parents, each source_datasets entry as
// derived-from. The Hub's taxonomy values are read as it defines them:
// "original" names no source and is left out; "extended|ID" names ID.
func DatasetRefs(card Card) ([]Ref, error) {
	var refs []Ref
	for _, s := range card.SourceDatasets {
		if strings.EqualFold(strings.TrimSpace(s), "original") {
			continue
		}
		id := strings.TrimPrefix(strings.TrimSpace(s), "extended|")
		r, err := newRef(types.ExternalIDHFDatasets, id, types.Relation_RELATION_DERIVED_FROM, "source_datasets")
		if err != nil {
			return nil, err
		}
		refs = append(refs, r)
	}
	return refs, nil
}

// newRef names a Hub repository by an external identifier: a bare repo id
// gets the scheme, a value already carrying a scheme (or a URL) is kept.
func newRef(scheme, value string, rel types.Relation, field string) (Ref, error) {
	v := strings.TrimSpace(value)
	if !strings.Contains(v, ":") {
		v = scheme + v
	}
	id, err := types.NormalizeExternalID(v)
	if err != nil {
		return Ref{}, fmt.Errorf("card %s %q: %w", field, value, err)
	}
	return Ref{ExternalID: id, Relation: rel, Field: field}, nil
}

// OwnIDFromURL names an asset by the url its Croissant file gives: a Hub
// repository URL becomes hf:ORG/NAME or hf-datasets:ORG/NAME, another
// https URL is kept; anything unusable yields "".
func OwnIDFromURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme != "https" {
		return ""
	}
	candidate := raw
	if strings.EqualFold(u.Host, "huggingface.co") {
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		switch {
		case len(parts) >= 3 && parts[0] == "datasets":
			candidate = types.ExternalIDHFDatasets + parts[1] + "/" + parts[2]
		case len(parts) >= 2 && parts[0] != "datasets" && parts[0] != "spaces":
			candidate = types.ExternalIDHF + parts[0] + "/" + parts[1]
		}
	}
	id, err := types.NormalizeExternalID(candidate)
	if err != nil {
		return ""
	}
	return id
}
