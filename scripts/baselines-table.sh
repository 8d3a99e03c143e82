#!/usr/bin/env bash
# The comparison table of docs/baselines.md: every completion method on the default synthetic problem (rank 5,
# 100x100, seed 0) at 2000 and 5000 observed entries, next to Adam:1+R (tacit train's defaults, --method lnn).
#
#   scripts/baselines-table.sh [seed]
#
# Runs one method at a time on the built image (mvn -B -q package -DskipTests first), keeps each run's JSON under
# results/baselines/ (not committed) and prints the Markdown table on standard output. Adam:1+R takes about a minute
# per run on a 2-core machine; everything else takes seconds.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tacit="$root/app/target/image/bin/tacit"
seed=${1:-0}
out="$root/results/baselines"
[[ -x "$tacit" ]] || { echo "no image at $tacit; run: mvn -B -q package -DskipTests" >&2; exit 2; }
mkdir -p "$out"

# label|arguments after 'tacit complete'
methods=(
  "Adam:1+R (lnn)|--method lnn"
  "CP (box 1e-3)|--method cp"
  "CP (equality)|--method cp --method-opt box=0"
  "SoftImpute (λ path)|--method softimpute"
  "SoftImpute (reference)|--method softimpute --method-opt reference=1"
  "OptSpace (reference, 50 steps)|--method optspace"
  "OptSpace (500 steps)|--method optspace --method-opt max_iterations=500"
)

# The first value of a key in tacit's one-line JSON (the metrics come before the nested config and diagnostics).
field() {
  grep -o "\"$2\":[^,}]*" <<<"$1" | head -1 | cut -d: -f2- | tr -d '"'
}

printf '| method | observed | test RMSE | effective rank | seconds | iterations | stopped |\n'
printf '|---|---|---|---|---|---|---|\n'
for observed in 2000 5000; do
  for entry in "${methods[@]}"; do
    label=${entry%%|*}
    args=${entry#*|}
    file="$out/$(LC_ALL=C sed -E 's/[^A-Za-z0-9]+/-/g; s/-$//' <<<"$label")-$observed-seed$seed.json"
    # shellcheck disable=SC2086
    "$tacit" complete $args --observed "$observed" --seed "$seed" --json --quiet > "$file"
    json=$(cat "$file")
    LC_ALL=C printf '| %s | %d | %.3g | %.2f (truth %.2f) | %.1f | %s of %s | %s |\n' "$label" "$observed" \
      "$(field "$json" test_rmse)" "$(field "$json" effective_rank)" "$(field "$json" target_effective_rank)" \
      "$(field "$json" seconds)" "$(field "$json" iterations)" "$(field "$json" max_iterations)" \
      "$(field "$json" stop_reason)"
  done
done
