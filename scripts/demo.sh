#!/usr/bin/env bash
# demo.sh — the Tributary story end to end on a fresh single-validator chain (`make demo`).
#
# Two contributors register datasets (one crediting alice and bob, one crediting a 10,000-member crowd through a
# Merkle commitment), a builder registers a model trained on both, another builder a fine-tune of it; users pay
# for the fine-tune, EndBlock settles the payments up the lineage, and the contributors claim (dave, one of the
# crowd, with his Merkle proof). Then the books are checked to the last utrib.
#
# The chain lives in a throwaway home (mktemp -d) on its own ports, so a node already running on the default
# ports is not disturbed. It is stopped and deleted at the end, unless KEEP=1.
#
# Environment:
#   TRIBUTARYD       binary                 (default: build/tributaryd)
#   KEEP=1           leave the node running and its home in place, and say how to talk to it
#   DEMO_BASE_PORT   first of 7 ports       (default 36800; the next free block of 10 is used if taken)
#   NO_COLOR=1       no colours (also when stdout is not a terminal)
# Needs bash, coreutils, awk, sed, grep and Go (only to generate the crowd's members file).
set -Eeuo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${TRIBUTARYD:-$root/build/tributaryd}
KEEP=${KEEP:-}
BASE_PORT=${DEMO_BASE_PORT:-36800}
CHAIN_ID=tributary-demo
DENOM=utrib
TX_FLAGS=(--gas auto --gas-adjustment 1.5 --gas-prices 0.001$DENOM -y -o json)
CROWD_SIZE=10000
DAVE_UNITS=5000 # dave labelled more than most of the crowd
DAVE_LINE=4242  # his place in the members file (0-based)

if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  B=$'\e[1m' DIM=$'\e[2m' RED=$'\e[31m' GRN=$'\e[32m' YEL=$'\e[33m' CYN=$'\e[36m' R=$'\e[0m'
else
  B='' DIM='' RED='' GRN='' YEL='' CYN='' R=''
fi

