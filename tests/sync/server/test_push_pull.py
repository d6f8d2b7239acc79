"""Pushing batches (idempotency, conflicts, validation) and pulling pages (cursor, gzip)."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import SiteKind
from sync.protocol import (
    PullPage,
    PushRequest,
    PushResponse,
    ReceiptStatus,
    WireRecord,
    scope_digest,
)
from sync.server.auth import Caller, SiteRef
from sync.server.db import Record
from sync.server.pull import pull_page, pull_page_json
from tests.sync.server.support import (
    GALLARATE,
    SOMMA,
    Device,
    Live,
    changed,
    person,
    referral,
    wire,
)


@pytest.fixture
def somma(live: Live) -> Iterator[Device]:
    device = Device(live, SOMMA)
    yield device
    device.close()


def _count(live: Live) -> int:
    with live.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Record)) or 0)


def test_a_replayed_batch_gets_the_same_receipts_and_is_applied_once(
    live: Live, somma: Device
) -> None:
    someone = person()
    request = PushRequest(batch_id=uuid.uuid4(), records=[someone, referral(someone)])
    first = somma.push_raw(request)
    before = _count(live)
    _, cursor = somma.pull_all()
    again = somma.push_raw(request)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert _count(live) == before
    records, _ = somma.pull_all(cursor)
    assert records == []


def test_another_payload_under_a_used_batch_id_is_refused(somma: Device) -> None:
    batch = uuid.uuid4()
    someone = person()
    somma.push(someone, batch_id=batch)
    other = PushRequest(batch_id=batch, records=[changed(someone, None, last_name="Bianchi")])
    answer = somma.push_raw(other)
    assert answer.status_code == 422
    assert "lotto" in answer.json()["detail"]


def test_a_stale_base_revision_is_a_conflict_with_the_server_version(somma: Device) -> None:
    someone = person()
    created = somma.push(someone).receipts[0]
    first_edit = somma.push(changed(someone, created.revision, phone="0331 123456")).receipts[0]
    assert first_edit.status == ReceiptStatus.ACCEPTED
    assert first_edit.revision is not None and first_edit.revision > (created.revision or 0)
    # A second PC edits another field on the old revision: the server says what it has.
    stale = somma.push(changed(someone, created.revision, email="m.rossi@example.org"))
    receipt = stale.receipts[0]
    assert receipt.status == ReceiptStatus.CONFLICT
    assert receipt.server_record is not None
    assert receipt.server_record.revision == first_edit.revision
    assert receipt.server_record.data["phone"] == "0331 123456"
    merged = changed(receipt.server_record, first_edit.revision, email="m.rossi@example.org")
    assert somma.push(merged).receipts[0].status == ReceiptStatus.ACCEPTED
    assert somma.get("person", someone.id).json()["data"]["email"] == "m.rossi@example.org"


def test_a_resend_of_what_the_server_has_is_accepted_without_a_new_revision(
    live: Live, somma: Device
) -> None:
    someone = person()
    created = somma.push(someone).receipts[0]
    # The receipt was lost; a new batch carries the same record as new.
    resent = somma.push(someone).receipts[0]
    assert resent.status == ReceiptStatus.ACCEPTED
    assert resent.revision == created.revision
    assert _count(live) == 1 + _count_reference(live)


def _count_reference(live: Live) -> int:
    with live.db.read() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(Record).where(Record.is_public.is_(True))
            )
            or 0
        )


def test_records_the_server_cannot_place_are_rejected_one_by_one(somma: Device) -> None:
    someone = person()
    orphan = wire("referral", SOMMA, {"status": "sent", "track": "neet"})
    unknown = wire("local_setting", SOMMA, {"key": "x"})
    twice = [someone, someone.model_copy()]
    answer = somma.push(orphan, unknown, *twice)
    assert [r.status for r in answer.receipts] == [
        ReceiptStatus.REJECTED, ReceiptStatus.REJECTED, ReceiptStatus.ACCEPTED,
        ReceiptStatus.REJECTED,
    ]  # fmt: skip
    assert "Manca il campo" in (answer.receipts[0].message or "")
    assert "non si sincronizza" in (answer.receipts[1].message or "")
    assert all(r.revision is None for r in answer.receipts if r.status != "accepted")


def test_an_invalid_body_is_a_422_with_an_italian_message(somma: Device) -> None:
    answer = somma.http.post("/push", json={"batch_id": "not-a-uuid", "records": []})
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("Richiesta non valida")
    too_many = {"batch_id": str(uuid.uuid4()),
                "records": [person().model_dump(mode="json")] * 251}  # fmt: skip
    assert somma.http.post("/push", json=too_many).status_code == 422


def test_bodies_are_gzip_both_ways_and_plain_is_accepted(live: Live) -> None:
    plain = Device(live, SOMMA, gzip=False)
    zipped = Device(live, SOMMA, gzip=True)
    try:
        someone = person()
        assert plain.push(someone).receipts[0].status == ReceiptStatus.ACCEPTED
        assert zipped.push(person()).receipts[0].status == ReceiptStatus.ACCEPTED
        answer = zipped.http.get("/pull", params={"after": 0})
        assert answer.headers["Content-Encoding"] == "gzip"
        raw = zipped.http.get("/pull", headers={"Accept-Encoding": "identity"})
        assert "Content-Encoding" not in raw.headers
        assert raw.json() == answer.json()
        corrupt = zipped.http.post(
            "/push", content=b"\x1f\x8bnot gzip", headers={"Content-Encoding": "gzip"}
        )
        assert corrupt.status_code == 400
        assert corrupt.json() == {"detail": "Corpo della richiesta illeggibile."}
        bomb = gzip.compress(b" " * 17_000_000)
        too_big = zipped.http.post("/push", content=bomb, headers={"Content-Encoding": "gzip"})
        assert too_big.status_code == 413
        brotli = zipped.http.post("/push", content=b"{}", headers={"Content-Encoding": "br"})
        assert brotli.status_code == 415
    finally:
        plain.close()
        zipped.close()


def test_pages_follow_the_cursor_and_carry_every_record_once(live: Live, somma: Device) -> None:
    pushed: list[WireRecord] = []
    for _ in range(3):
        batch = []
        for _ in range(10):
            someone = person()
            batch += [someone, referral(someone, GALLARATE)]
        somma.push(*batch)
        pushed += batch
    seen: list[WireRecord] = []
    cursor, pages = 0, 0
    while True:
        page = somma.pull(cursor, limit=7)
        pages += 1
        assert len(page.records) <= 7
        revisions = [r.revision or 0 for r in page.records]
        assert revisions == sorted(revisions) and all(r > cursor for r in revisions)
        seen += page.records
        cursor = page.next_cursor
        if not page.has_more:
            break
    private = [r for r in seen if r.table in ("person", "referral")]
    assert sorted(r.id for r in private) == sorted(r.id for r in pushed)
    assert pages >= len(seen) // 7
    # Parents come before children within a batch.
    order = {(r.table, r.id): r.revision or 0 for r in private}
    for record in pushed:
        if record.table == "referral":
            assert order[("person", record.data["person_id"])] < order[("referral", record.id)]
    # Nothing more after the last page, and the cursor does not move.
    last = somma.pull(cursor)
    assert (last.records, last.next_cursor, last.has_more) == ([], cursor, False)


def test_digest_matches_what_was_pulled(somma: Device) -> None:
    someone = person()
    somma.push(someone, referral(someone))
    records, _ = somma.pull_all()
    digest = somma.http.get("/digest").json()
    live_records = [r for r in records if not r.deleted and not r.scope_removed]
    assert digest["count"] == len(live_records)
    assert digest["digest"] == scope_digest((r.table, r.id, r.revision or 0) for r in live_records)
    assert digest["revision"] >= max(r.revision or 0 for r in records)


def test_push_response_round_trips(somma: Device) -> None:
    answer = somma.push_raw(PushRequest(batch_id=uuid.uuid4(), records=[person()]))
    body = json.loads(answer.content)
    assert PushResponse.model_validate(body).receipts[0].status == ReceiptStatus.ACCEPTED


def test_the_pull_call_serves_the_same_page_as_the_model_built_one(
    live: Live, somma: Device
) -> None:
    """The page is printed by hand from the stored JSON (speed); it must say the same thing."""
    someone = person(birth_date="2001-02-03", restricted=False)
    somma.push(
        someone, referral(someone, needs=["orientation", "italian_language"], reason="àè «»\n")
    )
    caller = Caller(somma.device_id, SiteRef(SOMMA, SiteKind.AMBITO, "Somma", SOMMA, None))
    by_hand = json.loads(pull_page_json(live.db, caller, 0, 500))
    built = json.loads(pull_page(live.db, caller, 0, 500).model_dump_json())
    for page in (by_hand, built):
        for item in page["records"]:
            item["updated_at"] = datetime.fromisoformat(item["updated_at"].replace("Z", "+00:00"))
    assert by_hand == built
    assert PullPage.model_validate(by_hand).records
