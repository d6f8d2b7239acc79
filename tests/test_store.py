"""The data file: pragmas, transactions, and opening it safely (DESIGN.md §2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop.store import migrate
from desktop.store.engine import Store, database_path
from desktop.store.errors import DatabaseTooNewError, MigrationFailedError, StoreError
from desktop.store.migrate import HEAD_REVISION, open_store
from desktop.store.models import LocalSetting
from desktop.store.raw import OperationalError
from tests.conftest import connect_data_file

OLDER_REVISION = "0000_older"  # a pretend earlier release, for the upgrade-failure path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stamp(path: Path, revision: str) -> None:
    connection = connect_data_file(path)
    try:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()
    finally:
        connection.close()


def _revision(path: Path) -> str:
    connection = connect_data_file(path)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def _closed_store_file(data_dir: Path, **settings: str) -> Path:
    """A data file at the code's schema holding ``settings``, with every connection closed."""
    store = open_store(data_dir)
    try:
        with store.write() as session:
            session.add_all(LocalSetting(key=key, value=value) for key, value in settings.items())
    finally:
        store.dispose()
    return database_path(data_dir)


def _pragmas(store: Store, *, write: bool) -> dict[str, object]:
    names = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    unit = store.write() if write else store.read()
    with unit as session:
        return {name: session.execute(text(f"PRAGMA {name}")).scalar_one() for name in names}


@pytest.mark.parametrize("write", [True, False], ids=["write", "read"])
def test_every_connection_gets_the_pragmas(store: Store, write: bool) -> None:
    pragmas = _pragmas(store, write=write)
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["synchronous"] == 2  # FULL: a committed referral survives a power cut
    assert pragmas["foreign_keys"] == 1
    assert isinstance(pragmas["busy_timeout"], int)
    assert pragmas["busy_timeout"] > 0


def _other_writer_can_begin(path: Path) -> bool:
    other = connect_data_file(path, pragmas=True)
    other.execute("PRAGMA busy_timeout=0")
    try:
        other.execute("BEGIN IMMEDIATE")
    except OperationalError as error:
        assert "locked" in str(error)
        return False
    else:
        other.execute("ROLLBACK")
        return True
    finally:
        other.close()


def test_a_write_unit_takes_the_write_lock_before_its_first_read(store: Store) -> None:
    # A deferred transaction would take the lock only at its first write, and two writers that
    # both read first could then deadlock on the upgrade; BEGIN IMMEDIATE takes it at once.
    with store.write() as session:
        session.execute(text("SELECT 1")).one()
        assert not _other_writer_can_begin(store.path)
    assert _other_writer_can_begin(store.path)


def test_a_read_unit_never_blocks_a_writer(store: Store) -> None:
    with store.read() as session:
        session.scalars(select(LocalSetting)).all()
        assert _other_writer_can_begin(store.path)


def test_a_failing_unit_of_work_changes_nothing(store: Store) -> None:
    with store.write() as session:
        session.add(LocalSetting(key="kept", value="1"))

    with pytest.raises(RuntimeError), store.write() as session:
        session.add(LocalSetting(key="first", value="1"))
        session.flush()
        session.add(LocalSetting(key="second", value="2"))
        session.flush()
        raise RuntimeError("something went wrong halfway")

    with store.read() as session:
        assert session.scalars(select(LocalSetting.key)).all() == ["kept"]


def test_a_read_unit_never_commits(store: Store) -> None:
    with store.read() as session:
        session.add(LocalSetting(key="stray", value="1"))
        session.flush()
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(LocalSetting)) == 0


def test_opening_creates_the_data_folder_and_a_current_file(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "data"
    store = open_store(data_dir)
    store.dispose()
    assert data_dir.is_dir()
    assert _revision(database_path(data_dir)) == HEAD_REVISION


def test_opening_without_create_refuses_a_missing_folder_or_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="non esiste"):
        open_store(tmp_path / "missing", create=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="non c'è un archivio"):
        open_store(tmp_path / "empty", create=False)


