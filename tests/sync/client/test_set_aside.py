"""A record the client cannot apply is set aside with its reason; the rest of the page applies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from desktop.store.engine import Store
from sync.client import db as local
from sync.client import set_aside
from sync.client.digest import local_scope
from tests.sync.client.test_apply import apply, new_id, person, referral, wire


@pytest.fixture
def connection(store: Store) -> Iterator[sqlite3.Connection]:
    opened = local.connect(store, foreign_keys=False)
    yield opened
    opened.close()


def _ids(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[0] for row in connection.execute(f'SELECT id FROM "{table}"')}


def _refuse_inserts_of(connection: sqlite3.Connection, table: str, record_id: str) -> None:
    """The test hook: this PC cannot store that row (as a local constraint would refuse it)."""
    connection.execute(
        f'CREATE TRIGGER refuse_{table} BEFORE INSERT ON "{table}" '
        f"WHEN NEW.id = '{record_id}' BEGIN SELECT RAISE(ABORT, 'rifiutato dal test'); END"
    )


def test_records_that_break_the_schema_are_set_aside_and_the_page_applies(
    connection: sqlite3.Connection,
) -> None:
    good, surrogate, no_sex, unknown_table = new_id(), new_id(), new_id(), new_id()
    bad_name = person(surrogate, 2, last_name="Rossi\ud800")
    missing = person(no_sex, 3)
    missing.data.pop("sex")
    stranger = wire("not_a_table", unknown_table, 4, {"x": 1})
    applier = apply(connection, person(good, 1), bad_name, missing, stranger)

    assert applier.stats.set_aside == 3
    assert _ids(connection, "person") == {good}
    reasons = {item.record_id: item.reason for item in set_aside.listed(connection)}
    assert reasons[surrogate] == "Campo last_name: testo non valido (carattere Unicode isolato)."
    assert reasons[no_sex] == "Manca il campo sex."
    assert "tabella sconosciuta" in reasons[unknown_table]
    # Kept as the server sent it: the escape of the lone surrogate survives the round trip.
    waiting = {record.id: record for record in set_aside.waiting(connection)}
    assert waiting[surrogate].data["last_name"] == "Rossi\ud800"


def test_a_row_sqlite_refuses_is_set_aside_and_applies_once_the_cause_is_gone(
    connection: sqlite3.Connection,
) -> None:
    first, blocked, third = new_id(), new_id(), new_id()
    _refuse_inserts_of(connection, "person", blocked)
    applier = apply(connection, person(first, 1), person(blocked, 2), person(third, 3))
    assert applier.stats.set_aside == 1
    assert _ids(connection, "person") == {first, third}
    (item,) = set_aside.listed(connection)
    assert (item.table, item.record_id, item.revision, item.attempts) == ("person", blocked, 2, 1)
    assert "rifiutato dal test" in item.reason

    # Tried again while the cause is still there: one more attempt, nothing lost.
    apply(connection, *set_aside.waiting(connection))
    assert set_aside.listed(connection)[0].attempts == 2

    connection.execute("DROP TRIGGER refuse_person")
    apply(connection, *set_aside.waiting(connection))
    assert set_aside.count(connection) == 0
    assert _ids(connection, "person") == {first, blocked, third}


def test_a_newer_version_that_applies_resolves_the_one_set_aside(
    connection: sqlite3.Connection,
) -> None:
    someone = new_id()
    apply(connection, person(someone, 5, sex="X"))
    assert set_aside.count(connection) == 1
    apply(connection, person(someone, 9))
    assert set_aside.count(connection) == 0
    # The old version tried again later never overwrites the newer one.
    apply(connection, person(someone, 5, last_name="Vecchio"))
    assert connection.execute(
        "SELECT last_name, server_revision FROM person WHERE id = ?", (someone,)
    ).fetchone() == ("Bianchi", 9)


def test_a_tombstone_for_a_record_set_aside_resolves_it(connection: sqlite3.Connection) -> None:
    referral_id = new_id()
    apply(connection, referral(referral_id, new_id(), 3, status="hacked"))
    assert set_aside.count(connection) == 1
    tombstone = referral(referral_id, new_id(), 4)
    apply(connection, tombstone.model_copy(update={"deleted": True}))
    assert set_aside.count(connection) == 0


def test_the_drift_check_counts_a_record_set_aside_as_the_server_has_it(
    connection: sqlite3.Connection,
) -> None:
    kept, waiting = new_id(), new_id()
    apply(connection, person(kept, 1), person(waiting, 2, birth_date="1990-02-30"))
    count, _digest = local_scope(connection)
    # Both are live on the server: the one set aside counts at the revision it came with.
    assert count == 2
