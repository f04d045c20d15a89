# Sourced by ./test: starts a private PostgreSQL cluster on 127.0.0.1 from Debian's packages and exports
# COLLECTIQ_TEST_POSTGRES. The cluster lives under /tmp and is stopped when the shell exits.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_port=${COLLECTIQ_PG_PORT:-55432}
pg_dir=/tmp/collectiq-pg-$pg_port
if [ -z "$pg_bin" ]; then echo "PostgreSQL binaries not found" >&2; return 1; fi
if ! "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q 2>/dev/null; then
  rm -rf "$pg_dir"; mkdir -p "$pg_dir"; chown postgres:postgres "$pg_dir"
  su postgres -s /bin/sh -c "$pg_bin/initdb -D $pg_dir/data -A trust -U postgres >/dev/null"
  su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $pg_dir/data -o '-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off' -l $pg_dir/log -w start >/dev/null"
  trap 'su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $pg_dir/data -m fast stop >/dev/null" || true' EXIT
fi
export COLLECTIQ_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"
