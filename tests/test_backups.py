"""Backups that come back (issue 14): taken, pruned, kept private, and restored.

The restore drill of the acceptance list: seed, back up, change, destroy the folder, restore,
and compare every table row by row with the backup; the same with the keyring entry gone and
the recovery key. Around it, every way a restore must refuse and leave the store as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop import config
from desktop.demo.seed import seed_demo
from desktop.store import backups, keys, raw
from desktop.store import restore as restoring
from desktop.store.engine import Store, database_path
from desktop.store.errors import (
    DamagedStoreError,
    DatabaseTooNewError,
    ForeignFileError,
    MissingStoreError,
    WrongKeyError,
)
from desktop.store.migrate import open_store
from sync.client import db as local
from sync.client.digest import LAST_CHECK
from sync.client.restored import prepare_restored_copy
from tests.conftest import TODAY

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
Rows = dict[str, list[tuple[object, ...]]]


@pytest.fixture(autouse=True)
def own_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user configuration file of the test's own (the backup settings are read from it)."""
    path = tmp_path / "user-config" / "trama.conf"
    monkeypatch.setenv(config.USER_CONFIG_ENV, str(path))
    monkeypatch.setenv(config.MACHINE_CONFIG_ENV, str(tmp_path / "no-machine-config"))
    for variable in (config.ENVIRONMENT[config.BACKUP_DIR], config.ENVIRONMENT[config.BACKUP_KEEP]):
        monkeypatch.delenv(variable, raising=False)
    return path


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a little demo data (made once: seeding takes a second or two)."""
    folder = tmp_path_factory.mktemp("seeded") / "data"
    store = open_store(folder)
    try:
        seed_demo(store, referrals=12, seed=3, today=TODAY, processes=1)
    finally:
        store.dispose()
    return folder


@pytest.fixture
def seeded(seeded_template: Path, tmp_path: Path) -> Iterator[tuple[Path, Store]]:
    from tests.conftest import copy_data_folder  # noqa: PLC0415

    folder = tmp_path / "office"
    store = copy_data_folder(seeded_template, folder)
    try:
        yield folder, store
    finally:
        store.dispose()


def every_row(path: Path, key: keys.StoreKey) -> Rows:
    """Every row of every table (the search index's tables too), in a stable order; but the
    audit row a restore adds and the new chain it begins (``restore.record_restore``)."""
    connection = raw.connect(path, key, pragmas=False)
    try:
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        return {
            table: sorted(
                (tuple(row) for row in connection.execute(f'SELECT * FROM "{table}"')), key=repr
            )
            for table in tables
            if table not in ("audit_entry", "local_setting")
        } | {
            "audit_entry": sorted(
                (
                    tuple(row)
                    for row in connection.execute(
                        "SELECT * FROM audit_entry WHERE action != 'restore'"
                    )
                ),
                key=repr,
            ),
            "local_setting": sorted(
                tuple(row)
                for row in connection.execute(
                    "SELECT * FROM local_setting WHERE key != 'audit.chain_id'"
                )
            ),
        }
    finally:
        connection.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def change_something(store: Store) -> None:
    """Work done after the backup: a person renamed, a setting added, a referral deleted."""
    with store.raw_write() as connection:
        connection.execute("UPDATE person SET first_name = 'Rinominata' WHERE rowid IN "
                           "(SELECT rowid FROM person LIMIT 3)")  # fmt: skip
        connection.execute("INSERT INTO local_setting (key, value) VALUES ('dopo.backup', 'x')")


def folder_key(data_dir: Path) -> keys.StoreKey:
    key = keys.load_key(data_dir)
    assert key is not None
    return key


# -- the restore drill ----------------------------------------------------------------------------


def test_restore_drill_with_the_folders_key(seeded: tuple[Path, Store]) -> None:
    data_dir, store = seeded
    key = folder_key(data_dir)
    backup = backups.take_backup(
        database_path(data_dir), key, backups.backup_folder(data_dir), reason=backups.MANUAL
    )
    kept_apart = data_dir.parent / "safe.trama-backup"
    shutil.copyfile(backup.path, kept_apart)  # the folder, backups included, is destroyed
    at_backup = every_row(kept_apart, key)
    assert at_backup["person"] and at_backup["referral"]

    change_something(store)
    assert every_row(database_path(data_dir), key) != at_backup
    store.dispose()
    shutil.rmtree(data_dir)

    restored = restoring.restore_backup(kept_apart, data_dir, key, prepare=prepare_restored_copy)

    assert restored.safety_copy is None and restored.set_aside is None  # nothing was there
    assert not restored.key_changed and not restored.enrolled
    assert not database_path(data_dir).with_name("trama.sqlite-wal").exists()
    assert every_row(database_path(data_dir), key) == at_backup
    reopened = open_store(data_dir, create=False)
    reopened.dispose()
    assert every_row(database_path(data_dir), key) == at_backup
    assert every_row(kept_apart, key) == at_backup  # the backup itself is untouched


def test_restore_drill_with_the_recovery_key_when_the_keyring_entry_is_gone(
    seeded: tuple[Path, Store],
) -> None:
    data_dir, store = seeded
    key = folder_key(data_dir)
    recovery_text = key.recovery_text()
    backup = backups.take_backup(
        database_path(data_dir), key, backups.backup_folder(data_dir), reason=backups.MANUAL
    )
    kept_apart = data_dir.parent / "on-the-share.trama-backup"
    shutil.copyfile(backup.path, kept_apart)
    at_backup = every_row(kept_apart, key)
    change_something(store)
    store.dispose()
    shutil.rmtree(data_dir)
    keys.forget_key(data_dir)  # a new Windows profile: the keyring knows nothing of the folder
    assert keys.load_key(data_dir) is None

    typed = recovery_text.lower().replace("-", " ")  # as a person types it from the sheet
    restored = restoring.restore_backup(
        kept_apart, data_dir, keys.key_from_recovery_text(typed), prepare=prepare_restored_copy
    )

    assert restored.key_changed
    assert keys.load_key(data_dir) == key  # back in the keyring: the app opens it as usual
    assert every_row(database_path(data_dir), key) == at_backup
    open_store(data_dir, create=False).dispose()


def test_a_backup_of_another_folder_opens_with_its_recovery_key_and_becomes_this_folders(
    seeded: tuple[Path, Store], tmp_path: Path
) -> None:
    data_dir, store = seeded
    store.dispose()
    other = tmp_path / "other-office"
    open_store(other).dispose()
    other_key = folder_key(other)
    backup = backups.take_backup(
        database_path(other), other_key, backups.backup_folder(other), reason=backups.MANUAL
    )
    old_key = folder_key(data_dir)
    before = every_row(database_path(data_dir), old_key)

    with pytest.raises(WrongKeyError, match="non apre la copia di sicurezza"):
        restoring.restore_backup(backup.path, data_dir, old_key)
    assert every_row(database_path(data_dir), old_key) == before

    restored = restoring.restore_backup(
        backup.path, data_dir, keys.key_from_recovery_text(other_key.recovery_text())
    )

    assert restored.key_changed and keys.load_key(data_dir) == other_key
    # What was replaced is a backup now, under the folder's new key: it comes back too.
    assert restored.safety_copy is not None
    assert backups.parse_backup(restored.safety_copy).reason == backups.BEFORE_RESTORE  # type: ignore[union-attr]
    assert every_row(restored.safety_copy, other_key) == before


# -- what a restore replaces ---------------------------------------------------------------------


def test_the_store_replaced_is_backed_up_first_with_its_pending_wal(
    seeded: tuple[Path, Store],
) -> None:
    data_dir, store = seeded
    key = folder_key(data_dir)
    backup = backups.take_backup(
        database_path(data_dir), key, backups.backup_folder(data_dir), reason=backups.MANUAL
    )
    at_backup = every_row(backup.path, key)
    # A commit still in the WAL of a connection left open, as a crashed app leaves it.
    holder = raw.connect(database_path(data_dir), key)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("INSERT INTO local_setting (key, value) VALUES ('nel.wal', 'si')")
    latest = every_row(database_path(data_dir), key)
    assert database_path(data_dir).with_name("trama.sqlite-wal").stat().st_size > 0
    holder.close()
    store.dispose()

    restored = restoring.restore_backup(backup.path, data_dir, key)

    assert restored.safety_copy is not None
    assert every_row(restored.safety_copy, key) == latest
    assert every_row(database_path(data_dir), key) == at_backup
    for suffix in ("-wal", "-shm"):
        assert not database_path(data_dir).with_name("trama.sqlite" + suffix).exists()


def test_an_unreadable_store_is_set_aside_not_deleted(seeded: tuple[Path, Store]) -> None:
    data_dir, store = seeded
    key = folder_key(data_dir)
    backup = backups.take_backup(
        database_path(data_dir), key, data_dir.parent / "elsewhere", reason=backups.MANUAL
    )
    store.dispose()
    path = database_path(data_dir)
    with path.open("r+b") as handle:  # 64 kB of garbage in the middle
        handle.seek(path.stat().st_size // 2)
        handle.write(os.urandom(64 * 1024))
    damaged_sha = sha256(path)

    restored = restoring.restore_backup(backup.path, data_dir, key)

    assert restored.safety_copy is None
    assert restored.set_aside is not None and sha256(restored.set_aside) == damaged_sha
    assert every_row(path, key) == every_row(backup.path, key)


def test_a_backup_of_an_older_schema_is_restored_and_upgraded_at_opening(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    key = folder_key(data_dir)
    old = tmp_path / "vecchia.trama-backup"
    fixture = Path(__file__).parent / "fixtures" / "schema-0003_sync_bookkeeping.sqlite"
    backups.copy_database(fixture, old, source_key=None, target_key=key)
    store.dispose()

    restored = restoring.restore_backup(old, data_dir, key, prepare=prepare_restored_copy)

    assert restored.revision == "0003_sync_bookkeeping"
    open_store(data_dir, create=False).dispose()
    reasons = [b.reason for b in backups.list_backups(backups.backup_folder(data_dir))]
    assert sorted(reasons) == [backups.BEFORE_MIGRATION, backups.BEFORE_RESTORE]


def test_an_unreadable_store_set_aside_comes_back_when_the_restore_cannot_finish(
    seeded: tuple[Path, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno  # noqa: PLC0415

    from desktop.store.errors import DiskFullError  # noqa: PLC0415

    data_dir, store = seeded
    key = folder_key(data_dir)
    backup = backups.take_backup(
        database_path(data_dir), key, data_dir.parent / "elsewhere", reason=backups.MANUAL
    )
    store.dispose()
    path = database_path(data_dir)
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        handle.write(os.urandom(64 * 1024))
    damaged_sha = sha256(path)
    keys.forget_key(data_dir)  # and the keyring lost the folder's key too
    real = restoring._remove_side_files

    def full_disk_at_the_last_step(target: Path) -> None:
        if target == path:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target)

    monkeypatch.setattr(restoring, "_remove_side_files", full_disk_at_the_last_step)
    with pytest.raises(DiskFullError):
        restoring.restore_backup(backup.path, data_dir, key)

    assert sha256(path) == damaged_sha
    assert keys.load_key(data_dir) is None  # the key it had: none
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == ["trama.sqlite"]


# -- refusals: the store is left as it was -------------------------------------------------------


@pytest.fixture
def refusing(seeded: tuple[Path, Store]) -> Iterator[tuple[Path, keys.StoreKey, Path, str]]:
    """(data folder, its key, a good backup, the store's SHA-256) with the store closed."""
    data_dir, store = seeded
    key = folder_key(data_dir)
    backup = backups.take_backup(
        database_path(data_dir), key, data_dir.parent / "copies", reason=backups.MANUAL
    )
    store.dispose()
    yield data_dir, key, backup.path, sha256(database_path(data_dir))


def _left_alone(data_dir: Path, expected_sha: str) -> None:
    assert sha256(database_path(data_dir)) == expected_sha
    assert not database_path(data_dir).with_name("trama.sqlite.restoring").exists()
    assert backups.list_backups(backups.backup_folder(data_dir)) == []


def test_a_damaged_backup_is_refused(refusing: tuple[Path, keys.StoreKey, Path, str]) -> None:
    data_dir, key, backup, sha = refusing
    with backup.open("r+b") as handle:
        handle.seek(backup.stat().st_size // 2)
        handle.write(os.urandom(64 * 1024))
    with pytest.raises(DamagedStoreError, match="è danneggiata"):
        restoring.restore_backup(backup, data_dir, key)
    _left_alone(data_dir, sha)


def test_a_backup_cut_short_is_refused(refusing: tuple[Path, keys.StoreKey, Path, str]) -> None:
    data_dir, key, backup, sha = refusing
    with backup.open("r+b") as handle:
        handle.truncate(backup.stat().st_size // 3)
    with pytest.raises(DamagedStoreError, match="è danneggiata"):
        restoring.restore_backup(backup, data_dir, key)
    _left_alone(data_dir, sha)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n" + b"x" * 5000, b"nome;cognome\nMario;Rossi\n", b"", os.urandom(8192)],
    ids=["pdf", "csv", "empty", "random"],
)
def test_a_file_that_is_no_backup_is_refused(
    refusing: tuple[Path, keys.StoreKey, Path, str], tmp_path: Path, content: bytes
) -> None:
    data_dir, key, _backup, sha = refusing
    chosen = tmp_path / "scelto.trama-backup"
    chosen.write_bytes(content)
    with pytest.raises((ForeignFileError, DamagedStoreError, WrongKeyError)) as caught:
        restoring.restore_backup(chosen, data_dir, key)
    assert str(chosen) in str(caught.value)
    _left_alone(data_dir, sha)


def test_a_plain_sqlite_file_of_another_program_is_refused(
    refusing: tuple[Path, keys.StoreKey, Path, str], tmp_path: Path
) -> None:
    data_dir, key, _backup, sha = refusing
    other = tmp_path / "rubrica.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE contatto (nome TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(ForeignFileError, match="non è cifrato"):
        restoring.restore_backup(other, data_dir, key)
    _left_alone(data_dir, sha)


def test_an_encrypted_database_that_is_no_trama_store_is_refused(
    refusing: tuple[Path, keys.StoreKey, Path, str], tmp_path: Path
) -> None:
    data_dir, key, _backup, sha = refusing
    other = tmp_path / "altro.db"
    connection = raw.connect(other, key)
    connection.execute("CREATE TABLE contatto (nome TEXT)")
    connection.close()
    with pytest.raises(ForeignFileError, match="un altro programma"):
        restoring.restore_backup(other, data_dir, key)
    _left_alone(data_dir, sha)


def test_a_backup_of_a_newer_trama_is_refused(
    refusing: tuple[Path, keys.StoreKey, Path, str],
) -> None:
    data_dir, key, backup, sha = refusing
    connection = raw.connect(backup, key)
    connection.execute("UPDATE alembic_version SET version_num = '9999_dal_futuro'")
    connection.close()
    with pytest.raises(DatabaseTooNewError, match="9999_dal_futuro"):
        restoring.restore_backup(backup, data_dir, key)
    _left_alone(data_dir, sha)


def test_a_missing_backup_file_is_refused(
    refusing: tuple[Path, keys.StoreKey, Path, str], tmp_path: Path
) -> None:
    data_dir, key, _backup, sha = refusing
    with pytest.raises(MissingStoreError, match="non esiste"):
        restoring.restore_backup(tmp_path / "nessuno.trama-backup", data_dir, key)
    _left_alone(data_dir, sha)


def test_a_full_disk_while_copying_leaves_the_store_alone(
    refusing: tuple[Path, keys.StoreKey, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno  # noqa: PLC0415

    from desktop.store.errors import DiskFullError  # noqa: PLC0415

    data_dir, key, backup, sha = refusing

    def full(_source: object, target: object, length: int = 0) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full)
    with pytest.raises(DiskFullError, match="pieno"):
        restoring.restore_backup(backup, data_dir, key)
    _left_alone(data_dir, sha)


# -- the restored copy and sync -------------------------------------------------------------------


def test_a_restored_copy_pulls_everything_again_but_stays_enrolled(store: Store) -> None:
    with store.raw_write() as connection:
        for name, value in (
            (local.SERVER_URL, "https://trama.provincia.varese.it"),
            (local.DEVICE_ID, "dispositivo-1"),
            (local.CURSOR, "4812"),
            (local.LOCAL_DIGEST, '{"count": 1, "digest": "x"}'),
            (LAST_CHECK, '{"cursor": 4812, "at": "2026-11-26T08:00:00+00:00"}'),
        ):
            local.set_setting(connection, name, value)
        connection.execute(
            "INSERT INTO sync_batch (batch_id, created_at, body, record_count) "
            "VALUES ('b-1', '2026-11-26 08:00:00', x'00', 1)"
        )
        connection.execute(
            "INSERT INTO sync_batch_item (table_name, record_id, batch_id, row_updated_at) "
            "VALUES ('person', 'p-1', 'b-1', '2026-11-26 08:00:00')"
        )
    connection = store.raw_connection()
    try:
        assert prepare_restored_copy(connection) is True
        assert local.get_cursor(connection) == 0
        assert local.get_setting(connection, local.LOCAL_DIGEST) is None
        assert local.get_setting(connection, LAST_CHECK) is None
        assert local.get_setting(connection, local.DEVICE_ID) == "dispositivo-1"
        assert connection.execute("SELECT count(*) FROM sync_batch").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM sync_batch_item").fetchone()[0] == 0
    finally:
        connection.close()


# -- generations ---------------------------------------------------------------------------------


def _fake_backups(folder: Path, kinds: list[str]) -> list[Path]:
    """Files named as backups, one hour apart, oldest first."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for hours, reason in enumerate(kinds):
        path = folder / backups.backup_name(NOW + timedelta(hours=hours), reason)
        path.write_bytes(b"x")
        made.append(path)
    return made


def test_pruning_keeps_the_newest_of_every_kind_and_never_a_manual_one(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    kinds = [backups.DAILY, backups.MANUAL, backups.BEFORE_MIGRATION, backups.DAILY,
             backups.BEFORE_RESTORE, backups.DAILY, backups.MANUAL, backups.DAILY]  # fmt: skip
    made = _fake_backups(folder, kinds)
    stranger = folder / "appunti.txt"
    stranger.write_text("non toccare")

    removed = backups.prune_backups(folder, 3)

    # The newest three whatever their kind; of the rest, the automatic ones go.
    assert sorted(removed) == sorted([made[0], made[2], made[3], made[4]])
    assert set(folder.iterdir()) == {made[1], made[5], made[6], made[7], stranger}


def test_the_newest_backup_is_never_pruned(tmp_path: Path) -> None:
    made = _fake_backups(tmp_path / "copies", [backups.DAILY] * 4)
    backups.prune_backups(tmp_path / "copies", 0)
    assert list((tmp_path / "copies").iterdir()) == [made[-1]]


def test_every_backup_taken_prunes_as_configured(
    store: Store, data_dir: Path, own_configuration: Path
) -> None:
    config.write_user_settings({config.BACKUP_KEEP: "2"})
    key = folder_key(data_dir)
    taken = [
        backups.take_backup(
            database_path(data_dir), key, backups.backup_folder(data_dir),
            reason=backups.DAILY, now=NOW + timedelta(days=day),
        ).path
        for day in range(4)
    ]  # fmt: skip
    assert sorted(backups.backup_folder(data_dir).iterdir()) == taken[2:]


def test_a_migration_backup_goes_to_the_configured_folder_and_prunes(
    data_dir: Path, tmp_path: Path, own_configuration: Path
) -> None:
    share = tmp_path / "share"
    config.write_user_settings({config.BACKUP_DIR: str(share), config.BACKUP_KEEP: "1"})
    folder = backups.backup_folder(data_dir)
    _fake_backups(folder, [backups.DAILY, backups.DAILY])
    oldest = Path(__file__).parent / "fixtures" / "schema-0001_initial.sqlite"
    data_dir.mkdir()
    shutil.copyfile(oldest, database_path(data_dir))

    open_store(data_dir).dispose()

    left = backups.list_backups(folder)
    assert [backup.reason for backup in left] == [backups.BEFORE_MIGRATION]
    # (The plain store's own backup before encryption went to the data folder's.)


# -- where and how many ---------------------------------------------------------------------------


def test_a_chosen_folder_gets_a_subfolder_per_data_folder(
    tmp_path: Path, own_configuration: Path
) -> None:
    share = tmp_path / "share"
    config.write_user_settings({config.BACKUP_DIR: str(share), config.BACKUP_KEEP: "30"})
    first = backups.backup_plan(tmp_path / "ufficio-a")
    second = backups.backup_plan(tmp_path / "ufficio-b")
    assert first.chosen == share and first.keep == 30
    assert first.folder.parent == share == second.folder.parent
    assert first.folder != second.folder
    assert backups.backup_plan(tmp_path / "ufficio-a") == first  # stable


def test_the_defaults_when_nothing_or_nonsense_is_configured(
    tmp_path: Path, own_configuration: Path
) -> None:
    data_dir = tmp_path / "data"
    assert backups.backup_plan(data_dir) == backups.BackupPlan(
        data_dir / "backups", config.DEFAULT_BACKUP_KEEP, None
    )
    own_configuration.parent.mkdir(parents=True)
    own_configuration.write_text("[trama]\nbackup_keep = molte\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="backup_keep"):
        _ = config.load_configuration().backup_keep
    # A backup is still taken, in the usual place, with the usual generations.
    assert backups.backup_plan(data_dir).folder == data_dir / "backups"


def test_settings_written_for_the_user_keep_the_others(own_configuration: Path) -> None:
    own_configuration.parent.mkdir(parents=True)
    own_configuration.write_text("[trama]\nsite_code = AMB-SOMMA\n", encoding="utf-8")
    config.write_user_settings({config.BACKUP_KEEP: "7", config.BACKUP_DIR: "/srv/copie"})
    loaded = config.load_configuration()
    assert loaded.site_code == "AMB-SOMMA" and loaded.backup_keep == 7
    assert loaded.backup_dir == Path("/srv/copie")
    config.write_user_settings({config.BACKUP_DIR: None})
    assert config.load_configuration().backup_dir is None
    assert stat.S_IMODE(own_configuration.stat().st_mode) == 0o600


def test_the_daily_backup_is_due_after_a_day(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    assert backups.backup_due(folder, NOW)
    _fake_backups(folder, [backups.DAILY])
    assert not backups.backup_due(folder, NOW + timedelta(hours=23, minutes=59))
    assert backups.backup_due(folder, NOW + timedelta(hours=24))
    assert backups.backup_due(folder, NOW - timedelta(days=2))  # the clock was put right


# -- private and unreadable ----------------------------------------------------------------------


def test_backups_are_private_and_unreadable_without_the_key(
    store: Store, data_dir: Path, tmp_path: Path
) -> None:
    previous = os.umask(0o022)
    try:
        folder = tmp_path / "new" / "copies"
        backup = backups.take_backup(
            database_path(data_dir), folder_key(data_dir), folder, reason=backups.MANUAL
        )
        safety = restoring.restore_backup(backup.path, data_dir, folder_key(data_dir))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(database_path(data_dir).stat().st_mode) == 0o600
    assert safety.safety_copy is not None
    assert stat.S_IMODE(safety.safety_copy.stat().st_mode) == 0o600
    connection = sqlite3.connect(backup.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


@pytest.mark.parametrize("first", [b"{", b"<"])
def test_an_encrypted_file_whose_salt_starts_like_json_or_xml_is_not_called_foreign(
    tmp_path: Path, first: bytes
) -> None:
    """One encrypted file in a hundred starts with "{" or "<" (random salt): a wrong key
    on it is a wrong key (desktop.store.failures), and such a backup is not refused as text."""
    from desktop.store import failures  # noqa: PLC0415
    from desktop.store.errors import KeyRejectedError  # noqa: PLC0415

    path = tmp_path / "trama.sqlite"
    path.write_bytes(first + bytes([0x80 | byte for byte in os.urandom(8191)]))
    with pytest.raises(KeyRejectedError) as rejected:
        raw.connect(path, keys.new_key())
    assert isinstance(failures.classify(rejected.value, path), WrongKeyError)
    text = tmp_path / "nota.txt"
    text.write_bytes(first + b"html><body>Mario Rossi</body></html>")
    assert isinstance(failures.classify(rejected.value, text), ForeignFileError)
    with pytest.raises(WrongKeyError):
        restoring.check_backup_copy(path, keys.new_key(), shown_as=path)
