#!/usr/bin/env bash
# localnet.sh — an N-validator Tributary network of real tributaryd processes on loopback.
#
# Usage:
#   scripts/localnet.sh create [N]     create N validators' homes without starting them (edit genesis, then start)
#   scripts/localnet.sh start [N]      create (if needed) and start N validators (default 4)
#   scripts/localnet.sh stop           stop exactly the processes this script started
#   scripts/localnet.sh status         heights, liveness and app-hash agreement of every node
#   scripts/localnet.sh reset          stop, then delete the network's homes
#   scripts/localnet.sh start-node I   start node I of the existing network (after stop-node/kill-node)
#   scripts/localnet.sh stop-node I    stop node I cleanly (SIGTERM, waits for it to exit)
#   scripts/localnet.sh kill-node I    kill node I with SIGKILL (a crash: nothing flushed)
#
# Each node i lives in build/localnet/node<i> with its own ports (BASE_PORT + 10*i + k):
#   k=0 p2p, 1 CometBFT RPC, 2 gRPC, 3 REST API (on), 4 IPFS libp2p, 5 IPFS gateway, 6 IPFS API.
# Nodes are persistent peers of each other, and so are their embedded IPFS nodes ([ipfs] peers), so
# content added to one node can be fetched through any other over bitswap. Blocks come about every second.
#
# Environment: TRIBUTARYD (binary; default build/tributaryd), LOCALNET_DIR (default build/localnet),
# BASE_PORT (default 30600, below the kernel's ephemeral range so a restarted node finds its ports free; or the one the network was created with), CHAIN_ID (default tributary-localnet).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${TRIBUTARYD:-$root/build/tributaryd}
DIR=${LOCALNET_DIR:-$root/build/localnet}
# A created network remembers its base port, so later commands need not repeat it.
if [[ -z ${BASE_PORT:-} && -f $DIR/.complete ]]; then BASE_PORT=$(sed -n 's/^base_port=//p' "$DIR/.complete"); fi
BASE_PORT=${BASE_PORT:-30600}
CHAIN_ID=${CHAIN_ID:-tributary-localnet}
DENOM=utrib

die() { echo "localnet: $*" >&2; exit 1; }
port() { echo $((BASE_PORT + 10 * $1 + $2)); }
home() { echo "$DIR/node$1"; }
rpc() { echo "tcp://127.0.0.1:$(port "$1" 1)"; }

# shellcheck source=lib/toml.sh
source "$root/scripts/lib/toml.sh"

count() { ls -d "$DIR"/node* 2>/dev/null | wc -l; }

# pid_of I — the pid of node I if it is a live tributaryd of this network, else nothing.
pid_of() {
  local f pid
  f="$(home "$1")/node.pid"
  [[ -f $f ]] || return 0
  pid=$(cat "$f")
  if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--home $(home "$1") "; then
    echo "$pid"
  fi
}

