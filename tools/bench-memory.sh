#!/usr/bin/env bash
# Peak memory of `sohoa run --jobs 2` on one multi-page G4 TIFF of growing page count:
# pages stream through the pipeline, so the peak must not grow with the file.
#
# usage: tools/bench-memory.sh [--counts 10,100,1000] [--runs N] [--text-every K]
#                              [--seed N] [--build DIR] [--work DIR]
# Each file holds the generated text pages, then two of them every K pages (OCR'd),
# and blank A4 pages at 300 dpi between (decoded, cleaned, encoded and written like any
# page, cheaper to read). Prints per page count the median peak RSS (GNU time %M)
# and wall time of N runs, the peak against the smallest count, and whether it stays
# within 10 %.
set -euo pipefail

counts=10,100,1000
runs=3
text_every=20
seed=1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --counts) counts="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --text-every) text_every="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "bench-memory: unknown option $1" >&2; exit 2 ;;
  esac
done

sohoa="$build/sohoa"
gen="$build/sohoa-gen"
for tool in "$sohoa" "$gen"; do
  [ -x "$tool" ] || { echo "bench-memory: $tool not built" >&2; exit 2; }
done
for tool in tiffcp tiffinfo python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-memory: $tool not installed" >&2; exit 2; }
done
if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/sohoa-bench-memory.XXXXXX")"
fi
mkdir -p "$work"
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

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }

IFS=',' read -r -a page_counts <<<"$counts"
declare -A peak_mb seconds
for n in "${page_counts[@]}"; do
  # One document of n pages: every generated text page first (so each count reads the
  # same heaviest page), then two text pages (cycling) every text_every pages, so both
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
  rm -rf "$work/in-$n"
  mkdir -p "$work/in-$n/register"
  tiffcp "${args[@]}" "$work/in-$n/register/register.tif"
  rss=()
  walls=()
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/out-$n"
    /usr/bin/time -f '%M %e' -o "$work/time-$n" \
      "$sohoa" run "$work/in-$n" --out "$work/out-$n" --jobs 2 --no-sign --quiet ||
      echo "bench-memory: sohoa run exited with $? ($n pages, run $run)" >&2
    read -r kb wall <"$work/time-$n"
    rss+=("$kb")
    walls+=("$wall")
  done
  peak_mb[$n]=$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1 / 1024}')
  seconds[$n]=$(printf '%s\n' "${walls[@]}" | median)
  echo "bench-memory: $n pages done (peak ${peak_mb[$n]} MB, ${seconds[$n]} s)"
done

echo
echo "one G4 TIFF, --jobs 2, medians of $runs runs (two text pages every $text_every pages)"
first=${page_counts[0]}
flat=yes
printf '%8s %10s %10s %12s\n' pages "peak MB" seconds "vs $first p."
for n in "${page_counts[@]}"; do
  ratio=$(awk -v a="${peak_mb[$n]}" -v b="${peak_mb[$first]}" 'BEGIN {printf "%.2f", a / b}')
  awk -v r="$ratio" 'BEGIN {exit !(r > 1.10 || r < 0.90)}' && flat=no
  printf '%8s %10s %10s %12s\n' "$n" "${peak_mb[$n]}" "${seconds[$n]}" "$ratio"
done
max_mb=$(printf '%s\n' "${peak_mb[@]}" | sort -g | tail -1)
echo "peak RSS at most $max_mb MB (target 400); flat within 10 %: $flat"
echo "bench-memory: work files in $work"
