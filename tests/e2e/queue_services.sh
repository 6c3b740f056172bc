#!/usr/bin/env bash
# A throwaway Redis and PostgreSQL for the queue tests, on loopback, in a scratch folder.
#   queue_services.sh start DIR REDIS_PORT PG_PORT   (PostgreSQL user and database: sohoa)
#   queue_services.sh stop DIR
# PostgreSQL refuses to run as root: as root its files belong to, and it runs as, nobody.
set -euo pipefail
pg_bin="${SOHOA_PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:?start|stop}"
dir="${2:?scratch folder}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    redis_port="${3:?redis port}"
    pg_port="${4:?postgres port}"
    mkdir -p "$dir/redis" "$dir/pg"
    echo "$redis_port" >"$dir/redis/port"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
      --dir "$dir/redis" --daemonize yes --pidfile "$dir/redis/redis.pid" \
      --logfile "$dir/redis/redis.log"
    if [ "$(id -u)" = 0 ]; then chown nobody "$dir/pg"; fi
    as_postgres "$pg_bin/initdb" -D "$dir/pg/data" -U sohoa --auth=trust -E UTF8 --no-locale \
      >"$dir/pg/initdb.log" 2>&1
    # fsync off: a test database, thrown away afterwards.
    as_postgres "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories='' -c fsync=off" \
      start >/dev/null
    as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U sohoa sohoa
    for _ in $(seq 100); do
      if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then exit 0; fi
      sleep 0.1
    done
    echo "queue_services: redis-server did not answer" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/redis/port" ]; then
      redis-cli -h 127.0.0.1 -p "$(cat "$dir/redis/port")" shutdown nosave >/dev/null 2>&1 || true
    fi
    if [ -d "$dir/pg/data" ]; then
      as_postgres "$pg_bin/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: queue_services.sh start DIR REDIS_PORT PG_PORT | stop DIR" >&2
    exit 2
    ;;
esac
