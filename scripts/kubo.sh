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

mkdir -p "$DIR/src" "$DIR/bin"
cd "$DIR/src"
if [[ ! -f go.mod ]]; then
	cat >go.mod <<MOD
module tributary.local/kubo-build

go 1.26
MOD
	cat >tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/ipfs/kubo/cmd/ipfs"
GO
fi
# -mod=mod lets go resolve kubo's own requirements into this module only.
GOFLAGS=-mod=mod GOWORK=off go get "github.com/ipfs/kubo@${KUBO_VERSION}" >&2
GOFLAGS=-mod=mod GOWORK=off GOBIN="$DIR/bin" go install github.com/ipfs/kubo/cmd/ipfs >&2
"$BIN" version >&2
echo "$BIN"
