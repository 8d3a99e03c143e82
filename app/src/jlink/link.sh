#!/usr/bin/env bash
# Links the tacit runtime image and bakes a class-data-sharing archive into it.
# Called by Maven in the package phase of the app module: link.sh <java.home> <target dir> <app jar>
set -euo pipefail
java_home=$1
target=$2
app_jar=$3
image="$target/image"

rm -rf "$image"
# dev.tacit.optim provides the built-in optimizers and penalties but nobody requires it, so it is a root;
# jdk.management lets Micrometer report GC and process CPU metrics (micrometer.core only "requires static" it).
"$java_home/bin/jlink" \
  --module-path "$target/modules:$app_jar" \
  --add-modules dev.tacit.app,dev.tacit.optim,jdk.management \
  --launcher tacit=dev.tacit.app/dev.tacit.app.Main \
  --output "$image" \
  --strip-debug --no-header-files --no-man-pages --compress=2

# jlink's launcher script runs the JVM as a child of a shell (so a SIGTERM to tacit would leave the JVM running and
# never reach its shutdown hook) and blanks JLINK_VM_OPTIONS. Replace it: exec the JVM, and pass $TACIT_OPTS to it.
cat > "$image/bin/tacit" <<'LAUNCHER'
#!/bin/sh
# The tacit launcher. JVM options go in TACIT_OPTS, for example TACIT_OPTS=-Xmx16g tacit train ...
DIR=$(dirname "$0")
# The dense commands on synthetic data allocate about 1.5 MB of short-lived arrays a step in a small heap. G1 (the
# JVM's choice on two or more cores) keeps growing its young generation over fresh memory during the first seconds,
# and the page faults cost a default 'train' about a second; the serial collector reuses one young generation.
# Measured in docs/performance.md ("The collector"); the ratings-file commands keep G1, which is faster there.
# A collector named in TACIT_OPTS wins (two would be refused by the JVM).
GC=
case "$1" in
  train|complete|experiment)
    case "$TACIT_OPTS" in
      *-XX:+Use*GC*) ;;
      *) GC=-XX:+UseSerialGC ;;
    esac ;;
esac
exec "$DIR/java" $GC $TACIT_OPTS -m dev.tacit.app/dev.tacit.app.Main "$@"
LAUNCHER
chmod 755 "$image/bin/tacit"

# What javac needs to compile a plugin without Maven (docs/plugins.md): the api module and the modules it reads.
mkdir -p "$image/lib/plugin-api"
for m in tacit-api tacit-algebra vavr vavr-match hipparchus-core; do
  cp "$target/modules/$m"-[0-9]*.jar "$image/lib/plugin-api/"
done

# Third-party plugin jars dropped here are loaded at start-up, each into its own module layer (docs/plugins.md).
mkdir -p "$image/plugins"
cat > "$image/plugins/README.txt" <<'README'
Drop Tacit plugin jars here (or subdirectories holding a plugin jar with the jars it needs).
Each loads into its own module layer; a broken one is reported on standard error and skipped.
'tacit list' shows what was loaded and from where. See docs/plugins.md.
README

# Smoke-run the image with every observer attached (event log, Micrometer and its endpoint on a free port), recording
# the classes the run loads, then archive them so start-up is fast.
rm -f "$target/smoke-events.jsonl"
if ! "$image/bin/java" -XX:DumpLoadedClassList="$target/classes.lst" -m dev.tacit.app/dev.tacit.app.Main \
    train --iterations 20 --eval-every 10 --quiet --json --events "$target/smoke-events.jsonl" --metrics-port 0 \
    > "$target/smoke.json" 2> "$target/smoke.err"; then
  echo "link.sh: the smoke run of the image failed:" >&2
  cat "$target/smoke.err" >&2
  exit 1
fi
grep -q '"test_rmse"' "$target/smoke.json"
grep -q '"event":"run_finished"' "$target/smoke-events.jsonl"
"$image/bin/java" -Xshare:dump -XX:SharedClassListFile="$target/classes.lst" \
  -XX:SharedArchiveFile="$image/lib/server/classes.jsa" -m dev.tacit.app/dev.tacit.app.Main --version > /dev/null
"$image/bin/tacit" --version