def test_reopening_a_current_file_makes_no_backup(data_dir: Path) -> None:
    _closed_store_file(data_dir)
    open_store(data_dir).dispose()
    assert not (data_dir / "backups").exists()


def test_a_garbage_file_is_refused_in_italian_and_left_alone(data_dir: Path) -> None:
    data_dir.mkdir()
    path = database_path(data_dir)
    path.write_bytes(b"certainly not a database\n" * 200)
    before = _sha256(path)
    with pytest.raises(StoreError, match="non è un archivio di Trama") as raised:
        open_store(data_dir)
    assert not isinstance(raised.value, DatabaseTooNewError)
    assert _sha256(path) == before


def test_a_foreign_sqlite_file_is_refused_and_left_alone(data_dir: Path) -> None:
    # Another program's database put in the folder by mistake: refusing it is the only safe
    # answer; migrating into it, or deleting it when the migration fails, loses someone's data.
    data_dir.mkdir()
    path = database_path(data_dir)
    connection = connect_data_file(path)
    connection.execute("CREATE TABLE person (name TEXT)")
    connection.execute("INSERT INTO person VALUES ('not ours')")
    connection.commit()
    connection.close()
    before = _sha256(path)
    with pytest.raises(StoreError, match="non è un archivio di Trama"):
        open_store(data_dir)
    assert path.exists()
    assert _sha256(path) == before


def test_a_file_from_a_newer_trama_is_refused_untouched(data_dir: Path) -> None:
    path = _closed_store_file(data_dir, site="AMB-VA")
    _stamp(path, "9999_from_the_future")
    before = _sha256(path)
    with pytest.raises(DatabaseTooNewError, match="versione più recente di Trama"):
        open_store(data_dir)
    assert _sha256(path) == before
    assert not (data_dir / "backups").exists()


def test_a_failed_upgrade_puts_the_backup_back(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _closed_store_file(data_dir, site="AMB-VA", operator="mrossi")
    _stamp(path, OLDER_REVISION)
    monkeypatch.setattr(migrate, "SCHEMA_REVISIONS", (OLDER_REVISION, HEAD_REVISION))

    def broken_upgrade(target: Path, _key: object) -> None:
        # Half of a migration that then fails: data already changed when the error comes.
        connection = connect_data_file(target)
        connection.execute("DELETE FROM local_setting")
        connection.execute("UPDATE alembic_version SET version_num = ?", (HEAD_REVISION,))
        connection.commit()
        connection.close()
        raise RuntimeError("migration step failed")

    monkeypatch.setattr(migrate, "_run_alembic_upgrade", broken_upgrade)

    with pytest.raises(MigrationFailedError, match="ripristinati") as raised:
        open_store(data_dir)
    assert "migration step failed" in str(raised.value)

    backups = list((data_dir / "backups").glob("*-aggiornamento.trama-backup"))
    assert len(backups) == 1
    assert _revision(backups[0]) == OLDER_REVISION
    assert _revision(path) == OLDER_REVISION
    connection = connect_data_file(path)
    try:
        rows = connection.execute("SELECT key, value FROM local_setting ORDER BY key").fetchall()
    finally:
        connection.close()
    assert rows == [("operator", "mrossi"), ("site", "AMB-VA")]


def test_a_successful_upgrade_keeps_a_backup_of_the_old_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _closed_store_file(data_dir, site="AMB-VA")
    _stamp(path, OLDER_REVISION)
    monkeypatch.setattr(migrate, "SCHEMA_REVISIONS", (OLDER_REVISION, HEAD_REVISION))

    def upgrade(target: Path, _key: object) -> None:
        _stamp(target, HEAD_REVISION)

    monkeypatch.setattr(migrate, "_run_alembic_upgrade", upgrade)

    open_store(data_dir).dispose()

    assert _revision(path) == HEAD_REVISION
    (backup,) = (data_dir / "backups").iterdir()
    assert _revision(backup) == OLDER_REVISION
