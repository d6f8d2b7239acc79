#!/usr/bin/env bash
# The project's whole check, as the README's quick start and CI (.ci/run) run it:
# set up (installer/dev-setup.sh), then ruff, mypy and pytest. Every step runs even when an
# earlier one fails, so one run shows every problem; the exit status is non-zero if any failed.
#
#   bash tests/run.sh                 everything
#   bash tests/run.sh -m "not gui"    extra arguments go to pytest
#   TRAMA_TEST_WORKERS=0 bash tests/run.sh   in one process (default: one worker per core)
#
# Benchmarks (tests/bench) are not tests: they run on their own, never here.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash installer/dev-setup.sh

# No screen here: Qt draws offscreen (tests/conftest.py sets the same for a bare `pytest`).
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1

# ---------------------------------------------------------------------------------------------
# Services the tests need: a throwaway PostgreSQL server for the sync server's tests, on a free
# port of 127.0.0.1, stopped by a trap on EXIT. The tests read TRAMA_TEST_POSTGRES_URL and skip
# their PostgreSQL cases only when it is unset; a caller that sets it brings its own server.
# ---------------------------------------------------------------------------------------------

failed=()

as_postgres() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

PG_DIR=""
PG_BIN=""

stop_postgres() {
    if [[ -n "$PG_DIR" && -f "$PG_DIR/data/postmaster.pid" ]]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [[ -n "$PG_DIR" ]] && rm -rf "$PG_DIR"
    return 0
}

start_postgres() {
    if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
        if [[ "$(id -u)" != 0 ]]; then
            echo "PostgreSQL is not installed and installing it needs root"
            return 1
        fi
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    PG_DIR="$(mktemp -d /tmp/trama-pg.XXXXXX)"
    trap stop_postgres EXIT
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$PG_DIR"
    fi
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync \
        >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
    # fsync off: the data is thrown away, and the suite runs faster.
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${PG_DIR} -c fsync=off -c max_connections=200" \
        start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
    as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres trama_test || return 1
    export TRAMA_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:${port}/trama_test"
    echo "PostgreSQL for the tests: ${TRAMA_TEST_POSTGRES_URL}"
}

if [[ -z "${TRAMA_TEST_POSTGRES_URL:-}" ]]; then
    echo
    echo "=== postgresql"
    if ! start_postgres; then
        echo "=== postgresql: FAILED (the PostgreSQL cases of the sync tests will be skipped)"
        failed+=("postgresql")
    fi
fi

# The packaging tests compile the WiX source with wixl and read the MSI back with msiinfo
# (Debian packages wixl and msitools); without them those tests skip, so install them here.
if ! command -v wixl >/dev/null || ! command -v msiinfo >/dev/null; then
    if [[ "$(id -u)" == 0 ]]; then
        echo
        echo "=== installing wixl and msitools"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            wixl msitools </dev/null >/dev/null \
            || { apt-get update -qq </dev/null && DEBIAN_FRONTEND=noninteractive \
                 apt-get install -y -qq --no-install-recommends wixl msitools </dev/null >/dev/null; } \
            || failed+=("wixl")
    else
        echo "wixl/msitools missing (sudo apt-get install wixl msitools): the MSI checks will skip"
    fi
fi

step() {
    local name="$1"
    shift
    echo
    echo "=== ${name}"
    local status=0
    "$@" || status=$?
    if [[ "$status" != 0 ]]; then
        echo "=== ${name}: FAILED (exit ${status})"
        failed+=("$name")
    fi
    return 0
}

pytest_step() {
    local status=0
    # A hung test must not eat CI's whole time budget: stop after an hour (SIGINT first, so
    # pytest still prints what it ran).
    timeout --signal=INT --kill-after=60 "${TRAMA_TEST_TIMEOUT:-3600}" \
        .venv/bin/pytest -p no:cacheprovider --ignore=tests/bench \
        -n "${TRAMA_TEST_WORKERS:-auto}" --dist worksteal "$@" || status=$?
    if [[ "$status" == 5 ]]; then
        echo "pytest collected no tests: that is a failure here"
    fi
    return "$status"
}

step ruff .venv/bin/ruff check .
step mypy .venv/bin/mypy
step pytest pytest_step "$@"

echo
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "tests/run.sh: FAILED: ${failed[*]}"
    exit 1
fi
echo "tests/run.sh: all checks passed (ruff, mypy, pytest)"
