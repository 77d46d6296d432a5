#!/usr/bin/env bash
# Fails when the committed generated protobuf code is not what the committed
# .proto files produce, or when the .proto files do not pass buf lint and
# buf format. Used by `make proto-check` and CI.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/protocgen.sh

export PATH="$root/build/bin:$PATH"
export BUF_CACHE_DIR="$root/build/buf-cache"
ws="$root/build/proto-ws"

status=0
if [ -d "$ws/tributary" ]; then
	echo "protocheck: buf lint"
	buf lint "$ws" --path "$ws/tributary" || status=1
	# Formatting is enforced (PROTO_FORMAT_STRICT=0 only reports it).
	echo "protocheck: buf format"
	if ! buf format proto --path proto/tributary --diff --exit-code >/dev/null; then
		echo "protocheck: .proto files are not buf-formatted: run 'build/bin/buf format -w proto --path proto/tributary'" >&2
		if [ "${PROTO_FORMAT_STRICT:-1}" = 1 ]; then
			status=1
		fi
	fi
fi

echo "protocheck: generated code matches the committed code"
if ! git diff --exit-code -- '*.pb.go' '*.pb.gw.go'; then
	echo "protocheck: generated code differs from the commit: run scripts/protocgen.sh and commit the result" >&2
	status=1
fi
untracked="$(git ls-files --others --exclude-standard -- '*.pb.go' '*.pb.gw.go')"
if [ -n "$untracked" ]; then
	printf 'protocheck: generated files not committed:\n%s\n' "$untracked" >&2
	status=1
fi
exit "$status"
