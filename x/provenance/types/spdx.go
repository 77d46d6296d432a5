package types

import (
	"fmt"
	"strings"

	"buf.build/go/spdx"

	errorsmod "cosmossdk.io/errors"
)

// MaxLicenseLength bounds the license expression in bytes.
const MaxLicenseLength = 128

// ValidateLicense checks that s is an SPDX license expression (SPDX
// specification, annex D):
//
//	expression = and-expr *("OR" and-expr)
//	and-expr   = with-expr *("AND" with-expr)
//	with-expr  = term ["WITH" exception]
//	term       = license ["+"] | "LicenseRef-" idstring
//	           | "DocumentRef-" idstring ":LicenseRef-" idstring | "(" expression ")"
//
// A license identifier must be in the SPDX license list pinned by the
// buf.build/go/spdx module version in go.mod, in its exact case ("Apache-2.0",
// not "apache-2.0") so that one license has one spelling on chain. Exception
// identifiers after WITH and LicenseRef/DocumentRef names are checked for
// idstring syntax ([A-Za-z0-9.-]+) only. Operators are upper case.
func ValidateLicense(s string) error {
	if s == "" {
		return errorsmod.Wrap(ErrInvalidLicense, "license is empty: use an SPDX identifier such as Apache-2.0, or LicenseRef-<name>")
	}
	if len(s) > MaxLicenseLength {
		return errorsmod.Wrapf(ErrInvalidLicense, "license is %d bytes, at most %d", len(s), MaxLicenseLength)
	}
	p := spdxParser{tokens: tokenizeSPDX(s)}
	if err := p.expression(); err != nil {
		return errorsmod.Wrapf(ErrInvalidLicense, "%q: %v", s, err)
	}
	if p.pos != len(p.tokens) {
		return errorsmod.Wrapf(ErrInvalidLicense, "%q: unexpected %q", s, p.tokens[p.pos])
	}
	return nil
}

func tokenizeSPDX(s string) []string {
	var tokens []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			tokens = append(tokens, s[start:i])
			start = -1
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ':
			flush(i)
		case '(', ')':
			flush(i)
			tokens = append(tokens, string(c))
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	return tokens
}

type spdxParser struct {
	tokens []string
	pos    int
}

func (p *spdxParser) peek() string {
	if p.pos < len(p.tokens) {
		return p.tokens[p.pos]
	}
	return ""
}

func (p *spdxParser) expression() error {
	if err := p.andExpr(); err != nil {
		return err
	}
	for p.peek() == "OR" {
		p.pos++
		if err := p.andExpr(); err != nil {
			return err
		}
	}
	return nil
}

func (p *spdxParser) andExpr() error {
	if err := p.withExpr(); err != nil {
		return err
	}
	for p.peek() == "AND" {
		p.pos++
		if err := p.withExpr(); err != nil {
			return err
		}
	}
	return nil
}

func (p *spdxParser) withExpr() error {
	if err := p.term(); err != nil {
		return err
	}
	if p.peek() != "WITH" {
		return nil
	}
	p.pos++
	exception := p.peek()
	if !isIDString(strings.TrimPrefix(exception, "AdditionRef-")) {
		return fmt.Errorf("expected an exception identifier after WITH, got %q", exception)
	}
	p.pos++
	return nil
}

func (p *spdxParser) term() error {
	tok := p.peek()
	switch tok {
	case "":
		return fmt.Errorf("expression ends where a license was expected")
	case "(":
		p.pos++
		if err := p.expression(); err != nil {
			return err
		}
		if p.peek() != ")" {
			return fmt.Errorf("missing closing parenthesis")
		}
		p.pos++
		return nil
	case ")", "AND", "OR", "WITH":
		return fmt.Errorf("unexpected %q where a license was expected", tok)
	}
	p.pos++
	return validateLicenseID(tok)
}

func validateLicenseID(id string) error {
	if ref, ok := strings.CutPrefix(id, "LicenseRef-"); ok {
		if !isIDString(ref) {
			return fmt.Errorf("%q: a LicenseRef name has only letters, digits, '.' and '-'", id)
		}
		return nil
	}
	if doc, ok := strings.CutPrefix(id, "DocumentRef-"); ok {
		docName, ref, found := strings.Cut(doc, ":LicenseRef-")
		if !found || !isIDString(docName) || !isIDString(ref) {
			return fmt.Errorf("%q: expected DocumentRef-<name>:LicenseRef-<name>", id)
		}
		return nil
	}
	bare := strings.TrimSuffix(id, "+")
	lic, ok := spdx.LicenseForID(bare)
	if !ok {
		return fmt.Errorf("%q is not an SPDX license identifier (see https://spdx.org/licenses; use LicenseRef-<name> for others)", id)
	}
	if lic.ID != bare {
		return fmt.Errorf("%q: write the SPDX identifier as %q", id, lic.ID)
	}
	return nil
}

func isIDString(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}
