"""Offices converge through the real server, and no office sees what is not its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop.demo.seed import seed_demo
from desktop.domain.lifecycle import Transition
from desktop.services.directory import ContactInput, create_contact, delete_contact, update_contact
from desktop.services.referrals.lifecycle import transition_referral
from sync.client.conflicts import list_conflicts, resolve_conflict
from sync.client.engine import open_transport
from sync.client.errors import RequestRefusedError
from sync.client.status import sync_status
from sync.protocol import AggregatesResponse, WireRecord
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]
PRIVATE_TABLES = ("person", "referral", "referral_event", "referral_handling", "path_action")


def _referrals(office: Office, where: str = "1 = 1", *params: object) -> set[str]:
    return {row[0] for row in office.rows(f"SELECT id FROM referral WHERE {where}", *params)}


def _contact(office: Office, **values: str) -> str:
    data = ContactInput(last_name="Ferri", first_name="Giulia", role="Educatrice", **values)
    return create_contact(office.store, actor=office.actor, data=data).id


def _edit_contact(office: Office, contact_id: str, **values: str) -> None:
    row = office.rows(
        "SELECT last_name, first_name, organization_id, role, email, phone FROM contact "
        "WHERE id = ?",
        contact_id,
    )[0]
    current = dict(zip(("last_name", "first_name", "organization_id", "role", "email", "phone"),
                       row, strict=True))  # fmt: skip
    update_contact(
        office.store,
        actor=office.actor,
        contact_id=contact_id,
        data=ContactInput(**{**current, **values}),
    )


def test_two_pcs_of_one_ambito_converge(office: Offices) -> None:
    first, second = office("AMB-SARONNO"), office("AMB-SARONNO")
    first.sync(), second.sync()  # the Province's reference data
    seed_demo(first.store, referrals=30, seed=11)
    seed_demo(second.store, referrals=20, seed=12)  # numbers overlap the first PC's
    contact_id = _contact(first, phone="02 9600 1000")

    first.sync()
    second.sync()
    result = first.sync()

    assert result.pending == 0 and result.rejected == 0
    assert _referrals(first) == _referrals(second)
    assert len(_referrals(first)) == 50
    # Seeded in an enrolled folder: this site's own data, on the Province's reference data.
    assert first.rows("SELECT DISTINCT sending_site, owner_site FROM referral") == [
        ("AMB-SARONNO", "AMB-SARONNO")
    ]
    assert first.value("SELECT count(*) FROM ambito WHERE server_revision IS NULL") == 0
    assert second.value("SELECT phone FROM contact WHERE id = ?", contact_id) == "02 9600 1000"
    assert first.agrees_with_server() and second.agrees_with_server()
    assert sync_status(second.store).pending_changes == 0
    # A sync with nothing to do changes nothing and says so.
    again = second.sync()
    assert (again.sent, again.received) == (0, 0)


def test_a_cpi_gets_its_referrals_and_its_handling_flows_back(
    office: Offices, server: LiveServer
) -> None:
    ambito = office("AMB-GALLARATE")
    ambito.sync()
    seed_demo(ambito.store, referrals=40, seed=21)
    ambito.sync()
    centre_code, centre_id = ambito.rows(
        "SELECT j.code, j.id FROM referral r JOIN job_centre j ON j.id = r.job_centre_id "
        "WHERE r.status = 'sent' GROUP BY j.id ORDER BY count(*) DESC LIMIT 1"
    )[0]
    cpi = office(centre_code)
    cpi.sync()

    addressed = _referrals(
        ambito, "job_centre_id = ? AND status != 'draft' AND deleted = 0", centre_id
    )
    received = _referrals(cpi, "sending_site = ?", ambito.site)
    assert received == addressed and addressed
    assert not _referrals(cpi, "status = 'draft'")
    assert not _referrals(cpi, "job_centre_id != ?", centre_id)

    referral_id = ambito.value(
        "SELECT id FROM referral WHERE job_centre_id = ? AND status = 'sent' LIMIT 1", centre_id
    )
    for step in (Transition.RECEIVE, Transition.TAKE_IN_CHARGE):
        transition_referral(
            cpi.store, actor=cpi.actor, referral_id=referral_id, transition=step, on=date.today()
        )
    assert cpi.sync().rejected == 0
    ambito.sync()

    assert ambito.value("SELECT status FROM referral WHERE id = ?", referral_id) == (
        "taken_in_charge"
    )
    assert ambito.rows(
        "SELECT owner_site, taken_in_charge_on IS NOT NULL FROM referral_handling "
        "WHERE referral_id = ?",
        referral_id,
    ) == [(centre_code, 1)]
    assert (
        ambito.value(
            "SELECT count(*) FROM referral_event WHERE referral_id = ? AND site = ?",
            referral_id,
            centre_code,
        )
        == 2
    )
    # The CPI's copy of the status travelled as events: nothing is left to send or refused.
    assert sync_status(cpi.store).pending_changes == 0
    assert sync_status(cpi.store).rejected_records == 0
    assert ambito.agrees_with_server() and cpi.agrees_with_server()
    assert server.query("SELECT count(*) FROM record WHERE id = :id", id=referral_id)[0][0] == 1


def test_another_ambito_never_sees_them_not_even_by_id(office: Offices) -> None:
    sender = office("AMB-LUINO")
    sender.sync()
    seed_demo(sender.store, referrals=10, seed=31)
    sender.sync()
    stranger = office("AMB-AZZATE")
    stranger.sync()

    assert not _referrals(stranger, "sending_site = ?", sender.site)
    referral_id, person_id = sender.rows(
        "SELECT id, person_id FROM referral WHERE status = 'sent' LIMIT 1"
    )[0]
    with open_transport(stranger.store) as transport:
        for table, record_id in (("referral", referral_id), ("person", person_id)):
            with pytest.raises(RequestRefusedError) as refused:
                transport.get(f"/records/{table}/{record_id}", WireRecord)
            assert refused.value.status == 404
    with open_transport(sender.store) as transport:
        assert transport.get(f"/records/referral/{referral_id}", WireRecord).id == referral_id


def test_the_province_gets_aggregates_only(office: Offices) -> None:
    sender = office("AMB-CITTIGLIO")
    sender.sync()
    seed_demo(sender.store, referrals=12, seed=41)
    sender.sync()
    province = office("PROVINCIA-VA")
    province.sync()

    for table in PRIVATE_TABLES:
        assert province.value(f"SELECT count(*) FROM {table}") == 0, table
    assert province.value("SELECT count(*) FROM municipality") > 100
    with open_transport(province.store) as transport:
        counts = transport.get("/aggregates", AggregatesResponse)
    assert counts.total.count is None or counts.total.count >= 12
    for cell in [*counts.by_ambito, *counts.by_status, *counts.by_month]:
        assert cell.suppressed == (cell.count is None)
        assert cell.count is None or cell.count >= counts.threshold
    with open_transport(sender.store) as transport, pytest.raises(RequestRefusedError) as refused:
        transport.get("/aggregates", AggregatesResponse)
    assert refused.value.status == 403


def test_the_same_field_edited_on_two_pcs_is_a_conflict_and_nothing_is_lost(
    office: Offices,
) -> None:
    first, second = office("AMB-SESTO"), office("AMB-SESTO")
    first.sync()
    contact_id = _contact(first, phone="0331 100100", email="ferri@example.org")
    first.sync()
    second.sync()

    _edit_contact(first, contact_id, phone="0331 111111", role="Coordinatrice")
    _edit_contact(second, contact_id, phone="0331 222222", email="g.ferri@example.org")
    first.sync()
    result = second.sync()

    assert result.new_conflicts == 1
    [conflict] = list_conflicts(second.store)
    assert (conflict.field, conflict.local_value, conflict.remote_value, conflict.base_value) == (
        "phone", "0331 222222", "0331 111111", "0331 100100",
    )  # fmt: skip
    # The other fields merged; the local phone waits for a person, nothing was overwritten.
    assert second.rows("SELECT phone, email, role FROM contact WHERE id = ?", contact_id) == [
        ("0331 222222", "g.ferri@example.org", "Coordinatrice")
    ]
    assert first.value("SELECT phone FROM contact WHERE id = ?", contact_id) == "0331 111111"

    resolve_conflict(second.store, conflict.id, "local", actor=second.actor)
    second.sync()
    first.sync()
    expected = [("0331 222222", "g.ferri@example.org", "Coordinatrice")]
    for pc in (first, second):
        assert (
            pc.rows("SELECT phone, email, role FROM contact WHERE id = ?", contact_id) == expected
        )
        assert pc.agrees_with_server()
    assert list_conflicts(first.store) == [] and list_conflicts(second.store) == []


def test_deletions_travel_both_ways(office: Offices) -> None:
    first, second = office("AMB-ARCISATE"), office("AMB-ARCISATE")
    first.sync()
    kept, gone_here, gone_there = (_contact(first, phone=f"0332 10000{n}") for n in (1, 2, 3))
    first.sync()
    second.sync()

    delete_contact(first.store, actor=first.actor, contact_id=gone_here)
    delete_contact(second.store, actor=second.actor, contact_id=gone_there)
    for pc in (first, second, first):
        pc.sync()

    for pc in (first, second):
        assert dict(pc.rows("SELECT id, deleted FROM contact WHERE id IN (?, ?, ?)",
                            kept, gone_here, gone_there)) == {
            kept: 0, gone_here: 1, gone_there: 1,
        }  # fmt: skip
        assert pc.agrees_with_server()


def test_a_referral_readdressed_to_another_cpi_leaves_the_first(office: Offices) -> None:
    ambito = office("AMB-CASTELLANZA")
    ambito.sync()
    seed_demo(ambito.store, referrals=15, seed=51)
    ambito.sync()
    referral_id, centre_code = ambito.rows(
        "SELECT r.id, j.code FROM referral r JOIN job_centre j ON j.id = r.job_centre_id "
        "WHERE r.status = 'sent' LIMIT 1"
    )[0]
    other_code, other_id = ambito.rows(
        "SELECT code, id FROM job_centre WHERE code != ? AND code IN "
        "(SELECT code FROM site WHERE kind = 'cpi') ORDER BY code LIMIT 1",
        centre_code,
    )[0]
    cpi, other = office(centre_code), office(other_code)
    cpi.sync()
    assert referral_id in _referrals(cpi)

    # The Ambito re-addresses it (as after a return); the server moves it to the other CPI.
    ambito.change("referral", referral_id, job_centre_id=other_id)
    ambito.sync()
    cpi.sync()
    other.sync()

    assert referral_id not in _referrals(cpi)
    assert not cpi.rows("SELECT id FROM referral_event WHERE referral_id = ?", referral_id)
    assert referral_id in _referrals(other)
    assert cpi.agrees_with_server() and other.agrees_with_server()
