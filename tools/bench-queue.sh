#!/usr/bin/env bash
# Queue scaling on this machine: pages per minute with 1, 2 and 4 workers against one
# `sohoa run` on the same batch, and the queue's own load per dossier (Redis commands
# from INFO commandstats, PostgreSQL transactions from pg_stat_database).
#   tools/bench-queue.sh [BUILD_DIR]      env: DOSSIERS (6), REPEATS (3), CORES (nproc)
# Workers x jobs stays within CORES: 1 worker --jobs CORES, 2 workers --jobs CORES/2,
# and 4 workers --jobs 1, which oversubscribes a machine of fewer than 4 cores (the
# figure says so). Medians of REPEATS runs. Redis and PostgreSQL run on this machine
# (tests/e2e/queue_services.sh), so their CPU is inside the figures. Redis commands
# include the polls of idle workers waiting for the last dossiers (--drain).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
dossiers="${DOSSIERS:-6}"
repeats="${REPEATS:-3}"
cores="${CORES:-$(nproc)}"
sohoa="$PWD/$build/sohoa"
gen="$PWD/$build/sohoa-gen"
services="$PWD/tests/e2e/queue_services.sh"
for tool in "$sohoa" "$gen"; do
  [ -x "$tool" ] || { echo "bench-queue: build $tool first" >&2; exit 2; }
done

work="$(mktemp -d /tmp/sohoa-bench-queue-XXXXXX)"
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port="$(free_port)"
pg_port="$(free_port)"
cleanup() { "$services" stop "$work/services" || true; rm -rf "$work"; }
trap cleanup EXIT
"$services" start "$work/services" "$redis_port" "$pg_port"
queue="redis://127.0.0.1:$redis_port"
ledger="postgresql://sohoa@127.0.0.1:$pg_port/sohoa"
rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
psql_q() { psql -X -At -d "$ledger" -c "$1"; }

"$gen" --seed 7 --out "$work/gen" --dossiers "$dossiers" --profile mixed --formats png,tiff-g4 >/dev/null
batch="$work/gen/input"
export SOHOA_DETERMINISTIC=1 OMP_THREAD_LIMIT=1

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

# One queue round: W workers drain the batch; prints "seconds redis_cmds_per_dossier
# pg_xacts_per_dossier".
queue_round() {
  local workers=$1 jobs=$2
  rm -rf "$work/out"
  rcli FLUSHALL >/dev/null
  psql_q "DROP TABLE IF EXISTS sohoa_dossiers, sohoa_events" >/dev/null 2>&1
  "$sohoa" enqueue "$batch" --queue "$queue" --quiet
  rcli CONFIG RESETSTAT >/dev/null
  local xact0 xact1 t0 t1 cmds done_rows pids=()
  xact0=$(psql_q "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'sohoa'")
  t0=$(now)
  for w in $(seq "$workers"); do
    "$sohoa" worker --queue "$queue" --ledger "$ledger" --out "$work/out" --name "w$w" \
      --jobs "$jobs" --drain --quiet --claim-after 600 & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  t1=$(now)
  sleep 1  # PostgreSQL flushes backend statistics at most once a second
  xact1=$(psql_q "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'sohoa'")
  # Commands the workers sent (CONFIG RESETSTAT and INFO themselves aside).
  cmds=$(rcli INFO commandstats | tr -d '\r' |
         awk -F'[=:,]' '/^cmdstat_/ && $1 !~ /cmdstat_(config|info)$/ {s += $3} END {print s+0}')
  done_rows=$(psql_q "SELECT count(*) FROM sohoa_dossiers WHERE state = 'done'")
  [ "$done_rows" = "$dossiers" ] || echo "bench-queue: only $done_rows of $dossiers dossiers done" >&2
  # Minus the two statistics reads of this function.
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "$cmds / $dossiers" | bc -l) $(echo "($xact1 - $xact0 - 2) / $dossiers" | bc -l)"
}

# The rounds interleave (run, 1, 2, 4 workers, then again) so that the load of
# other processes on this machine weighs on every configuration alike.
declare -A seconds redis_per pg_per
for _ in $(seq "$repeats"); do
  rm -rf "$work/out"
  t0=$(now); "$sohoa" run "$batch" --out "$work/out" --jobs "$cores" --quiet || true; t1=$(now)
  seconds[run]+="$(echo "$t1 - $t0" | bc -l) "
  pages=$(python3 -c "import json; print(json.load(open('$work/out/batch-report.json'))['totals']['pages'])")
  for workers in 1 2 4; do
    jobs=$(( cores / workers )); [ "$jobs" -ge 1 ] || jobs=1
    read -r t r p < <(queue_round "$workers" "$jobs")
    seconds[$workers]+="$t "; redis_per[$workers]+="$r "; pg_per[$workers]+="$p "
  done
done
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
base=$(med "${seconds[run]}")
printf 'batch: %d dossiers, %d pages, %d cores; medians of %d interleaved rounds\n' "$dossiers" "$pages" "$cores" "$repeats"
printf '%-28s %8.1f s %8.1f pages/min\n' "run --jobs $cores" "$base" "$(echo "$pages * 60 / $base" | bc -l)"
for workers in 1 2 4; do
  jobs=$(( cores / workers )); [ "$jobs" -ge 1 ] || jobs=1
  note=""; [ $(( workers * jobs )) -gt "$cores" ] && note=" (oversubscribed: $((workers * jobs)) threads on $cores cores)"
  t=$(med "${seconds[$workers]}")
  printf '%-28s %8.1f s %8.1f pages/min  x%.2f of run  %6.1f Redis cmds/dossier  %4.1f PG xacts/dossier%s\n' \
    "$workers worker(s) x --jobs $jobs" "$t" "$(echo "$pages * 60 / $t" | bc -l)" "$(echo "$base / $t" | bc -l)" \
    "$(med "${redis_per[$workers]}")" "$(med "${pg_per[$workers]}")" "$note"
done
