#!/bin/bash
# CTest entry of the browser test: installs playwright-core from the lock file into
# the build tree (npm ci; never a browser download) and runs review.test.mjs with
# Debian's chromium. Usage: run-review-test.sh SOHOA SOHOA_GEN SOURCE_DIR WORK_DIR
set -euo pipefail
sohoa=$1 generator=$2 source_dir=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$work/"
if ! cmp -s "$here/package-lock.json" "$work/node_modules/.package-lock.json.installed" 2>/dev/null; then
  (cd "$work" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$work/node_modules/.package-lock.json.installed"
fi
exec node "$here/review.test.mjs" --sohoa "$sohoa" --generator "$generator" \
  --source "$source_dir" --work "$work"
