#!/usr/bin/env bash
# The project's whole check, as the README's quick start and CI (.ci/run) run it:
# set up (installer/dev-setup.sh), then ruff, mypy and pytest. Every step runs even when an
# earlier one fails, so one run shows every problem; the exit status is non-zero if any failed.
#
#   bash tests/run.sh                 everything
#   bash tests/run.sh -m "not gui"    extra arguments go to pytest
#
# Benchmarks (tests/bench) are not tests: they run on their own, never here.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash installer/dev-setup.sh

# No screen here: Qt draws offscreen (tests/conftest.py sets the same for a bare `pytest`).
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1

# ---------------------------------------------------------------------------------------------
# Services the tests need. The PostgreSQL server for the sync server's tests will be started
# here (later issue), and stopped by a trap on EXIT.
# ---------------------------------------------------------------------------------------------

failed=()

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
        .venv/bin/pytest -p no:cacheprovider --ignore=tests/bench "$@" || status=$?
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
