#!/usr/bin/env bash
# Throughput and accuracy of `sohoa run` against plain Tesseract (and ocrmypdf when
# installed: SOHOA_BENCH_DEPS=1 tools/install-deps.sh) on one generated set.
#
# usage: tools/bench.sh [--seed N] [--dossiers K] [--runs N] [--profile clean|degraded|mixed]
#                       [--build DIR] [--work DIR] [--skip-sohoa] [--skip-ocrmypdf]
# Prints the median pages per minute of each engine over N runs, the ratio
# sohoa/tesseract, the median peak RSS (GNU time; for Tesseract the sum of its two
# processes' peaks), the kB of PDF per page, and the CERs (sohoa's PDF text via
# pdftotext, Tesseract's text). --skip-ocrmypdf leaves OCRmyPDF out even when installed
# (it takes several times as long as the two others together).
set -euo pipefail

dossiers=6
profile=mixed
skip_sohoa=0
skip_ocrmypdf=0
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
bench_value_option --dossiers dossiers
bench_value_option --profile profile
bench_flag_option --skip-sohoa skip_sohoa
bench_flag_option --skip-ocrmypdf skip_ocrmypdf
bench_parse_options "$@"

gen="$build/sohoa-gen"
score="$build/sohoa-score"
sohoa="$build/sohoa"
bench_require_built "$gen" "$score"
if [ "$skip_sohoa" = 0 ] && [ ! -x "$sohoa" ]; then
  bench_die "$sohoa not built (use --skip-sohoa to time Tesseract alone)"
fi
bench_require_installed tesseract
bench_make_work
export OMP_THREAD_LIMIT=1  # one thread per process: parallelism comes from the jobs

echo "bench: generating seed $seed, $dossiers dossiers, profile $profile in $work/set"
rm -rf "$work/set"
# Formats plain tesseract reads too (it has no PDF input), so both see the same files.
"$gen" --seed "$seed" --out "$work/set" --dossiers "$dossiers" --profile "$profile" \
  --formats png,jpeg,tiff-g4,tiff-lzw,tiff-jpeg --jobs 2 >/dev/null
