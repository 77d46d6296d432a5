#!/usr/bin/env bash
# explorer-vendor.sh — copy the explorer's browser libraries from their pinned npm packages into
# explorer/static/vendor (`make explorer`), or check that the copies there are exactly those (`--check`,
# `make explorer-check`, run by CI). The explorer has no JavaScript build step: it embeds the packages'
# own minified browser builds unchanged, with their licences.
#
#   explorer/web/package.json + package-lock.json   the pinned packages (versions and sha512 integrity)
#   explorer/static/vendor/*.js                     the packages' dist files, byte for byte
#   explorer/static/vendor/LICENSES/*               their licences
#   explorer/static/vendor/SHA256SUMS               the checksums --check verifies
#   explorer/static/vendor/VERSIONS                 each file's package@version
#
# Rebuilding needs the packages in npm's cache or the npm registry (`npm ci --prefer-offline`); the check
# needs neither.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
web=$root/explorer/web
vendor=$root/explorer/static/vendor

# package@version:dist-file for every file the explorer loads, in load order.
files=(
  "internmap:dist/internmap.min.js"
  "d3-array:dist/d3-array.min.js"
  "d3-path:dist/d3-path.min.js"
  "d3-shape:dist/d3-shape.min.js"
  "d3-sankey:dist/d3-sankey.min.js"
  "d3-dag:bundle/d3-dag.iife.min.js"
)

lock_version() { # lock_version PACKAGE — the version package-lock.json pins (npm writes one key per line)
  awk -v key="\"node_modules/$1\": {" 'index($0, key) { on = 1; next }
    on && /"version":/ { gsub(/.*"version": *"|".*/, ""); print; exit }' "$web/package-lock.json"
}

if [[ ${1:-} == --check ]]; then
  (cd "$vendor" && sha256sum --quiet -c SHA256SUMS) || { echo "explorer/static/vendor differs from SHA256SUMS: run make explorer" >&2; exit 1; }
  for entry in "${files[@]}"; do
    pkg=${entry%%:*} file=$(basename "${entry#*:}")
    want=$(lock_version "$pkg")
    grep -qx "$file $pkg@$want" "$vendor/VERSIONS" ||
      { echo "explorer/static/vendor/$file is not from $pkg@$want (package-lock.json): run make explorer" >&2; exit 1; }
    [[ -f $vendor/LICENSES/${pkg//\//-}.LICENSE ]] || { echo "no licence for $pkg in explorer/static/vendor/LICENSES" >&2; exit 1; }
  done
  echo "explorer vendor files match package-lock.json"
  exit 0
fi

(cd "$web" && npm ci --ignore-scripts --prefer-offline --no-audit --no-fund)
rm -rf "$vendor" && mkdir -p "$vendor/LICENSES"
: >"$vendor/SHA256SUMS"
: >"$vendor/VERSIONS"
for entry in "${files[@]}"; do
  pkg=${entry%%:*} dist=${entry#*:} file=$(basename "${entry#*:}")
  cp "$web/node_modules/$pkg/$dist" "$vendor/$file"
  cp "$web/node_modules/$pkg/LICENSE" "$vendor/LICENSES/${pkg//\//-}.LICENSE"
  (cd "$vendor" && sha256sum "$file") >>"$vendor/SHA256SUMS"
  printf '%s %s@%s\n' "$file" "$pkg" "$(lock_version "$pkg")" >>"$vendor/VERSIONS"
done
# d3-dag's browser build bundles its dependencies: their licences travel with it.
cp "$web/node_modules/d3-dag/node_modules/d3-array/LICENSE" "$vendor/LICENSES/d3-dag-bundled-d3-array.LICENSE"
for dep in javascript-lp-solver quadprog stringify-object is-obj is-regexp get-own-enumerable-keys; do
  lic=$(find "$web/node_modules/$dep" -maxdepth 1 -iname 'license*' | head -1)
  cp "$lic" "$vendor/LICENSES/d3-dag-bundled-$dep.LICENSE"
done
echo "explorer/static/vendor rebuilt from explorer/web/package-lock.json"
