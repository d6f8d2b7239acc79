"""The store's raw side: plain connections, settings, the search-index text and the derived
referral status (desktop.store.raw, settings, search_text, derived)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path

import pytest

from desktop.demo.bulk import DAY, sql_date, sql_instant, sql_json
from desktop.demo.seed import seed_demo
from desktop.domain.referral_numbers import number_range, number_series, referral_number
from desktop.services import installation
from desktop.store import codec, derived, raw, search_text, settings
from desktop.store.engine import Store
from desktop.store.migrate import open_store
from desktop.store.raw import Connection
from tests.conftest import copy_data_folder

SEEDED_REFERRALS = 40


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeded")
    store = open_store(folder)
    try:
        seed_demo(store, referrals=SEEDED_REFERRALS, today=date(2026, 11, 20), processes=1)
    finally:
        store.dispose()
    return store.path


@pytest.fixture
def seeded(seeded_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the seeded data file, to change at will."""
    folder = tmp_path / "copy"
    folder.mkdir()
    store = copy_data_folder(seeded_file.parent, folder)
    try:
        yield store
    finally:
        store.dispose()


@pytest.fixture
def connection(seeded: Store) -> Iterator[Connection]:
    opened = seeded.raw_connection()
    try:
        yield opened
    finally:
        opened.close()


def _pragma(connection: Connection, name: str) -> object:
    return connection.execute(f"PRAGMA {name}").fetchone()[0]


# -- connections ----------------------------------------------------------------------------------


def test_a_raw_connection_gets_the_store_pragmas(store: Store) -> None:
    connection = store.raw_connection()
    try:
        assert _pragma(connection, "journal_mode") == "wal"
        assert _pragma(connection, "synchronous") == 2
        assert _pragma(connection, "foreign_keys") == 1
        assert _pragma(connection, "busy_timeout") == raw.BUSY_TIMEOUT_MS
        assert not connection.in_transaction  # units of work are opened explicitly
    finally:
        connection.close()


def test_a_raw_connection_for_long_work_may_drop_foreign_keys_and_grow_its_cache(
    store: Store,
) -> None:
    connection = store.raw_connection(foreign_keys=False, cache_kib=12_345)
    try:
        assert _pragma(connection, "foreign_keys") == 0
        assert _pragma(connection, "cache_size") == -12_345
    finally:
        connection.close()


def test_a_raw_read_is_one_read_transaction(store: Store) -> None:
    with store.raw_read() as connection:
        assert connection.in_transaction
        assert _pragma(connection, "foreign_keys") == 1


def test_a_raw_write_commits_on_success_and_rolls_back_on_error(store: Store) -> None:
    with store.raw_write() as connection:
        settings.set_setting(connection, "test.kept", "yes")
    with pytest.raises(RuntimeError), store.raw_write() as connection:
        settings.set_setting(connection, "test.lost", "yes")
        raise RuntimeError("refused")
    assert installation.get_settings(store) == {"test.kept": "yes"}


def test_atomic_takes_the_write_lock_at_once(store: Store) -> None:
    mine, other = store.raw_connection(), raw.connect(store.path, store.key)
    try:
        other.execute("PRAGMA busy_timeout=0")
        with raw.atomic(mine), pytest.raises(raw.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        mine.close()
        other.close()


def test_the_error_names_are_the_driver_errors() -> None:
    assert issubclass(raw.IntegrityError, raw.DatabaseError)
    assert issubclass(raw.OperationalError, raw.DatabaseError)


# -- settings -------------------------------------------------------------------------------------


def test_settings_written_raw_are_the_services_settings(store: Store) -> None:
    with store.raw_write() as connection:
        settings.set_setting(connection, settings.SITE_CODE, "AMB-VARESE")
        settings.set_setting(connection, settings.SITE_CODE, "AMB-GALLARATE")  # replaced
        settings.set_setting(connection, settings.OPERATOR, "m.rossi")
        settings.delete_setting(connection, settings.OPERATOR)
    assert installation.get_settings(store) == {installation.SITE_CODE: "AMB-GALLARATE"}
    installation.set_settings(store, {installation.OPERATOR: "l.neri"})
    with store.raw_read() as connection:
        assert settings.get_setting(connection, settings.OPERATOR) == "l.neri"
        assert settings.get_setting(connection, "never.written") is None


# -- the search-index text ------------------------------------------------------------------------


def _index(connection: Connection) -> list[tuple[int, str]]:
    return connection.execute("SELECT rowid, body FROM referral_search ORDER BY rowid").fetchall()


def test_the_search_text_is_the_one_the_migration_triggers_write(connection: Connection) -> None:
    with raw.atomic(connection):
        # Fire the triggers of migration 0001 for every person and referral.
        connection.execute("UPDATE person SET search_name = search_name")
        connection.execute("UPDATE referral SET number = number")
    by_triggers = _index(connection)
    with raw.atomic(connection):
        search_text.rebuild(connection)
    assert len(by_triggers) == SEEDED_REFERRALS
    assert _index(connection) == by_triggers


def test_a_persons_referrals_are_indexed_again(connection: Connection) -> None:
    person_id, rowid = connection.execute(
        "SELECT person_id, rowid FROM referral LIMIT 1"
    ).fetchone()
    before = _index(connection)
    with raw.atomic(connection):
        connection.execute("DELETE FROM referral_search WHERE rowid = ?", (rowid,))
        search_text.reindex_referrals_of(connection, [person_id])
    assert _index(connection) == before


def _trigger_sql(connection: Connection) -> str | None:
    row = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        (search_text.INSERT_TRIGGER,),
    ).fetchone()
    return None if row is None else str(row[0])


