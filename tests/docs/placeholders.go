package docs

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

// Placeholders are the values a reader types in for the <...> of an example, and what a test
// types in for them. A test sets ChainID to its chain's id.
func Placeholders(chainID string) map[string]string {
	return map[string]string{
		"<moniker>":   "docs-node",
		"<chain-id>":  chainID,
		"<public ip>": "127.0.0.1",
		// another participant of the genesis (any valid account address)
		"<address>": otherAccount,
		"<coins>":   "1000000utrib",
	}
}

var placeholderRE = regexp.MustCompile(`<[a-z][a-z -]*>`)

// Substitute replaces the known placeholders of a script and fails on any other.
func Substitute(script string, values map[string]string) (string, error) {
	for k, v := range values {
		script = strings.ReplaceAll(script, k, v)
	}
	var unknown []string
	for _, line := range strings.Split(script, "\n") {
		unknown = append(unknown, placeholderRE.FindAllString(commentRE.ReplaceAllString(line, ""), -1)...)
	}
	if len(unknown) > 0 {
		return "", fmt.Errorf("placeholders without a value: %s (add them to docs.Placeholders or mark the block skip)", strings.Join(unknown, ", "))
	}
	return script, nil
}

// otherAccount is a valid account address nobody holds the key of (20 bytes of 0x01).
var otherAccount = func() string {
	addr, err := bech32.ConvertAndEncode("trib", bytes.Repeat([]byte{1}, 20))
	if err != nil {
		panic(err)
	}
	return addr
}()
