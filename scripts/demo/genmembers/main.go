// Command genmembers writes the deterministic members file of the demo's
// Merkle-committed dataset: N synthetic members (address = the first 20 bytes
// of sha256("tributary demo member " || i), units 1 to 100) with one real
// member placed among them, in the file format `register-dataset
// --contributors-file` reads. scripts/demo.sh runs it with `go run`: bash
// cannot bech32-encode 10,000 addresses quickly, and the file must not depend
// on random keys so that every run registers the same root.
//
// Usage: go run ./scripts/demo/genmembers -n 10000 -member trib1...:50 -at 4242 -prefix trib > members.csv
package main

import (
	"bufio"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

func main() {
	n := flag.Int("n", 10000, "number of members, the real one included")
	member := flag.String("member", "", "the real member as ADDRESS:UNITS")
	at := flag.Int("at", 0, "0-based line of the real member")
	prefix := flag.String("prefix", "trib", "bech32 account address prefix")
	flag.Parse()
	if err := run(*n, *member, *at, *prefix); err != nil {
		fmt.Fprintln(os.Stderr, "genmembers:", err)
		os.Exit(1)
	}
}

func run(n int, member string, at int, prefix string) error {
	addr, unitsText, ok := strings.Cut(member, ":")
	if !ok {
		return fmt.Errorf("-member %q: want ADDRESS:UNITS", member)
	}
	if _, err := strconv.ParseUint(unitsText, 10, 64); err != nil {
		return fmt.Errorf("-member %q: units: %w", member, err)
	}
	if n < 1 || at < 0 || at >= n {
		return fmt.Errorf("-at %d must be within the %d members", at, n)
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "address,units")
	for i := 0; i < n; i++ {
		if i == at {
			fmt.Fprintf(w, "%s,%s\n", addr, unitsText)
			continue
		}
		h := sha256.Sum256([]byte("tributary demo member " + strconv.Itoa(i)))
		s, err := bech32.ConvertAndEncode(prefix, h[:20])
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s,%d\n", s, 1+i%100)
	}
	return w.Flush()
}
