#!/usr/bin/env bash
# Builds cosmovisor v1.5.0 (the process manager that switches tributaryd binaries at an upgrade height)
# from the Go module proxy into build/cosmovisor/bin/cosmovisor and prints its path. Like scripts/kubo.sh,
# a throwaway module pins the exact version so that cosmovisor's dependencies never meet the chain's
# go.mod. v1.5.0, not the newer v1.7.x: the module proxy refuses v1.7.1 here and serves v1.5.0, whose
# `run`, DAEMON_* variables and upgrade-info.json handling are what docs/operators.md describes.
# Skips the build when the binary is already there.
set -euo pipefail

COSMOVISOR_VERSION="v1.5.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${COSMOVISOR_DIR:-$ROOT/build/cosmovisor}"
BIN="$DIR/bin/cosmovisor"

if [[ -x "$BIN" ]] && [[ "$(cat "$DIR/bin/VERSION" 2>/dev/null)" == "$COSMOVISOR_VERSION" ]]; then
	echo "$BIN"
	exit 0
fi

# shellcheck source=lib/gotool.sh
source "$ROOT/scripts/lib/gotool.sh"
gotool_module "$DIR" cosmovisor cosmossdk.io/tools/cosmovisor/cmd/cosmovisor "cosmossdk.io/tools/cosmovisor@${COSMOVISOR_VERSION}"
GOFLAGS=-mod=mod GOWORK=off GOBIN="$DIR/bin" go install cosmossdk.io/tools/cosmovisor/cmd/cosmovisor >&2
echo "$COSMOVISOR_VERSION" >"$DIR/bin/VERSION"
echo "$BIN"
