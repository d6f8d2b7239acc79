"""Authorisation per site: who sees what, who may write what, scope tombstones, aggregates."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.protocol import Receipt, ReceiptStatus, WireRecord
from tests.sync.server.support import (
    CENTRE_ID,
    GALLARATE,
    PROVINCE,
    SOMMA,
    VARESE_AMBITO,
    VARESE_CPI,
    Device,
    Live,
    changed,
    event,
    handling,
    person,
    referral,
    wire,
)


@pytest.fixture
def devices(live: Live) -> Iterator[dict[str, Device]]:
    made = {site: Device(live, site) for site in (SOMMA, VARESE_AMBITO, GALLARATE, VARESE_CPI,
                                                  PROVINCE)}  # fmt: skip
    yield made
    for device in made.values():
        device.close()


def _statuses(receipts: list[Receipt]) -> list[str]:
    return [r.status.value for r in receipts]


def test_an_ambito_sees_its_own_and_the_cpi_the_referrals_addressed_to_it(
    devices: dict[str, Device],
) -> None:
    somma, cpi, other_cpi = devices[SOMMA], devices[GALLARATE], devices[VARESE_CPI]
    someone = person()
    sent = referral(someone, GALLARATE)
    draft = referral(someone, GALLARATE, status="draft")
    acceptance = somma.push(someone, sent, draft, event(sent, SOMMA, "sent"))
    assert _statuses(acceptance.receipts) == ["accepted"] * 4

    assert set(somma.private()) == {
        ("person", someone.id), ("referral", sent.id), ("referral", draft.id),
        ("referral_event", acceptance.receipts[3].id),
    }  # fmt: skip
    # The CPI sees the sent referral with its person and events, never the draft.
    assert set(cpi.private()) == {
        ("person", someone.id), ("referral", sent.id),
        ("referral_event", acceptance.receipts[3].id),
    }  # fmt: skip
    assert cpi.get("referral", draft.id).status_code == 404
    assert other_cpi.private() == {}


def test_the_cpi_owns_the_handling_and_it_flows_back_to_the_ambito(
    devices: dict[str, Device],
) -> None:
    somma, cpi = devices[SOMMA], devices[GALLARATE]
    someone = person()
    sent = referral(someone)
    somma.push(someone, sent)
    taken = handling(sent, received_on="2026-03-20")
    answer = cpi.push(taken, event(sent, GALLARATE, "received"))
    assert _statuses(answer.receipts) == ["accepted", "accepted"]
    seen = somma.private()
    assert seen[("referral_handling", taken.id)].data["received_on"] == "2026-03-20"
    assert seen[("referral_handling", taken.id)].owner_site == GALLARATE
    # The Ambito may not write the CPI's handling, nor the CPI the Ambito's referral.
    refused = somma.push(changed(taken, answer.receipts[0].revision, outcome="hired"))
    assert refused.receipts[0].status == ReceiptStatus.REJECTED
    assert "CPI" in (refused.receipts[0].message or "")
    sent_revision = seen[("referral", sent.id)].revision
    refused = cpi.push(changed(sent, sent_revision, reason="Altro"))
    assert refused.receipts[0].status == ReceiptStatus.REJECTED
    assert "altra sede" in (refused.receipts[0].message or "")
    # A CPI that the referral is not addressed to may not take it in charge either.
    refused = devices[VARESE_CPI].push(handling(sent, owner=VARESE_CPI))
    assert refused.receipts[0].status == ReceiptStatus.REJECTED


def test_another_ambito_never_sees_them_not_even_by_id(devices: dict[str, Device]) -> None:
    somma, cpi, varese = devices[SOMMA], devices[GALLARATE], devices[VARESE_AMBITO]
    someone = person()
    sent = referral(someone)
    somma.push(someone, sent)
    taken = handling(sent)
    cpi.push(taken)
    assert varese.private() == {}
    for table, record_id in (("person", someone.id), ("referral", sent.id),
                             ("referral_handling", taken.id)):  # fmt: skip
        answer = varese.get(table, record_id)
        assert answer.status_code == 404
        assert answer.json() == {"detail": "Record inesistente o non visibile a questa sede."}
        assert somma.get(table, record_id).status_code == 200
    assert varese.get("no_such_table", sent.id).status_code == 404
    # Nor may it overwrite them.
    stolen = varese.push(changed(sent, 1, reason="x"))
    assert stolen.receipts[0].status == ReceiptStatus.REJECTED


def test_the_province_sees_reference_data_only(devices: dict[str, Device]) -> None:
    somma, province = devices[SOMMA], devices[PROVINCE]
    someone = person()
    somma.push(someone, referral(someone))
    records, _ = province.pull_all()
    assert {r.table for r in records} <= {"site", "job_centre", "ambito"}
    assert province.get("person", someone.id).status_code == 404
    refused = province.push(person(owner=PROVINCE))
    assert refused.receipts[0].status == ReceiptStatus.REJECTED
    # Reference data is the Province's to maintain, and nobody else's.
    centre = next(r for r in records if r.table == "job_centre")
    renamed = changed(centre, centre.revision, name="CPI rinominato")
    assert somma.push(renamed).receipts[0].status == ReceiptStatus.REJECTED
    assert province.push(renamed).receipts[0].status == ReceiptStatus.ACCEPTED
    assert somma.get("job_centre", centre.id).json()["data"]["name"] == "CPI rinominato"


def test_aggregates_are_for_the_province_with_small_cells_suppressed(
    devices: dict[str, Device],
) -> None:
    somma, varese = devices[SOMMA], devices[VARESE_AMBITO]
    for _ in range(6):
        someone = person()
        somma.push(someone, referral(someone, GALLARATE))
    for _ in range(2):
        someone = person(owner=VARESE_AMBITO)
        varese.push(someone, referral(someone, VARESE_CPI, track="cmd"))
    assert somma.http.get("/aggregates").status_code == 403
    answer = devices[PROVINCE].http.get("/aggregates")
    assert answer.status_code == 200
    body = answer.json()
    assert body["threshold"] == 5
    assert body["total"]["count"] == 8
    by_ambito = {c["key"]: c for c in body["by_ambito"]}
    assert by_ambito[SOMMA]["count"] is None and by_ambito[SOMMA]["suppressed"]
    # Only one small cell: the other is hidden too, or the total would give it away.
    assert by_ambito[VARESE_AMBITO] == {
        "key": VARESE_AMBITO, "label": "Ambito di Varese", "count": None, "suppressed": True,
    }  # fmt: skip
    by_track = {c["key"]: c for c in body["by_track"]}
    assert by_track["neet"]["suppressed"] and by_track["cmd"]["suppressed"]
    assert body["by_month"] == [{"key": "2026-03", "label": "2026-03", "count": 8,
                                 "suppressed": False}]  # fmt: skip
    assert "person" not in answer.text and "Rossi" not in answer.text


def _timed_event(referral_record: WireRecord, owner: str, to_status: str, at: str) -> WireRecord:
    made = event(referral_record, owner, to_status)
    return made.model_copy(update={"data": {**made.data, "at": at}})


def test_aggregates_count_the_status_the_cpi_handling_reached_not_the_senders_row(
    devices: dict[str, Device],
) -> None:
    """The referral row stays as the Ambito sent it; the CPI's events carry the handling."""
    somma, cpi, province = devices[SOMMA], devices[GALLARATE], devices[PROVINCE]
    referrals = []
    for _ in range(10):
        someone = person()
        sent = referral(someone, GALLARATE)
        somma.push(someone, sent, _timed_event(sent, SOMMA, "sent", "2026-03-14T09:00:00+00:00"))
        referrals.append(sent)
    for sent in referrals[:5]:
        receipts = cpi.push(
            _timed_event(sent, GALLARATE, "received", "2026-03-16T10:00:00+00:00"),
            # Pushed before "received" would be, but later in time: time decides, not order.
            _timed_event(sent, GALLARATE, "taken_in_charge", "2026-03-20T11:30:00+00:00"),
        ).receipts
        assert _statuses(receipts) == ["accepted", "accepted"]
    # An event pushed late but older than the sender's "sent" does not win.
    somma.push(_timed_event(referrals[9], SOMMA, "draft", "2026-03-13T08:00:00+00:00"))

    body = province.http.get("/aggregates").json()
    by_status = {c["key"]: c["count"] for c in body["by_status"]}
    assert by_status == {"sent": 5, "taken_in_charge": 5}
    assert body["total"]["count"] == 10


