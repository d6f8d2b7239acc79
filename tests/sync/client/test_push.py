"""The push stage against a scripted server: batches, idempotent resends, receipts."""

from __future__ import annotations

import gzip
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from desktop.store.engine import Store
from sync.client import db as local
from sync.client.errors import OfflineError
from sync.client.progress import ignore_progress
from sync.client.push import Pusher
from sync.client.status import RecordState, record_state
from sync.client.transport import RetryPolicy, Transport
from sync.protocol import PushRequest, PushResponse, Receipt, ReceiptStatus

SITE = "AMB-SOMMA"
Handler = Callable[[PushRequest], PushResponse]


def _insert_contacts(store: Store, count: int, *, revision: int | None = None) -> list[str]:
    ids = [f"00000000-0000-4000-8000-{index:012d}" for index in range(count)]
    with local.transaction(store) as connection:
        connection.executemany(
            "INSERT INTO contact (id, created_at, updated_at, updated_by, owner_site, "
            "server_revision, dirty, deleted, last_name, first_name, role, email, phone) "
            "VALUES (?, '2026-11-27 09:00:00.000000', '2026-11-27 09:00:00.000000', 'x', ?, ?, "
            "1, 0, 'Ferri', 'Giulia', '', '', ?)",
            [
                (record_id, SITE, revision, f"0332 {index:06d}")
                for index, record_id in enumerate(ids)
            ],
        )
    return ids


class Server:
    """Accepts everything (or answers through ``handler``), counting revisions."""

    def __init__(self) -> None:
        self.requests: list[PushRequest] = []
        self.bodies: list[bytes] = []
        self.revision = 100
        self.handler: Handler | None = None
        self.before_answer: Callable[[], None] = lambda: None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        self.bodies.append(body)
        push = PushRequest.model_validate_json(gzip.decompress(body))
        self.requests.append(push)
        self.before_answer()
        if self.handler is not None:
            answer = self.handler(push)
        else:
            receipts = []
            for record in push.records:
                self.revision += 1
                receipts.append(
                    Receipt(table=record.table, id=record.id, status=ReceiptStatus.ACCEPTED,
                            revision=self.revision)
                )  # fmt: skip
            answer = PushResponse(batch_id=push.batch_id, receipts=receipts)
        return httpx.Response(200, content=answer.model_dump_json())


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture
def connection(store: Store) -> Iterator[sqlite3.Connection]:
    opened = local.connect(store, foreign_keys=False)
    yield opened
    opened.close()


def _push(connection: sqlite3.Connection, handler: Any, **options: Any) -> Pusher:
    transport = Transport(
        "http://127.0.0.1:9",
        app_version="1",
        schema="s",
        token="t",
        http_transport=httpx.MockTransport(handler),
        sleep=lambda _seconds: None,
        retry=RetryPolicy(attempts=2),
    )
    pusher = Pusher(
        connection,
        transport,
        local_site=SITE,
        cancel=threading.Event(),
        progress=ignore_progress,
        **options,
    )
    try:
        pusher.run()
    finally:
        transport.close()
    return pusher


def test_changes_go_in_batches_of_at_most_250_parents_first(
    store: Store, connection: sqlite3.Connection, server: Server
) -> None:
    _insert_contacts(store, 600)
    pusher = _push(connection, server)
    assert [len(request.records) for request in server.requests] == [250, 250, 100]
    assert pusher.stats.accepted == 600
    assert connection.execute("SELECT count(*) FROM contact WHERE dirty = 1").fetchone() == (0,)
    assert connection.execute("SELECT count(*) FROM sync_batch").fetchone() == (0,)


def test_the_next_batch_is_written_down_while_one_travels(
    store: Store, connection: sqlite3.Connection, server: Server
) -> None:
    _insert_contacts(store, 600)
    outbox: list[int] = []

    def count_outbox_once() -> None:
        # The server holds its first answer until the PC has chosen the next batch (or 10 s).
        if outbox:
            return
        deadline = time.monotonic() + 10
        while True:
            with store.raw_read() as reader:
                waiting = int(reader.execute("SELECT count(*) FROM sync_batch").fetchone()[0])
            if waiting >= 2 or time.monotonic() > deadline:
                break
            threading.Event().wait(0.01)
        outbox.append(waiting)

    server.before_answer = count_outbox_once
    pusher = _push(connection, server)

    assert outbox == [2]
    assert [len(request.records) for request in server.requests] == [250, 250, 100]
    assert len({request.batch_id for request in server.requests}) == 3
    assert pusher.stats.accepted == 600
    assert connection.execute("SELECT count(*) FROM sync_batch").fetchone() == (0,)


