"""Retention end to end (issue 15): an Ambito anonymises its records past their period; the
change travels as an ordinary sync, the server keeps no identifying copy (neither in the
records nor in the stored receipts of earlier batches), and the Province's aggregates are the
same before and after."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from desktop.demo.seed import seed_demo
from desktop.domain.codes import OperatorRole
from desktop.services.retention import anonymise, list_due
from sync.client.engine import open_transport
from sync.protocol import AggregatesResponse
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]
SITE = "AMB-VARESE"
# Three years on, the Ambito's drafts and withdrawn referrals are past their period.
LATER = date.today() + timedelta(days=3 * 365)
MARK = "QZXV"


def _aggregates(province: Office) -> dict[str, Any]:
    with open_transport(province.store) as transport:
        counts = transport.get("/aggregates", AggregatesResponse)
    return counts.model_dump(mode="json", exclude={"generated_at"})


def _server_texts(server: LiveServer) -> list[str]:
    """Every text the server database holds, table by table (records, receipts, grants...)."""
    texts: list[str] = []
    for table in ("record", "push_batch", "record_grant", "device", "server_site"):
        for row in server.query(f"SELECT * FROM {table}"):
            texts += [json.dumps(value) if isinstance(value, dict) else str(value) for value in row]
    return texts


def test_anonymised_records_leave_no_identifying_copy_on_the_server(
    office: Offices, server: LiveServer
) -> None:
    sender = office(SITE)
    sender.sync()
    assert sender.value("SELECT count(*) FROM retention_rule") >= 7  # from the server
    seed_demo(sender.store, referrals=30, seed=77)
    sender.sync()
    officer = replace(sender.actor, role=OperatorRole.PRIVACY_OFFICER)
    due = list_due(sender.store, actor=officer, today=LATER)
    due_ids = {record.record_id for record in due}
    persons: dict[str, list[str]] = {}
    for referral_id, person_id in sender.rows("SELECT id, person_id FROM referral"):
        persons.setdefault(person_id, []).append(referral_id)
    gone = sorted(p for p, ids in persons.items() if all(i in due_ids for i in ids))
    assert len(gone) >= 2
    # Unique texts in every identifying field of those persons and their referrals, synced.
    for number, person_id in enumerate(gone):
        tag = f"{MARK}{number:02d}"
        sender.change(
            "person",
            person_id,
            fiscal_code=f"{tag}CF",
            last_name=f"{tag}Cognome",
            first_name=f"{tag}Nome",
            phone=f"{tag}-333",
            email=f"{tag}@posta.example.it",
            residence_address=f"Via {tag} 1",
        )
        sender.change(
            "referral",
            *persons[person_id],
            reason=f"{tag} motivo",
            referring_operator=f"{tag} Assistente",
        )
    assert sender.sync().rejected == 0
    # A second PC of the same site edits one of them at the same time: the server's conflict
    # receipt, stored for retries, carries the record as it was.
    other = office(SITE)
    other.sync()
    sender.change("person", gone[0], phone=f"{MARK}00-444")
    other.change("person", gone[0], email=f"{MARK}00@altra.example.it")
    sender.sync()
    other.sync()
    assert any(f"{MARK}00Cognome" in text for text in _server_texts(server))
    receipts = " ".join(row[0] for row in server.query("SELECT receipts FROM push_batch"))
    assert f"{MARK}00Cognome" in receipts  # the conflict receipt's copy
    sender.sync()

    province = office("PROVINCIA-VA")
    province.sync()
    before = _aggregates(province)

    due = list_due(sender.store, actor=officer, today=LATER)
    result = anonymise(
        sender.store,
        actor=officer,
        record_ids=[record.record_id for record in due],
        today=LATER,
    )
    assert result.persons >= len(gone)
    outcome = sender.sync()
    assert outcome.rejected == 0 and outcome.pending == 0
    assert sender.agrees_with_server()

    leftovers = [text for text in _server_texts(server) if MARK in text]
    assert leftovers == []
    assert _aggregates(province) == before
    # The other PC of the site receives the anonymised records like any change.
    other.sync()
    assert other.value(
        "SELECT count(*) FROM person WHERE anonymised_on IS NOT NULL AND last_name = ''"
    ) >= len(gone)
    assert not other.rows("SELECT id FROM person WHERE last_name LIKE ?", f"{MARK}%")
    # Its merge base of the record it merged once still had the old values; a retention run
    # there (nothing due) cleans what anonymisations received by sync left behind.
    assert _local_texts(other, MARK)
    anonymise(other.store, actor=officer, record_ids=(), today=LATER)
    assert _local_texts(other, MARK) == []
    assert _local_texts(sender, MARK) == []


def _local_texts(pc: Office, needle: str) -> list[str]:
    """Where (table.column) ``needle`` appears in any text of the PC's store."""
    found = []
    for (table,) in pc.rows("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = [row[1] for row in pc.rows(f'PRAGMA table_info("{table}")')]
        for values in pc.rows(f'SELECT * FROM "{table}"'):
            for column, value in zip(columns, values, strict=False):
                text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
                if isinstance(text, str) and needle in text:
                    found.append(f"{table}.{column}")
    return found
