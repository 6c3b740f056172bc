#!/usr/bin/env bash
# Peak memory of `sohoa run --jobs 2` on a growing page count, as one multi-page G4
# TIFF (--shape tiff) or as as many one-page files in one dossier (--shape files):
# pages stream through the pipeline, so the peak must grow neither with the file
# nor with the number of documents.
#
# usage: tools/bench-memory.sh [--counts 10,100,1000] [--runs N] [--text-every K]
#                              [--shape tiff|files|both] [--seed N] [--build DIR] [--work DIR]
# Each input holds the generated text pages, then two of them every K pages (OCR'd),
# and blank A4 pages at 300 dpi between (decoded, cleaned, encoded and written like any
# page, cheaper to read). Prints per page count the median peak RSS (GNU time %M)
# and wall time of N runs, the peak against the smallest count, and whether it stays
# within 10 %; and against the peer measured in the same run: two plain `tesseract`
# processes side by side on the text pages (their peaks added up).
set -euo pipefail

counts=10,100,1000
text_every=20
shape=tiff
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
bench_value_option --counts counts
bench_value_option --text-every text_every
bench_value_option --shape shape
bench_parse_options "$@"

sohoa="$build/sohoa"
gen="$build/sohoa-gen"
bench_require_built "$sohoa" "$gen"
bench_require_installed tiffcp tiffinfo tesseract python3 /usr/bin/time
bench_make_work
export OMP_THREAD_LIMIT=1

echo "bench-memory: generating text pages (seed $seed) in $work/gen"
rm -rf "$work/gen"
"$gen" --seed "$seed" --out "$work/gen" --dossiers 2 --profile clean --formats tiff-g4 \
  --jobs 2 >/dev/null
mapfile -t scans < <(find "$work/gen/input" -type f \( -name '*.tif' -o -name '*.tiff' \) | sort)
[ ${#scans[@]} -gt 0 ] || { echo "bench-memory: no TIFF generated" >&2; exit 1; }
tiffcp -c g4 "${scans[@]}" "$work/text.tif"
text_pages=$(tiffinfo "$work/text.tif" 2>/dev/null | grep -c 'TIFF Directory' || true)

# A blank A4 page at 300 dpi: an uncompressed bilevel TIFF written by hand, then G4.
python3 - "$work/blank-raw.tif" <<'EOF'
import struct, sys
width, height = 2480, 3508
row = (width + 7) // 8
data = bytes(row * height)  # min-is-white: 0 bits are white
entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 1), (259, 3, 1, 1),
           (262, 3, 1, 0), (273, 4, 1, 0), (277, 3, 1, 1), (278, 4, 1, height),
           (279, 4, 1, len(data)), (282, 5, 1, 0), (283, 5, 1, 0), (296, 3, 1, 2)]
