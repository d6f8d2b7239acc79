"""End-to-end: office PCs (data folders with the real client engine) and a real server process.

The server is ``trama-server serve`` started as a child process on a free port of 127.0.0.1,
with the demo configuration of ``trama-server init-demo``: once per run and database kind
(SQLite always; PostgreSQL too when TRAMA_TEST_POSTGRES_URL is set, in a database of its own).
Tests share it, so each one works with its own sites or checks only its own records.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.sync.e2e.live import LiveServer, Office, running_server

POSTGRES_ENV = "TRAMA_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str | None]:
    """A database of our own on the test PostgreSQL server (the server's tests empty theirs)."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        yield None
        return
    name = f"trama_e2e_{uuid.uuid4().hex[:10]}"
    maintenance = make_url(url).set(database="postgres")
    engine = create_engine(maintenance, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_database: str | None,
) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp(f"server-{request.param}")
    if request.param == "sqlite":
        db_url = f"sqlite:///{folder / 'server.sqlite'}"
    elif postgres_database is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    else:
        db_url = postgres_database
    with running_server(db_url, folder) as live:
        yield live


@pytest.fixture
def office(tmp_path: Path, server: LiveServer) -> Iterator[Callable[[str], Office]]:
    """A factory of offices enrolled for a site: ``office("AMB-SOMMA")``."""
    opened: list[Office] = []

    def make(site: str) -> Office:
        made = Office(tmp_path / f"pc{len(opened) + 1}-{site.lower()}", server).enroll(site)
        opened.append(made)
        return made

    yield make
    for made in opened:
        made.close()
