#!/usr/bin/env bash
# release-check.sh: proves that `make release` is reproducible on this machine, the way a second
# machine would check a release: it builds the release twice from the committed tree — once in
# this checkout with the usual build cache, once from a copy of the same commit at another path
# (git archive) with an empty GOCACHE and another output directory — and compares the SHA256SUMS.
# Different paths catch a leaked build path (-trimpath), the empty cache catches anything that
# depends on what was built before. Exit status 0 only if every checksum matches.
#
# Slow: the second build compiles everything from scratch (tens of minutes on 2 cores).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "release-check: the tree has uncommitted changes; commit or stash them" >&2
  exit 1
fi
version=$(git describe --tags --always)
commit=$(git rev-parse HEAD)

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "release-check: build 1 of $version in $root"
make -s release VERSION="$version" COMMIT="$commit" RELEASE_DIR="$work/a" >/dev/null

echo "release-check: build 2 of $version from a copy at $work/src with an empty GOCACHE"
mkdir -p "$work/src" "$work/cache"
git archive "$commit" | tar -x -C "$work/src"
GOCACHE="$work/cache" make -s -C "$work/src" release VERSION="$version" COMMIT="$commit" RELEASE_DIR="$work/b" >/dev/null

if diff -u "$work/a/SHA256SUMS" "$work/b/SHA256SUMS"; then
  echo "release-check: reproducible:"
  cat "$work/a/SHA256SUMS"
else
  echo "release-check: the two builds differ (above)" >&2
  exit 1
fi
