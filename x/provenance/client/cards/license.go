package cards

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"buf.build/go/spdx"
)

// ErrLicense is returned for a card licence that cannot be stated as an SPDX
// expression without the user's help (license: other with no license_name,
// or unknown).
var ErrLicense = errors.New("card licence cannot be mapped")

// hubToSPDX maps the Hugging Face licence ids whose SPDX form is not simply
// the same id in SPDX's case: the GNU families (the Hub's ids name no
// "-only"/"-or-later", so "-only", the reading that grants least, is taken)
// and ids the Hub spells its own way. docs/standards.md prints this table.
var hubToSPDX = map[string]string{
	"gpl-2.0":    "GPL-2.0-only",
	"gpl-3.0":    "GPL-3.0-only",
	"lgpl-2.1":   "LGPL-2.1-only",
	"lgpl-3.0":   "LGPL-3.0-only",
	"agpl-3.0":   "AGPL-3.0-only",
	"gfdl":       "GFDL-1.3-only",
	"odc-by":     "ODC-By-1.0",
	"odbl":       "ODbL-1.0",
	"pddl":       "PDDL-1.0",
	"cc0-1.0":    "CC0-1.0",
	"wtfpl":      "WTFPL",
	"unlicense":  "Unlicense",
	"openrail++": "LicenseRef-openrail-pp",
}

// notSPDX are Hub ids that no SPDX identifier names, even where a similar
// SPDX id exists (the Hub's "bsd" and "gpl" say no version): they become
// LicenseRef-<id>.
var notSPDX = map[string]bool{"bsd": true, "gpl": true, "lgpl": true, "cc": true}

var refUnsafe = regexp.MustCompile(`[^A-Za-z0-9.-]+`)

// SPDXLicense returns the SPDX expression of a card's licence: the table
// above, else the SPDX identifier the Hub id spells in lower case
// (apache-2.0 -> Apache-2.0, cc-by-nc-4.0 -> CC-BY-NC-4.0), else
// LicenseRef-<id> for the Hub's own licences (llama3.1, gemma, openrail, ...).
// license: other uses license_name.
func SPDXLicense(hubID, licenseName string) (string, error) {
	id := strings.ToLower(strings.TrimSpace(hubID))
	switch id {
	case "":
		return "", nil
	case "unknown":
		return "", fmt.Errorf("%w: the card says license: unknown; give --license", ErrLicense)
	case "other":
		if strings.TrimSpace(licenseName) == "" {
			return "", fmt.Errorf("%w: the card says license: other without license_name; give --license", ErrLicense)
		}
		return "LicenseRef-" + refName(licenseName), nil
	}
	if s, ok := hubToSPDX[id]; ok {
		return s, nil
	}
	if lic, ok := spdx.LicenseForID(id); ok && !lic.Deprecated && !notSPDX[id] {
		return lic.ID, nil
	}
	return "LicenseRef-" + refName(id), nil
}

// refName makes a LicenseRef idstring ([A-Za-z0-9.-]+) of a name.
func refName(s string) string {
	return strings.Trim(refUnsafe.ReplaceAllString(strings.TrimSpace(s), "-"), "-")
}

// croissantOrHubLicense maps a licence id, also accepting the Creative
// Commons and SPDX licence URLs that Croissant files use
// (https://creativecommons.org/licenses/by/4.0/ -> CC-BY-4.0,
// https://spdx.org/licenses/MIT.html -> MIT).
func croissantOrHubLicense(id, licenseName string) (string, error) {
	s := strings.TrimSpace(id)
	if !strings.Contains(s, "://") {
		return SPDXLicense(s, licenseName)
	}
	lower := strings.TrimSuffix(strings.ToLower(s), "/")
	for _, prefix := range []string{"https://creativecommons.org/licenses/", "http://creativecommons.org/licenses/"} {
		if rest, ok := strings.CutPrefix(lower, prefix); ok {
			parts := strings.Split(rest, "/")
			if len(parts) >= 2 {
				return SPDXLicense("cc-"+parts[0]+"-"+parts[1], "")
			}
		}
	}
	for _, prefix := range []string{"https://spdx.org/licenses/", "http://spdx.org/licenses/"} {
		if rest, ok := strings.CutPrefix(lower, prefix); ok {
			return SPDXLicense(strings.TrimSuffix(strings.TrimSuffix(rest, ".html"), ".json"), "")
		}
	}
	return "", fmt.Errorf("%w: licence URL %q names no SPDX licence this command knows; give --license", ErrLicense, id)
}
