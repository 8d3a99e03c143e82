#!/usr/bin/env bash
# Measures 'tacit serve' (docs/serving.md): requests per second and p50/p99 latency, with 16 connections kept open by
# wrk (2 threads), for POST /predict with 1 pair, POST /predict with 100 pairs and POST /recommend top 10. The bodies
# are seeded random (user, item) pairs and users of the model, taken from the server itself. Prints a Markdown table.
# Usage: scripts/serve-bench.sh MODEL [SECONDS_PER_ENDPOINT]   (needs wrk: apt-get install wrk; and python3)
# The load generator shares the machine with the server: on 2 cores the figures are a floor, not a capacity.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tacit="$root/app/target/image/bin/tacit"
model="${1:?usage: scripts/serve-bench.sh MODEL [SECONDS]}"
seconds="${2:-20}"
command -v wrk > /dev/null || { echo "serve-bench: needs wrk (Debian: apt-get install wrk)" >&2; exit 2; }
[ -x "$tacit" ] || { echo "serve-bench: build the image first: mvn -B -q package -DskipTests" >&2; exit 2; }

work="$(mktemp -d)"
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$tacit" serve --model "$model" --port 0 > "$work/url" 2> "$work/err" &
pid=$!
for _ in $(seq 300); do
  [ -s "$work/url" ] && break
  kill -0 "$pid" 2> /dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.1
done
url="$(head -n 1 "$work/url")"

# Lua scripts for wrk: each request picks one of 500 prepared bodies.
python3 - "$url" "$work" <<'PY'
import json, random, sys, urllib.request
url, work = sys.argv[1], sys.argv[2]
def post(path, body):
    request = urllib.request.Request(url + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))
users = json.load(urllib.request.urlopen(url + "users?limit=1000"))["users"]
items = [i["item"] for i in post("recommend", {"user": users[0], "top": 1000, "include_seen": True})["items"]]
rng = random.Random(0)
def script(name, path, bodies):
    lines = ['wrk.method = "POST"', 'wrk.headers["Content-Type"] = "application/json"', "local bodies = {"]
    lines += ["  " + json.dumps(json.dumps(b)) + "," for b in bodies]
    lines += ["}", "request = function()",
              '  return wrk.format(nil, "%s", nil, bodies[math.random(#bodies)])' % path, "end",
              "response = function(status, headers, body)",
              '  if status ~= 200 then error("status " .. status .. ": " .. body) end', "end"]
    open(f"{work}/{name}.lua", "w").write("\n".join(lines) + "\n")
pairs = lambda n: {"pairs": [{"user": rng.choice(users), "item": rng.choice(items)} for _ in range(n)]}
script("predict-1", "/predict", [pairs(1) for _ in range(500)])
script("predict-100", "/predict", [pairs(100) for _ in range(500)])
script("recommend-10", "/recommend", [{"user": rng.choice(users), "top": 10} for _ in range(500)])
PY

run() {
  wrk -t2 -c16 -d"$2" --latency -s "$work/$1.lua" "$url" > "$work/$1.txt"
}
echo "| request | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
for name in predict-1 predict-100 recommend-10; do
  run "$name" 3s # warm-up: the JIT compiles the paths this endpoint takes
  run "$name" "${seconds}s"
  if grep -q "Non-2xx\|Socket errors" "$work/$name.txt"; then
    echo "serve-bench: $name had errors:" >&2
    cat "$work/$name.txt" >&2
    exit 1
  fi
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$name.txt")
  echo "| $name | $rps | $p50 | $p99 |"
done