ifd_size = 2 + 12 * len(entries) + 4
resolution_at = 8 + ifd_size
data_at = resolution_at + 8
out = bytearray(b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", len(entries)))
for tag, kind, count, value in entries:
    if tag == 273:
        value = data_at
    if tag in (282, 283):
        value = resolution_at
    packed = struct.pack("<HHI", tag, kind, count)
    packed += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
    out += packed
out += struct.pack("<I", 0) + struct.pack("<II", 300, 1) + data
open(sys.argv[1], "wb").write(out)
EOF
tiffcp -c g4 "$work/blank-raw.tif" "$work/blank.tif"


# The peer: two plain `tesseract … vie pdf` processes side by side, each on every
# other text page (one multi-page TIFF each), their peaks added up.
halves=()
for half in 0 1; do
  pages_of_half=()
  for ((i = half; i < text_pages; i += 2)); do pages_of_half+=("$work/text.tif,$i"); done
  if [ ${#pages_of_half[@]} -gt 0 ]; then
    tiffcp "${pages_of_half[@]}" "$work/text-$half.tif"
    halves+=("$half")
  fi
done
tesseract_rss=()
for run in $(seq 1 "$runs"); do
  for half in "${halves[@]}"; do
    /usr/bin/time -f '%M' -o "$work/tesseract-$half.rss" \
      tesseract "$work/text-$half.tif" "$work/tesseract-$half" -l vie pdf >/dev/null 2>&1 &
  done
  wait
  tesseract_rss+=("$(for half in "${halves[@]}"; do tail -1 "$work/tesseract-$half.rss"; done |
    awk '{s += $1} END {print s}')")
done
tesseract_mb=$(printf '%s\n' "${tesseract_rss[@]}" | bench_median | bench_mb)
echo "bench-memory: plain tesseract on the $text_pages text pages: peak $tesseract_mb MB"

IFS=',' read -r -a page_counts <<<"$counts"
case "$shape" in
tiff | files) shapes=("$shape") ;;
both) shapes=(tiff files) ;;
*) bench_die "--shape takes tiff, files or both" ;;
esac
declare -A peak_mb seconds
for form in "${shapes[@]}"; do
  for n in "${page_counts[@]}"; do
    # n pages: every generated text page first (so each count reads the same
    # heaviest page), then two text pages (cycling) every text_every pages, so both
    # workers read text at once; blank pages between.
    args=()
    for ((i = 0; i < n; i++)); do
      if ((i < text_pages)); then
        args+=("$work/text.tif,$i")
      elif ((i % text_every < 2)); then
        args+=("$work/text.tif,$(((2 * (i / text_every) + i % text_every) % text_pages))")
      else
        args+=("$work/blank.tif")
      fi
    done
    key="$form-$n"
    rm -rf "$work/in-$key"
    mkdir -p "$work/in-$key/register"
    if [ "$form" = tiff ]; then
      tiffcp "${args[@]}" "$work/in-$key/register/register.tif"
    else
      for i in "${!args[@]}"; do # one document per page, in page order by name
        tiffcp "${args[$i]}" "$(printf '%s/in-%s/register/p%05d.tif' "$work" "$key" "$i")"
      done
    fi
    rss=()
    walls=()
    for run in $(seq 1 "$runs"); do
      rm -rf "$work/out-$key"
      /usr/bin/time -f '%M %e' -o "$work/time-$key" \
        "$sohoa" run "$work/in-$key" --out "$work/out-$key" --jobs 2 --no-sign --quiet ||
        echo "bench-memory: sohoa run exited with $? ($form, $n pages, run $run)" >&2
      read -r kb wall <"$work/time-$key"
      rss+=("$kb")
      walls+=("$wall")
    done
    peak_mb[$key]=$(printf '%s\n' "${rss[@]}" | bench_median | awk '{printf "%.0f", $1 / 1024}')
    seconds[$key]=$(printf '%s\n' "${walls[@]}" | bench_median)
    echo "bench-memory: $form, $n pages done (peak ${peak_mb[$key]} MB, ${seconds[$key]} s)"
  done
done

echo
echo "--jobs 2, medians of $runs runs (two text pages every $text_every pages);" \
  "tiff: one G4 TIFF, files: one-page G4 files in one dossier"
bench_print_load
echo "peer: two plain tesseract processes on the $text_pages text pages, peak $tesseract_mb MB"
first=${page_counts[0]}
flat=yes
printf '%6s %8s %10s %10s %12s %14s\n' shape pages "peak MB" seconds "vs $first p." "vs tesseract"
for form in "${shapes[@]}"; do
  for n in "${page_counts[@]}"; do
    key="$form-$n"
    ratio=$(awk -v a="${peak_mb[$key]}" -v b="${peak_mb[$form-$first]}" 'BEGIN {printf "%.2f", a / b}')
    awk -v r="$ratio" 'BEGIN {exit !(r > 1.10 || r < 0.90)}' && flat=no
    vs_peer=$(awk -v a="${peak_mb[$key]}" -v b="$tesseract_mb" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
    printf '%6s %8s %10s %10s %12s %14s\n' "$form" "$n" "${peak_mb[$key]}" "${seconds[$key]}" \
      "$ratio" "$vs_peer"
  done
done
max_mb=$(printf '%s\n' "${peak_mb[@]}" | sort -g | tail -1)
echo "peak RSS at most $max_mb MB (target 400); flat within 10 %: $flat"
echo "bench-memory: work files in $work"