create() {
  local n=$1 i
  [[ -x $BIN ]] || die "no binary at $BIN; run 'make build' first"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  for ((i = 0; i < n; i++)); do
    local h
    h=$(home "$i")
    "$BIN" init "node$i" --chain-id "$CHAIN_ID" --default-denom "$DENOM" --home "$h" >/dev/null 2>&1
    "$BIN" keys add "validator$i" --keyring-backend test --home "$h" >/dev/null 2>&1
    "$BIN" keys add "user$i" --keyring-backend test --home "$h" >/dev/null 2>&1
  done
  # Every account is funded in node0's genesis, which every node then uses for its gentx.
  local g0
  g0="$(home 0)/config/genesis.json"
  for ((i = 0; i < n; i++)); do
    local h
    h=$(home "$i")
    for name in "validator$i" "user$i"; do
      "$BIN" genesis add-genesis-account "$("$BIN" keys show "$name" -a --keyring-backend test --home "$h")" \
        "1000000000000$DENOM" --home "$(home 0)" >/dev/null
    done
  done
  mkdir -p "$(home 0)/config/gentx"
  for ((i = 0; i < n; i++)); do
    local h
    h=$(home "$i")
    [[ $i -eq 0 ]] || cp "$g0" "$h/config/genesis.json"
    "$BIN" genesis gentx "validator$i" "100000000000$DENOM" --chain-id "$CHAIN_ID" --moniker "node$i" \
      --keyring-backend test --home "$h" --ip 127.0.0.1 --p2p-port "$(port "$i" 0)" \
      --output-document "$(home 0)/config/gentx/gentx-$i.json" >/dev/null 2>&1
  done
  "$BIN" genesis collect-gentxs --home "$(home 0)" >/dev/null 2>&1
  "$BIN" genesis validate --home "$(home 0)" >/dev/null

  local peers="" ipfs_ids=()
  for ((i = 0; i < n; i++)); do
    peers+="${peers:+,}$("$BIN" comet show-node-id --home "$(home "$i")")@127.0.0.1:$(port "$i" 0)"
    # Creates the IPFS identity in the default storage path now, so the others can name it.
    ipfs_ids[i]=$("$BIN" content peer-id --home "$(home "$i")")
  done
  for ((i = 0; i < n; i++)); do
    local h cfg app
    h=$(home "$i")
    cfg=$h/config/config.toml
    app=$h/config/app.toml
    [[ $i -eq 0 ]] || cp "$g0" "$h/config/genesis.json"
    set_toml "$cfg" rpc laddr "\"$(rpc "$i")\""
    set_toml "$cfg" rpc pprof_laddr '""'
    set_toml "$cfg" p2p laddr "\"tcp://127.0.0.1:$(port "$i" 0)\""
    set_toml "$cfg" p2p persistent_peers "\"$peers\""
    set_toml "$cfg" p2p allow_duplicate_ip true
    set_toml "$cfg" p2p addr_book_strict false
    set_toml "$app" grpc address "\"127.0.0.1:$(port "$i" 2)\""
    set_toml "$app" api enable true
    set_toml "$app" api address "\"tcp://127.0.0.1:$(port "$i" 3)\""
    set_toml "$app" ipfs listen_addresses "[\"/ip4/127.0.0.1/tcp/$(port "$i" 4)\"]"
    set_toml "$app" ipfs gateway_address "\"127.0.0.1:$(port "$i" 5)\""
    set_toml "$app" ipfs api_address "\"127.0.0.1:$(port "$i" 6)\""
    local ipfs_peers="" j
    for ((j = 0; j < n; j++)); do
      [[ $j -ne $i ]] || continue
      ipfs_peers+="${ipfs_peers:+, }\"/ip4/127.0.0.1/tcp/$(port "$j" 4)/p2p/${ipfs_ids[j]}\""
    done
    set_toml "$app" ipfs peers "[$ipfs_peers]"
    "$BIN" config chain-id "$CHAIN_ID" --home "$h" >/dev/null
    "$BIN" config keyring-backend test --home "$h" >/dev/null
    "$BIN" config node "$(rpc "$i")" --home "$h" >/dev/null
  done
  echo "base_port=$BASE_PORT" >"$DIR/.complete"
  echo "created $n validators under $DIR (chain id $CHAIN_ID)"
}

start() {
  local n=${1:-4} i
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$n'"
  # A network is reused only if it was created completely with the same size.
  if [[ $(count) -ne $n || ! -f $DIR/.complete ]]; then
    for ((i = 0; i < $(count); i++)); do [[ -z $(pid_of "$i") ]] || die "a network of $(count) nodes is running; stop it first"; done
    create "$n"
  fi
  for ((i = 0; i < n; i++)); do start_node "$i"; done
}

# node_index I — fail unless I names a node of the existing network.
node_index() {
  [[ $1 =~ ^[0-9]+$ && $1 -lt $(count) && -f $DIR/.complete ]] || die "no node '$1' in $DIR (nodes 0..$(($(count) - 1)))"
}

start_node() {
  local i=$1 h
  if [[ -n $(pid_of "$i") ]]; then
    echo "node$i already running (pid $(pid_of "$i"))"
    return
  fi
  h=$(home "$i")
  nohup "$BIN" start --home "$h" --log_no_color >>"$h/node.log" 2>&1 &
  echo $! >"$h/node.pid"
  echo "node$i started (pid $!, rpc $(rpc "$i"), log $h/node.log)"
}