def test_a_batch_is_cut_by_size_too(
    store: Store, connection: sqlite3.Connection, server: Server
) -> None:
    _insert_contacts(store, 20)
    _push(connection, server, batch_bytes=2_000)
    assert len(server.requests) > 2
    assert all(len(json.dumps([r.model_dump(mode="json") for r in req.records])) < 4_000
               for req in server.requests)  # fmt: skip


def test_a_batch_that_never_got_its_receipts_goes_again_identical(
    store: Store, connection: sqlite3.Connection, server: Server
) -> None:
    _insert_contacts(store, 3)

    def offline(request: httpx.Request) -> httpx.Response:
        server.bodies.append(request.read())
        raise httpx.ReadError("connection reset")

    with pytest.raises(OfflineError):
        _push(connection, offline)
    assert connection.execute("SELECT count(*) FROM sync_batch_item").fetchone() == (3,)
    assert record_state(store, "contact", _ids(connection)[0]) is RecordState.UPLOADING
    # Meanwhile a person edits a row of the batch: the batch still goes as it was.
    connection.execute(
        "UPDATE contact SET phone = '0332 999999', dirty = 1, "
        "updated_at = '2026-11-27 10:00:00.000000' WHERE id = ?",
        (_ids(connection)[0],),
    )
    first_body = server.bodies[0]

    _push(connection, server)

    assert server.bodies[2] == first_body  # the same batch id and bytes: the server replays
    assert len(server.requests) == 2  # then the edited row alone, on top of its revision
    assert server.requests[1].records[0].data["phone"] == "0332 999999"
    assert server.requests[1].records[0].base_revision == 101


def test_an_edit_while_the_batch_travels_leaves_the_row_dirty(
    store: Store, connection: sqlite3.Connection, server: Server
) -> None:
    [record_id] = _insert_contacts(store, 1)

    def edit() -> None:
        with local.transaction(store) as other:
            other.execute(
                "UPDATE contact SET phone = '0332 777777', updated_at = "
                "'2026-11-27 11:00:00.000000' WHERE id = ?",
                (record_id,),
            )
        server.before_answer = lambda: None

    server.before_answer = edit
    _push(connection, server, batch_records=1)
    # Sent twice in the same sync: first the old value, then the edit, on revision 101.
    assert [r.records[0].data["phone"] for r in server.requests] == ["0332 000000", "0332 777777"]
    assert server.requests[1].records[0].base_revision == 101
    assert connection.execute(
        "SELECT dirty, server_revision FROM contact WHERE id = ?", (record_id,)
    ).fetchone() == (0, 102)


def test_a_rejected_record_waits_for_a_new_change(
    store: Store, connection: sqlite3.Connection, server: Server
) -> None:
    [record_id] = _insert_contacts(store, 1)
    server.handler = lambda push: PushResponse(
        batch_id=push.batch_id,
        receipts=[
            Receipt(table=r.table, id=r.id, status=ReceiptStatus.REJECTED, message="No.")
            for r in push.records
        ],
    )
    assert _push(connection, server).stats.rejected == 1
    assert record_state(store, "contact", record_id) is RecordState.REJECTED
    _push(connection, server)
    assert len(server.requests) == 1  # not sent again as it is
    connection.execute(
        "UPDATE contact SET phone = '0332 123123', updated_at = '2026-11-27 12:00:00.000000' "
        "WHERE id = ?",
        (record_id,),
    )
    server.handler = None
    _push(connection, server)
    assert len(server.requests) == 2
    assert record_state(store, "contact", record_id) is RecordState.SYNCED


def test_a_restricted_person_never_shared_stays_here(
    store: Store, connection: sqlite3.Connection, server: Server
) -> None:
    connection.execute(
        "INSERT INTO person (id, created_at, updated_at, updated_by, owner_site, dirty, deleted, "
        "fiscal_code, fiscal_code_override_reason, last_name, first_name, search_name, sex, "
        "birth_date, birthplace_code, birthplace_name, citizenship, permit_number, "
        "permit_renewing, residence_address, residence_postcode, domicile_address, "
        "domicile_postcode, phone, email, education_title, last_school, restricted, "
        "restriction_reason) VALUES ('p1', '2026-11-27 09:00:00.000000', "
        "'2026-11-27 09:00:00.000000', 'x', ?, 1, 0, 'BNCMRA90A41L682Z', '', 'Bianchi', "
        "'Maria', 'bianchi maria', 'female', '1990-01-01', '', '', '', '', 0, '', '', '', '', "
        "'', '', '', '', 1, 'Richiesta dell''interessata')",
        (SITE,),
    )
    _push(connection, server)
    assert server.requests == []


def _ids(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT id FROM contact ORDER BY id")]
