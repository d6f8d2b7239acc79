"""Schema migrations: every released revision upgrades with its data, and the ladder is whole.

The fixtures in tests/fixtures are made by tests/fixtures/make_fixture.py, once per revision,
with the code of that revision (DESIGN.md §2).
"""

from __future__ import annotations

import ast
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from desktop.store.engine import Store, database_path
from desktop.store.migrate import HEAD_REVISION, MIGRATIONS_DIR, SCHEMA_REVISIONS, open_store
from desktop.store.models import Base, Meeting, Person, Project, Referral, ReferralHandling
from sync.protocol import BOOKKEEPING_COLUMNS, SYNCED_TABLES
from sync.protocol.audit import ChainProblem, chain_problems
from tests.conftest import connect_data_file

FIXTURES_DIR = Path(__file__).parent / "fixtures"
FIXTURE_PREFIX = "schema-"
# The FTS5 search index is made by hand in 0001_initial, not by the ORM: its virtual table and
# the shadow tables SQLite keeps for it are not in the metadata on purpose.
SEARCH_INDEX_PREFIX = "referral_search"


def _fixture_files() -> list[Path]:
    return sorted(FIXTURES_DIR.glob(f"{FIXTURE_PREFIX}*.sqlite"))


def _fixture_revision(path: Path) -> str:
    return path.stem.removeprefix(FIXTURE_PREFIX)


def _table_counts(path: Path) -> dict[str, int]:
    connection = connect_data_file(path)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if name != "alembic_version" and not name.startswith(SEARCH_INDEX_PREFIX)
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }
    finally:
        connection.close()


def _stored_revision(path: Path) -> str:
    connection = connect_data_file(path)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def _assigned_strings(source: str) -> dict[str, str | None]:
    """``revision`` and ``down_revision`` as assigned at a migration script's top level."""
    values: dict[str, str | None] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            target, value = node.targets[0].id, node.value
        else:
            continue
        if target in ("revision", "down_revision") and isinstance(value, ast.Constant):
            values[target] = value.value
    return values


def _revision_chain() -> list[str]:
    parents: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        if script.name == "__init__.py":
            continue
        values = _assigned_strings(script.read_text(encoding="utf-8"))
        assert "revision" in values, f"{script.name} assigns no revision"
        assert "down_revision" in values, f"{script.name} assigns no down_revision"
        revision = values["revision"]
        assert isinstance(revision, str)
        assert revision not in parents, f"revision {revision} appears twice"
        parents[revision] = values["down_revision"]
    children: dict[str | None, list[str]] = {}
    for revision, parent in parents.items():
        children.setdefault(parent, []).append(revision)
    assert all(len(kids) == 1 for kids in children.values()), f"branched history: {children}"
    chain: list[str] = []
    parent: str | None = None
    while parent in children:
        parent = children[parent][0]
        chain.append(parent)
    assert len(chain) == len(parents), f"revisions not reachable from the first: {parents}"
    return chain


def test_schema_revisions_list_the_migration_scripts_in_order() -> None:
    assert tuple(_revision_chain()) == SCHEMA_REVISIONS
    assert SCHEMA_REVISIONS[-1] == HEAD_REVISION


def test_every_released_revision_has_a_fixture_database() -> None:
    fixture_revisions = [_fixture_revision(path) for path in _fixture_files()]
    missing = [revision for revision in SCHEMA_REVISIONS if revision not in fixture_revisions]
    assert not missing, (
        f"no fixture database for {missing}: run tests/fixtures/make_fixture.py "
        "(its docstring says how)"
    )
    unknown = [revision for revision in fixture_revisions if revision not in SCHEMA_REVISIONS]
    assert not unknown, f"fixture databases for revisions the code does not know: {unknown}"


