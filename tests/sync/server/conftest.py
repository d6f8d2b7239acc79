"""The server's tests run on SQLite, and also on PostgreSQL when TRAMA_TEST_POSTGRES_URL is set
(tests/run.sh starts a throwaway PostgreSQL server and always sets it)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.sync.server.support import Live, empty_database, live_server, make_world

POSTGRES_ENV = "TRAMA_TEST_POSTGRES_URL"


@functools.cache
def postgres_url() -> str | None:
    """The test PostgreSQL database these tests empty between them; under pytest-xdist, one per
    worker process (``trama_test_gw0``…), made on first use, so parallel workers never empty
    each other's tables."""
    url = os.environ.get(POSTGRES_ENV) or None
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if url is None or not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty server database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite'}"
        return
    url = postgres_url()
    if url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    empty_database(url)
    yield url
    empty_database(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite'}"


@pytest.fixture
def live(db_url: str) -> Iterator[Live]:
    """A live server with two Ambiti, two CPIs and the Province."""
    with live_server(db_url) as server:
        make_world(server.db)
        yield server
