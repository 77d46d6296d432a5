#!/usr/bin/env bash
# release-check.sh: proves that `make release` is reproducible on this machine, the way a second
# machine would check a release: it builds the committed tree twice from two copies of the commit
# (git archive) at different paths — once with the usual build cache, once with an empty GOCACHE —
# into different output directories, and compares the SHA256SUMS.
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

# Both builds read copies of the commit, never the checkout: an edit made while they run must
# not change what they compare.
mkdir -p "$work/src-one" "$work/copy/src-two" "$work/cache"
git archive "$commit" | tar -x -C "$work/src-one"
git archive "$commit" | tar -x -C "$work/copy/src-two"

echo "release-check: build 1 of $version at $work/src-one with the usual GOCACHE"
make -s -C "$work/src-one" release VERSION="$version" COMMIT="$commit" RELEASE_DIR="$work/a" >/dev/null

echo "release-check: build 2 of $version at $work/copy/src-two with an empty GOCACHE"
GOCACHE="$work/cache" make -s -C "$work/copy/src-two" release VERSION="$version" COMMIT="$commit" RELEASE_DIR="$work/b" >/dev/null

if diff -u "$work/a/SHA256SUMS" "$work/b/SHA256SUMS"; then
  echo "release-check: reproducible:"
  cat "$work/a/SHA256SUMS"
else
  echo "release-check: the two builds differ (above)" >&2
  exit 1
fi
