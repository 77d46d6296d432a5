#!/usr/bin/env bash
# bench-chain.sh — chain throughput of Tributary's own transactions against bank sends (`make bench-chain`).
#
# One validator on loopback. Each round measures, one kind after the other, N bank sends, N dataset
# registrations and N payments (each payment to a different registered dataset, so every payment also costs
# one settlement in EndBlock), and prints tx/s per kind and the ratios registrations/sends and
# payments/sends (target: at least 0.7).
#
# The client is kept out of the measurement: every transaction is generated (--generate-only), signed
# (tx sign-batch --offline with explicit account number and sequences) and encoded before the clock starts;
# then all N go to CometBFT in one JSON-RPC batch of broadcast_tx_sync calls. A kind's time runs from that
# first broadcast to the commit of the block that includes the last of its transactions (the timestamp of
# that block's precommit, from the chain); every one of the N must have succeeded in a block.
#
# The node runs with timeout_commit = 0 and no empty blocks, so that blocks follow each other as fast as it
# executes them: with the default 800 ms interval a few hundred transactions of any kind fit in one block and
# every kind would measure the same block interval. N is 1000 by default because a kind of 200 takes about
# 0.2 s on 2 cores, too short to tell kinds apart on a shared machine; the verdict uses the mean of the rounds.
# Registrations are datasets with one contributor; each payment goes to a different dataset, so each one
# also costs a settlement. About 2 minutes per round on 2 cores.
#
# Environment:
#   TRIBUTARYD  binary (default build/tributaryd)       N           transactions per kind (default 1000)
#   ROUNDS      rounds of the three kinds (default 2)    BASE_PORT   first of 7 ports (default 31900)
#   BENCH_DIR   node home and work files (default build/bench-chain; replaced on each run)
# Needs curl and jq (Debian: apt-get install curl jq).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${TRIBUTARYD:-$root/build/tributaryd}
N=${N:-1000}
ROUNDS=${ROUNDS:-2}
BASE_PORT=${BASE_PORT:-31900}
DIR=${BENCH_DIR:-$root/build/bench-chain}
CHAIN_ID=bench-chain
TARGET=0.7

die() { echo "bench-chain: $*" >&2; exit 1; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$N'"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive number, not '$ROUNDS'"
[[ -x $BIN ]] || die "no binary at $BIN; run 'make build' first"
for tool in curl jq basenc sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install curl jq coreutils)"
done

HOME_DIR=$DIR/node
RPC=http://127.0.0.1:$((BASE_PORT + 1))
API=http://127.0.0.1:$((BASE_PORT + 3))
t() { "$BIN" --home "$HOME_DIR" "$@"; }

# shellcheck source=lib/toml.sh
source "$root/scripts/lib/toml.sh"

rpc() { curl -sf "$RPC/$1"; }
app_height() { rpc abci_info | jq -r '.result.response.last_block_height // 0' 2>/dev/null || echo 0; }

# wait_height H — until the application has committed height H.
wait_height() {
  local deadline=$((SECONDS + 120))
  until [[ $(app_height) -ge $1 ]]; do
    ((SECONDS < deadline)) || die "the node did not reach height $1 (log: $HOME_DIR/node.log)"
    sleep 0.1
  done
}

# --- the node ------------------------------------------------------------------------------------------
rm -rf "$DIR"
mkdir -p "$DIR"
TRIBUTARY_HOME=$HOME_DIR TRIBUTARYD=$BIN CHAIN_ID=$CHAIN_ID DEMO_KEYS="alice bob carol dave" \
  "$root/scripts/init-node.sh" >/dev/null
cfg=$HOME_DIR/config/config.toml
app=$HOME_DIR/config/app.toml
set_toml "$cfg" rpc laddr "\"tcp://127.0.0.1:$((BASE_PORT + 1))\""
set_toml "$cfg" rpc pprof_laddr '""'
# One JSON-RPC batch carries all N transactions of a kind.
set_toml "$cfg" rpc max_request_batch_size 0
set_toml "$cfg" rpc max_body_bytes 1000000000
# Blocks follow each other as fast as the node executes them, and only when there are transactions: the time
# of a kind is then the node's work (CheckTx, execution, commit), not a multiple of the 800 ms block interval
# into which a few hundred transactions of any kind would fit.
set_toml "$cfg" consensus timeout_commit '"0s"'
set_toml "$cfg" consensus create_empty_blocks false
set_toml "$cfg" p2p laddr "\"tcp://127.0.0.1:$BASE_PORT\""
set_toml "$app" grpc address "\"127.0.0.1:$((BASE_PORT + 2))\""
set_toml "$app" api enable true
set_toml "$app" api address "\"tcp://127.0.0.1:$((BASE_PORT + 3))\""
set_toml "$app" ipfs listen_addresses "[\"/ip4/127.0.0.1/tcp/$((BASE_PORT + 4))\"]"
set_toml "$app" ipfs gateway_address "\"127.0.0.1:$((BASE_PORT + 5))\""
set_toml "$app" ipfs api_address "\"127.0.0.1:$((BASE_PORT + 6))\""
# The registrations name CIDs nobody stores: replicating them would only add background queries
# to a measurement of transaction execution.
set_toml "$app" ipfs replicate false

