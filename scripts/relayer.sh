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

# shellcheck source=lib/gotool.sh
source "$ROOT/scripts/lib/gotool.sh"
gotool_module "$DIR" relayer github.com/cosmos/relayer/v2 "github.com/cosmos/relayer/v2@${RLY_VERSION}"
# The relayer prints its version from ldflags set by its own Makefile; set the same one.
GOFLAGS=-mod=mod GOWORK=off go build -o "$BIN" \
	-ldflags "-X github.com/cosmos/relayer/v2/cmd.Version=${RLY_VERSION#v}" github.com/cosmos/relayer/v2 >&2
"$BIN" version >&2
echo "$BIN"
