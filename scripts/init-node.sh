#!/usr/bin/env bash
# init-node.sh — create a single-validator Tributary home that is ready for `tributaryd start`.
#
# The home gets a validator key and funded, named demo keys (alice, bob, carol, dave, erin) in the
# test keyring, a genesis with the validator's gentx, and client defaults (chain id, keyring
# backend) so that CLI commands need no extra flags.
#
# A LOCAL chain's governance is fast: the voting period is VOTING_PERIOD (default 60s, expedited
# half of it) instead of the SDK's 48 hours, so that a newcomer sees a proposal (say, revoking an
# asset) take effect. The script says so when it finishes. Never use this home for a real network.
#
# Usage: scripts/init-node.sh [--force]
# Environment:
#   TRIBUTARYD_HOME  node home              (default: $HOME/.tributary; the same variable is
#                                            tributaryd's --home, so the commands that follow use it too;
#                                            TRIBUTARY_HOME, its former name, still works here)
#   CHAIN_ID         chain id               (default: tributary-local)
#   TRIBUTARYD       binary to use          (default: tributaryd on PATH, else build/tributaryd)
#   MONIKER          validator moniker      (default: local-validator)
#   DEMO_KEYS        names of funded keys   (default: "alice bob carol dave erin")
#   VOTING_PERIOD    governance voting period of this local chain (default: 60s; "48h" for the SDK's)
set -euo pipefail

HOME_DIR=${TRIBUTARYD_HOME:-${TRIBUTARY_HOME:-$HOME/.tributary}}
CHAIN_ID=${CHAIN_ID:-tributary-local}
MONIKER=${MONIKER:-local-validator}
DEMO_KEYS=${DEMO_KEYS:-"alice bob carol dave erin"}
VOTING_PERIOD=${VOTING_PERIOD:-60s}
# VOTING_PERIOD in seconds, checked before anything is created: 90s, 10m or 48h, at least 2s.
if [[ $VOTING_PERIOD =~ ^([0-9]+)([smh])$ ]]; then
  case ${BASH_REMATCH[2]} in s) mult=1 ;; m) mult=60 ;; h) mult=3600 ;; esac
  voting_s=$(( 10#${BASH_REMATCH[1]} * mult ))
else
  voting_s=0
fi
if (( voting_s < 2 )); then
  echo "init-node: VOTING_PERIOD=$VOTING_PERIOD: give a period of at least 2s in seconds, minutes or hours (60s, 10m, 48h)" >&2
  exit 1
fi
DENOM=utrib
# 1,000,000 TRIB per demo key; the validator self-bonds 100,000 TRIB of its 1,000,000.
ACCOUNT_FUNDS=1000000000000${DENOM}
VALIDATOR_STAKE=100000000000${DENOM}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -n ${TRIBUTARYD:-} ]]; then
  BIN=$TRIBUTARYD
elif command -v tributaryd >/dev/null 2>&1; then
  BIN=$(command -v tributaryd)
elif [[ -x $here/../build/tributaryd ]]; then
  BIN=$here/../build/tributaryd
else
  echo "init-node: no tributaryd binary found; run 'make install' or 'make build' first" >&2
  exit 1
fi

if [[ -e $HOME_DIR/config/genesis.json ]]; then
  if [[ ${1:-} != --force ]]; then
    echo "init-node: $HOME_DIR already holds a node; pass --force to replace it (this deletes its data and keys)" >&2
    exit 1
  fi
  rm -rf "$HOME_DIR"
fi

t() { "$BIN" --home "$HOME_DIR" "$@"; }


t init "$MONIKER" --chain-id "$CHAIN_ID" --default-denom "$DENOM" >/dev/null 2>&1
t config chain-id "$CHAIN_ID"
t config keyring-backend test

for name in validator $DEMO_KEYS; do
  t keys add "$name" --keyring-backend test >/dev/null 2>&1
  t genesis add-genesis-account "$name" "$ACCOUNT_FUNDS" --keyring-backend test
done

t genesis gentx validator "$VALIDATOR_STAKE" --chain-id "$CHAIN_ID" --moniker "$MONIKER" \
  --keyring-backend test >/dev/null 2>&1
t genesis collect-gentxs >/dev/null 2>&1

# A local chain votes in VOTING_PERIOD (the expedited period must be shorter: half of it).
genesis=$HOME_DIR/config/genesis.json
sed -i -E "s/\"voting_period\": *\"[0-9]+s\"/\"voting_period\": \"${voting_s}s\"/; s/\"expedited_voting_period\": *\"[0-9]+s\"/\"expedited_voting_period\": \"$(( voting_s / 2 ))s\"/" "$genesis"
grep -q "\"voting_period\": \"${voting_s}s\"" "$genesis" || { echo "init-node: could not set the voting period in $genesis" >&2; exit 1; }
t genesis validate >/dev/null

echo "Tributary node home ready: $HOME_DIR (chain id $CHAIN_ID)"
for name in validator $DEMO_KEYS; do
  printf '  %-10s %s\n' "$name" "$(t keys show "$name" -a --keyring-backend test)"
done
echo "LOCAL CHAIN: governance votes last ${voting_s}s (expedited $(( voting_s / 2 ))s), not 48 hours;"
echo "  set VOTING_PERIOD=48h for the SDK's. Never use this home for a real network."
echo "Start it with: $BIN start --home $HOME_DIR"
