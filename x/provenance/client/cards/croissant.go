package cards

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// CroissantFile is the name under which a Croissant file is looked for in PATH.
const CroissantFile = "croissant.json"

// maxCroissantBytes bounds the Croissant file read; real ones are kilobytes.
const maxCroissantBytes = 8 << 20

var (
	// ErrCroissant is returned for a Croissant file that cannot be read.
	ErrCroissant = errors.New("invalid Croissant file")
	// ErrDigestMismatch is returned when a local file's sha256 is not the one
	// its Croissant FileObject declares.
	ErrDigestMismatch = errors.New("sha256 mismatch")
	// ErrFileMissing is returned when a FileObject declares a sha256 but no
	// local file under PATH answers to it, so the digest cannot be checked.
	ErrFileMissing = errors.New("file named by the Croissant file is not under PATH")
)

var sha256Hex = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// Croissant is the part of an MLCommons Croissant (JSON-LD) file that a
// registration uses. It is read as plain JSON: Croissant files use the fixed
// compact keys of the Croissant context, so no JSON-LD expansion is needed.
type Croissant struct {
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	License      json.RawMessage `json:"license"`
	URL          string          `json:"url"`
	Distribution []FileObject    `json:"distribution"`
}

// FileObject is one entry of a Croissant distribution.
type FileObject struct {
	Type       json.RawMessage `json:"@type"`
	ID         string          `json:"@id"`
	Name       string          `json:"name"`
	ContentURL string          `json:"contentUrl"`
	SHA256     string          `json:"sha256"`
}

// IsFileObject reports whether the entry is a FileObject (cr:FileObject,
// sc:FileObject or the full IRI), not a FileSet.
func (f FileObject) IsFileObject() bool {
	var types []string
	var one string
	if json.Unmarshal(f.Type, &one) == nil {
		types = []string{one}
	} else if json.Unmarshal(f.Type, &types) != nil {
		return false
	}
	for _, t := range types {
		if t == "FileObject" || strings.HasSuffix(t, ":FileObject") || strings.HasSuffix(t, "/FileObject") {
			return true
		}
	}
	return false
}

// ReadCroissant reads a Croissant file.
func ReadCroissant(path string) (Croissant, error) {
	bz, err := readBounded(path, maxCroissantBytes)
	if err != nil {
		return Croissant{}, err
	}
	var c Croissant
	if err := json.Unmarshal(bz, &c); err != nil {
		return Croissant{}, fmt.Errorf("%w: %s: %v", ErrCroissant, path, err)
	}
	return c, nil
}

// LicenseID is the Croissant licence as one string: the first of a list,
// an SPDX id, a Hub id or a licence URL.
func (c Croissant) LicenseID() string {
	var one string
	if json.Unmarshal(c.License, &one) == nil {
		return one
	}
	var many []string
	if json.Unmarshal(c.License, &many) == nil && len(many) > 0 {
		return many[0]
	}
	return ""
}

// FileCheck is the outcome of checking one FileObject.
type FileCheck struct {
	// Name is the FileObject's name (or @id).
	Name string
	// Path is the local file checked, relative to the root; "" if none.
	Path string
	// Checked is true when a declared sha256 matched the local file.
	Checked bool
	// Reason says why a FileObject was not checked.
	Reason string
}

// VerifyFiles checks every FileObject that declares a sha256 against the
// local file under root that its contentUrl (a relative path) or name
// names. It stops at the first mismatch, or at a declared digest no local
// file answers to: an unverifiable claim is not registered. FileObjects with
// no sha256 (the Hub's generated Croissant files put a link there) and
// FileSets are reported as unchecked.
func VerifyFiles(c Croissant, root string) ([]FileCheck, error) {
	var out []FileCheck
	for i, f := range c.Distribution {
		label := f.Name
		if label == "" {
			label = f.ID
		}
		if !f.IsFileObject() {
			out = append(out, FileCheck{Name: label, Reason: "not a FileObject (FileSet)"})
			continue
		}
		if !sha256Hex.MatchString(f.SHA256) {
			out = append(out, FileCheck{Name: label, Reason: "no sha256 declared"})
			continue
		}
		rel, ok := localFile(root, f)
		if !ok {
			return out, fmt.Errorf("%w: distribution[%d] %q declares sha256 %s but neither contentUrl %q nor name is a file under %s",
				ErrFileMissing, i, label, f.SHA256, f.ContentURL, root)
		}
		got, err := fileSHA256(filepath.Join(root, rel))
		if err != nil {
			return out, err
		}
		if !strings.EqualFold(got, f.SHA256) {
			return out, fmt.Errorf("%w: %s has sha256 %s but the Croissant file declares %s for %q; fix the file or the Croissant file",
				ErrDigestMismatch, rel, got, strings.ToLower(f.SHA256), label)
		}
		out = append(out, FileCheck{Name: label, Path: rel, Checked: true})
	}
	return out, nil
}

// localFile finds the regular file under root that a FileObject names:
// contentUrl when it is a relative path that stays under root, else name.
func localFile(root string, f FileObject) (string, bool) {
	for _, cand := range []string{f.ContentURL, f.Name} {
		if cand == "" || strings.Contains(cand, "://") || filepath.IsAbs(cand) {
			continue
		}
		rel := filepath.Clean(filepath.FromSlash(cand))
		if rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if st, err := os.Stat(filepath.Join(root, rel)); err == nil && st.Mode().IsRegular() {
			return rel, true
		}
	}
	return "", false
}

func fileSHA256(path string) (string, error) {
	r, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
