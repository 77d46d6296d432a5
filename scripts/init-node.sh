#!/usr/bin/env bash
# init-node.sh — create a single-validator Tributary home that is ready for `tributaryd start`.
#
# The home gets a validator key and funded, named demo keys (alice, bob, carol, dave, erin) in the
# test keyring, a genesis with the validator's gentx, and client defaults (chain id, keyring
# backend) so that CLI commands need no extra flags.
#
# Usage: scripts/init-node.sh [--force]
# Environment:
#   TRIBUTARY_HOME   node home              (default: $HOME/.tributary)
#   CHAIN_ID         chain id               (default: tributary-local)
#   TRIBUTARYD       binary to use          (default: tributaryd on PATH, else build/tributaryd)
#   MONIKER          validator moniker      (default: local-validator)
#   DEMO_KEYS        names of funded keys   (default: "alice bob carol dave erin")
set -euo pipefail

HOME_DIR=${TRIBUTARY_HOME:-$HOME/.tributary}
CHAIN_ID=${CHAIN_ID:-tributary-local}
MONIKER=${MONIKER:-local-validator}
DEMO_KEYS=${DEMO_KEYS:-"alice bob carol dave erin"}
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
t genesis validate >/dev/null

echo "Tributary node home ready: $HOME_DIR (chain id $CHAIN_ID)"
for name in validator $DEMO_KEYS; do
  printf '  %-10s %s\n' "$name" "$(t keys show "$name" -a --keyring-backend test)"
done
echo "Start it with: $BIN start --home $HOME_DIR"
