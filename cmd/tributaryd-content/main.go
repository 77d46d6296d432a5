// Command tributaryd-content is `tributaryd content` in a binary that does not link the chain.
//
// tributaryd runs the init functions of every package it links (about a thousand, the Cosmos SDK's
// protobuf registries among them) and pages in most of its 190 MB before main is reached: about
// 140 MiB resident for hashing an 11-byte file. Hashing a dataset needs none of that, so when
// this binary sits next to tributaryd, tributaryd hands `content ...` to it before its Go runtime
// starts (see cmd/tributaryd/content_helper.go). It takes the same arguments as tributaryd:
//
//	tributaryd-content content cid ./dataset
//
// Operators do not call it directly; `make install` installs it beside tributaryd. If tributaryd
// hands it a command but the two are not from the same build, it gives the command back to
// tributaryd to run in process (build.go).
package main

import (
	"fmt"
	"os"

	ipfscli "github.com/tributary-ai/tributary/ipfs/cli"
)

func main() {
	deferToParentIfStale()
	root := ipfscli.StandaloneRootCmd()
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}
