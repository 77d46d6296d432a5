# shellcheck shell=bash
# Sourced by the scripts that build a pinned Go program from the module proxy into build/ (kubo.sh,
# relayer.sh, cosmovisor.sh). `go install pkg@version` does not work against the proxy here (it refuses
# version lists), and the program's dependencies must never meet the chain's go.mod, so each is built in
# a throwaway module of its own that pins the exact version.

# gotool_module DIR NAME IMPORT MODULE@VERSION — create (once) the throwaway module tributary.local/NAME-build
# in DIR/src, importing IMPORT, require MODULE@VERSION in it, and leave the shell in DIR/src.
gotool_module() {
	local dir=$1 name=$2 import=$3 version=$4
	mkdir -p "$dir/src" "$dir/bin"
	cd "$dir/src"
	if [[ ! -f go.mod ]]; then
		printf 'module tributary.local/%s-build\n\ngo 1.26\n' "$name" >go.mod
		printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$import" >tools.go
	fi
	# -mod=mod lets go resolve the program's own requirements into this module only.
	GOFLAGS=-mod=mod GOWORK=off go get "$version" >&2
}
