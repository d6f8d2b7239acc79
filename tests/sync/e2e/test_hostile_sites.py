"""Other sites as attackers, each with a valid token of its own: references are authorised like
records, malformed records are refused, and honest offices keep converging (issue 12).

Every attack goes to the real server process on 127.0.0.1, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from desktop.demo.seed import seed_demo
from sync.protocol import ReceiptStatus
from tests.sync.e2e.hostile import (
    STAMP,
    HostileDevice,
    person_data,
    record,
    referral_data,
)
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]
HONEST = "AMB-CASTELLANZA"
HOSTILE = "AMB-AZZATE"
REJECTED = ReceiptStatus.REJECTED.value


@dataclass(frozen=True)
class Victim:
    """An honest Ambito's office, synced, and what the attackers aim at."""

    office: Office
    person_id: str
    referral_id: str
    job_centre_id: str
    cpi: str  # the CPI site the referral is addressed to
    other_cpi: str  # a CPI site it is not addressed to
    meeting_id: str
    project_id: str


def _cpi_sites(server: LiveServer) -> dict[str, str]:
    """job_centre record id → the CPI site that works for it."""
    rows = server.query(
        "SELECT r.id, s.code FROM server_site s JOIN record r ON r.natural_key = "
        "s.job_centre_code AND r.table_name = 'job_centre' WHERE s.kind = 'cpi'"
    )
    return {str(record_id): str(code) for record_id, code in rows}


@pytest.fixture
def victim(office: Offices, server: LiveServer) -> Victim:
    honest = office(HONEST)
    honest.sync()
    seed_demo(honest.store, referrals=12, seed=1201)
    first = honest.sync()
    # Everything an honest office makes passes the server's checks: nothing refused, nothing left.
    assert (first.rejected, first.pending) == (0, 0), first.message
    centres = _cpi_sites(server)
    rows = honest.rows(
        "SELECT id, person_id, job_centre_id FROM referral WHERE owner_site = ? AND status != "
        "'draft' AND deleted = 0 AND server_revision IS NOT NULL",
        HONEST,
    )
    referral_id, person_id, centre = next(row for row in rows if row[2] in centres)
    other = next(code for code in sorted(set(centres.values())) if code != centres[centre])
    return Victim(
        office=honest,
        person_id=person_id,
        referral_id=referral_id,
        job_centre_id=centre,
        cpi=centres[centre],
        other_cpi=other,
        meeting_id=honest.value("SELECT id FROM meeting WHERE owner_site = ? LIMIT 1", HONEST),
        project_id=honest.value("SELECT id FROM project WHERE owner_site = ? LIMIT 1", HONEST),
    )


@pytest.fixture
def hostile(server: LiveServer) -> Iterator[Callable[[str], HostileDevice]]:
    made: list[HostileDevice] = []

    def make(site: str) -> HostileDevice:
        device = HostileDevice(server, site)
        made.append(device)
        return device

    yield make
    for device in made:
        device.close()


def _refused(receipt: dict[str, object], *words: str) -> None:
    assert receipt["status"] == REJECTED, receipt
    assert receipt["revision"] is None
    message = str(receipt["message"])
    for word in words:
        assert word in message, message


def _converges(*offices: Office) -> None:
    for honest in offices:
        result = honest.sync()
        assert result.set_aside == 0
        assert not result.drift_left
        assert honest.agrees_with_server()


