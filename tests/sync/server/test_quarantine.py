"""``trama-server record show|quarantine|release``: a quarantined record is served to no one,
and the sites that hold it drop it (a scope removal on their next pull); release brings it back.
On SQLite and PostgreSQL, against the live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.protocol import ReceiptStatus, WireRecord
from sync.server import admin
from sync.server.cli import main
from sync.server.scope import WriteSet
from tests.sync.server.support import (
    GALLARATE,
    SOMMA,
    VARESE_AMBITO,
    Device,
    Live,
    changed,
    event,
    person,
    referral,
)


@pytest.fixture
def devices(live: Live) -> Iterator[dict[str, Device]]:
    made = {site: Device(live, site) for site in (SOMMA, GALLARATE, VARESE_AMBITO)}
    yield made
    for device in made.values():
        device.close()


def run(capsys: pytest.CaptureFixture[str], live: Live, *argv: str) -> tuple[int, str, str]:
    status = main([*argv, "--db", live.db.url])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _latest(records: list[WireRecord], table: str, record_id: str) -> WireRecord:
    return [r for r in records if (r.table, r.id) == (table, record_id)][-1]


def test_a_quarantined_record_leaves_every_site_and_comes_back_on_release(
    capsys: pytest.CaptureFixture[str], live: Live, devices: dict[str, Device]
) -> None:
    somma, cpi = devices[SOMMA], devices[GALLARATE]
    someone = person()
    sent = referral(someone, GALLARATE)
    receipts = somma.push(someone, sent, event(sent, SOMMA, "sent")).receipts
    assert [r.status for r in receipts] == [ReceiptStatus.ACCEPTED] * 3
    cursors = {site: device.pull_all()[1] for site, device in devices.items()}
    digests = {site: device.http.get("/digest").json()["count"] for site, device in devices.items()}
    assert somma.get("person", someone.id).status_code == 200

    status, out, err = run(capsys, live, "record", "quarantine", someone.id,
                           "--reason", "nome illeggibile")  # fmt: skip
    assert status == 0, err
    assert "messo in quarantena" in out

    for device in (somma, cpi):
        records, cursors[device.site] = device.pull_all(cursors[device.site])
        dropped = _latest(records, "person", someone.id)
        assert dropped.scope_removed and dropped.data == {} and not dropped.deleted
        assert device.get("person", someone.id).status_code == 404
        assert device.http.get("/digest").json()["count"] == digests[device.site] - 1
    # A site that never saw the person is told nothing new about it, and sees nothing.
    other = devices[VARESE_AMBITO]
    records, cursors[VARESE_AMBITO] = other.pull_all(cursors[VARESE_AMBITO])
    assert all(r.id != someone.id for r in records)
    # The referral pointing at it is unaffected.
    assert cpi.get("referral", sent.id).status_code == 200

    refused = somma.push(changed(someone, receipts[0].revision, phone="0331 111111"))
    assert refused.receipts[0].status == ReceiptStatus.REJECTED
    assert "quarantena" in (refused.receipts[0].message or "")

    status, out, _ = run(capsys, live, "record", "show", someone.id)
    assert status == 0
    assert "Tabella: person" in out and f"Sede proprietaria: {SOMMA}" in out
    assert "In quarantena: sì" in out and "nome illeggibile" in out
    assert '"last_name": "Rossi"' in out

    status, out, err = run(capsys, live, "record", "release", someone.id)
    assert status == 0, err
    assert "rilasciato" in out
    for device in (somma, cpi):
        records, cursors[device.site] = device.pull_all(cursors[device.site])
        back = _latest(records, "person", someone.id)
        assert not back.scope_removed and back.data == someone.data
        assert device.get("person", someone.id).json()["data"] == someone.data
        assert device.http.get("/digest").json()["count"] == digests[device.site]
    status, out, _ = run(capsys, live, "record", "show", someone.id)
    assert "In quarantena: no" in out


def test_a_quarantined_public_record_is_removed_from_every_site(
    capsys: pytest.CaptureFixture[str], live: Live, devices: dict[str, Device]
) -> None:
    somma, cpi = devices[SOMMA], devices[GALLARATE]
    records, _ = somma.pull_all()
    ambito = next(r for r in records if r.table == "ambito")
    cursors = {device.site: device.pull_all()[1] for device in (somma, cpi)}
    assert run(capsys, live, "record", "quarantine", ambito.id)[0] == 0
    for device in (somma, cpi):
        records, _ = device.pull_all(cursors[device.site])
        assert [(r.id, r.scope_removed) for r in records] == [(ambito.id, True)]
        # A device pulling from scratch gets the removal in place of the record.
        first = [r for r in device.pull_all()[0] if r.id == ambito.id]
        assert [r.scope_removed for r in first] == [True]


def test_an_id_in_two_tables_needs_the_table(
    capsys: pytest.CaptureFixture[str], live: Live
) -> None:
    shared = "6f1f5a0e-0000-4000-8000-00000000abcd"
    with live.db.write() as session, session.no_autoflush:
        writes = WriteSet(session)
        admin.put_reference(writes, "ambito", {"code": "AMB-T", "name": "T"}, record_id=shared)
        admin.put_reference(writes, "job_centre", {"code": "CPI-T", "name": "T"},
                            record_id=shared)  # fmt: skip
        writes.settle()
    status, _, err = run(capsys, live, "record", "quarantine", shared)
    assert status == 1 and "--table" in err and "ambito, job_centre" in err
    status, out, _ = run(capsys, live, "record", "show", shared, "--table", "job_centre")
    assert status == 0 and "Tabella: job_centre" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["record", "show", "no-such-id"], "Nessun record"),
        (["record", "release", "no-such-id"], "Nessun record"),
        (["record", "quarantine", "no-such-id"], "Nessun record"),
    ],
)
def test_bad_record_commands_are_a_message(
    capsys: pytest.CaptureFixture[str], live: Live, argv: list[str], message: str
) -> None:
    status, _, err = run(capsys, live, *argv)
    assert status == 1 and message in err and "Traceback" not in err


def test_release_or_quarantine_twice_is_a_message(
    capsys: pytest.CaptureFixture[str], live: Live, devices: dict[str, Device]
) -> None:
    someone = person()
    devices[SOMMA].push(someone)
    assert run(capsys, live, "record", "release", someone.id)[2].count("non è in quarantena") == 1
    assert run(capsys, live, "record", "quarantine", someone.id)[0] == 0
    status, _, err = run(capsys, live, "record", "quarantine", someone.id)
    assert status == 1 and "già in quarantena" in err