step=0
chapter() { step=$((step + 1)); printf '\n%s== %d. %s%s\n' "$B" "$step" "$*" "$R"; }
say() { printf '  %s\n' "$*"; }
ok() { printf '  %s✓%s %s\n' "$GRN" "$R" "$*"; }
note() { printf '  %s%s%s\n' "$DIM" "$*" "$R"; }
die() { printf '%sdemo: %s%s\n' "$RED" "$*" "$R" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------------
# Lifecycle: a throwaway home, a node we started (by pid), and a trap that reports and cleans up.

[[ -x $BIN ]] || die "no binary at $BIN; run 'make build' first (or 'make demo')"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") # the KEEP=1 instructions must work from anywhere
command -v go >/dev/null || die "Go is needed to generate the crowd's members file"
HOME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tributary-demo.XXXXXX")
WORK=$HOME_DIR/work # the users' files: datasets, models, members files
LOG=$HOME_DIR/node.log
NODE_PID=''
started=$SECONDS

stop_node() {
  [[ -n $NODE_PID ]] && kill -0 "$NODE_PID" 2>/dev/null || return 0
  kill "$NODE_PID"
  local deadline=$((SECONDS + 30))
  while kill -0 "$NODE_PID" 2>/dev/null; do
    if ((SECONDS > deadline)); then kill -9 "$NODE_PID" 2>/dev/null || true; fi
    sleep 0.2
  done
}

on_error() { printf '%sdemo: failed at line %s: %s%s\n' "$RED" "$1" "$2" "$R" >&2; }
trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR

on_exit() {
  local rc=$?
  trap - ERR
  if ((rc == 130)); then
    printf '%sdemo interrupted%s\n' "$YEL" "$R" >&2
  elif ((rc != 0)) && [[ -f $LOG ]]; then
    printf '\n%s-- last 40 lines of the node log (%s) --%s\n' "$YEL" "$LOG" "$R" >&2
    tail -n 40 "$LOG" >&2 || true
  fi
  if [[ $KEEP == 1 ]]; then
    [[ -n $NODE_PID ]] && kill -0 "$NODE_PID" 2>/dev/null && keep_instructions
  else
    stop_node
    rm -rf "$HOME_DIR"
  fi
  if ((rc != 0 && rc != 130)); then printf '%sdemo FAILED (exit %d)%s\n' "$RED" "$rc" "$R" >&2; fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# t ARGS — tributaryd with the demo's home.
t() { "$BIN" --home "$HOME_DIR" "$@"; }

# await WHAT SECONDS CMD... — poll CMD until it succeeds; chains move in blocks, so wait for what is observable.
await() {
  local what=$1 limit=$2 deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@" 2>/dev/null; do
    kill -0 "$NODE_PID" 2>/dev/null || die "the node exited while waiting for $what"
    ((SECONDS < deadline)) || die "timed out after ${limit}s waiting for $what"
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------------------------------
# JSON without jq: autocli prints indented JSON (one field per line); tx results are one line.

# jstr KEY — the first string value of "KEY" on stdin.
jstr() { grep -o "\"$1\": *\"[^\"]*\"" | head -n1 | sed 's/.*: *"\(.*\)"$/\1/'; }
# jnum KEY — the first number (quoted or not) of "KEY" on stdin, 0 if absent.
jnum() { local v; v=$(grep -o "\"$1\": *\"\{0,1\}[0-9]*" | head -n1 | grep -o '[0-9]*$' || true); echo "${v:-0}"; }
# amount_after KEY — the first "amount" after the line holding "KEY" on stdin (0 if none).
amount_after() {
  awk -v key="\"$1\"" 'index($0, key) { on = 1 } on && /"amount"/ { gsub(/[^0-9]/, ""); print; found = 1; exit }
    END { if (!found) print 0 }'
}
# event_attr EVENT KEY — the value of attribute KEY of the first EVENT in the tx result on stdin, unescaped once.
event_attr() {
  awk -v ev="\"type\":\"$1\"" -v key="\"key\":\"$2\",\"value\":\"" '
    { s = s $0 }
    END {
      i = index(s, ev); if (!i) exit 1
      s = substr(s, i + length(ev)); j = index(s, "{\"type\":\""); if (j) s = substr(s, 1, j - 1)
      k = index(s, key); if (!k) exit 1
      s = substr(s, k + length(key)); out = ""
      while (length(s) > 0) {
        c = substr(s, 1, 1)
        if (c == "\\") { out = out substr(s, 2, 1); s = substr(s, 3); continue }
        if (c == "\"") break
        out = out c; s = substr(s, 2)
      }
      print out
    }'
}
# digits — the first run of digits on stdin (a coin amount, an id).
digits() { grep -o '[0-9][0-9]*' | head -n1; }
# n INT — INT with thousands separators.
n() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

# ---------------------------------------------------------------------------------------------------------------
# Transactions: show the command as a user would type it, broadcast, wait for inclusion, require code 0.

declare -A ADDR NAME_OF
# shown ARGS — the command line with addresses as $NAME variables and paths relative to the work directory.
shown() {
  local s=tributaryd a name
  for a in "$@"; do if [[ $a == *' '* ]]; then s+=" \"$a\""; else s+=" $a"; fi; done
  for name in "${!ADDR[@]}"; do s=${s//${ADDR[$name]}/\$${name^^}}; done
  s=${s//$WORK\//}
  printf '  %s$ %s%s\n' "$CYN" "$s" "$R"
}

TX_OUT='' # the committed tx result (JSON) of the last tx_wait
# tx_send ARGS — broadcast a tx (without waiting); prints the hash. The command (unless SHOW=0) and its stderr
# (CIDs, commitments) are shown.
tx_send() {
  local out err code
  [[ ${SHOW:-1} == 0 ]] || shown tx "$@" >&2
  err=$HOME_DIR/tx.err
  out=$(t tx "$@" "${TX_FLAGS[@]}" 2>"$err") || { cat "$err" >&2; die "tx $1 $2 failed"; }
  grep -v '^gas estimate' "$err" | sed "s|$WORK/||g; s/^/    /" >&2 || true
  code=$(jnum code <<<"$out")
  [[ $code == 0 ]] || die "tx $1 $2 rejected (code $code): $(jstr raw_log <<<"$out")"
  jstr txhash <<<"$out"
}
# tx_wait HASH — wait until HASH is in a block with code 0; sets TX_OUT and prints nothing.
tx_wait() {
  local code
  TX_OUT=$(t query wait-tx "$1" --timeout 30s -o json) || die "tx $1 was not included within 30s"
  code=$(jnum code <<<"$TX_OUT")
  [[ $code == 0 ]] || die "tx $1 failed in block $(jnum height <<<"$TX_OUT") (code $code): $(jstr raw_log <<<"$TX_OUT")"
}
# tx ARGS — tx_send then tx_wait.
tx() { local h; h=$(tx_send "$@"); tx_wait "$h"; }
tx_height() { jnum height <<<"$TX_OUT"; }
tx_fee() { event_attr tx fee <<<"$TX_OUT" | digits; }

balance() { t query bank balance "${ADDR[$1]}" $DENOM -o json | jstr amount; }
# claimable NAME — NAME's claimable utrib over every asset (the query's JSON is one line; its total is per page,
# and one page holds every asset of the demo).
claimable() {
  t query royalty claimable "${ADDR[$1]}" -o json |
    jq -r --arg d "$DENOM" '[.total[]? | select(.denom == $d) | .amount | tonumber] | add // 0'
}
height() { t status 2>/dev/null | grep -o '"latest_block_height":"[0-9]*"' | digits; }

# ---------------------------------------------------------------------------------------------------------------
# Ports: seven consecutive ports from BASE_PORT (p2p, rpc, grpc, api, ipfs libp2p, ipfs gateway, ipfs api),
# moved on by 10 until all seven are free.

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for ((try = 0; ; try++)); do
  ((try < 20)) || die "no 7 free ports from $BASE_PORT on; set DEMO_BASE_PORT"
  free=1
  for k in 0 1 2 3 4 5 6; do if port_busy $((BASE_PORT + k)); then free=0; break; fi; done
  ((free)) && break
  BASE_PORT=$((BASE_PORT + 10))
done
P2P=$BASE_PORT RPC=$((BASE_PORT + 1)) GRPC=$((BASE_PORT + 2)) API=$((BASE_PORT + 3))
IPFS_P2P=$((BASE_PORT + 4)) IPFS_GW=$((BASE_PORT + 5)) IPFS_API=$((BASE_PORT + 6))
NODE=tcp://127.0.0.1:$RPC
IPFS_URL=http://127.0.0.1:$IPFS_API

# shellcheck source=lib/toml.sh
source "$root/scripts/lib/toml.sh"

keep_instructions() {
  cat <<EOF

${B}The demo chain keeps running${R} (KEEP=1): pid $NODE_PID, chain id $CHAIN_ID
  home        $HOME_DIR         (keys: validator $USERS; test keyring)
  log         $LOG
  CLI         $BIN --home $HOME_DIR ...     (the node, $NODE, is set in its client.toml)
              e.g. $BIN --home $HOME_DIR query provenance lineage ${F_ID:-4}
  node RPC    $NODE     gRPC 127.0.0.1:$GRPC     REST http://127.0.0.1:$API
  explorer    http://127.0.0.1:$API/explorer/asset/${F_ID:-4}   (the fine-tune's lineage and reward flow)
  IPFS        api $IPFS_URL (tributaryd content ... --ipfs-api $IPFS_URL)   gateway http://127.0.0.1:$IPFS_GW
  stop        kill $NODE_PID && rm -rf $HOME_DIR
EOF
}

# ---------------------------------------------------------------------------------------------------------------
printf '%sTributary demo%s: who an AI model owes, and how they get paid\n' "$B" "$R"
note "throwaway home $HOME_DIR; ports $BASE_PORT-$IPFS_API; binary $BIN"

chapter "A fresh single-validator chain with its embedded IPFS node"
USERS="alice bob carol dave erin frank grace heidi"
TRIBUTARY_HOME=$HOME_DIR CHAIN_ID=$CHAIN_ID TRIBUTARYD=$BIN DEMO_KEYS=$USERS "$root/scripts/init-node.sh" >/dev/null
cfg=$HOME_DIR/config/config.toml app=$HOME_DIR/config/app.toml
set_toml "$cfg" rpc laddr "\"$NODE\""
set_toml "$cfg" rpc pprof_laddr '""'
set_toml "$cfg" p2p laddr "\"tcp://127.0.0.1:$P2P\""
set_toml "$app" grpc address "\"127.0.0.1:$GRPC\""
set_toml "$app" api enable true
set_toml "$app" api address "\"tcp://127.0.0.1:$API\""
set_toml "$app" ipfs enable true
set_toml "$app" ipfs mode '"embedded"'
set_toml "$app" ipfs listen_addresses "[\"/ip4/127.0.0.1/tcp/$IPFS_P2P\"]"
set_toml "$app" ipfs gateway_address "\"127.0.0.1:$IPFS_GW\""
set_toml "$app" ipfs api_address "\"127.0.0.1:$IPFS_API\""
t config node "$NODE" >/dev/null
for name in $USERS; do
  ADDR[$name]=$(t keys show "$name" -a)
  NAME_OF[${ADDR[$name]}]=$name
done
mkdir -p "$WORK"

"$BIN" start --home "$HOME_DIR" --log_no_color >"$LOG" 2>&1 &
NODE_PID=$!
block_two() { [[ $(height) -ge 2 ]]; }
await "the first blocks" 90 block_two
await "the IPFS API on port $IPFS_API" 30 port_busy "$IPFS_API"
ok "node up (pid $NODE_PID), block $(height) committed; keys $USERS funded with 1,000,000 TRIB each"
note "explorer: http://127.0.0.1:$API/explorer/ (KEEP=1 leaves it open after the demo)"
note "every tx below also gets ${TX_FLAGS[*]} and is awaited with: tributaryd query wait-tx HASH"

# ---------------------------------------------------------------------------------------------------------------
chapter "Data contributors register their datasets"

# Deterministic content: the same files, CIDs and ids on every run.
mkdir -p "$WORK/river-wiki" "$WORK/crowd-labels"
for part in a b c; do
  awk -v p=$part 'BEGIN { for (i = 1; i <= 3000; i++) printf "river-wiki %s/%05d: every tributary feeds a larger river, and the river remembers.\n", p, i }' \
    >"$WORK/river-wiki/part-$part.txt"
done
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "image-%05d.jpg,%s\n", i, (i % 3 == 0 ? "heron" : (i % 3 == 1 ? "otter" : "willow")) }' \
  >"$WORK/crowd-labels/labels.csv"

say "alice and bob wrote river-wiki together (60:40); alice registers it with that explicit contributor list:"
tx provenance register-dataset "$WORK/river-wiki" --license CC-BY-SA-4.0 \
  --description "River encyclopedia excerpts" --contributors "${ADDR[alice]}:60,${ADDR[bob]}:40" \
  --store --ipfs-api "$IPFS_URL" --from alice
D1=$(event_attr tributary.provenance.v1.EventAssetRegistered asset_id <<<"$TX_OUT" | digits)
ok "dataset #$D1 river-wiki registered in block $(tx_height); its files are in the node's IPFS store"

say "carol curated crowd-labels, labelled by a crowd of $(n $CROWD_SIZE) people, dave among them ($DAVE_UNITS units);"
say "the crowd is too large for a list, so the command commits to a Merkle root of the members file:"
(cd "$root" && go run ./scripts/demo/genmembers -n "$CROWD_SIZE" -member "${ADDR[dave]}:$DAVE_UNITS" -at "$DAVE_LINE") \
  >"$WORK/crowd-members.csv"
note "crowd-members.csv: $(($(wc -l <"$WORK/crowd-members.csv") - 1)) lines ADDRESS,UNITS (dave on line $((DAVE_LINE + 2)))"
tx provenance register-dataset "$WORK/crowd-labels" --license CC0-1.0 --description "Crowd-sourced image labels" \
  --contributors-file "$WORK/crowd-members.csv" --members-out "$WORK/crowd-members.published.csv" \
  --store --ipfs-api "$IPFS_URL" --from carol
D2=$(event_attr tributary.provenance.v1.EventAssetRegistered asset_id <<<"$TX_OUT" | digits)
MEMBERS_CID=$(t content cid "$WORK/crowd-members.published.csv")
MEMBERS_CID=${MEMBERS_CID%% *}
ok "dataset #$D2 crowd-labels registered in block $(tx_height); members file $MEMBERS_CID published on IPFS"

# ---------------------------------------------------------------------------------------------------------------
chapter "Model builders register a model and a fine-tune, citing what they used"

mkdir -p "$WORK/heron-7b" "$WORK/heron-7b-otter"
filler() { awk -v size="$1" -v text="$2" 'BEGIN { for (n = 0; n < size; n += length(text) + 1) print text }'; }
filler 2500000 'heron-7b weights 0123456789abcdef' >"$WORK/heron-7b/model.safetensors"
printf '{"architecture": "demo", "parameters": "7b"}\n' >"$WORK/heron-7b/config.json"
filler 300000 'otter adapter' >"$WORK/heron-7b-otter/adapter.safetensors"

say "erin trained heron-7b on both datasets, 70% on river-wiki and 30% on crowd-labels; 40% of its revenue flows to them:"
tx provenance register-model "$WORK/heron-7b" --license Apache-2.0 \
  --parent "$D1:7000:trained-on" --parent "$D2:3000:trained-on" --upstream-share-bps 4000 \
  --store --ipfs-api "$IPFS_URL" --from erin
M=$(event_attr tributary.provenance.v1.EventAssetRegistered asset_id <<<"$TX_OUT" | digits)
ok "model #$M heron-7b registered in block $(tx_height)"

say "frank fine-tuned heron-7b into heron-7b-otter; 30% of its revenue flows to heron-7b:"
tx provenance register-model "$WORK/heron-7b-otter" --license Apache-2.0 \
  --parent "$M:10000:finetuned-from" --upstream-share-bps 3000 --store --ipfs-api "$IPFS_URL" --from frank
F_ID=$(event_attr tributary.provenance.v1.EventAssetRegistered asset_id <<<"$TX_OUT" | digits)
ok "model #$F_ID heron-7b-otter registered in block $(tx_height)"

# lineage_tree ID — the ancestry of ID from `query provenance lineage`, drawn as a tree.
declare -A KIND NAME OWNER UPS
declare -a EDGES
lineage_tree() {
  local line
  shown query provenance lineage "$1" --depth 8
  while IFS=$'\t' read -r -a line; do
    case ${line[0]} in
    node) KIND[${line[1]}]=${line[2]} NAME[${line[1]}]=${line[3]} OWNER[${line[1]}]=${line[4]} UPS[${line[1]}]=${line[5]} ;;
    edge) EDGES+=("${line[1]} ${line[2]} ${line[3]} ${line[4]}") ;;
    esac
  done < <(t query provenance lineage "$1" --depth 8 -o json | awk '
    function val(s) { sub(/^[^:]*: */, "", s); gsub(/^"|",?$|,$/, "", s); return s }
    function flush() { if (id != "") printf "node\t%s\t%s\t%s\t%s\t%s\n", id, kind, name, owner, ups + 0; id = "" }
    /"nodes": \[/ { sec = "n" } /"edges": \[/ { flush(); sec = "e" }
    sec == "n" && /"id":/ { flush(); id = val($0); kind = name = owner = ""; ups = 0 }
    sec == "n" && /"kind":/ { kind = tolower(val($0)); sub(/^asset_kind_/, "", kind) }
    sec == "n" && /"name":/ { name = val($0) }
    sec == "n" && /"owner":/ { owner = val($0) }
    sec == "n" && /"upstream_share_bps":/ { ups = val($0) }
    sec == "e" && /"child_id":/ { c = val($0) } sec == "e" && /"parent_id":/ { p = val($0) }
    sec == "e" && /"weight_bps":/ { w = val($0) }
    sec == "e" && /"relation":/ { r = tolower(val($0)); sub(/^relation_/, "", r); gsub(/_/, "-", r); printf "edge\t%s\t%s\t%s\t%s\n", c, p, w, r }
    END { flush() }')
  draw "$1" "" ""
}
label() {
  local id=$1 s
  s="#$id ${KIND[$id]} ${B}${NAME[$id]}${R} (owner ${NAME_OF[${OWNER[$id]}]:-${OWNER[$id]}}"
  if ((${UPS[$id]:-0} > 0)); then s+=", upstream share $((UPS[$id] / 100))%"; fi
  echo "$s)"
}
# draw ID LINE_PREFIX CHILD_PREFIX — ID's label, then its parents below it, one branch each.
draw() {
  local id=$1 line=$2 child=$3 e parents=() i p w r c
  printf '    %s%s\n' "$line" "$(label "$id")"
  for e in "${EDGES[@]}"; do
    read -r c p w r <<<"$e"
    [[ $c == "$id" ]] && parents+=("$p $w $r")
  done
  for i in "${!parents[@]}"; do
    read -r p w r <<<"${parents[$i]}"
    if ((i == ${#parents[@]} - 1)); then
      draw "$p" "$child└─ $r $((w / 100))%: " "$child   "
    else
      draw "$p" "$child├─ $r $((w / 100))%: " "$child│  "
    fi
  done
}
say "the lineage of heron-7b-otter, as the chain records it:"
lineage_tree "$F_ID"

# ---------------------------------------------------------------------------------------------------------------
chapter "Users pay to use heron-7b-otter"
bps=$(t query royalty params -o json | jnum protocol_fee_bps)
say "every payment pays a protocol fee of $bps bps to the community pool; the rest is the fine-tune's revenue"
PAID=0 FEES=0 PAYMENTS=0 LAST_PAY_HEIGHT=0
pay_round() { # pay_round PAYER AMOUNT [PAYER AMOUNT...] — broadcast them all, then wait for each
  local hashes=() refs=() heights=() i h amount fee
  while (($#)); do
    PAYMENTS=$((PAYMENTS + 1))
    h=$(tx_send royalty pay "$F_ID" "$2$DENOM" --reference "invoice-$PAYMENTS" --from "$1")
    hashes+=("$h") refs+=("$2")
    shift 2
  done
  for i in "${!hashes[@]}"; do
    tx_wait "${hashes[$i]}"
    amount=$(event_attr tributary.royalty.v1.EventPaid amount <<<"$TX_OUT" | digits)
    fee=$(event_attr tributary.royalty.v1.EventPaid fee <<<"$TX_OUT" | digits)
    [[ $amount == "${refs[$i]}" ]] || die "EventPaid says $amount, the payment was ${refs[$i]}"
    [[ $fee == $(((amount * bps + 9999) / 10000)) ]] || die "protocol fee $fee of $amount is not ceil($amount × $bps / 10000)"
    PAID=$((PAID + amount)) FEES=$((FEES + fee))
    h=$(tx_height)
    [[ " ${heights[*]} " == *" $h "* ]] || heights+=("$h")
    if ((h > LAST_PAY_HEIGHT)); then LAST_PAY_HEIGHT=$h; fi
  done
  ok "${#hashes[@]} payments, included in block ${heights[*]}"
}
pay_round grace 5000000 heidi 2500001
pay_round grace 12345678 heidi 999
ok "paid $(n $PAID) $DENOM in total; protocol fees $(n $FEES) $DENOM"

# ---------------------------------------------------------------------------------------------------------------
chapter "Settlement: EndBlock carries each payment up the lineage"
settled() {
  local queue
  [[ $(height) -gt $LAST_PAY_HEIGHT ]] || return 1
  queue=$(t query royalty settlement-queue -o json) || return 1
  [[ $queue != *'"entries"'* ]]
}
await "the settlement queue to empty" 30 settled
ok "settlement queue empty at block $(height)"
declare -A R_PAID R_RECV R_SENT R_TOC R_CLAIMED R_PEND R_UNATTR
report() {
  local id=$1 j
  j=$(t query royalty revenue "$id" -o json)
  R_PAID[$id]=$(jnum paid_direct <<<"$j") R_RECV[$id]=$(jnum received_upstream <<<"$j")
  R_SENT[$id]=$(jnum sent_upstream <<<"$j") R_TOC[$id]=$(jnum to_contributors <<<"$j")
  R_CLAIMED[$id]=$(jnum claimed <<<"$j") R_PEND[$id]=$(jnum pending <<<"$j") R_UNATTR[$id]=$(jnum unattributed <<<"$j")
}
ASSETS=("$F_ID" "$M" "$D2" "$D1")
shown query royalty revenue ID
printf '    %s%-22s %12s %12s %12s %15s %9s%s\n' "$B" asset "paid direct" "from below" "sent up" "to contributors" pending "$R"
for id in "${ASSETS[@]}"; do
  report "$id"
  printf '    %-22s %12s %12s %12s %15s %9s\n' "#$id ${NAME[$id]}" "$(n "${R_PAID[$id]}")" "$(n "${R_RECV[$id]}")" \
    "$(n "${R_SENT[$id]}")" "$(n "${R_TOC[$id]}")" "$(n "${R_PEND[$id]}")"
done
say "who ends up with what share of each utrib paid to heron-7b-otter (exact fractions, before rounding):"
shown query royalty attribution "$F_ID"
t query royalty attribution "$F_ID" -o json | awk '
  function val(s) { sub(/^[^:]*: */, "", s); gsub(/^"|",?$|,$/, "", s); return s }
  /"protocol_fee":/ { printf "protocol fee (community pool)\t\t%s\n", val($0) }
  /"asset_id":/ { a = val($0); who = "" } /"address":/ { who = val($0) } /"units":/ { u = val($0) }
  /"share":/ { printf "%s\t%s\t%s\n", (who == "" ? "the crowd, by units" : who), "asset #" a ", units " u, val($0) }' |
  while IFS=$'\t' read -r who what share; do
    printf '      %-30s %-24s %s\n' "${NAME_OF[$who]:-$who}" "$what" "$share"
  done

# ---------------------------------------------------------------------------------------------------------------
chapter "Contributors claim what they earned"
CLAIMANTS="frank erin alice bob dave"
declare -A BEFORE CLAIMABLE GOT TXFEE
for who in $CLAIMANTS; do BEFORE[$who]=$(balance "$who") CLAIMABLE[$who]=$(claimable "$who"); done
note "claimable now: frank $(n "${CLAIMABLE[frank]}"), erin $(n "${CLAIMABLE[erin]}"), alice $(n "${CLAIMABLE[alice]}"), bob $(n "${CLAIMABLE[bob]}"), dave ${CLAIMABLE[dave]} (his membership is not proven yet)"
for who in frank erin alice bob; do
  tx royalty claim --from "$who"
  GOT[$who]=$(event_attr tributary.royalty.v1.EventClaimed amount <<<"$TX_OUT" | digits) TXFEE[$who]=$(tx_fee)
  ok "$who claimed $(n "${GOT[$who]}") $DENOM"
done

say "dave fetches the published members file from IPFS and builds his proof offline:"
shown content get "$MEMBERS_CID" crowd-members.fetched.csv --ipfs-api "$IPFS_URL"
t content get "$MEMBERS_CID" "$WORK/crowd-members.fetched.csv" --ipfs-api "$IPFS_URL" >/dev/null
shown tx provenance members proof crowd-members.fetched.csv dave
PROOF=$(t tx provenance members proof "$WORK/crowd-members.fetched.csv" dave)
read -r -a proof_args <<<"$PROOF"
note "${proof_args[0]} units and a proof of $((${#proof_args[@]} - 1)) hashes: ${proof_args[1]:0:16}… ${proof_args[-1]:0:16}…"
say "and passes units and proof straight on:"
printf '  %s$ tributaryd tx royalty claim-merkle %s $(tributaryd tx provenance members proof crowd-members.fetched.csv dave) --from dave%s\n' \
  "$CYN" "$D2" "$R"
SHOW=0 tx royalty claim-merkle "$D2" "${proof_args[@]}" --from dave
GOT[dave]=$(event_attr tributary.royalty.v1.EventClaimed amount <<<"$TX_OUT" | digits) TXFEE[dave]=$(tx_fee)
ok "dave proved his membership and claimed $(n "${GOT[dave]}") $DENOM (from now on a plain 'tx royalty claim' pays him)"

# ---------------------------------------------------------------------------------------------------------------
chapter "Who earned what, and do the books balance?"
errors=0
check() { # check DESCRIPTION LEFT RIGHT
  if [[ $2 == "$3" ]]; then printf '    %s✓%s %s: %s\n' "$GRN" "$R" "$1" "$(n "$2")"; else
    printf '    %s✗ %s: %s ≠ %s%s\n' "$RED" "$1" "$2" "$3" "$R"
    errors=$((errors + 1))
  fi
}
printf '    %s%-6s %18s %18s %12s %9s %12s%s\n' "$B" who "balance before" "balance after" claimed "tx fee" claimable "$R"
declare -A AFTER LEFT
for who in $CLAIMANTS; do
  AFTER[$who]=$(balance "$who") LEFT[$who]=$(claimable "$who")
  printf '    %-6s %18s %18s %12s %9s %12s\n' "$who" "$(n "${BEFORE[$who]}")" "$(n "${AFTER[$who]}")" \
    "$(n "${GOT[$who]}")" "${TXFEE[$who]}" "${LEFT[$who]}"
done
for who in $CLAIMANTS; do
  check "$who: balance change = claimed - tx fee" $((AFTER[$who] - BEFORE[$who])) $((GOT[$who] - TXFEE[$who]))
  if [[ $who != dave ]]; then check "$who: claimed = claimable before the claim" "${GOT[$who]}" "${CLAIMABLE[$who]}"; fi
done
for id in "${ASSETS[@]}"; do report "$id"; done
SUM_DIRECT=0 SUM_RECV=0 SUM_SENT=0 SUM_CLAIMED=0 SUM_POOL=0 SUM_PEND=0 SUM_UNATTR=0 SUM_GOT=0
for id in "${ASSETS[@]}"; do
  check "asset #$id: paid direct + from below = sent up + to contributors + pending + unattributed" \
    $((R_PAID[$id] + R_RECV[$id])) $((R_SENT[$id] + R_TOC[$id] + R_PEND[$id] + R_UNATTR[$id]))
  SUM_DIRECT=$((SUM_DIRECT + R_PAID[$id])) SUM_RECV=$((SUM_RECV + R_RECV[$id])) SUM_SENT=$((SUM_SENT + R_SENT[$id]))
  SUM_CLAIMED=$((SUM_CLAIMED + R_CLAIMED[$id])) SUM_POOL=$((SUM_POOL + R_TOC[$id] - R_CLAIMED[$id]))
  SUM_PEND=$((SUM_PEND + R_PEND[$id])) SUM_UNATTR=$((SUM_UNATTR + R_UNATTR[$id]))
done
for who in $CLAIMANTS; do SUM_GOT=$((SUM_GOT + GOT[$who])); done
check "paid - protocol fees = revenue paid directly" $((PAID - FEES)) "$SUM_DIRECT"
check "sent upstream = received from descendants" "$SUM_SENT" "$SUM_RECV"
check "claimed in the revenue reports = claimed in the claim events" "$SUM_CLAIMED" "$SUM_GOT"
royalty_addr=$(t query auth module-account royalty -o json | jstr address)
module_balance=$(t query bank balance "$royalty_addr" $DENOM -o json | jstr amount)
check "royalty module balance = unclaimed pools + pending" "$module_balance" $((SUM_POOL + SUM_PEND))
note "still claimable: $(n $SUM_POOL) $DENOM, of which $(n $((R_TOC[$D2] - R_CLAIMED[$D2]))) belongs to the $(n $((CROWD_SIZE - 1))) crowd members who have not proven yet"
total=$((FEES + SUM_CLAIMED + SUM_POOL + SUM_PEND + SUM_UNATTR))
check "total paid = protocol fees + claimed + still claimable + pending + unattributed" "$PAID" "$total"
((errors == 0)) || die "$errors check(s) failed: the books do not balance"
printf '\n  %s%s paid = %s protocol fee + %s claimed + %s still claimable + %s pending + %s unattributed: sums are exact%s\n' \
  "$GRN$B" "$(n $PAID)" "$(n $FEES)" "$(n $SUM_CLAIMED)" "$(n $SUM_POOL)" "$(n $SUM_PEND)" "$(n $SUM_UNATTR)" "$R"

printf '\n%sdemo finished in %ds%s\n' "$B" $((SECONDS - started)) "$R"
