"""Applying the server's records: upserts keep rowids, unsent rows are merged, removals first."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from desktop.domain.codes import SiteKind
from desktop.services.context import Actor
from desktop.store.engine import Store
from sync.client import db as local
from sync.client.apply import Applier
from sync.client.conflicts import CustomValue, list_conflicts, resolve_conflict
from sync.client.derived import refresh_referral_status
from sync.client.status import RecordState, record_state
from sync.protocol import WireRecord, reference_id

AMBITO = "AMB-SOMMA"
STAMP = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def wire(
    table: str, record_id: str, revision: int, data: dict[str, Any], **extra: Any
) -> WireRecord:
    return WireRecord(
        table=table,
        id=record_id,
        revision=revision,
        owner_site=extra.pop("owner", AMBITO),
        updated_at=STAMP,
        updated_by="m.bianchi",
        data=data,
        **extra,
    )


def person(record_id: str, revision: int, **data: Any) -> WireRecord:
    values = {
        "fiscal_code": "BNCMRA90A41L682Z", "last_name": "Bianchi", "first_name": "Maria",
        "search_name": "bianchi maria", "sex": "F", "birth_date": "1990-01-01",
    }  # fmt: skip
    values.update(data)
    return wire("person", record_id, revision, values)


def referral(record_id: str, person_id: str, revision: int, **data: Any) -> WireRecord:
    values = {
        "number": "2026/000001", "track": "neet", "status": "sent",
        "status_changed_at": "2026-11-20T09:00:00+00:00", "person_id": person_id,
        "sending_site": AMBITO, "job_centre_id": reference_id("job_centre", "CPI-GALLARATE"),
        "created_on": "2026-11-20",
    }  # fmt: skip
    values.update(data)
    return wire("referral", record_id, revision, values)


@pytest.fixture
def connection(store: Store) -> Iterator[sqlite3.Connection]:
    opened = local.connect(store, foreign_keys=False)
    yield opened
    opened.close()


def apply(connection: sqlite3.Connection, *records: WireRecord) -> Applier:
    with local.atomic(connection):
        applier = Applier(connection)
        applier.apply(records)
    return applier


def new_id() -> str:
    return str(uuid.uuid4())


def search(connection: sqlite3.Connection, text: str) -> list[str]:
    return [
        number
        for (number,) in connection.execute(
            "SELECT r.number FROM referral_search s JOIN referral r ON r.rowid = s.rowid "
            "WHERE referral_search MATCH ?",
            (f'"{text}"',),
        )
    ]


def test_a_referral_before_its_person_is_found_by_search_once_the_person_arrives(
    connection: sqlite3.Connection,
) -> None:
    person_id, referral_id = new_id(), new_id()
    apply(connection, referral(referral_id, person_id, 2))
    assert search(connection, "bianchi") == []
    apply(connection, person(person_id, 3))
    assert search(connection, "bianchi") == ["2026/000001"]


def test_an_update_keeps_the_rowid_and_the_search_entry(connection: sqlite3.Connection) -> None:
    person_id, referral_id = new_id(), new_id()
    apply(connection, person(person_id, 1), referral(referral_id, person_id, 2))
    rowid = connection.execute("SELECT rowid FROM referral WHERE id = ?", (referral_id,)).fetchone()
    apply(connection, referral(referral_id, person_id, 5, number="2026/000009"))
    assert connection.execute(
        "SELECT rowid, number, server_revision, dirty FROM referral WHERE id = ?", (referral_id,)
    ).fetchone() == (rowid[0], "2026/000009", 5, 0)
    assert search(connection, "000009") == ["2026/000009"]
    assert search(connection, "000001") == []


def test_two_referrals_may_share_a_number(connection: sqlite3.Connection) -> None:
    person_id = new_id()
    apply(connection, person(person_id, 1), referral(new_id(), person_id, 2))
    apply(connection, referral(new_id(), person_id, 3, sending_site="AMB-VARESE"))
    assert connection.execute("SELECT count(*) FROM referral").fetchone()[0] == 2


def test_a_row_with_unsent_changes_is_merged_never_overwritten(
    store: Store, connection: sqlite3.Connection
) -> None:
    person_id = new_id()
    apply(connection, person(person_id, 1, phone="0331 1", email="a@example.org"))
    connection.execute(
        "UPDATE person SET phone = '0331 2', dirty = 1, updated_at = '2026-11-27 10:00:00.000000' "
        "WHERE id = ?",
        (person_id,),
    )
    applier = apply(connection, person(person_id, 4, phone="0331 3", email="b@example.org"))
    assert applier.stats.merged == 1 and applier.stats.conflicts == 1
    row = connection.execute(
        "SELECT phone, email, dirty, server_revision FROM person WHERE id = ?", (person_id,)
    ).fetchone()
    assert row == ("0331 2", "b@example.org", 1, 4)
    assert record_state(store, "person", person_id) is RecordState.CONFLICT
    [conflict] = list_conflicts(store)
    assert (conflict.field, conflict.local_value, conflict.remote_value, conflict.base_value) == (
        "phone",
        "0331 2",
        "0331 3",
        "0331 1",
    )
    assert conflict.record_label == "Bianchi Maria"


def test_resolving_a_conflict_is_a_new_audited_local_change(
    store: Store, connection: sqlite3.Connection
) -> None:
    person_id = new_id()
    apply(connection, person(person_id, 1, phone="0331 1", email="a@example.org"))
    connection.execute(
        "UPDATE person SET phone = '0331 2', email = 'c@example.org', dirty = 1 WHERE id = ?",
        (person_id,),
    )
    apply(connection, person(person_id, 4, phone="0331 3", email="b@example.org"))
    by_field = {c.field: c for c in list_conflicts(store)}
    assert set(by_field) == {"phone", "email"}
    actor = Actor("m.bianchi", AMBITO, SiteKind.AMBITO)
    resolve_conflict(store, by_field["phone"].id, "remote", actor=actor)
    assert record_state(store, "person", person_id) is RecordState.CONFLICT
    resolve_conflict(store, by_field["email"].id, CustomValue("d@example.org"), actor=actor)
    assert record_state(store, "person", person_id) is RecordState.DIRTY
    assert connection.execute(
        "SELECT phone, email, dirty FROM person WHERE id = ?", (person_id,)
    ).fetchone() == ("0331 3", "d@example.org", 1)
    assert list_conflicts(store) == []
    assert len(list_conflicts(store, include_resolved=True)) == 2
    audit = connection.execute(
        "SELECT action, details FROM audit_entry WHERE entity_id = ? ORDER BY details", (person_id,)
    ).fetchall()
    assert audit == [("resolve_conflict", "email: value"), ("resolve_conflict", "phone: remote")]


def test_a_tombstone_deletes_and_a_scope_removal_drops_the_row(
    connection: sqlite3.Connection,
) -> None:
    kept, gone = new_id(), new_id()
    apply(connection, person(kept, 1), person(gone, 2))
    apply(
        connection,
        wire("person", kept, 7, {}, deleted=True),
        wire("person", gone, 8, {}, scope_removed=True),
    )
    assert connection.execute(
        "SELECT deleted, server_revision FROM person WHERE id = ?", (kept,)
    ).fetchone() == (1, 7)
    assert (
        connection.execute("SELECT count(*) FROM person WHERE id = ?", (gone,)).fetchone()[0] == 0
    )


def test_a_scope_removal_keeps_a_row_with_unsent_changes(connection: sqlite3.Connection) -> None:
    person_id = new_id()
    apply(connection, person(person_id, 1))
    connection.execute("UPDATE person SET phone = 'x', dirty = 1 WHERE id = ?", (person_id,))
    applier = apply(connection, wire("person", person_id, 3, {}, scope_removed=True))
    assert applier.stats.kept == 1
    assert connection.execute("SELECT phone FROM person WHERE id = ?", (person_id,)).fetchone() == (
        "x",
    )


def test_a_comune_loaded_offline_takes_the_servers_id_with_its_references(
    connection: sqlite3.Connection,
) -> None:
    offline_id = new_id()
    connection.execute(
        "INSERT INTO municipality (id, created_at, updated_at, updated_by, owner_site, dirty, "
        "deleted, istat_code, name, cadastral_code, province) VALUES "
        "(?, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 'istat', 'PROVINCIA-VA', "
        "0, 0, '012133', 'Varese', 'L682', 'VA')",
        (offline_id,),
    )
    person_id = new_id()
    apply(connection, person(person_id, 1, residence_municipality_id=offline_id))
    server_id = reference_id("municipality", "012133")
    apply(
        connection,
        wire(
            "municipality", server_id, 9,
            {"istat_code": "012133", "name": "Varese", "cadastral_code": "L682"},
            owner="PROVINCIA-VA",
        ),
    )  # fmt: skip
    assert connection.execute("SELECT id, server_revision FROM municipality").fetchall() == [
        (server_id, 9)
    ]
    assert connection.execute(
        "SELECT residence_municipality_id FROM person WHERE id = ?", (person_id,)
    ).fetchone() == (server_id,)


def test_a_referral_status_follows_its_latest_event(connection: sqlite3.Connection) -> None:
    person_id, referral_id = new_id(), new_id()
    event = {"referral_id": referral_id, "operator": "l.neri", "site": "CPI-GALLARATE"}
    apply(
        connection,
        person(person_id, 1),
        referral(referral_id, person_id, 2),
        wire("referral_event", new_id(), 3, {**event, "at": "2026-11-21T09:00:00+00:00",
             "from_status": "sent", "to_status": "received"}, owner="CPI-GALLARATE"),
        wire("referral_event", new_id(), 4, {**event, "at": "2026-11-22T09:00:00+00:00",
             "from_status": "received", "to_status": "taken_in_charge"}, owner="CPI-GALLARATE"),
    )  # fmt: skip
    with local.atomic(connection):
        assert refresh_referral_status(connection, {referral_id}) == 1
    assert connection.execute(
        "SELECT status, status_changed_at, dirty FROM referral WHERE id = ?", (referral_id,)
    ).fetchone() == ("taken_in_charge", "2026-11-22 09:00:00.000000", 0)
