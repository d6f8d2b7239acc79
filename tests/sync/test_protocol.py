"""The wire format: the table list against the desktop schema, gzip bodies, fingerprints."""

from __future__ import annotations

import gzip
import uuid
from datetime import UTC, datetime

import pytest

from desktop.store.migrate import SCHEMA_REVISIONS
from desktop.store.models import Base
from sync import protocol
from sync.protocol import SYNCED_TABLES, PushRequest, WireRecord
from sync.protocol.comuni import read_comuni


def test_every_table_is_either_synced_or_local() -> None:
    tables = set(Base.metadata.tables)
    local = {name for name in tables if protocol.is_local_table(name)}
    assert set(SYNCED_TABLES) | local == tables
    assert not any(protocol.is_local_table(name) for name in SYNCED_TABLES)
    assert len(set(SYNCED_TABLES)) == len(SYNCED_TABLES)


def test_synced_tables_list_parents_before_children() -> None:
    position = {name: index for index, name in enumerate(SYNCED_TABLES)}
    for name in SYNCED_TABLES:
        for key in Base.metadata.tables[name].foreign_keys:
            parent = key.column.table.name
            if parent != name:
                assert position[parent] < position[name], (name, parent)


def test_bookkeeping_columns_are_the_synced_mixin() -> None:
    columns = set(Base.metadata.tables["referral"].columns.keys())
    assert columns >= protocol.BOOKKEEPING_COLUMNS


def _record(**data: object) -> WireRecord:
    return WireRecord(
        table="referral",
        id=str(uuid.uuid4()),
        owner_site="AMB-SOMMA",
        updated_at=datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
        data=dict(data),
    )


def test_gzip_round_trip_of_a_model() -> None:
    request = PushRequest(batch_id=uuid.uuid4(), records=[_record(reason="Orientamento")])
    body = protocol.gzip_json(request)
    assert body[:2] == b"\x1f\x8b"
    again = PushRequest.model_validate(protocol.ungzip_json(body))
    assert again == request
    assert protocol.decode_body(b'{"a": 1}', None) == b'{"a": 1}'


def test_a_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b" " * 2_000_000)
    with pytest.raises(protocol.BodyTooLarge):
        protocol.gunzip(bomb, limit=1_000_000)


def test_a_truncated_gzip_body_is_refused() -> None:
    with pytest.raises(ValueError, match="truncated"):
        protocol.gunzip(protocol.gzip_json({"a": "b" * 100})[:-12])


def test_payload_hash_ignores_key_order_but_not_values() -> None:
    batch = uuid.uuid4()
    record = _record(reason="x", urgency="normal")
    same = record.model_copy(update={"data": {"urgency": "normal", "reason": "x"}})
    other = record.model_copy(update={"data": {"urgency": "high", "reason": "x"}})
    first = protocol.payload_hash(PushRequest(batch_id=batch, records=[record]))
    assert first == protocol.payload_hash(PushRequest(batch_id=batch, records=[same]))
    assert first != protocol.payload_hash(PushRequest(batch_id=batch, records=[other]))


def test_scope_digest_is_order_independent() -> None:
    lines = [("referral", "b", 3), ("person", "a", 12)]
    assert protocol.scope_digest(lines) == protocol.scope_digest(list(reversed(lines)))
    assert protocol.scope_digest([]) == protocol.scope_digest(())


def test_reference_ids_are_stable() -> None:
    assert protocol.reference_id("municipality", "012001") == protocol.reference_id(
        "municipality", "012001"
    )
    assert protocol.reference_id("municipality", "012001") != protocol.reference_id(
        "job_centre", "012001"
    )


def test_client_headers_carry_the_protocol() -> None:
    headers = protocol.client_headers("0.1.0", "0001", token="abc")
    assert headers[protocol.HEADER_PROTOCOL] == str(protocol.PROTOCOL_VERSION)
    assert headers["Authorization"] == "Bearer abc"
    assert "Authorization" not in protocol.client_headers("0.1.0", "0001")


def test_the_server_accepts_every_schema_revision_of_the_desktop() -> None:
    # The server learns them from the protocol (it never imports the desktop): after a new
    # desktop migration, ``python -m sync.client.record_schema`` writes them out.
    assert protocol.ACCEPTED_CLIENT_SCHEMAS == SCHEMA_REVISIONS


def test_the_comuni_list_is_package_data_of_the_protocol() -> None:
    rows = read_comuni()
    assert len(rows) > 100
    assert {row["sigla_provincia"] for row in rows} == {"VA"}
    assert any(row["denominazione"] == "Somma Lombardo" for row in rows)
