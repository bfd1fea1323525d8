#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests, on a free loopback port:
#   pg-cluster.sh start DIR   initdb into DIR/data, start it, write its URL to DIR/url
#   pg-cluster.sh stop DIR    stop it and remove DIR
# initdb refuses to run as root: as root, the cluster is made and run by the postgres user.
# fsync is off for the tests (a throwaway cluster); AVQA_PG_FSYNC=on for benchmarks.
set -euo pipefail
action=$1
dir=$2
bin=/usr/lib/postgresql/15/bin
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi

case "$action" in
  start)
    if [ ! -x "$bin/initdb" ]; then
      echo "pg-cluster: $bin/initdb not found (install the postgresql package)" >&2
      exit 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U avqa_test -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # One role logs in with a password (the wrong-password test); every other role is trusted.
    "${run_as[@]}" sed -i '1i host all avqa_password_role 127.0.0.1/32 scram-sha-256' "$dir/data/pg_hba.conf"
    "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${AVQA_PG_FSYNC:-off}" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U avqa_test avqa_test
    echo "postgresql://avqa_test@127.0.0.1:$port/avqa_test" >"$dir/url"
    chmod a+r "$dir/url"
    ;;
  stop)
    if [ -d "$dir/data" ]; then "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
