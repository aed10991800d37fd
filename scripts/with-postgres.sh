#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server, for the tests of the PostgreSQL store
# backend: installs Debian's postgresql package when the machine has none, creates a cluster
# in a temporary folder, starts it on a free local port, exports PREVIOUSLY_TEST_PG_URL, runs
# the command, then stops the server and removes the cluster.
#   scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  echo "with-postgres: PostgreSQL is not installed; installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi

dir=$(mktemp -d /tmp/previously-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# initdb and postgres refuse to run as root; the Debian package creates a `postgres` user.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U previously --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U previously previously_test

export PREVIOUSLY_TEST_PG_URL="postgres://previously@127.0.0.1:$port/previously_test"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $PREVIOUSLY_TEST_PG_URL" >&2
"$@"
