#!/usr/bin/env bash
# Throughput and accuracy of `sohoa run` against plain Tesseract (and ocrmypdf when
# installed: SOHOA_BENCH_DEPS=1 tools/install-deps.sh) on one generated set.
#
# usage: tools/bench.sh [--seed N] [--dossiers K] [--runs N] [--profile clean|degraded|mixed]
#                       [--build DIR] [--work DIR] [--skip-sohoa]
# Prints the median pages per minute of each engine over N runs, the ratio
# sohoa/tesseract, the median peak RSS (GNU time; for Tesseract the sum of its two
# processes' peaks), the kB of PDF per page, and the CERs (sohoa's PDF text via
# pdftotext, Tesseract's text).
set -euo pipefail

seed=1
dossiers=6
runs=3
profile=mixed
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
work=""
skip_sohoa=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --dossiers) dossiers="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --skip-sohoa) skip_sohoa=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done

gen="$build/sohoa-gen"
score="$build/sohoa-score"
sohoa="$build/sohoa"
for tool in "$gen" "$score"; do
  [ -x "$tool" ] || { echo "bench: $tool not built" >&2; exit 2; }
done
if [ "$skip_sohoa" = 0 ] && [ ! -x "$sohoa" ]; then
  echo "bench: $sohoa not built (use --skip-sohoa to time Tesseract alone)" >&2
  exit 2
fi
command -v tesseract >/dev/null || { echo "bench: tesseract not installed" >&2; exit 2; }
if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/sohoa-bench.XXXXXX")"
fi
mkdir -p "$work"
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

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }
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
mb() { awk '{printf "%.0f MB", $1 / 1024}'; }
# kB of PDF per page under a folder.
kb_per_page() {
  find "$1" -name '*.pdf' -printf '%s\n' | awk -v p="$pages" '{s += $1} END {printf "%.0f", (p > 0) ? s / 1024 / p : 0}'
}
ocrmypdf_times=()
for run in $(seq 1 "$runs"); do
  if [ "$skip_sohoa" = 0 ]; then
    rm -rf "$work/sohoa-$run"
    t0=$(now)
    /usr/bin/time -f '%M' -o "$work/sohoa-$run.rss" \
      "$sohoa" run "$work/set/input" --out "$work/sohoa-$run" --jobs 2 --no-sign --quiet ||
      echo "bench: sohoa run exited with $? (run $run)" >&2
    t1=$(now)
    sohoa_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
    sohoa_rss+=("$(tail -1 "$work/sohoa-$run.rss")")
  fi
  rm -rf "$work/tesseract-$run"
  t0=$(now)
  tesseract_pass "$work/tesseract-$run" 0 &
  tesseract_pass "$work/tesseract-$run" 1 &
  wait
  t1=$(now)
  tess_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  # The two processes run side by side: their peaks add up.
  tess_rss+=("$(for w in 0 1; do sort -g "$work/tesseract-$run/.rss-$w" | tail -1; done |
    awk '{s += $1} END {print s}')")
  if command -v ocrmypdf >/dev/null; then
    rm -rf "$work/ocrmypdf-$run"
    t0=$(now)
    ocrmypdf_pass "$work/ocrmypdf-$run" 0 &
    ocrmypdf_pass "$work/ocrmypdf-$run" 1 &
    wait
    t1=$(now)
    ocrmypdf_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  fi
  echo "bench: run $run done"
done

echo
echo "pages: $pages, runs: $runs (medians of wall-clock time, 2 jobs each)"
tess_s=$(printf '%s\n' "${tess_times[@]}" | median)
echo "tesseract (2 processes): $(ppm "$tess_s") pages/min  (${tess_s}s)," \
  "peak RSS $(printf '%s\n' "${tess_rss[@]}" | median | mb), $(kb_per_page "$work/tesseract-1") kB/page"
if [ ${#ocrmypdf_times[@]} -gt 0 ]; then
  o_s=$(printf '%s\n' "${ocrmypdf_times[@]}" | median)
  echo "ocrmypdf  (2 processes): $(ppm "$o_s") pages/min  (${o_s}s)"
fi
score_args=(--truth "$work/set/truth" --tesseract-text "$work/tesseract-1")
if [ "$skip_sohoa" = 0 ]; then
  s_s=$(printf '%s\n' "${sohoa_times[@]}" | median)
  echo "sohoa     (--jobs 2):    $(ppm "$s_s") pages/min  (${s_s}s)," \
    "peak RSS $(printf '%s\n' "${sohoa_rss[@]}" | median | mb), $(kb_per_page "$work/sohoa-1") kB/page"
  awk -v s="$s_s" -v t="$tess_s" 'BEGIN {printf "ratio sohoa/tesseract (pages per minute): %.2f\n", (s > 0) ? t / s : 0}'
  score_args+=(--out "$work/sohoa-1")
fi
echo
"$score" "${score_args[@]}" | tee "$work/score.txt"
"$score" "${score_args[@]}" --json >"$work/score.json"
echo
echo "bench: CER totals (sohoa pdftotext vs tesseract text):"
grep '^TOTAL' "$work/score.txt" | awk '{print "  sohoa CER (pdf): " $8 "   tesseract CER: " $10}'
echo "bench: work files in $work"
