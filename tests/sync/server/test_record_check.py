"""Records stored before the server checked references: found by ``record check``, and taken
out of the crafting site's scope by quarantining them (person included)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from sync.server.check import stored_problems
from sync.server.cli import main
from sync.server.quarantine import quarantine, release
from sync.server.scope import WriteSet
from tests.sync.server.support import SOMMA, VARESE_AMBITO, Device, Live, person, referral


def _store_unchecked(
    live: Live, owner: str, table: str, record_id: str, data: dict[str, Any]
) -> None:
    """As the first release stored what any site pushed: straight in, no checks."""
    with live.db.write() as session, session.no_autoflush:
        writes = WriteSet(session)
        writes.put(
            None, table=table, record_id=record_id, owner_site=owner, data=data, deleted=False,
            updated_at=datetime.now(UTC), updated_by="vecchia versione",
        )  # fmt: skip
        writes.settle()


def test_a_crafted_reference_from_before_is_listed_and_quarantined_away(
    live: Live, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    somma, varese = Device(live, SOMMA), Device(live, VARESE_AMBITO)
    try:
        victim = person()
        somma.push(victim)
        crafted = referral(victim)  # Somma's person, in a referral that Varese "owns"
        crafted.data["sending_site"] = VARESE_AMBITO
        _store_unchecked(live, VARESE_AMBITO, "referral", crafted.id, crafted.data)
        assert varese.get("person", victim.id).status_code == 200  # the old leak
        _, cursor = varese.pull_all()

        findings = list(stored_problems(live.db))
        assert [(f.table, f.record_id, f.owner_site) for f in findings] == [
            ("referral", crafted.id, VARESE_AMBITO)
        ]
        assert "person_id" in findings[0].reason and "altra sede" in findings[0].reason
        assert main(["record", "check", "--db", db_url]) == 1
        out = capsys.readouterr().out
        assert crafted.id in out and "quarantena" in out

        quarantine(live.db, crafted.id, "referral", "riferimento a una persona di Somma")
        assert varese.get("person", victim.id).status_code == 404
        records, _ = varese.pull_all(cursor)
        gone = {(r.table, r.id) for r in records if r.scope_removed}
        assert {("person", victim.id), ("referral", crafted.id)} <= gone
        assert somma.get("person", victim.id).status_code == 200  # its owner keeps it
        assert main(["record", "check", "--db", db_url]) == 0
        assert "Nessun record da correggere" in capsys.readouterr().out

        # Released (say, by mistake), the referral brings the person back with it.
        release(live.db, crafted.id, "referral")
        assert varese.get("person", victim.id).status_code == 200
    finally:
        somma.close()
        varese.close()


def test_data_that_no_longer_fits_its_schema_is_listed(live: Live) -> None:
    somma = Device(live, SOMMA)
    try:
        bad = person()
        bad.data["sex"] = "?"
        _store_unchecked(live, SOMMA, "person", bad.id, bad.data)
        (finding,) = list(stored_problems(live.db))
        assert (finding.table, finding.record_id) == ("person", bad.id)
        assert finding.reason == "Campo sex: valore non previsto '?'."
    finally:
        somma.close()
