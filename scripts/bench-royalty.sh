#!/usr/bin/env bash
# Prints the x/royalty benchmarks of issue 5 (`make bench-royalty`):
#   - gas of MsgPay on an asset with 1 parent and 1 contributor, at the tip of a 1,000-deep lineage of
#     256-contributor assets, and on a 1,000,000-member Merkle commitment, with the ratios to the first
#     (target: within 5%), on the real x/provenance keeper (its status mirror);
#   - EndBlock settlement gas per touched asset (first settlement of an asset and later ones);
#   - MsgClaim gas against the number of assets claimed;
#   - Attribution query time and gas at 1,000 and 10,000 deep (upstream share 9,999 bps).
#   - EndBlock gas and wall time per block under the layered-graph attack against an empty block, and the
#     blocks an honest payment waits under a saturating attacker with what that attacker spends per hour.
# Gas is measured on real stores (x/royalty and x/provenance's keeper); the bank and
# community pool are in-memory and charge no gas, so the ratios are upper bounds of the real ones.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="$(go test -run '^$' -bench . -benchtime 3x ./x/royalty/... 2>&1)" || { printf '%s\n' "$out"; exit 1; }
printf '%s\n\n' "$out" | grep -E '^(Benchmark|ok|PASS|FAIL)' || true

# metric NAME LINE prints the value reported before unit NAME on a benchmark line.
metric() { awk -v u="$1" '{for (i = 2; i <= NF; i++) if ($i == u) print $(i-1)}' <<<"$2"; }

echo "MsgPay gas (x/royalty reads no lineage or contributors; provenance's status read is the only variable):"
printf '  %12s %14s %12s %10s %10s\n' 1p/1c 1000deep/256c 1M-merkle deep/1p merkle/1p
line="$(grep "BenchmarkPayGas" <<<"$out")"
printf '  %12s %14s %12s %10s %10s\n' \
	"$(metric gas-1parent-1contrib "$line")" "$(metric gas-1000deep-256contrib "$line")" \
	"$(metric gas-1M-merkle "$line")" "$(metric ratio-deep/simple "$line")" "$(metric ratio-merkle/simple "$line")"
echo
echo "EndBlock settlement gas per touched asset (100-deep chain, one payment settled to the root):"
grep 'BenchmarkSettleGasPerAsset' <<<"$out" | while read -r line; do
	name="$(awk '{print $1}' <<<"$line" | sed 's/.*\///; s/-[0-9]*$//')"
	printf '  %-18s first %8s   later %8s\n' "$name" "$(metric gas/asset-first "$line")" "$(metric gas/asset "$line")"
done
echo
echo "MsgClaim gas against assets claimed (assets of 2 and of 256 contributors):"
grep 'BenchmarkClaimGas' <<<"$out" | while read -r line; do
	name="$(awk '{print $1}' <<<"$line" | sed 's/.*\///; s/-[0-9]*$//')"
	printf '  %-28s %10s gas   %8s gas/asset\n' "$name" "$(metric gas/claim "$line")" "$(metric gas/asset "$line")"
done
echo
echo "Attribution query (chain with upstream share 9,999 bps; query-gas-limit is 50,000,000):"
grep 'BenchmarkAttribution' <<<"$out" | while read -r line; do
	name="$(awk '{print $1}' <<<"$line" | sed 's/.*\///; s/-[0-9]*$//')"
	printf '  %-12s %12s ns/query %12s gas/query\n' "$name" "$(awk '{print $3}' <<<"$line")" "$(metric gas/query "$line")"
done
echo
echo "EndBlock settlement under the layered-graph attack (16 x 64, 100% upstream, 100,000 utrib; empty block measured in the same run):"
line="$(grep 'BenchmarkSettlementUnderLayeredAttack' <<<"$out")"
printf '  peak %s gas/block = %s%% of the 100M block gas limit, %sx an empty block; %s us/block, peak %sx an empty block\n' \
	"$(metric gas/block-peak "$line")" "$(metric %block-gas-limit "$line")" "$(metric gas-x-empty "$line")" \
	"$(metric us/block "$line")" "$(metric time-peak-x-empty "$line")"
echo
echo "An honest payment under a saturating attacker (20 utrib to the tip of a 1,000-deep chain every block):"
line="$(grep 'BenchmarkHonestWaitUnderSaturatingAttacker' <<<"$out")"
printf '  waits %s blocks (idle chain, same run: %s); the attacker spends ~%s utrib/hour in transaction fees (estimate)\n' \
	"$(metric blocks-attacked "$line")" "$(metric blocks-idle "$line")" "$(metric attacker-utrib/hour "$line")"
