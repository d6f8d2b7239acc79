"""The server schema under Alembic: ``trama-server migrate`` upgrades the database of the
previous release (the committed fixture ``tests/fixtures/server-be9bcfe.sqlite``) with its data
intact, builds an empty one, refuses one newer than the code; ``serve`` migrates before it
listens. On SQLite and on PostgreSQL (the fixture's rows are copied into a PostgreSQL database
that has the first release's schema)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, func, inspect, select, text

from desktop.store.migrate import HEAD_REVISION as CLIENT_SCHEMA
from sync.protocol import API_PREFIX, client_headers
from sync.server import migrate
from sync.server.cli import main
from sync.server.db import Device, Record, RecordGrant, ServerBase, ServerDB, ServerSite
from tests.sync.e2e.live import ROOT, free_port, wait_until_serving
from tests.sync.server.support import live_server

FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE = FIXTURES / "server-be9bcfe.sqlite"
FACTS: dict[str, Any] = json.loads((FIXTURES / "server-be9bcfe.json").read_text("utf-8"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _config(connection: Any) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _first_release_database(db_url: str, tmp_path: Path) -> None:
    """``db_url`` as the previous release left it: the fixture itself on SQLite; on PostgreSQL
    the baseline's tables, no ``alembic_version``, and the fixture's rows."""
    if db_url.startswith("sqlite"):
        shutil.copyfile(FIXTURE, db_url.split("///", 1)[1])
        return
    target = create_engine(db_url)
    source = create_engine(f"sqlite:///{FIXTURE}")
    try:
        with target.begin() as connection:
            command.upgrade(_config(connection), migrate.BASELINE_REVISION)
            connection.exec_driver_sql("DROP TABLE alembic_version")
            connection.exec_driver_sql("DELETE FROM revision_counter")  # the fixture has its own
        found, made = MetaData(), MetaData()
        found.reflect(source)
        made.reflect(target)
        with source.connect() as reading, target.begin() as writing:
            for table in found.sorted_tables:
                rows = [dict(row._mapping) for row in reading.execute(select(table))]
                if rows:
                    writing.execute(made.tables[table.name].insert(), rows)
    finally:
        target.dispose()
        source.dispose()


def _schema_differences(db_url: str) -> list[Any]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, ServerBase.metadata))
    finally:
        engine.dispose()


def _revision(db_url: str) -> str | None:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return migrate.current_revision(connection)
    finally:
        engine.dispose()


def test_the_revision_list_is_the_chain_of_scripts() -> None:
    scripts = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
    chain = [script.revision for script in scripts.walk_revisions()][::-1]
    assert tuple(chain) == migrate.SERVER_REVISIONS
    assert scripts.get_current_head() == migrate.HEAD_REVISION


def test_the_fixture_was_made_with_the_first_release(tmp_path: Path) -> None:
    # The first release made its tables with create_all: no alembic_version, and exactly the
    # baseline revision's tables and columns (compared with a database the baseline builds).
    made = f"sqlite:///{tmp_path / 'baseline.sqlite'}"
    engine = create_engine(made)
    try:
        with engine.begin() as connection:
            command.upgrade(_config(connection), migrate.BASELINE_REVISION)
    finally:
        engine.dispose()

    def shape(url: str) -> dict[str, Any]:
        engine = create_engine(url)
        try:
            found = inspect(engine)
            return {
                table: (
                    [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)],
                    found.get_pk_constraint(table)["constrained_columns"],
                    sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(table)),
                    sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
                    [fk["referred_table"] for fk in found.get_foreign_keys(table)],
                )
                for table in found.get_table_names()
                if table != "alembic_version"
            }
        finally:
            engine.dispose()

    assert _revision(f"sqlite:///{FIXTURE}") is None
    assert shape(f"sqlite:///{FIXTURE}") == shape(made)
    assert FIXTURE.stat().st_size < 300_000


def test_migrate_upgrades_the_previous_release_with_its_data(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    _first_release_database(db_url, tmp_path)
    status, out, err = run(capsys, "migrate", "--db", db_url)
    assert status == 0, err
    assert "prima versione" in out and migrate.HEAD_REVISION in out
    assert _revision(db_url) == migrate.HEAD_REVISION
    assert _schema_differences(db_url) == []

    db = ServerDB(db_url)
    try:
        with db.read() as session:
            counts = {
                model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (ServerSite, Device, Record, RecordGrant)
            }
            person = session.get(Record, ("person", FACTS["person"]["id"]))
            revoked = session.get(Device, FACTS["revoked_device"])
            assert person is not None and person.data == FACTS["person"]["data"]
            assert person.owner_site == FACTS["site"]
            assert person.quarantined is False and person.quarantine_reason is None
            assert revoked is not None and revoked.revoked_at is not None
        assert counts == FACTS["counts"]
    finally:
        db.dispose()

    # The office's device token still works, and its pull holds its records.
    with live_server(db_url) as live:
        headers = client_headers("0.1.0", CLIENT_SCHEMA, FACTS["token"])
        answer = httpx.get(f"{live.url}{API_PREFIX}/pull", headers=headers, timeout=30)
        assert answer.status_code == 200, answer.text
        pulled = {(r["table"], r["id"]): r for r in answer.json()["records"]}
        assert pulled[("person", FACTS["person"]["id"])]["data"] == FACTS["person"]["data"]
        assert ("referral", FACTS["referral_id"]) in pulled

    status, out, _ = run(capsys, "migrate", "--db", db_url)
    assert status == 0 and "già aggiornato" in out


def test_migrate_builds_an_empty_database(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    status, out, err = run(capsys, "migrate", "--db", db_url)
    assert status == 0, err
    assert "creato" in out
    assert _revision(db_url) == migrate.HEAD_REVISION
    assert _schema_differences(db_url) == []


def _stamp_future(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    finally:
        engine.dispose()


def test_a_database_newer_than_the_code_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    assert run(capsys, "migrate", "--db", db_url)[0] == 0
    run(capsys, "site", "add", "--kind", "ambito", "--code", "AMB-X", "--name", "X", "--db", db_url)
    _stamp_future(db_url)
    for argv in (["migrate"], ["site", "list"]):
        status, _, err = run(capsys, *argv, "--db", db_url)
        assert status == 1
        assert "versione più recente di trama-server" in err and "9999_future" in err
        assert "Traceback" not in err
    assert _revision(db_url) == "9999_future"


def test_a_database_with_only_some_tables_is_refused(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    engine = create_engine(sqlite_url)
    try:
        ServerBase.metadata.tables["server_site"].create(engine)
    finally:
        engine.dispose()
    status, _, err = run(capsys, "migrate", "--db", sqlite_url)
    assert status == 1 and "solo alcune tabelle" in err


def _serve(db_url: str, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--port", str(port),
         "--workers", "2"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    log.close()
    return process, f"http://127.0.0.1:{port}"


def test_serve_migrates_once_before_the_workers_start(sqlite_url: str, tmp_path: Path) -> None:
    _first_release_database(sqlite_url, tmp_path)
    process, url = _serve(sqlite_url, tmp_path)
    try:
        wait_until_serving(url, process)
        assert _revision(sqlite_url) == migrate.HEAD_REVISION
        headers = client_headers("0.1.0", CLIENT_SCHEMA, FACTS["token"])
        assert httpx.get(f"{url}{API_PREFIX}/digest", headers=headers).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=60)
    output = (tmp_path / "serve.log").read_text("utf-8")
    assert output.count("Database aggiornato") == 1


def test_serve_refuses_a_newer_database_before_listening(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    assert run(capsys, "migrate", "--db", sqlite_url)[0] == 0
    _stamp_future(sqlite_url)
    process, _ = _serve(sqlite_url, tmp_path)
    assert process.wait(timeout=120) == 1
    output = (tmp_path / "serve.log").read_text("utf-8")
    assert "versione più recente" in output
    assert "http://" not in output and "Traceback" not in output
