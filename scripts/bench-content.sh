#!/usr/bin/env bash
# make bench-content: CID computation throughput and peak memory of
# `tributaryd content cid` against kubo v0.43.0 `ipfs add --only-hash -r -Q`
# under the same unixfs-v1-2025 profile, on a 1 GiB + 1 byte file (a DAG
# with two levels of internal nodes) and a tree of 10,000 small files.
#
# Targets: >= 1.0x kubo on the big file, >= 1.5x on the tree, peak RSS
# < 128 MiB on the big file. Prints ratios; BENCH_STRICT=1 makes a missed
# target fail the script. Needs GNU time (Debian: apt-get install time).
# Data is generated once into BENCH_DIR (default build/bench, ~1.1 GiB).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-$ROOT/build/bench}"
RUNS="${BENCH_RUNS:-3}"
cd "$ROOT"

if [[ ! -x /usr/bin/time ]]; then
	echo "bench-content: GNU time is needed for peak RSS: apt-get install time" >&2
	exit 1
fi

KUBO="$(scripts/kubo.sh)"

# Ours: the real command. tributaryd hands `content` to build/tributaryd-content
# before its runtime starts (cmd/tributaryd/content_helper.go); the same command
# run in process (TRIBUTARYD_CONTENT_INPROCESS=1) is measured too, to show what
# loading the full node binary costs.
if [[ ! -x build/tributaryd || ! -x build/tributaryd-content ]]; then
	echo "bench-content: build/tributaryd and build/tributaryd-content are needed: make build" >&2
	exit 1
fi
OURS=(build/tributaryd content cid)
INPROC=(env TRIBUTARYD_CONTENT_INPROCESS=1 build/tributaryd content cid)

mkdir -p "$BENCH_DIR"
BIG="$BENCH_DIR/big.bin"
TREE="$BENCH_DIR/tree"
if [[ ! -f "$BIG" ]]; then
	echo "generating $BIG (1 GiB + 1 byte)" >&2
	head -c $((1024 * 1024 * 1024 + 1)) /dev/urandom >"$BIG.tmp"
	mv "$BIG.tmp" "$BIG"
fi
if [[ ! -d "$TREE" ]]; then
	echo "generating $TREE (10,000 files)" >&2
	mkdir -p "$TREE.tmp"
	for d in $(seq -w 0 9); do
		mkdir -p "$TREE.tmp/d$d"
		# 1,000 files of 1..8 KiB per directory.
		head -c 4500000 /dev/urandom | split -b 4500 -d -a 4 - "$TREE.tmp/d$d/f"
	done
	mv "$TREE.tmp" "$TREE"
fi

export IPFS_PATH="$BENCH_DIR/kubo-repo"
if [[ ! -f "$IPFS_PATH/config" ]]; then
	"$KUBO" init --empty-repo >/dev/null
	"$KUBO" config profile apply unixfs-v1-2025 >/dev/null
fi

# measure NAME CMD...: best wall time (s) and its peak RSS (KiB) of RUNS
# runs after one warm-up (so both read from the page cache); sets CID, BEST, RSS.
measure() {
	local name=$1
	shift
	"$@" >/dev/null
	BEST="" RSS=""
	for _ in $(seq "$RUNS"); do
		local out
		out=$({ /usr/bin/time -f "%e %M" "$@" >"$BENCH_DIR/cid.out"; } 2>&1 | tail -1)
		local t=${out% *} m=${out#* }
		if [[ -z "$BEST" ]] || awk "BEGIN{exit !($t < $BEST)}"; then BEST=$t RSS=$m; fi
	done
	CID=$(cat "$BENCH_DIR/cid.out")
	printf '  %-8s %-62s %6.2f s  %7d KiB peak RSS\n' "$name" "$CID" "$BEST" "$RSS"
}

status=0
check() { # check LABEL OK
	if [[ "$2" == 1 ]]; then echo "  $1: ok"; else echo "  $1: MISSED"; status=1; fi
}

for target in big tree; do
	path=$BIG min_ratio=1.0
	[[ $target == tree ]] && path=$TREE min_ratio=1.5
	echo "== $target ($path)"
	measure kubo "$KUBO" add --only-hash -r -Q "$path"
	kubo_t=$BEST kubo_cid=$CID
	measure ours "${OURS[@]}" "$path"
	ours_t=$BEST ours_cid=$CID ours_rss=$RSS
	measure inproc "${INPROC[@]}" "$path"
	inproc_ratio=$(awk "BEGIN{printf \"%.2f\", $kubo_t / ($BEST > 0 ? $BEST : 0.01)}")
	echo "  (in process, without the helper: ${inproc_ratio}x kubo, $((RSS / 1024)) MiB; the difference is loading the node binary)"
	if [[ "$kubo_cid" != "$ours_cid" ]]; then
		echo "  CID MISMATCH: kubo $kubo_cid, ours $ours_cid" >&2
		exit 1
	fi
	ratio=$(awk "BEGIN{printf \"%.2f\", $kubo_t / ($ours_t > 0 ? $ours_t : 0.01)}")
	echo "  speed vs kubo: ${ratio}x (target >= ${min_ratio}x)"
	check "speed" "$(awk "BEGIN{print ($ratio >= $min_ratio)}")"
	if [[ $target == big ]]; then
		check "peak RSS $((ours_rss / 1024)) MiB < 128 MiB" "$(awk "BEGIN{print ($ours_rss < 131072)}")"
	fi
done

if [[ "${BENCH_STRICT:-0}" == 1 ]]; then
	exit "$status"
fi
