"""Issue 17 on the server: referral routes, the joint plan's rows, social referrals.

Every rule is tried from the side of a hostile site as well: a route the Province closed, a
plan row on someone else's referral, a reply to a social referral addressed elsewhere, a
person the writer does not see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sync.protocol import ReceiptStatus, WireRecord, reference_id
from sync.protocol.routes import DEFAULT_ROUTES
from sync.server import admin
from tests.sync.server.support import (
    GALLARATE,
    PROVINCE,
    SOMMA,
    VARESE_AMBITO,
    VARESE_CPI,
    Device,
    Live,
    changed,
    person,
    referral,
    wire,
)

ETS = "ETS-SOLIDALE"


@pytest.fixture
def devices(live: Live) -> Iterator[dict[str, Device]]:
    admin.add_site(live.db, "ets", ETS, "Cooperativa Sociale Il Solco", ambito_code=SOMMA)
    made = {site: Device(live, site) for site in (SOMMA, VARESE_AMBITO, GALLARATE, VARESE_CPI,
                                                  PROVINCE, ETS)}  # fmt: skip
    yield made
    for device in made.values():
        device.close()


def _route(sender: str, recipient: str, track: str, *, enabled: bool = True) -> WireRecord:
    return wire(
        "referral_route", PROVINCE,
        {"sender_kind": sender, "recipient_kind": recipient, "track": track, "enabled": enabled},
    )  # fmt: skip


def _status(device: Device, *records: WireRecord) -> list[tuple[str, str]]:
    return [(r.status.value, r.message or "") for r in device.push(*records).receipts]


def _accepted(device: Device, *records: WireRecord) -> list[int]:
    receipts = device.push(*records).receipts
    assert [r.status for r in receipts] == [ReceiptStatus.ACCEPTED] * len(records), receipts
    return [r.revision or 0 for r in receipts]


def test_default_routes_let_ambiti_and_third_sector_send_and_refuse_a_cpi(
    devices: dict[str, Device],
) -> None:
    for sender in (SOMMA, ETS):
        someone = person(sender)
        _accepted(devices[sender], someone, referral(someone, track="cmd"))
    # A CPI referring to a CPI is no default route.
    someone = person(VARESE_CPI)
    answer = _status(devices[VARESE_CPI], someone, referral(someone, GALLARATE))
    assert answer[0][0] == "accepted"
    assert answer[1][0] == "rejected"
    assert "Provincia non ha previsto" in answer[1][1]
    assert "Centro per l'Impiego" in answer[1][1]


def test_the_server_refuses_a_route_the_province_has_not_configured(
    devices: dict[str, Device],
) -> None:
    somma, ets, province = devices[SOMMA], devices[ETS], devices[PROVINCE]
    early = person(ETS)
    already_sent = referral(early, track="cmd")
    sent_revisions = _accepted(ets, early, already_sent)
    # The Province configures every route but Third Sector → CPI for CMD.
    _accepted(
        province,
        _route("ambito", "cpi", "neet"), _route("ambito", "cpi", "cmd"),
        _route("ets", "cpi", "neet"), _route("ets", "cpi", "cmd", enabled=False),
        _route("cpi", "ambito", "social"),
    )  # fmt: skip
    someone = person(ETS)
    answer = _status(ets, someone, referral(someone, track="cmd"), referral(someone, track="neet"))
    assert [status for status, _ in answer] == ["accepted", "rejected", "accepted"]
    assert "collocamento mirato" in answer[1][1]
    # A draft on a closed route may not be sent either; one sent before lives on.
    draft = referral(someone, track="cmd", status="draft")
    assert _status(ets, draft)[0][0] == "rejected"
    assert _status(ets, changed(already_sent, sent_revisions[1], status="received"))[0][0] == (
        "accepted"
    )
    # Only the Province writes routes; an Ambito cannot open one for itself.
    forged = _route("ets", "cpi", "cmd").model_copy(update={"owner_site": SOMMA})
    assert _status(somma, forged)[0][0] == "rejected"
    assert _status(ets, referral(someone, track="cmd"))[0][0] == "rejected"


def _plan_goal(referral_record: WireRecord, owner: str, **data: Any) -> WireRecord:
    return wire(
        "plan_goal",
        owner,
        {"referral_id": referral_record.id, "position": 1,
         "description": "Ricerca attiva del lavoro", **data},
    )  # fmt: skip


def _plan_action(referral_record: WireRecord, owner: str, goal: WireRecord | None) -> WireRecord:
    return wire("plan_action", owner, {
        "referral_id": referral_record.id, "goal_id": goal.id if goal else None,
        "description": "Colloquio di orientamento", "responsible_party": "ambito",
        "due_on": "2026-04-10", "status": "open",
    })  # fmt: skip


def test_each_party_writes_its_own_plan_rows_and_nobody_else_sees_them(
    devices: dict[str, Device],
) -> None:
    somma, cpi, other_ambito, other_cpi = (
        devices[SOMMA], devices[GALLARATE], devices[VARESE_AMBITO], devices[VARESE_CPI]
    )  # fmt: skip
    someone = person()
    sent = referral(someone, status="taken_in_charge")
    _accepted(somma, someone, sent)
    goal = _plan_goal(sent, GALLARATE)
    interview = wire("joint_interview", GALLARATE, {
        "referral_id": sent.id, "held_on": "2026-03-20", "participants": ["Anna Riva (CPI)"],
        "person_present": True, "summary": "Primo colloquio congiunto",
    })  # fmt: skip
    goal_revision, _ = _accepted(cpi, goal, interview)
    # The Ambito adds an action under the CPI's goal: a goal of the same plan.
    action = _plan_action(sent, SOMMA, goal)
    _accepted(somma, action)
    for device in (somma, cpi):
        seen = {key[0] for key in device.private()}
        assert {"plan_goal", "plan_action", "joint_interview"} <= seen
    for outsider in (other_ambito, other_cpi):
        assert not {key[0] for key in outsider.private()} & {"plan_goal", "plan_action"}
        assert outsider.get("plan_goal", goal.id).status_code == 404
    # The CPI may not rewrite the Ambito's row, nor an outsider add to the plan.
    refused = _status(cpi, changed(action, None, description="Cambiata dal CPI"))
    assert refused[0][0] == "rejected"
    review = wire("plan_review", VARESE_AMBITO, {"referral_id": sent.id,
                  "review_on": "2026-04-01", "outcome": "on_track"})  # fmt: skip
    assert "non è visibile" in _status(other_ambito, review)[0][1]
    # An outsider's action cannot hang under the CPI's goal of another referral either.
    own = person(VARESE_AMBITO)
    own_referral = referral(own, VARESE_CPI, status="taken_in_charge")
    _accepted(other_ambito, own, own_referral)
    hooked = _plan_action(own_referral, VARESE_AMBITO, goal)
    assert _status(other_ambito, hooked)[0][0] == "rejected"
    # A draft has no plan.
    draft = referral(someone, status="draft")
    _accepted(somma, draft)
    assert "bozza" in _status(somma, _plan_goal(draft, SOMMA))[0][1]
    assert goal_revision > 0


def _social(person_record: WireRecord, cpi: str, ambito: str, **data: Any) -> WireRecord:
    return wire("social_referral", cpi, {
        "number": "SS-2026/000001", "person_id": person_record.id, "sending_site": cpi,
        "ambito_id": reference_id("ambito", ambito), "status": "sent",
        "created_on": "2026-03-21", "sent_on": "2026-03-21", "reason": "Disagio abitativo",
        "needs": ["housing"], "urgency": "normal", **data,
    })  # fmt: skip


def _reply(social: WireRecord, site: str, status: str = "accepted") -> WireRecord:
    return wire("social_referral_reply", site, {
        "social_referral_id": social.id, "status": status, "replied_on": "2026-03-24",
        "site": site, "operator": "l.ferri",
    })  # fmt: skip


def test_a_social_referral_reaches_the_ambito_addressed_and_only_it(
    devices: dict[str, Device],
) -> None:
    somma, cpi = devices[SOMMA], devices[GALLARATE]
    varese, other_cpi = devices[VARESE_AMBITO], devices[VARESE_CPI]
    someone = person()
    _accepted(somma, someone, referral(someone))
    social = _social(someone, GALLARATE, VARESE_AMBITO)
    _accepted(cpi, social)
    seen = varese.private()
    assert ("social_referral", social.id) in seen
    # The person travels with it; the CPI's referral does not.
    assert ("person", someone.id) in seen
    assert not any(table == "referral" for table, _ in seen)
    assert ("social_referral", social.id) not in other_cpi.private()
    # Only the Ambito addressed answers; its answer goes back to the CPI.
    assert "Ambito a cui è indirizzata" in _status(somma, _reply(social, SOMMA))[0][1]
    reply = _reply(social, VARESE_AMBITO)
    _accepted(varese, reply)
    assert ("social_referral_reply", reply.id) in cpi.private()
    assert ("social_referral_reply", reply.id) not in somma.private()
    # The Ambito cannot rewrite the CPI's row.
    assert _status(varese, changed(social, None, status="closed"))[0][0] == "rejected"


def test_a_social_referral_cannot_open_a_person_the_cpi_does_not_see(
    devices: dict[str, Device],
) -> None:
    somma, cpi, varese = devices[SOMMA], devices[GALLARATE], devices[VARESE_AMBITO]
    hidden = person()
    _accepted(somma, hidden)  # never referred to this CPI
    answer = _status(cpi, _social(hidden, GALLARATE, VARESE_AMBITO))
    assert answer[0][0] == "rejected"
    assert ("person", hidden.id) not in varese.private()
    # A draft stays with the CPI; an Ambito has no route to send one.
    someone = person()
    _accepted(somma, someone, referral(someone))
    draft = _social(someone, GALLARATE, VARESE_AMBITO, status="draft")
    _accepted(cpi, draft)
    assert ("social_referral", draft.id) not in varese.private()
    assert "servizi sociali" in _status(varese, _social(person(VARESE_AMBITO), VARESE_AMBITO,
                                                        SOMMA))[0][1]  # fmt: skip
    assert _status(varese, _reply(draft, VARESE_AMBITO))[0][0] == "rejected"


def test_an_open_cpi_route_still_refuses_another_sites_person(
    devices: dict[str, Device],
) -> None:
    somma, cpi, province = devices[SOMMA], devices[GALLARATE], devices[PROVINCE]
    # Once the Province writes routes only those count: the defaults and the CPI → CPI one.
    _accepted(
        province,
        *(_route(r.sender_kind, r.recipient_kind, r.track) for r in DEFAULT_ROUTES),
        _route("cpi", "cpi", "neet"),
    )
    someone = person()
    _accepted(somma, someone, referral(someone))  # addressed to this CPI: it sees the person
    passed_on = referral(someone, VARESE_CPI).model_copy(update={"owner_site": GALLARATE})
    passed_on.data["sending_site"] = GALLARATE
    answer = _status(cpi, passed_on)
    assert answer[0][0] == "rejected"
    assert "person_id" in answer[0][1] and "altra sede" in answer[0][1]
    # Its own person it may refer on the open route.
    own = person(GALLARATE)
    _accepted(cpi, own, referral(own, VARESE_CPI))