def test_a_site_cannot_read_another_sites_person_by_pointing_at_it(
    victim: Victim, hostile: Callable[[str], HostileDevice], server: LiveServer
) -> None:
    attacker = hostile(HOSTILE)
    assert attacker.get("person", victim.person_id).status_code == 404

    stolen = record(
        "referral", HOSTILE, referral_data(victim.person_id, victim.job_centre_id, HOSTILE)
    )
    _refused(attacker.push_one(stolen), "person_id", "altra sede")
    notice = record(
        "privacy_acknowledgement", HOSTILE,
        {"person_id": victim.person_id, "handed_over_on": "2026-03-14"},
    )  # fmt: skip
    _refused(attacker.push_one(notice), "person_id", "altra sede")
    # Its tombstone, the second half of the old attack, has nothing to delete.
    tombstone = {**stolen, "deleted": True}
    _refused(attacker.push_one(tombstone), "altra sede")
    # Writing into the person itself is refused as before.
    overwrite = record("person", HOSTILE, person_data(), record_id=victim.person_id)
    _refused(attacker.push_one(overwrite), "altra sede")

    assert attacker.get("person", victim.person_id).status_code == 404
    assert ("person", victim.person_id) not in attacker.pulled()
    # The same requests about a person of its own go through.
    own = record("person", HOSTILE, person_data())
    attacker.accepted(own)
    attacker.accepted(
        record("referral", HOSTILE, referral_data(own["id"], victim.job_centre_id, HOSTILE))
    )
    _converges(victim.office)


def test_a_referral_must_name_its_own_site_and_a_real_job_centre(
    victim: Victim, hostile: Callable[[str], HostileDevice], server: LiveServer
) -> None:
    attacker = hostile(HOSTILE)
    own = record("person", HOSTILE, person_data())
    attacker.accepted(own)
    before = server.query("SELECT COUNT(*) FROM record WHERE table_name = 'referral'")[0][0]
    for centre in ("x", str(uuid.uuid4())):
        bad_centre = record("referral", HOSTILE, referral_data(own["id"], centre, HOSTILE))
        _refused(attacker.push_one(bad_centre), "job_centre_id", "inesistente")
    posing = record("referral", HOSTILE, referral_data(own["id"], victim.job_centre_id, HONEST))
    _refused(attacker.push_one(posing), "sending_site")
    event = record(
        "referral_event", HOSTILE,
        {"referral_id": victim.referral_id, "at": STAMP, "operator": "ostile",
         "site": HOSTILE, "to_status": "withdrawn"},
    )  # fmt: skip
    _refused(attacker.push_one(event))
    after = server.query("SELECT COUNT(*) FROM record WHERE table_name = 'referral'")[0][0]
    assert after == before
    _converges(victim.office)


def test_a_cpi_cannot_pass_a_person_it_sees_to_another_cpi(
    victim: Victim, hostile: Callable[[str], HostileDevice]
) -> None:
    addressed, other = hostile(victim.cpi), hostile(victim.other_cpi)
    assert addressed.get("person", victim.person_id).status_code == 200
    assert other.get("person", victim.person_id).status_code == 404
    other_centre = next(
        key[1]
        for key, value in other.pulled().items()
        if key[0] == "job_centre" and value["data"]["code"] == victim.other_cpi
    )
    passed_on = record(
        "referral", victim.cpi, referral_data(victim.person_id, other_centre, victim.cpi)
    )
    # No route lets a CPI refer to another CPI by default; with one open, the person's
    # reference would still be refused (tests/sync/server/test_routes_plans_social.py).
    _refused(addressed.push_one(passed_on), "Provincia non ha previsto")
    assert other.get("person", victim.person_id).status_code == 404

    # The CPI that does not handle the referral cannot act on it; the one that does can,
    # but only with a provider that exists.
    action = {"referral_id": victim.referral_id, "action_type": "basic_guidance"}
    _refused(other.push_one(record("path_action", victim.other_cpi, action)))
    ghost = {**action, "provider_id": str(uuid.uuid4())}
    _refused(addressed.push_one(record("path_action", victim.cpi, ghost)), "provider_id")
    addressed.accepted(record("path_action", victim.cpi, action))
    _converges(victim.office)


