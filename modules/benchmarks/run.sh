#!/usr/bin/env bash
# Runs the JMH benchmarks: modules/benchmarks/run.sh [JMH options, e.g. a benchmark regex, -f 1 -wi 3 -i 5]
# Build first: mvn -B -q package -DskipTests (from the repository root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
