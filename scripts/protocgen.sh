#!/usr/bin/env bash
# Generates the Go code of every proto/tributary/<module>/v1/*.proto into
# x/<module>/types/ (*.pb.go with gogoproto's protoc-gen-gocosmos, *.pb.gw.go
# with grpc-gateway v1), offline:
#
#   - buf and the plugins are built from the versions pinned in tools/go.mod;
#   - third-party imports are copied from the Go module cache (after
#     `go mod download` of pinned versions) into build/proto-deps/, so buf has
#     no remote dependency and needs no registry;
#   - buf's cache lives in build/buf-cache/.
#
# Everything under build/ is scratch and ignored by git. Works from a fresh
# clone with a cold module cache (it then needs the Go module proxy).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Versions of the modules whose .proto files we import. Keep them in step with
# go.mod: the generated code must match the Go types of the same versions.
sdk_version="v0.55.0"
gogoproto_version="v1.7.2"
cosmos_proto_version="v1.0.0-beta.5"
gateway_version="v1.16.0"

build="$root/build"
bin="$build/bin"
deps="$build/proto-deps"
ws="$build/proto-ws"
out="$build/proto-gen"
mkdir -p "$build"
# Keep the scratch folder out of git without touching the root .gitignore.
[ -f "$build/.gitignore" ] || printf '*\n' >"$build/.gitignore"
# A go.mod makes build/ a module of its own, so the generated scratch Go files there are never part
# of `go test ./...`, `go vet ./...` or lint runs of the main module.
[ -f "$build/go.mod" ] || printf 'module scratch\n' >"$build/go.mod"

echo "protocgen: building pinned tools into build/bin"
(cd tools && go build -o "$bin/" \
	github.com/bufbuild/buf/cmd/buf \
	github.com/cosmos/gogoproto/protoc-gen-gocosmos \
	github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway)
export PATH="$bin:$PATH"
export BUF_CACHE_DIR="$build/buf-cache"

# moddir MODULE@VERSION prints the module's folder in the module cache,
# downloading it first if needed. Runs outside any module so that no go.sum is
# touched.
moddir() {
	(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download -json "$1") |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}

echo "protocgen: collecting third-party protos into build/proto-deps"
sdk_dir="$(moddir "github.com/cosmos/cosmos-sdk@$sdk_version")"
gogo_dir="$(moddir "github.com/cosmos/gogoproto@$gogoproto_version")"
cosmos_proto_dir="$(moddir "github.com/cosmos/cosmos-proto@$cosmos_proto_version")"
gateway_dir="$(moddir "github.com/grpc-ecosystem/grpc-gateway@$gateway_version")"
for d in "$sdk_dir" "$gogo_dir" "$cosmos_proto_dir" "$gateway_dir"; do
	[ -d "$d" ] || { echo "protocgen: module folder not found: '$d'" >&2; exit 1; }
done

rm -rf "$deps"
mkdir -p "$deps/gogoproto" "$deps/cosmos_proto" "$deps/cosmos" "$deps/google"
cp "$gogo_dir/gogoproto/gogo.proto" "$deps/gogoproto/"
cp "$cosmos_proto_dir/proto/cosmos_proto/cosmos.proto" "$deps/cosmos_proto/"
cp -r "$sdk_dir/proto/amino" "$deps/"
cp -r "$sdk_dir/proto/cosmos/msg" "$sdk_dir/proto/cosmos/query" "$sdk_dir/proto/cosmos/base" "$deps/cosmos/"
cp -r "$gateway_dir/third_party/googleapis/google/api" "$deps/google/"
# Files in the module cache are read-only; the copies must be removable.
chmod -R u+w "$deps"

# One module root holding our files and the imports, configured by our buf.yaml.
rm -rf "$ws" "$out"
mkdir -p "$ws" "$out"
cp -r "$deps/." "$ws/"
cp -r proto/tributary "$ws/"
cp proto/buf.yaml "$ws/buf.yaml"

mapfile -t files < <(cd "$ws" && find tributary -path 'tributary/*/v1/*.proto' | sort)
if [ "${#files[@]}" -eq 0 ]; then
	echo "protocgen: no proto/tributary/*/v1/*.proto files; nothing to generate"
	exit 0
fi

echo "protocgen: buf generate (${#files[@]} files)"
paths=()
for f in "${files[@]}"; do paths+=(--path "$ws/$f"); done
buf generate "$ws" --template proto/buf.gen.gogo.yaml "${paths[@]}"

# Replace the generated files of every module we generate for, so that a
# removed .proto file does not leave a stale .pb.go behind.
gen="$out/github.com/tributary-ai/tributary"
for mod in $(cd "$ws/tributary" && ls -d */ | tr -d /); do
	if [ -d "x/$mod/types" ]; then
		find "x/$mod/types" -maxdepth 1 \( -name '*.pb.go' -o -name '*.pb.gw.go' \) -delete
	fi
done
cp -r "$gen/." "$root/"
echo "protocgen: done"
