#!/usr/bin/env bash
# Prints the x/provenance benchmarks (make bench-provenance):
#   - gas and state bytes of a registration for (parents, contributors) in
#     {1, 16, 64} x {1, 256} and with a 1,000,000-member Merkle commitment;
#   - the time of a 100-ancestor page on a 10,000-deep chain and on a
#     10,000-node wide ancestry, as ratios to one asset lookup in the same run;
#   - the offline cost of building a 1,000,000-member commitment;
#   - the time, size and allocation of an export of a 10,000-ancestor lineage in each format
#     (registering the 10,001 assets first takes minutes).
# Gas is deterministic (the SDK's default KV gas costs); times are not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

go test -run '^$' -bench 'BenchmarkRegisterGas' -benchtime 1x ./x/provenance/keeper/
go test -run '^$' -bench 'BenchmarkAncestorsPage' -benchtime 5x ./x/provenance/keeper/
go test -run '^$' -bench 'BenchmarkMerkleCommitment1M' -benchtime 2x -benchmem ./x/provenance/types/
go test -run '^$' -bench 'BenchmarkExportTenThousandAncestors' -benchtime 1x -timeout 60m ./x/provenance/export/
