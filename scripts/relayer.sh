#!/usr/bin/env bash
# Builds the Go relayer (cosmos/relayer v2.6.0, the `rly` of the IBC e2e test) from the Go module proxy
# into build/relayer/bin/rly and prints its path. Like scripts/kubo.sh, a throwaway module pins the exact
# version so that the relayer's dependencies (SDK v0.50, ibc-go v8) never meet the chain's go.mod.
# Skips the build when the binary is already there.
set -euo pipefail

RLY_VERSION="v2.6.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${RELAYER_DIR:-$ROOT/build/relayer}"
BIN="$DIR/bin/rly"

if [[ -x "$BIN" ]] && "$BIN" version 2>/dev/null | grep -q "${RLY_VERSION#v}"; then
	echo "$BIN"
	exit 0
fi

mkdir -p "$DIR/src" "$DIR/bin"
cd "$DIR/src"
if [[ ! -f go.mod ]]; then
	cat >go.mod <<MOD
module tributary.local/relayer-build

go 1.26
MOD
	cat >tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/cosmos/relayer/v2"
GO
fi
GOFLAGS=-mod=mod GOWORK=off go get "github.com/cosmos/relayer/v2@${RLY_VERSION}" >&2
# The relayer prints its version from ldflags set by its own Makefile; set the same one.
GOFLAGS=-mod=mod GOWORK=off go build -o "$BIN" \
	-ldflags "-X github.com/cosmos/relayer/v2/cmd.Version=${RLY_VERSION#v}" github.com/cosmos/relayer/v2 >&2
"$BIN" version >&2
echo "$BIN"
