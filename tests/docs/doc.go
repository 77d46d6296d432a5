// Package docs finds the shell examples of Tributary's documentation so that tests can run them
// as a reader would: every fenced shell block of README.md, docs/*.md and x/*/README.md that
// runs a tributaryd command carries a mark on the line right above its fence:
//
//	<!-- docs-test: offline -->        runs here (make test) in a fresh $HOME, without a chain:
//	                                   init, keys, config, genesis, content cid, --help ...
//	<!-- docs-test: chain -->          runs in order against a real single-node chain
//	                                   (tests/e2e TestDocsExamplesOnChain, build tag e2e)
//	<!-- docs-test: skip REASON -->    not run, for the stated reason (a second machine or chain,
//	                                   systemd, a network's real genesis)
//
// A block that runs tributaryd and has no mark fails TestEveryCommandBlockIsMarked, so new
// documentation is tested from the day it is written.
//
// Each file's blocks run in document order in one working directory and one home, so a block
// may use what an earlier block of the same file made. The few values a reader types for
// themselves (<moniker>, <chain-id>, ...) are given by Placeholders, the one documented
// substitution; any other <...> in a block that runs fails it.
package docs
