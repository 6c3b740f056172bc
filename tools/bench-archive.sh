#!/usr/bin/env bash
# Bytes per page and legibility of the archival image modes on one generated set,
# beside OCRmyPDF on the same input pages (SOHOA_BENCH_DEPS=1 tools/install-deps.sh).
#
# usage: tools/bench-archive.sh [--seed N] [--dossiers K] [--profile clean|degraded|mixed]
#                               [--build DIR] [--work DIR] [--skip-ocrmypdf] [--runs N]
# Prints, per mode (mrc, jpeg, lossless) and for OCRmyPDF: bytes per page and the
# ratio to OCRmyPDF; then for mrc: plain tesseract's CER on the page rendered back
# (pdftoppm at the page's resolution: -r 300 for 300 dpi scans) against its CER on
# the cleaned page (the lossless PDF's image), and the SSIM of the page rendered
# (pdftocairo at the same resolution, see below) against the cleaned page outside
# the text (sohoa-ssim): median and lowest over the pages and per document type;
# the same SSIM of the lossless PDF rendered, which checks the measure itself (a
# bit-exact image must score 1); seconds per page of each mode's run (wall clock, the
# median of --runs runs); and whether the lossless PDFs hold only lossless codecs
# (Flate, G4). Sizes are deterministic: one run.
set -euo pipefail

seed=1
dossiers=4
profile=mixed
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
work=""
skip_ocrmypdf=0
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --dossiers) dossiers="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --skip-ocrmypdf) skip_ocrmypdf=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench-archive: unknown option $1" >&2; exit 2 ;;
  esac
done

gen="$build/sohoa-gen"
score="$build/sohoa-score"
ssim="$build/sohoa-ssim"
sohoa="$build/sohoa"
for tool in "$gen" "$score" "$ssim" "$sohoa"; do
  [ -x "$tool" ] || { echo "bench-archive: $tool not built" >&2; exit 2; }
done
for tool in tesseract pdftoppm pdftocairo pdfimages pdfinfo jq; do
  command -v "$tool" >/dev/null || { echo "bench-archive: $tool not installed" >&2; exit 2; }
done
if [ "$skip_ocrmypdf" = 0 ] && ! command -v ocrmypdf >/dev/null; then
  echo "bench-archive: ocrmypdf not installed (or use --skip-ocrmypdf)" >&2
  exit 2
fi
if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/sohoa-bench-archive.XXXXXX")"
fi
mkdir -p "$work"
export OMP_THREAD_LIMIT=1

echo "bench-archive: generating seed $seed, $dossiers dossiers, profile $profile in $work/set"
rm -rf "$work/set"
# Image formats OCRmyPDF reads too, so both see the same pages.
"$gen" --seed "$seed" --out "$work/set" --dossiers "$dossiers" --profile "$profile" \
  --formats png,jpeg,tiff-g4,tiff-lzw,tiff-jpeg --jobs 2 >/dev/null