@pytest.mark.parametrize("fixture", _fixture_files(), ids=_fixture_revision)
def test_a_fixture_database_upgrades_with_its_rows_intact(fixture: Path, data_dir: Path) -> None:
    assert _stored_revision(fixture) == _fixture_revision(fixture)
    data_dir.mkdir()
    path = database_path(data_dir)
    shutil.copyfile(fixture, path)
    counts_before = _table_counts(path)

    store = open_store(data_dir)
    try:
        _check_canary_rows(store)
    finally:
        store.dispose()

    assert _stored_revision(path) == HEAD_REVISION
    counts_after = _table_counts(path)
    # 0006 names the audit chain of the rows written before it in a setting of its own.
    chained_already = SCHEMA_REVISIONS.index(_fixture_revision(fixture)) >= (
        SCHEMA_REVISIONS.index("0006_accountability")
    )
    if "audit_entry" in counts_before and not chained_already:
        counts_before["local_setting"] += 1
    assert {name: counts_after.get(name) for name in counts_before} == counts_before
    connection = connect_data_file(path)
    try:
        # The audit rows of older releases are chained in the order they were written.
        assert verify_audit_rows(connection) == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        matches = connection.execute(
            "SELECT r.number FROM referral_search s JOIN referral r ON r.rowid = s.rowid "
            "WHERE referral_search MATCH ?",
            ('"FXTGLI90"',),
        ).fetchall()
        assert matches == [("2026/000001",)]
    finally:
        connection.close()


def verify_audit_rows(connection: Any) -> list[ChainProblem]:
    columns = (
        "id, chain_id, seq, at, operator, workstation, site, action, entity, entity_id, "
        "details, prev_hash, hash"
    )
    rows = connection.execute(f"SELECT {columns} FROM audit_entry ORDER BY seq").fetchall()
    assert rows, "every fixture has an audit row"
    names = [name.strip() for name in columns.split(",")]
    records = []
    for values in rows:
        record = dict(zip(names, values, strict=True))
        record["at"] = datetime.fromisoformat(record["at"])
        records.append(record)
    return chain_problems(records)


def _check_canary_rows(store: Store) -> None:
    """The rows make_fixture.py writes into every fixture, read through today's models."""
    with store.read() as session:
        giulia = session.get(Person, "00000000-0000-4000-8000-000000000010")
        assert giulia is not None
        assert (giulia.last_name, giulia.first_name) == ("Fixture", "Giulia")
        assert giulia.fiscal_code == "FXTGLI90B68L682X"

        referrals = session.scalars(select(Referral).order_by(Referral.number)).all()
        assert [(r.number, r.track.value, r.status.value) for r in referrals] == [
            ("2026/000001", "neet", "taken_in_charge"),
            ("2026/000002", "cmd", "draft"),
        ]
        assert referrals[0].needs == ["orientation"]
        assert referrals[0].status_changed_at.tzinfo is not None
        assert referrals[1].disability_percentage == 67

        handling = session.scalars(select(ReferralHandling)).one()
        assert handling.referral_id == referrals[0].id
        assert handling.outcome is not None
        assert handling.outcome.value == "training_completed"

        project = session.scalars(select(Project)).one()
        meeting = session.scalars(select(Meeting)).one()
        assert project.title == "Progetto Fixture"
        assert meeting.project_id == project.id


def test_migrations_build_exactly_the_orm_schema(store: Store) -> None:
    def include_name(name: str | None, type_: str, _parent: Any) -> bool:
        return not (type_ == "table" and (name or "").startswith(SEARCH_INDEX_PREFIX))

    with store.writer.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": include_name},
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_synced_tables_merge_base_trigger_copies_all_its_columns(store: Store) -> None:
    # 0003's triggers name a row's columns one by one when they copy it as the base of a merge:
    # a migration adding a column to a synced table must create its table's trigger again, or
    # the column is missing from the base and every row changed here looks changed in it too.
    with store.writer.connect() as connection:
        triggers = dict(
            connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'sync_base_%'"
            ).all()
        )
        missing = {}
        for table in SYNCED_TABLES:
            sql = triggers.get(f"sync_base_{table}", "")
            columns = [
                row[1]
                for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')
                if row[1] not in BOOKKEEPING_COLUMNS
            ]
            if absent := [name for name in columns if f"'{name}', old.\"{name}\"" not in sql]:
                missing[table] = absent
    assert missing == {}