def test_a_readdressed_referral_leaves_the_old_cpi_by_scope_tombstones(
    devices: dict[str, Device],
) -> None:
    somma, gallarate, varese_cpi = devices[SOMMA], devices[GALLARATE], devices[VARESE_CPI]
    someone = person()
    sent = referral(someone, GALLARATE)
    first = somma.push(someone, sent, event(sent, SOMMA, "sent"))
    taken = handling(sent)
    gallarate.push(taken)
    _, cursor = gallarate.pull_all()

    readdressed = changed(referral_as(sent, VARESE_CPI), first.receipts[1].revision)
    assert somma.push(readdressed).receipts[0].status == ReceiptStatus.ACCEPTED

    records, _ = gallarate.pull_all(cursor)
    removed = {(r.table, r.id) for r in records if r.scope_removed}
    assert removed == {
        ("person", someone.id), ("referral", sent.id), ("referral_handling", taken.id),
        ("referral_event", first.receipts[2].id),
    }  # fmt: skip
    assert all(not r.deleted and r.data == {} for r in records if r.scope_removed)
    assert gallarate.get("referral", sent.id).status_code == 404
    # The new CPI gets everything, the handling included, now owned by it.
    now_seen = varese_cpi.private()
    assert set(now_seen) == removed
    assert now_seen[("referral_handling", taken.id)].owner_site == VARESE_CPI
    # And the Ambito still sees it all, with the person unchanged.
    assert somma.get("referral_handling", taken.id).status_code == 200


