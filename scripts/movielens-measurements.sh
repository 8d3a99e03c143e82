#!/usr/bin/env bash
# The measurements behind docs/movielens.md, one at a time (they share the machine): each writes NAME.json (the
# --json report), NAME.csv (the learning curve) and NAME.err (progress and /usr/bin/time -v's peak memory) into
# results/ml/, which git ignores. Usage: scripts/movielens-measurements.sh [DATA_DIR]
# DATA_DIR defaults to ../shared/data/ml-100k beside the repository; 'tacit data fetch ml-100k' fills the cache instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tacit="$root/app/target/image/bin/tacit"
data="${1:-$root/../shared/data/ml-100k}"
out="$root/results/ml"
mkdir -p "$out"
cd "$out"
run() {
  local name=$1; shift
  /usr/bin/time -v "$tacit" movielens --data-dir "$data" "$@" --curve "$name.csv" --json > "$name.json" 2> "$name.err"
}
# Embedding model, seeded 90:10 split (seed 0), reference settings (d 128, batches of 256, Adam lr 1e-3).
run r1-none --penalty none --epochs 40 --validation 0.05           # study protocol, with validation and test curves
run h0-none --protocol honest --penalty none --epochs 40           # honest: epoch chosen on validation
run h1-ref --protocol honest --epochs 40                           # honest, ratio penalties λ_item 1e-3, λ_user 1e-5
run s2-lam1e-2 --validation 0.05 --lambda 1e-2 --epochs 25         # λ 1e-2 on both tables, both curves
run s3-lam1e-1 --validation 0.05 --lambda 1e-1 --epochs 20         # λ 1e-1 on both tables
run s4-ref --validation 0.05 --epochs 40                           # reference penalties, study budget, both curves
# Depth-1 network on the 943x1682 matrix: centred ratings, Adam lr 1e-2, λ 0.1 (one 943x1682 SVD per step).
run l1-adam-ratio-timing --model lnn --scaling center --lr 0.01 --lambda 0.1 --iterations 20 --eval-every 5
run l2-adam-ratio-100 --model lnn --scaling center --lr 0.01 --lambda 0.1 --iterations 100 --eval-every 10
for lam in 1e-2 1e-1 1; do                                          # a λ sweep within 200 steps each
  run "l5-lam$lam" --model lnn --scaling center --lr 0.01 --lambda "$lam" --iterations 200 --eval-every 20
done
# Without the penalty the unobserved entries cannot move: raw and centred ratings, Adam lr 1e-2.
run l3-adam-none-raw --model lnn --penalty none --lr 0.01 --iterations 1000
run l4-adam-none-center --model lnn --penalty none --lr 0.01 --scaling center --iterations 1000
# The study's table, the rows without the penalty (cheap), three seeds.
/usr/bin/time -v "$tacit" movielens reproduce --data-dir "$data" --split 0.9 --rows 1,3,5,7 --seeds 0,1,2 \
  --epochs 40 --iterations 1000 --out table90 > table90.out 2> table90.err
