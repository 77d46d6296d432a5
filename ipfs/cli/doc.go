// Package cli is the `tributaryd content` command: computing, verifying,
// adding, fetching, exporting and importing dataset content by CID. It is
// hand-written rather than AutoCLI because it works on local files before
// (or instead of) any transaction.
//
// Commands that need an IPFS node talk to the running tributaryd's embedded
// node or to a remote kubo through the same kubo-compatible RPC; the URL
// comes from --ipfs-api, else from the [ipfs] section of <home>/config/app.toml.
package cli
