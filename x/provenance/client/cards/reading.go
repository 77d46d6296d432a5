package cards

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// AdapterConfigFile marks a PEFT adapter repository.
const AdapterConfigFile = "adapter_config.json"

// Reading is what a directory's card and Croissant file say about the asset
// to register, checked and mapped to the chain's terms, before any lookup.
type Reading struct {
	// CardPath and CroissantPath are the files read ("" when absent).
	CardPath, CroissantPath string
	// Name, Description and License (SPDX) are "" when neither file says.
	Name, Description, License string
	// HubLicense is the licence id as the card or Croissant file wrote it.
	HubLicense string
	// OwnID is the asset's own external identifier, from Croissant's url.
	OwnID string
	// LicenseErr says why the licence could not be mapped (license: other
	// without license_name, unknown, an unknown licence URL); it matters
	// only when the user gives no --license.
	LicenseErr error
	// Refs are the parents the card names, in card order.
	Refs []Ref
	// RefsErr says why the card's parents could not be read (an unknown
	// base_model_relation, a malformed repository id); it matters only when
	// the user gives no --parent.
	RefsErr error
	// Files are the Croissant FileObjects checked against the local files.
	Files []FileCheck
}

// Empty reports whether there was nothing to read.
func (r *Reading) Empty() bool { return r.CardPath == "" && r.CroissantPath == "" }

// Read reads root's README.md card (when root is a directory) and the
// Croissant file (croissantPath, else root/croissant.json when present), and
// checks every sha256 the Croissant file declares against the files under
// root. A card field takes precedence over the same Croissant field.
func Read(root, croissantPath string, kind types.AssetKind) (*Reading, error) {
	r := &Reading{}
	st, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	dir := ""
	if st.IsDir() {
		dir = root
	}
	var card Card
	if dir != "" {
		if p := filepath.Join(dir, CardFile); isFile(p) {
			if card, err = ReadCard(p); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			r.CardPath = p
		}
		if croissantPath == "" && isFile(filepath.Join(dir, CroissantFile)) {
			croissantPath = filepath.Join(dir, CroissantFile)
		}
	}
	r.Name = firstNonEmpty(card.ModelName, card.PrettyName)
	r.Description = card.Description
	r.HubLicense = card.License
	licenseName := card.LicenseName
	if croissantPath != "" {
		c, err := ReadCroissant(croissantPath)
		if err != nil {
			return nil, err
		}
		r.CroissantPath = croissantPath
		r.Name = firstNonEmpty(r.Name, c.Name)
		r.Description = firstNonEmpty(r.Description, c.Description)
		if r.HubLicense == "" {
			r.HubLicense, licenseName = c.LicenseID(), ""
		}
		r.OwnID = OwnIDFromURL(c.URL)
		if dir == "" {
			dir = filepath.Dir(root)
		}
		if r.Files, err = VerifyFiles(c, dir); err != nil {
			return nil, err
		}
	}
	if kind != types.AssetKind_ASSET_KIND_MODEL && (len(card.Datasets) > 0 || len(card.BaseModels) > 0) {
		return nil, fmt.Errorf("%w: %s names base_model or datasets, fields of a model card; use register-model", ErrCard, r.CardPath)
	}
	r.License, r.LicenseErr = croissantOrHubLicense(r.HubLicense, licenseName)
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		rel, err := BaseModelRelation(card, dir != "" && isFile(filepath.Join(dir, AdapterConfigFile)))
		if err != nil {
			r.RefsErr = err
			return r, nil
		}
		r.Refs, r.RefsErr = ModelRefs(card, rel)
		return r, nil
	}
	r.Refs, r.RefsErr = DatasetRefs(card)
	return r, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
