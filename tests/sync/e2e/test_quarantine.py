"""A record quarantined on the server (``trama-server record quarantine``) leaves the offices'
PCs at their next sync, the sync still succeeds, and release brings it back as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.demo.seed import seed_demo
from desktop.services.directory import ContactInput, create_contact
from sync.server.cli import main
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]


def _contacts(office: Office, contact_id: str) -> list[tuple[object, ...]]:
    return office.rows("SELECT last_name, role FROM contact WHERE id = ?", contact_id)


def test_a_quarantined_record_leaves_the_offices_and_comes_back(
    office: Offices, server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    owner, reader = office("AMB-CASTELLANZA"), office("AMB-LUINO")
    owner.sync()
    data = ContactInput(last_name="Quarantena", first_name="Prova", role="Educatrice")
    contact_id = create_contact(owner.store, actor=owner.actor, data=data).id
    owner.sync()
    reader.sync()
    assert _contacts(reader, contact_id) == [("Quarantena", "Educatrice")]

    assert main(["record", "quarantine", contact_id, "--db", server.db_url]) == 0
    for pc in (owner, reader):
        result = pc.sync()
        assert (result.set_aside, result.drift_left, result.pending) == (0, False, 0), result
        assert _contacts(pc, contact_id) == []

    assert main(["record", "release", contact_id, "--db", server.db_url]) == 0
    for pc in (owner, reader):
        result = pc.sync()
        assert (result.set_aside, result.drift_left, result.pending) == (0, False, 0), result
        assert _contacts(pc, contact_id) == [("Quarantena", "Educatrice")]
    capsys.readouterr()


def test_a_quarantined_person_leaves_its_office_and_its_referral_waits_for_it(
    office: Offices, server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = office("AMB-AZZATE")
    owner.sync()
    seed_demo(owner.store, referrals=3, seed=5)
    owner.sync()
    referral_id, person_id = owner.rows(
        "SELECT id, person_id FROM referral WHERE deleted = 0 ORDER BY id LIMIT 1"
    )[0]
    count = "SELECT count(*) FROM person WHERE id = ?"

    assert main(["record", "quarantine", person_id, "--db", server.db_url]) == 0
    result = owner.sync()
    assert (result.set_aside, result.drift_left, result.pending) == (0, False, 0), result
    assert owner.rows(count, person_id) == [(0,)]
    # The referral stays, pointing at a person that comes back on release.
    assert owner.rows("SELECT person_id FROM referral WHERE id = ?", referral_id) == [(person_id,)]

    assert main(["record", "release", person_id, "--db", server.db_url]) == 0
    result = owner.sync()
    assert (result.set_aside, result.drift_left, result.pending) == (0, False, 0), result
    assert owner.rows(count, person_id) == [(1,)]
    capsys.readouterr()