# await_exit PID... — wait until the processes are gone; SIGKILL whatever still runs after 30 s.
await_exit() {
  local deadline=$((SECONDS + 30)) pid
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS > deadline)); then kill -9 "$pid" 2>/dev/null || true; fi
      sleep 0.2
    done
  done
}

# signal_node I SIGNAL — send SIGNAL to node I if it runs, wait for it to exit, forget its pid.
signal_node() {
  local i=$1 sig=$2 pid
  pid=$(pid_of "$i")
  rm -f "$(home "$i")/node.pid"
  if [[ -z $pid ]]; then
    echo "node$i is not running"
    return
  fi
  kill "-$sig" "$pid"
  await_exit "$pid"
  echo "node$i stopped (pid $pid, SIG$sig)"
}

stop() {
  local i pids=()
  for ((i = 0; i < $(count); i++)); do
    local pid
    pid=$(pid_of "$i")
    if [[ -n $pid ]]; then
      kill "$pid"
      pids+=("$pid")
      echo "node$i stopping (pid $pid)"
    fi
    rm -f "$(home "$i")/node.pid"
  done
  # Wait for a clean shutdown (stores flushed) before returning; escalate only after 30 s.
  await_exit ${pids[@]+"${pids[@]}"}
  echo "stopped ${#pids[@]} node(s)"
}

# json_field NAME — first string value of "NAME" in the JSON on stdin.
json_field() { grep -o "\"$1\": *\"[^\"]*\"" | head -n1 | sed 's/.*: *"\(.*\)"/\1/'; }

status() {
  local n i min="" rc=0
  n=$(count)
  [[ $n -gt 0 ]] || die "no network under $DIR; run '$0 start'"
  declare -a heights
  for ((i = 0; i < n; i++)); do
    local pid st h
    pid=$(pid_of "$i")
    st=$("$BIN" status --node "$(rpc "$i")" 2>/dev/null || true)
    h=$(json_field latest_block_height <<<"$st" || true) # a down node is reported, not fatal
    heights[i]=${h:-0}
    printf 'node%-3s %-8s height %-8s rpc %s\n' "$i" "${pid:+pid $pid}" "${h:-down}" "$(rpc "$i")"
    [[ -n $h ]] || { rc=1; continue; }
    if [[ -z $min || $h -lt $min ]]; then min=$h; fi
  done
  [[ -n $min && $min -gt 0 ]] || { echo "no node answers"; return 1; }
  # Compare the app hash every node committed at the highest height all of them have reached.
  local ref="" same=1
  for ((i = 0; i < n; i++)); do
    [[ ${heights[i]} -gt 0 ]] || continue
    local hash
    hash=$("$BIN" query block --type=height "$min" --node "$(rpc "$i")" -o json 2>/dev/null | json_field app_hash || true)
    if [[ -z $ref ]]; then ref=$hash; elif [[ $hash != "$ref" ]]; then same=0; echo "node$i app hash at $min: $hash (differs)"; fi
  done
  if [[ $same -eq 1 ]]; then
    echo "all answering nodes agree: app hash $ref at height $min"
  else
    echo "DIVERGED at height $min"
    rc=2
  fi
  return $rc
}

case ${1:-} in
create)
  [[ ${2:-4} =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '${2:-}'"
  for ((i = 0; i < $(count); i++)); do [[ -z $(pid_of "$i") ]] || die "a network of $(count) nodes is running; stop it first"; done
  create "${2:-4}"
  ;;
start) start "${2:-4}" ;;
stop) stop ;;
status) status ;;
reset) stop; rm -rf "$DIR"; echo "removed $DIR" ;;
start-node) node_index "${2:-}"; start_node "$2" ;;
stop-node) node_index "${2:-}"; signal_node "$2" TERM ;;
kill-node) node_index "${2:-}"; signal_node "$2" KILL ;;
*) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