"$BIN" start --home "$HOME_DIR" --log_no_color >"$HOME_DIR/node.log" 2>&1 &
node_pid=$!
stop_node() {
  kill "$node_pid" 2>/dev/null || return 0
  wait "$node_pid" 2>/dev/null || true
}
trap stop_node EXIT
wait_height 1

addr() { t keys show "$1" -a --keyring-backend test; }
DAVE=$(addr dave)

# account_field NAME FIELD — account_number or sequence of a key's account (0 when omitted).
account_field() {
  t query auth account "$(addr "$1")" --node "tcp://127.0.0.1:$((BASE_PORT + 1))" -o json |
    jq -r --arg f "$2" '[.. | objects | .[$f]? // empty] | first // "0"'
}

# cids ROUND — N distinct CIDv1 (raw, sha2-256) in base32, one per line. Registration checks only the CID's
# form, so the digests are synthetic: a per-round prefix and the index, which keeps this to one process a CID.
cids() {
  local prefix i b counter
  prefix=$(printf 'bench-chain round %s' "$1" | sha256sum | cut -c1-56 | sed 's/../\\x&/g')
  for ((i = 0; i < N; i++)); do
    printf -v counter '\\x%02x\\x%02x\\x%02x\\x%02x' $((i >> 24 & 255)) $((i >> 16 & 255)) $((i >> 8 & 255)) $((i & 255))
    b=$(printf "\\x01\\x55\\x12\\x20$prefix$counter" | basenc --base32 -w0)
    b=${b,,}
    echo "b${b%%=*}"
  done
}

tx_flags=(--chain-id "$CHAIN_ID" --keyring-backend test --home "$HOME_DIR")

# prepare KIND SIGNER [FIRST_ID] — sign and encode N transactions of KIND from SIGNER into $DIR/KIND.b64 (one per line).
# The generated template is copied N times; registrations get distinct CIDs, payments distinct assets.
prepare() {
  local kind=$1 from=$2 template unsigned=$DIR/$1.unsigned signed=$DIR/$1.signed first_id=${3:-1}
  case $kind in
  send) template=$(t tx bank send "$from" "$DAVE" 1utrib --generate-only --gas 200000 --fees 200utrib "${tx_flags[@]}") ;;
  register)
    cids "$round" >"$DIR/register.cids"
    template=$(t tx provenance register-dataset --cid "$(head -n1 "$DIR/register.cids")" --size 1 --license MIT --name bench \
      --from "$from" --generate-only --gas 200000 --fees 200utrib "${tx_flags[@]}")
    ;;
  pay) template=$(t tx royalty pay 1 1000utrib --from "$from" --generate-only --gas 200000 --fees 200utrib "${tx_flags[@]}") ;;
  esac
  case $kind in
  send) jq -c --argjson n "$N" '. as $t | range($n) | $t' <<<"$template" >"$unsigned" ;;
  register)
    jq -R -c --argjson t "$template" --arg r "$round" \
        '. as $cid | $t | .body.messages[0].cid = $cid | .body.messages[0].name = "bench-\($r)-\(input_line_number)"' \
        "$DIR/register.cids" >"$unsigned"
    ;;
  pay) jq -c --argjson n "$N" --argjson first "$first_id" \
    '. as $t | range($n) | . as $i | $t | .body.messages[0].asset_id = "\($first + $i)"' <<<"$template" >"$unsigned" ;;
  esac
  t tx sign-batch "$unsigned" --from "$from" --offline --account-number "$(account_field "$from" account_number)" \
    --sequence "$(account_field "$from" sequence)" "${tx_flags[@]}" --output-document "$signed"
  [[ $(wc -l <"$signed") -eq $N ]] || die "sign-batch produced $(wc -l <"$signed") transactions, want $N"
  # The node's TxEncode endpoint turns the signed JSON into wire bytes (one `tx encode` process per
  # transaction would cost far more than the broadcast being measured).
  jq -c '{tx: .}' "$signed" | while IFS= read -r body; do
    curl -sf -H 'Content-Type: application/json' --data-binary "$body" "$API/cosmos/tx/v1beta1/encode" ||
      die "$kind: the node could not encode a signed transaction"
    echo
  done | jq -r '.tx_bytes' >"$DIR/$kind.b64"
  [[ $(grep -c . "$DIR/$kind.b64") -eq $N ]] || die "$kind: encoded $(grep -c . "$DIR/$kind.b64") transactions, want $N"
}

