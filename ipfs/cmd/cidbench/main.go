// Command cidbench prints the CID of a path like `tributaryd content cid`;
// scripts/bench-content.sh uses it when build/tributaryd is not built.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/tributary-ai/tributary/ipfs"
)

func main() {
	hidden := flag.Bool("hidden", false, "include hidden files")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: cidbench [--hidden] PATH")
		os.Exit(2)
	}
	c, _, err := ipfs.CIDOfPath(context.Background(), flag.Arg(0), ipfs.ImportOptions{IncludeHidden: *hidden})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(c)
}