mapfile -t images < <(find "$work/set/input" -type f \
  \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' -o -name '*.tif' -o -name '*.tiff' \) | sort)
echo "bench-archive: ${#images[@]} input files"

# Pages and bytes of every PDF under a folder.
pdf_pages() {
  local total=0 f n
  while IFS= read -r f; do
    n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    total=$((total + ${n:-0}))
  done < <(find "$1" -name '*.pdf' | sort)
  echo "$total"
}
pdf_bytes() { find "$1" -name '*.pdf' -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }

median() { sort -g | awk '{v[NR] = $1} END {print NR ? ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) : 0}'; }
declare -A run_seconds
for mode in mrc jpeg lossless; do
  times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/out-$mode"
    start=$(date +%s.%N)
    "$sohoa" run "$work/set/input" --out "$work/out-$mode" --image-mode "$mode" --jobs 2 --quiet ||
      [ $? -eq 1 ]  # exit 1: some documents failed, as the generated bad inputs should
    times+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')")
  done
  run_seconds[$mode]=$(printf '%s\n' "${times[@]}" | median)
done

if [ "$skip_ocrmypdf" = 0 ]; then
  rm -rf "$work/out-ocrmypdf"
  ocrmypdf_pass() {
    local worker="$1" i=0 img rel
    for img in "${images[@]}"; do
      if [ $((i % 2)) -eq "$worker" ]; then
        rel="${img#"$work/set/input/"}"
        mkdir -p "$(dirname "$work/out-ocrmypdf/$rel")"
        ocrmypdf -q -l vie --output-type pdfa --jobs 1 "$img" "$work/out-ocrmypdf/${rel%.*}.pdf" \
          >/dev/null 2>&1 || echo "bench-archive: ocrmypdf failed on $rel" >&2
      fi
      i=$((i + 1))
    done
  }
  ocrmypdf_pass 0 &
  ocrmypdf_pass 1 &
  wait
fi

echo
printf '%-14s %7s %12s %10s %12s %8s\n' engine pages bytes bytes/page vs_ocrmypdf s/page
ocr_per_page=""
if [ "$skip_ocrmypdf" = 0 ]; then
  o_pages=$(pdf_pages "$work/out-ocrmypdf")
  o_bytes=$(pdf_bytes "$work/out-ocrmypdf")
  ocr_per_page=$(awk -v b="$o_bytes" -v p="$o_pages" 'BEGIN {printf "%.0f", p ? b / p : 0}')
  printf '%-14s %7d %12d %10d %12s %8s\n' ocrmypdf "$o_pages" "$o_bytes" "$ocr_per_page" 1.00 -
fi
for mode in mrc jpeg lossless; do
  pages=$(pdf_pages "$work/out-$mode")
  bytes=$(pdf_bytes "$work/out-$mode")
  per_page=$(awk -v b="$bytes" -v p="$pages" 'BEGIN {printf "%.0f", p ? b / p : 0}')
  ratio=-
  if [ -n "$ocr_per_page" ]; then
    ratio=$(awk -v a="$per_page" -v b="$ocr_per_page" 'BEGIN {printf "%.2f", b ? a / b : 0}')
  fi
  spp=$(awk -v t="${run_seconds[$mode]}" -v p="$pages" 'BEGIN {printf "%.2f", p ? t / p : 0}')
  printf '%-14s %7d %12d %10d %12s %8s\n' "sohoa-$mode" "$pages" "$bytes" "$per_page" "$ratio" "$spp"
done

# lossless keeps the cleaned page bit for bit only in lossless codecs: pdfimages
# lists Flate as "image", G4 as "ccitt"; any jpeg or jpx there is a loss.
lossy=0
images_total=0
while IFS= read -r f; do
  while read -r enc; do
    images_total=$((images_total + 1))
    case "$enc" in image|ccitt) ;; *) lossy=$((lossy + 1)) ;; esac
  done < <(pdfimages -list "$f" | awk 'NR > 2 {print $9}')
done < <(find "$work/out-lossless" -name '*.pdf' | sort)
echo
echo "lossless: $images_total page images, $lossy in a lossy codec"