def test_a_site_cannot_attach_records_to_another_sites_meeting_or_project(
    victim: Victim, hostile: Callable[[str], HostileDevice]
) -> None:
    attacker = hostile(HOSTILE)
    attacks = [
        record("meeting_participant", HOSTILE,
               {"meeting_id": victim.meeting_id, "full_name": "Intruso Ignoto"}),
        record("agenda_item", HOSTILE,
               {"meeting_id": victim.meeting_id, "position": 9, "title": "Punto inserito"}),
        record("action_item", HOSTILE,
               {"meeting_id": victim.meeting_id, "description": "Azione inserita"}),
        record("project_partner", HOSTILE,
               {"project_id": victim.project_id, "organization_id": victim.office.value(
                   "SELECT id FROM organization LIMIT 1"), "role": "partner"}),
        record("contact", HOSTILE,
               {"organization_id": str(uuid.uuid4()), "last_name": "Neri", "first_name": "Ada"}),
    ]  # fmt: skip
    for receipt in attacker.push(*attacks):
        _refused(receipt, "rimanda")
    # From a meeting of its own, an action pinned to another site's agenda item.
    own_meeting = record(
        "meeting", HOSTILE,
        {"number": "2026/R001", "meeting_type": "local_network", "title": "Tavolo",
         "held_on": "2026-03-14"},
    )  # fmt: skip
    attacker.accepted(own_meeting)
    their_item = victim.office.value(
        "SELECT id FROM agenda_item WHERE owner_site = ? LIMIT 1", HONEST
    )
    pinned = record(
        "action_item", HOSTILE,
        {"meeting_id": own_meeting["id"], "agenda_item_id": their_item, "description": "Azione"},
    )  # fmt: skip
    _refused(attacker.push_one(pinned), "agenda_item_id", "altra sede")
    own_project = record("project", HOSTILE, {"title": "Progetto di prova"})
    attacker.accepted(own_project)
    beneficiary = record(
        "project_beneficiary", HOSTILE,
        {"project_id": own_project["id"], "referral_id": victim.referral_id},
    )  # fmt: skip
    _refused(attacker.push_one(beneficiary), "referral_id", "altra sede")
    _converges(victim.office)


def test_malformed_records_are_refused_and_every_office_still_syncs(
    victim: Victim, hostile: Callable[[str], HostileDevice], office: Offices
) -> None:
    attacker = hostile(HOSTILE)
    own = record("person", HOSTILE, person_data())
    attacker.accepted(own)
    sent = record("referral", HOSTILE, referral_data(own["id"], victim.job_centre_id, HOSTILE))
    attacker.accepted(sent)
    no_site = referral_data(own["id"], victim.job_centre_id, HOSTILE)
    del no_site["sending_site"]
    malformed = [
        record("organization", HOSTILE, {"name": "Cooperativa \ud800", "kind": "aps"}),
        record("organization", HOSTILE, {"name": "Coop\x00erativa", "kind": "aps"}),
        record("referral", HOSTILE, no_site),
        record("privacy_acknowledgement", HOSTILE, {"person_id": own["id"]}),
        record("person", HOSTILE, person_data(last_name="x" * 1_000_000)),
        record("person", HOSTILE, person_data(sex="?")),
        record("referral", HOSTILE, {**sent["data"], "needs": ["orientation", "hack"]}),
    ]
    receipts = attacker.push(*malformed)
    for receipt in receipts:
        _refused(receipt)
    assert "sending_site" in receipts[2]["message"]
    assert "handed_over_on" in receipts[3]["message"]

    # Another PC of the attacker's own site and the CPI pull everything that was accepted.
    colleague = office(HOSTILE)
    cpi = office(victim.cpi)
    _converges(victim.office, colleague, cpi)
    assert colleague.value("SELECT COUNT(*) FROM referral WHERE id = ?", sent["id"]) == 1


def test_a_record_cannot_lean_on_a_refused_one_of_the_same_batch(
    victim: Victim, hostile: Callable[[str], HostileDevice]
) -> None:
    attacker = hostile(HOSTILE)
    stolen = record(
        "referral", HOSTILE, referral_data(victim.person_id, victim.job_centre_id, HOSTILE)
    )
    event = record(
        "referral_event", HOSTILE,
        {"referral_id": stolen["id"], "at": STAMP, "operator": "ostile", "site": HOSTILE,
         "to_status": "sent"},
    )  # fmt: skip
    referral_receipt, event_receipt = attacker.push(event, stolen)
    _refused(referral_receipt)
    _refused(event_receipt)
    assert attacker.get("referral_event", event["id"]).status_code == 404
