#!/usr/bin/env bash
# Counter latency: a 2-page dossier uploaded to a warm `sohoa serve` against plain
# Tesseract on the same pages, both limited to one OpenMP thread per engine.
#
# usage: tools/bench-serve.sh [--seed N] [--runs N] [--build DIR] [--work DIR]
# Prints medians of N runs: Tesseract's time for the slower of the two pages, the
# time from upload to the records (GET .../dossiers/{id}?wait=records answers with
# them), their ratio (target: at most 1.2), and the time the signed PDF takes on
# top (POST .../sign at once, which waits for the PDFs, and the PDF downloaded;
# target: at most 0.2 s). Then the last dossier's spans.
set -euo pipefail

seed=5
runs=5
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
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

# Plain Tesseract, each page alone, the slower page's median.
slowest=0
for page in "${pages[@]}"; do
  for _ in $(seq "$runs"); do
    t0=$(now); tesseract "$page" "$work/tess" -l vie txt >/dev/null 2>&1; t1=$(now)
    echo "$t1 - $t0" | bc -l
  done | median > "$work/page.median"
  m=$(cat "$work/page.median")
  echo "tesseract $(basename "$page"): median ${m}s"
  slowest=$(echo "if ($m > $slowest) $m else $slowest" | bc -l)
done

bash "$root/tests/unit/pdfsign/pki/make-test-pki.sh" "$work/pki" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SOHOA_PRIORITY_LOCK="$work/priority.lock" "$sohoa" serve --data "$work/data" \
  --listen "127.0.0.1:$port" --jobs 2 --quiet \
  --sign-cert "$work/pki/signer-rsa.pem" --sign-key "$work/pki/signer-rsa.key" 2>"$work/serve.log" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

# No interpreter on the timed path: the id is cut from the answer with sed, and
# the status is read with one long poll (the server answers the moment the
# records are shown) instead of a sleep loop.
upload() {
  curl -sf -F "page=@${pages[0]}" -F "page=@${pages[1]}" \
    -F "dossier.json=@$work/dossier.json;filename=dossier.json" "$base/api/dossiers" |
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
wait_for() { # id records|done
  while :; do
    curl -sf "$base/api/dossiers/$1?wait=$2&timeout=25" > "$work/status.json"
    case "$2:$(grep -o '"status":"[a-z]*"' "$work/status.json" | head -1)" in
      *'"failed"') echo "bench-serve: dossier $1 failed" >&2; exit 1 ;;
      *'"done"') return 0 ;;
      records:*) grep -q '"records_ready":true' "$work/status.json" && return 0 ;;
    esac
  done
}

wait_for "$(upload)" done   # warm-up: the first dossier pays for lazy initialisation
: > "$work/records.times"; : > "$work/sign.times"
for _ in $(seq "$runs"); do
  t0=$(now); id=$(upload); wait_for "$id" records; t1=$(now)
  # The clerk accepts at once: sign waits for the PDFs still being written.
  curl -sf -X POST -d '' "$base/api/dossiers/$id/sign?force=1" >/dev/null
  curl -sf -o "$work/signed.pdf" "$base/api/dossiers/$id/documents/to-khai.pdf"; t2=$(now)
  echo "$t1 - $t0" | bc -l >> "$work/records.times"
  echo "$t2 - $t1" | bc -l >> "$work/sign.times"
done
# Where the last dossier's time went: the pipeline's spans (ms from its start)
# and the server's steps around them, from its manifest.
python3 - "$work/data/$id/manifest.json" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["events"]
for e in events:
    if e["event"] == "upload":
        print("upload: staged in %.1f ms, queued %.1f ms" % (e.get("staged_ms", 0), e.get("queued_ms", 0)))
    if e["event"] == "sign":
        print("sign: waited %.1f ms for the PDFs, signed in %.1f ms" % (e.get("waited_ms", 0), e.get("signing_ms", 0)))
    if e["event"] == "digitized":
        print("pipeline spans (start-end ms, cpu ms):")
        for s in e["timings"]:
            where = s.get("document", "") + (":p%d" % s["page"] if "page" in s else "")
            print("  %-10s %-14s %8.1f-%8.1f  cpu %7.1f" % (s["stage"], where, s["start_ms"], s["end_ms"], s["cpu_ms"]))
PY
records=$(median < "$work/records.times")
signing=$(median < "$work/sign.times")
printf 'tesseract, slower page (median of %d):      %.3f s\n' "$runs" "$slowest"
printf 'serve, upload to records (median of %d):    %.3f s\n' "$runs" "$records"
printf 'ratio records / tesseract:                 %.2f (target <= 1.20)\n' \
  "$(echo "$records / $slowest" | bc -l)"
printf 'signed PDF on top of records (median of %d): %.3f s (target <= 0.20)\n' "$runs" "$signing"