mapfile -t images < <(find "$work/set/input" -type f \
  \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' -o -name '*.tif' -o -name '*.tiff' \) | sort)
pages=$(cat "$work/set"/truth/*/*.json | grep -c '"page_in_file"' || true)
echo "bench: ${#images[@]} files, $pages pages"

ppm() { awk -v p="$pages" -v s="$1" 'BEGIN {printf "%.1f", (s > 0) ? p * 60 / s : 0}'; }

# Two workers, each OCRing every other file with plain tesseract (text + PDF).
tesseract_pass() {
  local out="$1" worker="$2" i=0 img rel base
  for img in "${images[@]}"; do
    if [ $((i % 2)) -eq "$worker" ]; then
      rel="${img#"$work/set/input/"}"
      base="$out/${rel%.*}"
      mkdir -p "$(dirname "$base")"
      /usr/bin/time -a -f '%M' -o "$out/.rss-$worker" tesseract "$img" "$base" -l vie txt pdf \
        >/dev/null 2>&1 || echo "bench: tesseract failed on $rel" >&2
    fi
    i=$((i + 1))
  done
}

ocrmypdf_pass() {
  local out="$1" worker="$2" i=0 img rel
  for img in "${images[@]}"; do
    if [ $((i % 2)) -eq "$worker" ]; then
      rel="${img#"$work/set/input/"}"
      mkdir -p "$out/$(dirname "$rel")"
      ocrmypdf -q -l vie --output-type pdfa --jobs 1 "$img" "$out/${rel%.*}.pdf" >/dev/null 2>&1 ||
        echo "bench: ocrmypdf failed on $rel" >&2
    fi
    i=$((i + 1))
  done
}

sohoa_times=()
tess_times=()
sohoa_rss=()
tess_rss=()
# kB of PDF per page under a folder.
kb_per_page() {
  find "$1" -name '*.pdf' -printf '%s\n' | awk -v p="$pages" '{s += $1} END {printf "%.0f", (p > 0) ? s / 1024 / p : 0}'
}
ocrmypdf_times=()
for run in $(seq 1 "$runs"); do
  if [ "$skip_sohoa" = 0 ]; then
    rm -rf "$work/sohoa-$run"
    t0=$(bench_now)
    /usr/bin/time -f '%M' -o "$work/sohoa-$run.rss" \
      "$sohoa" run "$work/set/input" --out "$work/sohoa-$run" --jobs 2 --no-sign --quiet ||
      echo "bench: sohoa run exited with $? (run $run)" >&2
    t1=$(bench_now)
    sohoa_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
    sohoa_rss+=("$(tail -1 "$work/sohoa-$run.rss")")
  fi
  rm -rf "$work/tesseract-$run"
  t0=$(bench_now)
  tesseract_pass "$work/tesseract-$run" 0 &
  tesseract_pass "$work/tesseract-$run" 1 &
  wait
  t1=$(bench_now)
  tess_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  # The two processes run side by side: their peaks add up.
  tess_rss+=("$(for w in 0 1; do sort -g "$work/tesseract-$run/.rss-$w" | tail -1; done |
    awk '{s += $1} END {print s}')")
  if [ "$skip_ocrmypdf" = 0 ] && command -v ocrmypdf >/dev/null; then
    rm -rf "$work/ocrmypdf-$run"
    t0=$(bench_now)
    ocrmypdf_pass "$work/ocrmypdf-$run" 0 &
    ocrmypdf_pass "$work/ocrmypdf-$run" 1 &
    wait
    t1=$(bench_now)
    ocrmypdf_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  fi
  echo "bench: run $run done"
done

echo
echo "pages: $pages, runs: $runs (medians of wall-clock time, 2 jobs each)"
bench_print_load
tess_s=$(printf '%s\n' "${tess_times[@]}" | bench_median)
echo "tesseract (2 processes): $(ppm "$tess_s") pages/min  (${tess_s}s)," \
  "peak RSS $(printf '%s\n' "${tess_rss[@]}" | bench_median | bench_mb) MB, $(kb_per_page "$work/tesseract-1") kB/page"
if [ ${#ocrmypdf_times[@]} -gt 0 ]; then
  o_s=$(printf '%s\n' "${ocrmypdf_times[@]}" | bench_median)
  echo "ocrmypdf  (2 processes): $(ppm "$o_s") pages/min  (${o_s}s)"
fi
score_args=(--truth "$work/set/truth" --tesseract-text "$work/tesseract-1")
if [ "$skip_sohoa" = 0 ]; then
  s_s=$(printf '%s\n' "${sohoa_times[@]}" | bench_median)
  echo "sohoa     (--jobs 2):    $(ppm "$s_s") pages/min  (${s_s}s)," \
    "peak RSS $(printf '%s\n' "${sohoa_rss[@]}" | bench_median | bench_mb) MB, $(kb_per_page "$work/sohoa-1") kB/page"
  awk -v s="$s_s" -v t="$tess_s" 'BEGIN {printf "ratio sohoa/tesseract (pages per minute): %.2f\n", (s > 0) ? t / s : 0}'
  awk -v s="$(printf '%s\n' "${sohoa_rss[@]}" | bench_median)" \
    -v t="$(printf '%s\n' "${tess_rss[@]}" | bench_median)" \
    'BEGIN {printf "ratio sohoa/tesseract (peak RSS): %.2f\n", (t > 0) ? s / t : 0}'
  score_args+=(--out "$work/sohoa-1")
fi
echo
"$score" "${score_args[@]}" | tee "$work/score.txt"
"$score" "${score_args[@]}" --json >"$work/score.json"
echo
echo "bench: CER totals (sohoa pdftotext vs tesseract text):"
grep '^TOTAL' "$work/score.txt" | awk '{print "  sohoa CER (pdf): " $8 "   tesseract CER: " $10}'
echo "bench: work files in $work"
