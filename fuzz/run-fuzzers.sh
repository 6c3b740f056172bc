#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan, build-fuzz/) and runs each for
# RUNS executions, one after another, on a scratch copy of its seeds.
#   fuzz/run-fuzzers.sh [RUNS] [TARGET...]      RUNS defaults to 1000000
# Env: SOHOA_FUZZ_BUILD (build-fuzz), SOHOA_FUZZ_WORK (/tmp/sohoa-fuzz), SOHOA_FUZZ_SECONDS
# (a time cap per target, 0 = none). A crash leaves its input as WORK/<target>-crash-*
# and makes the script exit 1. The last line per target gives its execution count.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1000000}
shift || true
build=${SOHOA_FUZZ_BUILD:-$root/build-fuzz}
work=${SOHOA_FUZZ_WORK:-/tmp/sohoa-fuzz}
seconds=${SOHOA_FUZZ_SECONDS:-0}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(density dossier_json tiff pdf_reader xmp alto verify_scan schema)
fi

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DSOHOA_FUZZ=ON -DSOHOA_SANITIZE=ON -DSOHOA_BUILD_TESTS=OFF \
  -DSOHOA_BUILD_TOOLS=ON >/dev/null
nice cmake --build "$build" -j2 --target sohoa-fuzz-seeds "${targets[@]/#/fuzz_}" >/dev/null

mkdir -p "$work"
rm -rf "$work/generated"
"$build/sohoa-fuzz-seeds" "$work/generated" >/dev/null
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for target in "${targets[@]}"; do
  corpus="$work/corpus-$target"
  mkdir -p "$corpus"
  # Committed seeds, generated seeds or both (density and tiff have only generated ones).
  seeds=()
  for dir in "$root/fuzz/corpus/$target" "$work/generated/$target"; do
    if [ -d "$dir" ]; then
      seeds+=("$dir")
    fi
  done
  log="$work/$target.log"
  if nice "$build/fuzz/fuzz_$target" "$corpus" "${seeds[@]}" -runs="$runs" \
       -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
       -artifact_prefix="$work/$target-" >"$log" 2>&1; then
    status=clean
  else
    status="FAILED (see $log)"
    failed=1
  fi
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  echo "fuzz_$target: ${executed:-?} executions, $status"
done
exit "$failed"