# Legibility: every page of every document, the cleaned page (lossless PDF's own
# image) against the mrc PDF rendered back at 300 dpi.
rm -rf "$work/pages" "$work/tess-clean" "$work/tess-mrc"
ssims=()
typed_ssims=()
lossless_ssims=()
while IFS= read -r lossless_pdf; do
  rel="${lossless_pdf#"$work/out-lossless/"}"
  mrc_pdf="$work/out-mrc/$rel"
  [ -f "$mrc_pdf" ] || continue
  doc="${rel%.pdf}"
  doc_type=$(jq -r '.doc_type // "unknown"' "${lossless_pdf%.pdf}.json" 2>/dev/null || echo unknown)
  pages_dir="$work/pages/$doc"
  mkdir -p "$pages_dir" "$(dirname "$work/tess-clean/$doc")" "$(dirname "$work/tess-mrc/$doc")"
  pdfimages -png "$lossless_pdf" "$pages_dir/clean"
  mapfile -t clean_pages < <(find "$pages_dir" -name 'clean-*.png' | sort)
  # Each page rendered at its own resolution (300 dpi for scans at 300 dpi), so
  # the rendering and the cleaned page have the same pixels.
  mapfile -t page_ppi < <(pdfimages -list "$lossless_pdf" | awk 'NR > 2 {print $13}')
  if [ "${#clean_pages[@]}" -ne "${#page_ppi[@]}" ]; then
    echo "bench-archive: $doc: ${#clean_pages[@]} cleaned pages, ${#page_ppi[@]} listed" >&2
    continue
  fi
  # Tesseract reads pdftoppm's rendering (the renderer the legibility target
  # names). SSIM compares pdftocairo's: poppler's Splash backend (pdftoppm, 22.12)
  # draws a page-sized image one device pixel wider and taller than its samples
  # (2480 -> 2481 columns, cropped back), so its rendering drifts by up to a pixel
  # towards the bottom right, which on scan grain costs the bit-exact lossless PDF
  # 0.08-0.15 of SSIM against its own image; -scale-to-x/-y at the image's sample
  # size draws the same. Cairo maps the samples one to one at the image's dpi.
  mrc_pages=()
  cairo_pages=()
  lossless_pages=()
  for i in "${!clean_pages[@]}"; do
    page=(-r "${page_ppi[$i]}" -f $((i + 1)) -l $((i + 1)) -singlefile -png)
    pdftoppm "${page[@]}" "$mrc_pdf" "$pages_dir/mrc-$i"
    pdftocairo "${page[@]}" "$mrc_pdf" "$pages_dir/mrc-cairo-$i"
    pdftocairo "${page[@]}" "$lossless_pdf" "$pages_dir/lossless-cairo-$i"
    mrc_pages+=("$pages_dir/mrc-$i.png")
    cairo_pages+=("$pages_dir/mrc-cairo-$i.png")
    lossless_pages+=("$pages_dir/lossless-cairo-$i.png")
  done
  : >"$work/tess-clean/$doc.txt"
  : >"$work/tess-mrc/$doc.txt"
  for i in "${!clean_pages[@]}"; do
    tesseract "${clean_pages[$i]}" - -l vie 2>/dev/null >>"$work/tess-clean/$doc.txt"
    tesseract "${mrc_pages[$i]}" - -l vie 2>/dev/null >>"$work/tess-mrc/$doc.txt"
    if value=$("$ssim" --reference "${clean_pages[$i]}" --test "${cairo_pages[$i]}"); then
      ssims+=("$(awk '/^ssim_outside_text/ {print $2}' <<<"$value")")
      typed_ssims+=("$doc_type $(awk '/^ssim_outside_text/ {print $2}' <<<"$value")")
    else
      echo "bench-archive: $doc page $((i + 1)): no SSIM" >&2
    fi
    if value=$("$ssim" --reference "${clean_pages[$i]}" --test "${lossless_pages[$i]}"); then
      lossless_ssims+=("$(awk '/^ssim_outside_text/ {print $2}' <<<"$value")")
    fi
  done
done < <(find "$work/out-lossless" -name '*.pdf' | sort)

cer() {
  "$score" --truth "$work/set/truth" --tesseract-text "$1" --json |
    jq -r '.total.cer_tesseract.rate * 100'
}
cer_clean=$(cer "$work/tess-clean")
cer_mrc=$(cer "$work/tess-mrc")
echo
printf 'tesseract CER on the cleaned pages:       %.2f %%\n' "$cer_clean"
printf 'tesseract CER on the mrc pages rendered:  %.2f %%  (%+.2f points)\n' "$cer_mrc" \
  "$(awk -v a="$cer_mrc" -v b="$cer_clean" 'BEGIN {print a - b}')"
printf '%s\n' "${ssims[@]}" | sort -g | awk '
  {v[NR] = $1}
  END {
    if (NR == 0) { print "SSIM outside the text: no pages"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "SSIM outside the text (mrc vs cleaned, %d pages): median %.4f, lowest %.4f\n", NR, m, v[1]
  }'
printf '%s\n' "${lossless_ssims[@]}" | sort -g | awk '
  {v[NR] = $1}
  END {
    if (NR == 0) exit
    printf "SSIM outside the text (lossless rendered vs cleaned, %d pages): lowest %.4f\n", NR, v[1]
  }'
printf '%s\n' "${typed_ssims[@]}" | sort -k1,1 -k2,2g | awk '
  function flush() {
    if (n == 0) return
    m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "  %-34s %3d pages: median %.4f, lowest %.4f\n", type, n, m, v[1]
  }
  $1 != type { flush(); type = $1; n = 0 }
  { v[++n] = $2 }
  END { flush() }'
echo "bench-archive: work folder $work"
