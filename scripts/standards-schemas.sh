#!/usr/bin/env bash
# standards-schemas.sh — copy the official JSON schemas the export tests validate against
# (x/provenance/export) from their pinned npm package into x/provenance/export/testdata/schemas
# (`make standards-schemas`), or check that the copies there are exactly those (`--check`,
# `make standards-schemas-check`, run by CI; needs no network).
#
# Only CycloneDX ships its schemas in an npm package (@cyclonedx/cyclonedx-library, res/schema/). No npm
# package ships the SPDX 3.0.1 JSON schema or the PROV-JSON schema, so those exports are checked
# structurally by the tests instead (see docs/standards.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=$root/x/provenance/export/testdata/schemas

pkg=@cyclonedx/cyclonedx-library
version=10.3.0
integrity=sha512-RIT28sp1U0PCHaaeF3yNRwk6Jig/XJ8UsYAVOMYaHQ+0VVOvsjcp0PTWQFLUqJFF8XMud+Kdq6G+wtDAh+QJFA==
files=(bom-1.6.SNAPSHOT.schema.json spdx.SNAPSHOT.schema.json jsf-0.82.SNAPSHOT.schema.json)

if [[ ${1:-} == --check ]]; then
  (cd "$dest" && sha256sum --quiet -c SHA256SUMS) || { echo "$dest differs from SHA256SUMS: run make standards-schemas" >&2; exit 1; }
  for f in "${files[@]}"; do
    grep -qx "$f $pkg@$version" "$dest/VERSIONS" || { echo "$dest/$f is not from $pkg@$version: run make standards-schemas" >&2; exit 1; }
  done
  [[ -f $dest/LICENSE.cyclonedx-library ]] || { echo "no licence for $pkg in $dest" >&2; exit 1; }
  echo "standards schemas match $pkg@$version"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null)
tgz=$(ls "$tmp"/*.tgz)
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
[[ $got == "$integrity" ]] || { echo "$pkg@$version: integrity $got, want $integrity" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp"
rm -rf "$dest" && mkdir -p "$dest"
: >"$dest/VERSIONS"
for f in "${files[@]}"; do
  cp "$tmp/package/res/schema/$f" "$dest/$f"
  printf '%s %s@%s\n' "$f" "$pkg" "$version" >>"$dest/VERSIONS"
done
cp "$tmp/package/LICENSE" "$dest/LICENSE.cyclonedx-library"
(cd "$dest" && sha256sum "${files[@]}" LICENSE.cyclonedx-library >SHA256SUMS)
echo "copied ${files[*]} from $pkg@$version into $dest"