# measure KIND — broadcast $DIR/KIND.b64 in one batch; print "blocks seconds tx/s".
measure() {
  local kind=$1 batch=$DIR/$1.batch.json resp=$DIR/$1.resp.json
  jq -R -s -c 'split("\n") | map(select(length > 0)) | to_entries |
    map({jsonrpc: "2.0", id: .key, method: "broadcast_tx_sync", params: {tx: .value}})' "$DIR/$kind.b64" >"$batch"
  local h0 t0 t1 last_hash last_height
  h0=$(app_height)
  t0=$(date +%s%N)
  curl -sf -H 'Content-Type: application/json' --data-binary "@$batch" "$RPC" >"$resp" || die "$kind: broadcast failed"
  local refused
  refused=$(jq '[.[] | select(.error != null or .result.code != 0)] | length' "$resp")
  [[ $refused -eq 0 ]] || die "$kind: $refused transactions refused by CheckTx, e.g. $(jq -c '[.[] | select(.error != null or .result.code != 0)][0]' "$resp")"
  last_hash=$(jq -r 'max_by(.id) | .result.hash' "$resp")
  # The signer's sequence orders its transactions: when the last is in a block, all are.
  local deadline=$((SECONDS + 300))
  until last_height=$(rpc "tx?hash=0x$last_hash" | jq -re '.result.height'); do
    ((SECONDS < deadline)) || die "$kind: the last transaction is not in a block after 300 s"
    sleep 0.1
  done
  wait_height "$last_height"
  t1=$(date -d "$(rpc "commit?height=$last_height" | jq -r '.result.signed_header.commit.signatures[0].timestamp')" +%s%N)
  # Every transaction of the kind succeeded in a block (nothing else is sent meanwhile).
  local ok=0 failed=0 h
  for ((h = h0 + 1; h <= last_height; h++)); do
    read -r o f < <(rpc "block_results?height=$h" | jq -r '[.result.txs_results // [] | .[] | .code] |
      "\(map(select(. == 0)) | length) \(map(select(. != 0)) | length)"')
    ok=$((ok + o)) failed=$((failed + f))
  done
  ((failed == 0 && ok == N)) || die "$kind: $ok succeeded and $failed failed in blocks $((h0 + 1))..$last_height, want $N successes"
  awk -v n="$N" -v b="$((last_height - h0))" -v ns="$((t1 - t0))" 'BEGIN { s = ns / 1e9; printf "%d %.2f %.1f\n", b, s, n / s }'
}

echo "bench-chain: $N transactions per kind, $ROUNDS round(s), one validator ($(nproc) cores; blocks back to back)"
printf '%-6s %-14s %6s %8s %9s %8s\n' round kind blocks seconds 'tx/s' ratio
declare -a reg_ratios pay_ratios
for ((round = 1; round <= ROUNDS; round++)); do
  # Payments go to the datasets registered in this round: ids continue from the earlier rounds'.
  first_id=$(((round - 1) * N + 1))
  prepare send alice
  prepare register bob
  prepare pay carol "$first_id"
  declare -A tps
  for kind in send register pay; do
    result=$(measure "$kind") || exit 1
    read -r blocks secs rate <<<"$result"
    tps[$kind]=$rate
    ratio=$(awk -v a="$rate" -v b="${tps[send]}" 'BEGIN { printf "%.2f", a / b }')
    printf '%-6s %-14s %6s %8s %9s %8s\n' "$round" "$kind" "$blocks" "$secs" "$rate" "$ratio"
  done
  reg_ratios+=("$(awk -v a="${tps[register]}" -v b="${tps[send]}" 'BEGIN { printf "%.2f", a / b }')")
  pay_ratios+=("$(awk -v a="${tps[pay]}" -v b="${tps[send]}" 'BEGIN { printf "%.2f", a / b }')")
done

# summary NAME RATIO... — the rounds' ratios, their mean and whether the mean meets the target.
summary() {
  local name=$1
  shift
  awk -v name="$name" -v t="$TARGET" -v all="$*" 'BEGIN {
    n = split(all, r, " "); for (i = 1; i <= n; i++) sum += r[i]; m = sum / n
    printf "%-22s mean %.2f over %d round(s) [%s]: %s the %s target\n", name, m, n, all, (m >= t ? "meets" : "BELOW"), t
  }'
}
echo
summary "registrations / sends" "${reg_ratios[@]}"
summary "payments / sends" "${pay_ratios[@]}"
echo "(node log: $HOME_DIR/node.log)"
