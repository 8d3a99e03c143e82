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
# jdk.management lets Micrometer report GC and memory metrics.
"$java_home/bin/jlink" \
  --module-path "$target/modules:$app_jar" \
  --add-modules dev.tacit.app,dev.tacit.optim \
  --launcher tacit=dev.tacit.app/dev.tacit.app.Main \
  --output "$image" \
  --strip-debug --no-header-files --no-man-pages --compress=2

# Third-party plugin jars dropped here are loaded at start-up, each into its own module layer (docs/plugins.md).
mkdir -p "$image/plugins"
cat > "$image/plugins/README.txt" <<'README'
Drop Tacit plugin jars here (or subdirectories holding a plugin jar with the jars it needs).
Each loads into its own module layer; a broken one is reported on standard error and skipped.
'tacit list' shows what was loaded and from where. See docs/plugins.md.
README

# Smoke-run the image, recording the classes a short training run loads, then archive them so start-up is fast.
"$image/bin/java" -XX:DumpLoadedClassList="$target/classes.lst" -m dev.tacit.app/dev.tacit.app.Main \
  train --iterations 20 --eval-every 10 --quiet --json > "$target/smoke.json"
grep -q '"test_rmse"' "$target/smoke.json"
"$image/bin/java" -Xshare:dump -XX:SharedClassListFile="$target/classes.lst" \
  -XX:SharedArchiveFile="$image/lib/server/classes.jsa" -m dev.tacit.app/dev.tacit.app.Main --version > /dev/null
"$image/bin/tacit" --version
