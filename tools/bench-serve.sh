#!/usr/bin/env bash
# Counter latency: a 2-page dossier uploaded to a warm `sohoa serve` against plain
# Tesseract on the same pages, both limited to one OpenMP thread per engine.
#
# usage: tools/bench-serve.sh [--seed N] [--runs N] [--build DIR] [--work DIR]
#                             [--image-mode mrc|jpeg|lossless]
# Prints medians of N runs: Tesseract's time for the slower of the two pages, the
# time from upload to the records (GET .../dossiers/{id} shows them:
# "records_ready"), their ratio (target: at most 1.2), and the time the signed PDF
# takes on top (the dossier done, POST .../sign and the PDF downloaded; target: at
# most 0.2 s). Then where the last dossier's time went: the timing spans of its
# manifest's "digitized" event (wall interval and CPU time per stage and page).
set -euo pipefail

seed=5
runs=5
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
work=""
image_mode=mrc
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --image-mode) image_mode="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench-serve: unknown option $1" >&2; exit 2 ;;
  esac
done
sohoa="$build/sohoa"
for tool in "$sohoa" "$build/sohoa-gen"; do
  [ -x "$tool" ] || { echo "bench-serve: $tool not built" >&2; exit 2; }
done
for tool in tesseract curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-serve: $tool not installed" >&2; exit 2; }
done
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
else
  mkdir -p "$work"
  trap 'kill "${server:-0}" 2>/dev/null || true' EXIT
fi
export OMP_THREAD_LIMIT=1

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# The two pages of a generated birth registration form, one document.
"$build/sohoa-gen" --seed "$seed" --out "$work/gen" --dossiers 1 --profile clean --formats png >/dev/null
dossier="$work/gen/input/hs-001"
mapfile -t pages < <(ls "$dossier"/*-p[12].png | sort)
[ ${#pages[@]} -eq 2 ] || { echo "bench-serve: the generated dossier has no 2-page form" >&2; exit 1; }
printf '{"documents": [{"id": "to-khai", "files": ["%s", "%s"]}]}\n' \
  "$(basename "${pages[0]}")" "$(basename "${pages[1]}")" > "$work/dossier.json"

# Plain Tesseract, each page alone, the slower page's median (wall, and CPU time:
# on a busy machine the CPU figures are the ones that compare).
slowest=0
slowest_cpu=0
for page in "${pages[@]}"; do
  : > "$work/page.cpu"
  for _ in $(seq "$runs"); do
    t0=$(now)
    /usr/bin/time -f '%U %S' -o "$work/time.out" tesseract "$page" "$work/tess" -l vie txt >/dev/null 2>&1
    t1=$(now)
    awk '{print $1 + $2}' "$work/time.out" >> "$work/page.cpu"
    echo "$t1 - $t0" | bc -l
  done | median > "$work/page.median"
  m=$(cat "$work/page.median")
  c=$(median < "$work/page.cpu")
  echo "tesseract $(basename "$page"): median ${m}s wall, ${c}s CPU"
  slowest=$(echo "if ($m > $slowest) $m else $slowest" | bc -l)
  slowest_cpu=$(echo "if ($c > $slowest_cpu) $c else $slowest_cpu" | bc -l)
done

bash "$root/tests/unit/pdfsign/pki/make-test-pki.sh" "$work/pki" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SOHOA_PRIORITY_LOCK="$work/priority.lock" "$sohoa" serve --data "$work/data" \
  --listen "127.0.0.1:$port" --jobs 2 --quiet --image-mode "$image_mode" \
  --sign-cert "$work/pki/signer-rsa.pem" --sign-key "$work/pki/signer-rsa.key" 2>"$work/serve.log" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

upload() {
  curl -sf -F "page=@${pages[0]}" -F "page=@${pages[1]}" \
    -F "dossier.json=@$work/dossier.json;filename=dossier.json" "$base/api/dossiers" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
# Polls GET /api/dossiers/{id} until $2 ("records": records_ready; "done").
wait_for() {
  while :; do
    state=$(curl -sf "$base/api/dossiers/$1" | python3 -c '
import json, sys
body = json.load(sys.stdin)
print("failed" if body["status"] == "failed" else
      "records" if body.get("records_ready") and body["status"] != "done" else body["status"])')
    [ "$state" = failed ] && { echo "bench-serve: dossier $1 failed" >&2; exit 1; }
    [ "$state" = done ] && return 0
    [ "$state" = "$2" ] && return 0
    sleep 0.02
  done
}
wait_done() { wait_for "$1" done; }

wait_done "$(upload)"   # warm-up: the first dossier pays for lazy initialisation
: > "$work/records.times"; : > "$work/sign.times"
for _ in $(seq "$runs"); do
  t0=$(now); id=$(upload); wait_for "$id" records; t1=$(now)
  wait_done "$id"
  curl -sf -X POST -d '' "$base/api/dossiers/$id/sign?force=1" >/dev/null
  curl -sf -o "$work/signed.pdf" "$base/api/dossiers/$id/documents/to-khai.pdf"; t2=$(now)
  echo "$t1 - $t0" | bc -l >> "$work/records.times"
  echo "$t2 - $t1" | bc -l >> "$work/sign.times"
done
records=$(median < "$work/records.times")
signing=$(median < "$work/sign.times")
printf 'tesseract, slower page (median of %d):      %.3f s\n' "$runs" "$slowest"
printf 'serve, upload to records (median of %d):    %.3f s\n' "$runs" "$records"
printf 'ratio records / tesseract:                 %.2f (target <= 1.20)\n' \
  "$(echo "$records / $slowest" | bc -l)"
printf 'signed PDF on top of records (median of %d): %.3f s (target <= 0.20)\n' "$runs" "$signing"
echo "where the last dossier's time went (ms from its start; cpu: its thread's CPU time):"
python3 - "$slowest_cpu" "$work/data"/*/manifest.json <<'PY'
import json, statistics, sys
def spans_of(file):
    manifest = json.load(open(file))
    return next(e["timings"] for e in manifest["events"] if e["event"] == "digitized")
def critical_cpu(spans):
    # What the records wait for when every page has a core: the slower page's
    # file decoding, cleanup and OCR, then the document's work up to its record
    # (the encodings made after the record are not on that path).
    pages = {}
    for s in spans:
        if s.get("page") and s["stage"] in ("clean", "ocr"):
            pages[s["page"]] = pages.get(s["page"], 0) + s["cpu_ms"]
    ingest = max([s["cpu_ms"] for s in spans if s["stage"] == "ingest"] or [0])
    record_at = max([s["start_ms"] for s in spans if s["stage"] == "record"] or [0])
    after = sum(s["cpu_ms"] for s in spans if s["stage"] == "encode" and s["start_ms"] >= record_at)
    document = sum(s["cpu_ms"] for s in spans if s["stage"] == "document") - after
    return (max(pages.values() or [0]) + ingest + document) / 1000
files = sys.argv[2:]
last = spans_of(files[-1])
for s in last:
    where = s.get("document", "") + (" p%d" % s["page"] if s.get("page") else "")
    print("  %-10s %-14s %8.1f .. %8.1f  cpu %7.1f" % (s["stage"], where, s["start_ms"], s["end_ms"], s["cpu_ms"]))
tesseract_cpu = float(sys.argv[1])
path = statistics.median(critical_cpu(spans_of(f)) for f in files[1:] or files)
print("CPU: tesseract slower page %.3f s; serve's path to the records %.3f s (median); ratio %.2f"
      % (tesseract_cpu, path, path / tesseract_cpu))
PY
