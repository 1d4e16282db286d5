#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store and service tests.
#
#   eval "$(bash .ci/postgres.sh start)"   # prints the exports (WARGAME_TEST_POSTGRES_URL, DATABASE_URL)
#   python -m pytest tests/store tests/service
#   bash .ci/postgres.sh stop              # stops the server and deletes the cluster
#
# `start` installs the server from Debian's packages when no initdb is found (needs root or sudo),
# creates a cluster in a temporary directory owned by the `postgres` user (initdb refuses root),
# starts it on 127.0.0.1 on a free port with trust authentication and no fsync (it is thrown away),
# creates the database `wargame_test`, and prints the exports on stdout (progress goes to stderr).
# The exports are also written to "$STATE_DIR/env". Set WARGAME_PG_STATE to run several at once.
set -euo pipefail

STATE_FILE="${WARGAME_PG_STATE:-${TMPDIR:-/tmp}/wargame-ci-postgres.state}"
DB_NAME="wargame_test"

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

find_bindir() {
    local initdb
    if initdb="$(command -v initdb 2>/dev/null)"; then
        dirname "$(readlink -f "$initdb")"
        return 0
    fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root (or sudo) to run: $*"
    fi
}

install_server() {
    say "no initdb found: installing PostgreSQL from the Debian packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# Run a server binary as the cluster's owner: `postgres` when we are root, else ourselves.
run_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
        else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

start() {
    [ -f "$STATE_FILE" ] && die "already started ($STATE_FILE exists); run: bash $0 stop"
    local bindir
    bindir="$(find_bindir || true)"
    if [ -z "$bindir" ]; then
        install_server
        bindir="$(find_bindir || true)"
        [ -n "$bindir" ] || die "PostgreSQL was installed but initdb is still not found"
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        say "creating the postgres user"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres
    fi

    local dir port
    dir="$(mktemp -d "${TMPDIR:-/tmp}/wargame-pg.XXXXXX")"
    chmod 700 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port="$(free_port)"

    say "initdb in $dir (PostgreSQL binaries in $bindir)"
    run_as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    run_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >&2 || { cat "$dir/server.log" >&2; die "the server did not start"; }
    run_as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"

    local url="postgresql+psycopg://postgres@127.0.0.1:$port/$DB_NAME"
    {
        echo "PG_DIR=$dir"
        echo "PG_BINDIR=$bindir"
        echo "PG_URL=$url"
    } >"$STATE_FILE"
    {
        echo "export WARGAME_TEST_POSTGRES_URL=$url"
        echo "export DATABASE_URL=$url"
    } | tee "$dir/env"
    say "PostgreSQL is up on 127.0.0.1:$port (stop it with: bash $0 stop)"
}

stop() {
    [ -f "$STATE_FILE" ] || { say "not started (no $STATE_FILE)"; return 0; }
    # shellcheck disable=SC1090
    . "$STATE_FILE"
    run_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >&2 || say "pg_ctl stop failed"
    rm -rf "$PG_DIR" "$STATE_FILE"
    say "stopped and removed $PG_DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) [ -f "$STATE_FILE" ] && . "$STATE_FILE" && echo "$PG_URL" ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
