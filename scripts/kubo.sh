#!/usr/bin/env bash
# Builds kubo v0.43.0 (the reference IPFS implementation Tributary's CIDs must
# match) from the Go module proxy into build/kubo/bin/ipfs and prints its path.
# `go install pkg@version` does not work against the proxy here (it refuses
# version lists), so a throwaway module pins the exact version instead.
# Skips the build when the binary is already there.
set -euo pipefail

KUBO_VERSION="v0.43.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${KUBO_DIR:-$ROOT/build/kubo}"
BIN="$DIR/bin/ipfs"

if [[ -x "$BIN" ]] && "$BIN" version 2>/dev/null | grep -q "${KUBO_VERSION#v}"; then
	echo "$BIN"
	exit 0
fi

# shellcheck source=lib/gotool.sh
source "$ROOT/scripts/lib/gotool.sh"
gotool_module "$DIR" kubo github.com/ipfs/kubo/cmd/ipfs "github.com/ipfs/kubo@${KUBO_VERSION}"
GOFLAGS=-mod=mod GOWORK=off GOBIN="$DIR/bin" go install github.com/ipfs/kubo/cmd/ipfs >&2
"$BIN" version >&2
echo "$BIN"
