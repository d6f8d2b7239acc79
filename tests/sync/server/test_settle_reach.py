"""A settle re-examines a referral's family only when who sees the referral may have moved
(sync.server.scope.WriteSet._kept): an edit that leaves its audience alone re-stamps the
referral alone, and its person, events and handling keep their revisions and their sites."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from sync.protocol import ReceiptStatus
from sync.server.db import Record, RecordGrant
from tests.sync.server.support import (
    CENTRE_ID,
    GALLARATE,
    SOMMA,
    VARESE_CPI,
    Device,
    Live,
    changed,
    event,
    handling,
    person,
    referral,
)


@pytest.fixture
def devices(live: Live) -> Iterator[dict[str, Device]]:
    made = {site: Device(live, site) for site in (SOMMA, GALLARATE, VARESE_CPI)}
    yield made
    for device in made.values():
        device.close()


def _revisions(live: Live, *ids: str) -> dict[str, int]:
    with live.db.read() as session:
        rows = session.execute(select(Record.id, Record.revision).where(Record.id.in_(ids)))
        return {row.id: row.revision for row in rows}


def _sites(live: Live, record_id: str) -> set[str]:
    with live.db.read() as session:
        return set(
            session.scalars(
                select(RecordGrant.site_code).where(
                    RecordGrant.record_id == record_id, RecordGrant.removed.is_(False)
                )
            )
        )


def test_an_edit_that_keeps_the_audience_restamps_the_referral_alone(
    live: Live, devices: dict[str, Device]
) -> None:
    somma, gallarate = devices[SOMMA], devices[GALLARATE]
    someone = person()
    sent = referral(someone, GALLARATE)
    sent_event = event(sent, SOMMA, "sent")
    first = somma.push(someone, sent, sent_event)
    taken = handling(sent)
    gallarate.push(taken)
    family = (someone.id, sent_event.id, taken.id)
    before = _revisions(live, *family)

    edited = changed(sent, first.receipts[1].revision, reason="Tirocinio di inclusione")
    receipt = somma.push(edited).receipts[0]

    assert receipt.status == ReceiptStatus.ACCEPTED
    assert _revisions(live, *family) == before
    assert _revisions(live, sent.id)[sent.id] == receipt.revision
    for record_id in (*family, sent.id):
        assert _sites(live, record_id) == {SOMMA, GALLARATE}
    assert gallarate.get("referral", sent.id).json()["data"]["reason"] == (
        "Tirocinio di inclusione"
    )


def test_an_edit_that_moves_the_audience_still_moves_the_family(
    live: Live, devices: dict[str, Device]
) -> None:
    somma, gallarate, varese_cpi = devices[SOMMA], devices[GALLARATE], devices[VARESE_CPI]
    someone = person()
    sent = referral(someone, GALLARATE)
    sent_event = event(sent, SOMMA, "sent")
    first = somma.push(someone, sent, sent_event)
    edited = changed(sent, first.receipts[1].revision, job_centre_id=CENTRE_ID[VARESE_CPI])

    assert somma.push(edited).receipts[0].status == ReceiptStatus.ACCEPTED

    for record_id in (someone.id, sent_event.id, sent.id):
        assert _sites(live, record_id) == {SOMMA, VARESE_CPI}
    assert gallarate.get("referral_event", sent_event.id).status_code == 404
    # Re-stamped without being read whole (Rec.partial): its data is as it was sent.
    moved = varese_cpi.get("referral_event", sent_event.id)
    assert moved.status_code == 200
    assert moved.json()["data"] == sent_event.data
