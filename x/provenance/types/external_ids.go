package types

import (
	"net/url"
	"regexp"
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// Bounds of an asset's external identifiers. They keep an asset's record and
// the index entries it writes small whatever the registrant sends: at most
// MaxExternalIDs entries of at most MaxExternalIDLength bytes each.
const (
	MaxExternalIDs      = 8
	MaxExternalIDLength = 256
)

// Schemes of external identifiers. Each names the asset in another registry.
const (
	// ExternalIDHF is a Hugging Face model repository: hf:ORG/NAME (or hf:NAME
	// for the few canonical models without an organisation, such as gpt2).
	ExternalIDHF = "hf:"
	// ExternalIDHFDatasets is a Hugging Face dataset repository:
	// hf-datasets:ORG/NAME (or hf-datasets:NAME).
	ExternalIDHFDatasets = "hf-datasets:"
	// ExternalIDDOI is a Digital Object Identifier: doi:10.PREFIX/SUFFIX.
	ExternalIDDOI = "doi:"
	// ExternalIDHTTPS is any https URL that names the asset.
	ExternalIDHTTPS = "https://"
)

var (
	// hfPart is one segment of a Hugging Face repository id, as the Hub
	// accepts them: letters, digits, '.', '_' and '-', not starting or ending
	// with a separator, at most 96 characters.
	hfPart = `[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?`
	hfRepo = regexp.MustCompile(`^(?:` + hfPart + `/)?` + hfPart + `$`)
	// doiName is 10.<registrant>/<suffix>; the suffix is printable ASCII
	// without spaces (DOIs may hold almost anything; the chain keeps it to
	// what a shell and a URL carry without quoting surprises).
	doiName = regexp.MustCompile(`^10\.[0-9]{4,9}(?:\.[0-9]+)*/[\x21-\x7e]+$`)
)

// NormalizeExternalID validates one external identifier and returns its
// canonical form, the form stored and indexed, so that spellings that name
// the same thing find each other: the scheme lowercased; Hugging Face ids and
// DOIs lowercased entirely (the Hub resolves repository ids and DOIs are
// matched case-insensitively); an https URL with its host lowercased and the
// rest kept.
func NormalizeExternalID(s string) (string, error) {
	if len(s) == 0 {
		return "", errorsmod.Wrap(ErrInvalidExternalID, "an external identifier is empty")
	}
	if len(s) > MaxExternalIDLength {
		return "", errorsmod.Wrapf(ErrInvalidExternalID, "%.40q... is %d bytes, at most %d", s, len(s), MaxExternalIDLength)
	}
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, ExternalIDHFDatasets):
		return normalizeHF(ExternalIDHFDatasets, s[len(ExternalIDHFDatasets):], s)
	case strings.HasPrefix(lower, ExternalIDHF):
		return normalizeHF(ExternalIDHF, s[len(ExternalIDHF):], s)
	case strings.HasPrefix(lower, ExternalIDDOI):
		name := s[len(ExternalIDDOI):]
		if !doiName.MatchString(name) {
			return "", errorsmod.Wrapf(ErrInvalidExternalID, "%q: a DOI is doi:10.NNNN/SUFFIX with no spaces", s)
		}
		return ExternalIDDOI + strings.ToLower(name), nil
	case strings.HasPrefix(lower, ExternalIDHTTPS):
		return normalizeHTTPS(s)
	default:
		return "", errorsmod.Wrapf(ErrInvalidExternalID,
			"%q: use hf:ORG/NAME, hf-datasets:ORG/NAME, doi:10.NNNN/SUFFIX or an https:// URL", s)
	}
}

func normalizeHF(scheme, repo, s string) (string, error) {
	if !hfRepo.MatchString(repo) || strings.Contains(repo, "--") || strings.Contains(repo, "..") {
		return "", errorsmod.Wrapf(ErrInvalidExternalID,
			"%q: a Hugging Face id is %sORG/NAME of letters, digits, '.', '_' and '-' (no '--' or '..', at most 96 per part)", s, scheme)
	}
	return scheme + strings.ToLower(repo), nil
}

func normalizeHTTPS(s string) (string, error) {
	for i, r := range s {
		if r <= ' ' || r == 0x7f {
			return "", errorsmod.Wrapf(ErrInvalidExternalID, "%q has a space or control character at byte %d: percent-encode it", s, i)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", errorsmod.Wrapf(ErrInvalidExternalID, "%q: %v", s, err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", errorsmod.Wrapf(ErrInvalidExternalID, "%q has no host", s)
	}
	if u.User != nil {
		return "", errorsmod.Wrapf(ErrInvalidExternalID, "%q carries user information: never put credentials in an identifier", s)
	}
	// Only the scheme and host are case-insensitive in a URL: rebuild the
	// prefix lowercased and keep the rest byte for byte.
	rest := s[len(ExternalIDHTTPS)+len(u.Host):]
	return ExternalIDHTTPS + strings.ToLower(u.Host) + rest, nil
}

// NormalizeExternalIDs validates a list of external identifiers: at most
// MaxExternalIDs, each valid, no two equal once canonical. It returns them
// canonical, in the given order; nil for none.
func NormalizeExternalIDs(ids []string) ([]string, error) {
	if len(ids) > MaxExternalIDs {
		return nil, errorsmod.Wrapf(ErrTooManyExternalIDs, "%d external identifiers, at most %d", len(ids), MaxExternalIDs)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	out := make([]string, len(ids))
	seen := make(map[string]int, len(ids))
	for i, s := range ids {
		canon, err := NormalizeExternalID(s)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "external_ids[%d]", i)
		}
		if j, dup := seen[canon]; dup {
			return nil, errorsmod.Wrapf(ErrDuplicateExternalID, "external_ids[%d] and [%d] are both %s", j, i, canon)
		}
		seen[canon] = i
		out[i] = canon
	}
	return out, nil
}

// ValidateCanonicalExternalIDs checks stored identifiers (genesis): valid and
// already canonical, so that the index rebuilt from them finds them.
func ValidateCanonicalExternalIDs(ids []string) error {
	canon, err := NormalizeExternalIDs(ids)
	if err != nil {
		return err
	}
	for i := range ids {
		if canon[i] != ids[i] {
			return errorsmod.Wrapf(ErrInvalidExternalID, "external_ids[%d] %q is not canonical (%s)", i, ids[i], canon[i])
		}
	}
	return nil
}
