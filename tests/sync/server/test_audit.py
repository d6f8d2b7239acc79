"""The audit trail on the server: kept apart, continued only, read by the owner and the Province,
and verified by ``trama-server audit verify``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from sync.protocol import AuditPushRequest, gzip_json
from sync.protocol.audit import GENESIS, row_hash
from sync.server import cli
from sync.server.audit import stored_values
from sync.server.db import AuditRow, Record
from tests.sync.server.support import (
    GALLARATE,
    PROVINCE,
    SOMMA,
    VARESE_AMBITO,
    Device,
    Live,
    person,
)


def chain(
    site: str, count: int, *, chain_id: str | None = None, start: int = 1,
    previous: str = GENESIS,
) -> list[dict[str, Any]]:  # fmt: skip
    """``count`` linked rows of a chain of ``site``, as a PC sends them."""
    chain_id = chain_id or str(uuid.uuid4())
    rows = []
    moment = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    for seq in range(start, start + count):
        row: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "chain_id": chain_id,
            "seq": seq,
            "at": moment + timedelta(seconds=seq, microseconds=123),
            "operator": "COMUNE\\m.bianchi",
            "workstation": "PC-SERVIZI-01",
            "site": site,
            "action": "open_referral",
            "entity": "referral",
            "entity_id": str(uuid.uuid4()),
            "details": "",
            "prev_hash": previous,
        }
        row["hash"] = row_hash(row)
        previous = row["hash"]
        rows.append(row)
    return rows


Enrol = Callable[[str], Device]


@pytest.fixture
def enrol(live: Live) -> Iterator[Enrol]:
    """Enrols a PC of a site; every PC is closed at the end."""
    made: list[Device] = []

    def make(site: str) -> Device:
        made.append(Device(live, site))
        return made[-1]

    yield make
    for device in made:
        device.close()


def send(device: Device, rows: list[dict[str, Any]]) -> httpx.Response:
    body = AuditPushRequest.model_validate({"rows": rows})
    return device.http.post("/audit", content=gzip_json(body), headers={"Content-Encoding": "gzip"})


def stored(live: Live) -> list[dict[str, Any]]:
    with live.db.read() as session:
        return [
            {**stored_values(row), "device_id": row.device_id}
            for row in session.scalars(select(AuditRow).order_by(AuditRow.chain_id, AuditRow.seq))
        ]


def test_a_chain_arrives_continues_and_a_resend_is_harmless(live: Live, enrol: Enrol) -> None:
    somma = enrol(SOMMA)
    rows = chain(SOMMA, 5)
    first = send(somma, rows[:3])
    assert first.status_code == 200, first.text
    state = first.json()["chains"][0]
    assert (state["last_seq"], state["last_hash"]) == (3, rows[2]["hash"])
    # The answer was lost: the same rows again, and the next ones with them.
    again = send(somma, rows)
    assert again.status_code == 200, again.text
    assert again.json()["chains"][0]["last_seq"] == 5
    held = stored(live)
    assert [row["seq"] for row in held] == [1, 2, 3, 4, 5]
    assert {row["site"] for row in held} == {SOMMA}
    assert {row["device_id"] for row in held} == {somma.device_id}
    # Kept apart: never a record, so never pulled, counted or digested.
    with live.db.read() as session:
        assert session.scalar(select(Record.id).where(Record.table_name == "audit_entry")) is None
    records, _ = somma.pull_all()
    assert not any(record.table.startswith("audit") for record in records)


def test_a_gap_is_refused_and_nothing_is_stored(live: Live, enrol: Enrol) -> None:
    somma = enrol(SOMMA)
    rows = chain(SOMMA, 5)
    assert send(somma, rows[:2]).status_code == 200
    answer = send(somma, [rows[3], rows[4]])  # row 3 removed before sending
    assert answer.status_code == 409
    assert "Manca la riga n. 3" in answer.json()["detail"]
    assert "Nulla è stato salvato" in answer.json()["detail"]
    assert [row["seq"] for row in stored(live)] == [1, 2]
    # A first push must start the chain at row 1.
    other = chain(SOMMA, 3)
    refused = send(somma, other[1:])
    assert refused.status_code == 409
    assert "Manca la riga n. 1" in refused.json()["detail"]


def test_a_different_row_at_a_held_number_is_refused(live: Live, enrol: Enrol) -> None:
    somma = enrol(SOMMA)
    rows = chain(SOMMA, 3)
    assert send(somma, rows).status_code == 200
    forked = chain(SOMMA, 2, chain_id=rows[0]["chain_id"], start=2, previous=rows[0]["hash"])
    answer = send(somma, forked)
    assert answer.status_code == 409
    assert "è diversa da quella già ricevuta" in answer.json()["detail"]
    assert [row["hash"] for row in stored(live)] == [row["hash"] for row in rows]


def test_an_edited_or_unlinked_row_is_refused(live: Live, enrol: Enrol) -> None:
    somma = enrol(SOMMA)
    rows = chain(SOMMA, 3)
    edited = [dict(row) for row in rows]
    edited[1]["operator"] = "COMUNE\\altro"  # the hash is the original one
    answer = send(somma, edited)
    assert answer.status_code == 409
    assert "è stata modificata" in answer.json()["detail"]
    unlinked = chain(SOMMA, 1, chain_id=rows[0]["chain_id"], start=2, previous="f" * 64)
    answer = send(somma, [rows[0], *unlinked])
    assert answer.status_code == 409
    assert "non segue la precedente" in answer.json()["detail"]
    assert stored(live) == []


def test_another_sites_chain_or_site_code_is_refused(live: Live, enrol: Enrol) -> None:
    somma, varese = enrol(SOMMA), enrol(VARESE_AMBITO)
    rows = chain(SOMMA, 3)
    assert send(somma, rows[:2]).status_code == 200
    # Rows naming another site.
    answer = send(varese, chain(SOMMA, 2))
    assert answer.status_code == 403
    assert "può inviare solo il proprio registro" in answer.json()["detail"]
    # Another site continuing Somma's chain under its own code.
    hijack = chain(VARESE_AMBITO, 1, chain_id=rows[0]["chain_id"], start=3,
                   previous=rows[1]["hash"])  # fmt: skip
    answer = send(varese, hijack)
    assert answer.status_code == 403
    assert "appartiene a un'altra sede" in answer.json()["detail"]
    # Even resending Somma's own rows from Varese's PC.
    assert send(varese, rows[:2]).status_code == 403
    # Another PC of the same site cannot write this PC's chain either.
    second = enrol(SOMMA)
    answer = send(second, [rows[2]])
    assert answer.status_code == 403
    assert "un altro computer" in answer.json()["detail"]
    assert [row["seq"] for row in stored(live)] == [1, 2]


def test_malformed_rows_are_refused(live: Live, enrol: Enrol) -> None:
    somma = enrol(SOMMA)
    row = chain(SOMMA, 1)[0]
    for bad in (
        {**row, "hash": "not-a-hash"},
        {**row, "seq": 0},
        {**row, "seq": "1"},
        {**row, "details": "x" * 501},
        {**row, "at": 1_700_000_000},
    ):
        bad["at"] = bad["at"].isoformat() if isinstance(bad["at"], datetime) else bad["at"]
        answer = somma.http.post("/audit", json={"rows": [bad]})
        assert answer.status_code == 422, (bad, answer.text)
    nul = {**row, "details": "a\x00b"}
    nul["hash"] = row_hash(nul)
    nul["at"] = row["at"].isoformat()
    assert somma.http.post("/audit", json={"rows": [nul]}).status_code == 422
    ancient = {**row, "at": "0001-01-01T00:00:00+05:00"}
    assert somma.http.post("/audit", json={"rows": [ancient]}).status_code == 422
    too_many = [{**row, "at": row["at"].isoformat()}] * 501
    assert somma.http.post("/audit", json={"rows": too_many}).status_code == 422
    assert stored(live) == []


def test_only_the_owner_and_the_province_read_a_sites_audit(live: Live, enrol: Enrol) -> None:
    somma = enrol(SOMMA)
    assert send(somma, chain(SOMMA, 3)).status_code == 200
    own = somma.http.get("/audit/rows")
    assert own.status_code == 200
    assert [row["seq"] for row in own.json()["rows"]] == [1, 2, 3]
    for site in (VARESE_AMBITO, GALLARATE):
        other = enrol(site)
        answer = other.http.get("/audit/rows", params={"site": SOMMA})
        assert answer.status_code == 403
        assert "Provincia" in answer.json()["detail"]
        assert other.http.get("/audit/rows").json()["rows"] == []
    province = enrol(PROVINCE)
    first = province.http.get("/audit/rows", params={"site": SOMMA, "limit": 2}).json()
    assert [row["seq"] for row in first["rows"]] == [1, 2]
    assert first["has_more"]
    rest = province.http.get(
        "/audit/rows", params={"site": SOMMA, "after": first["next_cursor"]}
    ).json()
    assert [row["seq"] for row in rest["rows"]] == [3]
    assert not rest["has_more"]
    # A person pushed alongside changes nothing of the above: records and audit stay apart.
    somma.push(person())
    assert [row["seq"] for row in somma.http.get("/audit/rows").json()["rows"]] == [1, 2, 3]


def test_audit_verify_names_a_row_edited_in_the_database(
    live: Live, enrol: Enrol, capsys: pytest.CaptureFixture[str]
) -> None:
    somma, varese = enrol(SOMMA), enrol(VARESE_AMBITO)
    rows = chain(SOMMA, 4)
    assert send(somma, rows).status_code == 200
    assert send(varese, chain(VARESE_AMBITO, 2)).status_code == 200
    assert cli.main(["audit", "verify", "--db", live.db.url]) == 0
    assert "integro: 6 righe in 2 catene" in capsys.readouterr().out

    with live.db.write() as session:
        session.execute(
            update(AuditRow).where(AuditRow.seq == 2, AuditRow.site_code == SOMMA)
            .values(operator="COMUNE\\qualcun.altro")
        )  # fmt: skip
        session.execute(
            AuditRow.__table__.delete().where(AuditRow.seq == 4, AuditRow.site_code == SOMMA)
        )
    assert cli.main(["audit", "verify", "--db", live.db.url]) == 1
    out = capsys.readouterr().out
    assert f"sede {SOMMA}, catena {rows[0]['chain_id']}: La riga n. 2 (id {rows[1]['id']})" in out
    assert "ALTERATO" in out
    # Only one site's chains.
    assert cli.main(["audit", "verify", "--db", live.db.url, "--site", VARESE_AMBITO]) == 0
    assert "della sede AMB-VARESE integro: 2 righe" in capsys.readouterr().out
    assert cli.main(["audit", "verify", "--db", live.db.url, "--site", "AMB-NESSUNA"]) == 1
    assert "sede sconosciuta" in capsys.readouterr().err
