"""schemathesis against the server's OpenAPI document: no failures, bounded in time."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.guard import RequestLimits
from tests.sync.server.support import PROVINCE, SOMMA, Device, Live, live_server, make_world

CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture
def served(db_url: str) -> Iterator[Live]:
    # The API pages are off unless asked for (trama-server serve --docs): ask, to get the schema.
    # Rate limits out of reach, or most enrollments would be answered 429 and never fuzzed.
    unlimited = RequestLimits(enroll_failures="100000/minute", auth_failures="100000/minute")
    with live_server(db_url, docs=True, limits=unlimited) as live:
        make_world(live.db)
        yield live


def _schemathesis(
    live: Live, token: str, *extra: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-c", "from schemathesis.cli import schemathesis; schemathesis()",
        "--config-file", str(CONFIG), "run", f"{live.url}/openapi.json",
        "--header", f"Authorization: Bearer {token}", "--seed", "20261127", *extra,
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""},
    )  # fmt: skip


@pytest.mark.slow
def test_schemathesis_finds_no_failures(served: Live, tmp_path: Path) -> None:
    ambito = Device(served, SOMMA)
    province = Device(served, PROVINCE)
    try:
        result = _schemathesis(served, ambito.token, "--exclude-path", "/api/v1/aggregates",
                               cwd=tmp_path)  # fmt: skip
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
        # The aggregates and the monitoring tables belong to the Province's site: fuzz them with
        # its token.
        result = _schemathesis(served, province.token, "--include-path", "/api/v1/aggregates",
                               "--include-path", "/api/v1/monitoring", cwd=tmp_path)  # fmt: skip
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    finally:
        ambito.close()
        province.close()
