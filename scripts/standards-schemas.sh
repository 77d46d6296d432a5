#!/usr/bin/env bash
# standards-schemas.sh — copy the official JSON schemas the export tests validate against
# (x/provenance/export) from their pinned npm packages into x/provenance/export/testdata/schemas
# (`make standards-schemas`), or check that the copies there are exactly those (`--check`,
# `make standards-schemas-check`, run by CI; needs no network).
#
#   CycloneDX 1.6 (and the spdx licence-id and jsf schemas it references): @cyclonedx/cyclonedx-library,
#     res/schema/, unchanged.
#   SPDX 3.0.1: the JSON schema that SPDX generates from its model with shacl2code
#     (https://spdx.org/schema/3.0.1/spdx-json-schema.json), as @cyclonedx/cdxgen ships it in
#     data/spdx-export.schema.json; copied under the name spdx-3.0.1.schema.json.
# No npm package ships a PROV-JSON schema, so that export is checked structurally by the tests instead
# (see docs/standards.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=$root/x/provenance/export/testdata/schemas

# package@version integrity licence-file-name then source:destination pairs.
packages=(
  "@cyclonedx/cyclonedx-library@10.3.0 sha512-RIT28sp1U0PCHaaeF3yNRwk6Jig/XJ8UsYAVOMYaHQ+0VVOvsjcp0PTWQFLUqJFF8XMud+Kdq6G+wtDAh+QJFA== LICENSE.cyclonedx-library res/schema/bom-1.6.SNAPSHOT.schema.json:bom-1.6.SNAPSHOT.schema.json res/schema/spdx.SNAPSHOT.schema.json:spdx.SNAPSHOT.schema.json res/schema/jsf-0.82.SNAPSHOT.schema.json:jsf-0.82.SNAPSHOT.schema.json"
  "@cyclonedx/cdxgen@12.8.4 sha512-9EMER2beUSU7fvKgVaYOnYCFqAHrY3bQ7ERenh29/Edku0ctEXzYdov6vCmjmo/hSBH+JtvA7+j1U884MVYFOA== LICENSE.cdxgen data/spdx-export.schema.json:spdx-3.0.1.schema.json"
)

if [[ ${1:-} == --check ]]; then
  (cd "$dest" && sha256sum --quiet -c SHA256SUMS) || { echo "$dest differs from SHA256SUMS: run make standards-schemas" >&2; exit 1; }
  for entry in "${packages[@]}"; do
    read -r pkgver _ licence pairs <<<"$entry"
    for pair in $pairs; do
      f=${pair#*:}
      grep -qx "$f $pkgver" "$dest/VERSIONS" || { echo "$dest/$f is not from $pkgver: run make standards-schemas" >&2; exit 1; }
    done
    [[ -f $dest/$licence ]] || { echo "no licence for $pkgver in $dest" >&2; exit 1; }
  done
  echo "standards schemas match their pinned packages"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$dest" && mkdir -p "$dest"
: >"$dest/VERSIONS"
sums=()
for entry in "${packages[@]}"; do
  read -r pkgver integrity licence pairs <<<"$entry"
  work=$tmp/$licence && mkdir -p "$work"
  (cd "$work" && npm pack --silent "$pkgver" >/dev/null)
  tgz=$(ls "$work"/*.tgz)
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  [[ $got == "$integrity" ]] || { echo "$pkgver: integrity $got, want $integrity" >&2; exit 1; }
  tar -xzf "$tgz" -C "$work"
  for pair in $pairs; do
    src=${pair%%:*} f=${pair#*:}
    cp "$work/package/$src" "$dest/$f"
    printf '%s %s\n' "$f" "$pkgver" >>"$dest/VERSIONS"
    sums+=("$f")
  done
  cp "$work/package/LICENSE" "$dest/$licence"
  sums+=("$licence")
done
(cd "$dest" && sha256sum "${sums[@]}" >SHA256SUMS)
echo "copied ${sums[*]} into $dest"