def test_referrals_inserted_with_the_trigger_suspended_are_indexed_at_the_end(
    connection: Connection,
) -> None:
    trigger = _trigger_sql(connection)
    assert trigger is not None
    with raw.atomic(connection), search_text.insert_trigger_suspended(connection):
        assert _trigger_sql(connection) is None
        connection.execute("CREATE TEMP TABLE copied AS SELECT * FROM referral LIMIT 3")
        connection.execute("UPDATE copied SET id = id || '-copy', number = number || 'X'")
        connection.execute("INSERT INTO referral SELECT * FROM copied")
    assert _trigger_sql(connection) == trigger
    copied = connection.execute(
        "SELECT r.rowid, r.number, p.fiscal_code FROM referral r "
        "JOIN person p ON p.id = r.person_id WHERE r.id LIKE '%-copy' ORDER BY r.rowid"
    ).fetchall()
    indexed = dict(_index(connection))
    assert len(copied) == 3
    for rowid, number, fiscal_code in copied:
        assert indexed[rowid].startswith(f"{number} {fiscal_code} ")


# -- the derived status ---------------------------------------------------------------------------


def _statuses(connection: Connection) -> list[tuple[str, str, str]]:
    return connection.execute(
        "SELECT id, status, status_changed_at FROM referral ORDER BY id"
    ).fetchall()


def _scramble(connection: Connection) -> None:
    connection.execute(
        "UPDATE referral SET status = 'draft', status_changed_at = '2000-01-01 00:00:00.000000'"
    )


def test_a_seeded_referral_status_is_its_latest_event(connection: Connection) -> None:
    seeded = _statuses(connection)
    with raw.atomic(connection):
        assert derived.refresh_every_referral_status(connection) == 0
    assert _statuses(connection) == seeded


def test_every_status_derived_at_once_or_per_referral_is_the_same(connection: Connection) -> None:
    seeded = _statuses(connection)
    ids = {referral_id for referral_id, _status, _at in seeded}
    with raw.atomic(connection):
        _scramble(connection)
        assert derived.refresh_every_referral_status(connection) == len(ids)
    assert _statuses(connection) == seeded
    with raw.atomic(connection):
        _scramble(connection)
        assert derived.refresh_referral_status(connection, ids) == len(ids)
    assert _statuses(connection) == seeded


def test_a_deleted_event_no_longer_sets_the_status(connection: Connection) -> None:
    referral_id, count = connection.execute(
        "SELECT referral_id, count(*) FROM referral_event "
        "GROUP BY referral_id HAVING count(*) > 1 LIMIT 1"
    ).fetchone()
    assert count > 1
    with raw.atomic(connection):
        latest = connection.execute(
            "SELECT id FROM referral_event WHERE referral_id = ? ORDER BY at DESC, id DESC",
            (referral_id,),
        ).fetchone()[0]
        connection.execute("UPDATE referral_event SET deleted = 1 WHERE id = ?", (latest,))
        derived.refresh_referral_status(connection, {referral_id})
    expected = connection.execute(
        "SELECT to_status, at FROM referral_event WHERE referral_id = ? AND deleted = 0 "
        "ORDER BY at DESC, id DESC",
        (referral_id,),
    ).fetchone()
    assert connection.execute(
        "SELECT status, status_changed_at FROM referral WHERE id = ?", (referral_id,)
    ).fetchone() == tuple(expected)


def test_derived_columns_are_the_status_ones() -> None:
    assert {"referral": frozenset({"status", "status_changed_at"})} == derived.DERIVED_COLUMNS
    assert [list(batch) for batch in derived.chunks(range(5), 2)] == [[0, 1], [2, 3], [4]]


# -- the demo's bulk rows are stored by the codec -------------------------------------------------


class _Colour(StrEnum):
    RED = "red"


def test_the_demo_bulk_forms_are_the_codecs() -> None:
    day = date(2026, 3, 9)
    moment = day.toordinal() * DAY + 13 * 3600 + 5 * 60 + 7
    assert sql_instant(moment) == codec.sql_timestamp(datetime(2026, 3, 9, 13, 5, 7, tzinfo=UTC))
    assert sql_date(day) == codec.sql_date(day) == "2026-03-09"
    assert sql_json(["a", "b"]) == codec.sql_json(["a", "b"])
    assert codec.stored_value(_Colour.RED) == "red"
    assert codec.stored_value(["x"]) == '["x"]'
    assert codec.stored_value(3) == 3


# -- referral numbers, a domain rule --------------------------------------------------------------


def test_referral_number_forms() -> None:
    assert number_series(7) == "P0007"
    assert referral_number(2026, 123) == "2026/000123"
    assert referral_number(2026, 123, "P0007") == "2026/P0007/000123"
    low, high = number_range(2026, "P0007")
    assert low <= referral_number(2026, 1, "P0007") < high
    assert not low <= referral_number(2026, 1) < high


def test_durability_is_relaxed_for_a_block_only(store: Store) -> None:
    connection = store.raw_connection()
    try:
        with raw.relaxed_durability(connection):
            assert _pragma(connection, "synchronous") == 1  # NORMAL
        assert _pragma(connection, "synchronous") == 2  # FULL again
        with pytest.raises(RuntimeError), raw.relaxed_durability(connection):
            raise RuntimeError("a pull failed")
        assert _pragma(connection, "synchronous") == 2
        raw.set_cache_size(connection, 4_321)
        assert _pragma(connection, "cache_size") == -4_321
    finally:
        connection.close()