def referral_as(record: WireRecord, centre: str) -> WireRecord:
    return record.model_copy(update={"data": {**record.data, "job_centre_id": CENTRE_ID[centre]}})


def test_deletions_travel_as_tombstones(devices: dict[str, Device]) -> None:
    somma, cpi = devices[SOMMA], devices[GALLARATE]
    someone = person()
    sent = referral(someone)
    answer = somma.push(someone, sent)
    _, cursor = cpi.pull_all()
    tombstone = wire("referral", SOMMA, {}, record_id=sent.id, base=answer.receipts[1].revision,
                     deleted=True)  # fmt: skip
    assert somma.push(tombstone).receipts[0].status == ReceiptStatus.ACCEPTED
    records, _ = cpi.pull_all(cursor)
    # The person was the CPI's through that referral only: it leaves the CPI's scope with it.
    assert sorted((r.table, r.id, r.deleted, r.scope_removed) for r in records) == [
        ("person", someone.id, False, True),
        ("referral", sent.id, True, False),
    ]
    # A CPI's deletion of its own action reaches the Ambito the same way.
    action = wire(
        "path_action", GALLARATE, {"referral_id": sent.id, "action_type": "basic_guidance"}
    )
    pushed = cpi.push(action)
    _, ambito_cursor = somma.pull_all()
    cpi.push(wire("path_action", GALLARATE, {}, record_id=action.id,
                  base=pushed.receipts[0].revision, deleted=True))  # fmt: skip
    records, _ = somma.pull_all(ambito_cursor)
    assert [(r.table, r.deleted) for r in records] == [("path_action", True)]
