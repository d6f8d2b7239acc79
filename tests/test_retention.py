"""Retention (issue 15): what is past its period, and its anonymisation everywhere on this PC.

A demo store is seeded, the records whose persons will be anonymised are marked with unique
texts in every identifying and free-text field, the sync bookkeeping is made to hold copies of
them (merge bases, an unsent batch, a conflict, a refusal, a set-aside record), and after the
run every text and blob column of every table, the search index, a backup taken afterwards and
the raw bytes of a plain twin of the file are searched for those texts.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.demo.seed import seed_demo
from desktop.domain.codes import OperatorRole
from desktop.domain.errors import NotAllowedError
from desktop.domain.identity import os_account
from desktop.services import retention
from desktop.services.audit import verify_audit
from desktop.services.installation import current_actor
from desktop.services.retention import DueRecord, anonymise, list_due
from desktop.store import raw
from desktop.store.backups import copy_database, take_backup
from desktop.store.engine import Store, database_path
from tests.conftest import TODAY, connect_data_file

# Six years on: drafts, withdrawn, returned, not relevant and concluded referrals are past
# their period; open ones (sent, in charge, in path) are not.
LATER = TODAY + timedelta(days=6 * 365)
MARK = "QZXW"  # no Italian word holds it: found only where a marked value went


def _rows(connection: raw.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    return connection.execute(sql, params).fetchall()


@pytest.fixture
def seeded(store: Store) -> Store:
    seed_demo(store, referrals=80, seed=5, today=TODAY)
    return store


def _marked_persons(store: Store, due: list[DueRecord]) -> dict[str, list[str]]:
    """Give the persons whose every referral is due (and those referrals and their rows)
    unique texts; returns the texts per person."""
    due_ids = {record.record_id for record in due if not record.held}
    marks: dict[str, list[str]] = {}
    with store.raw_write() as connection:
        by_person: dict[str, list[str]] = {}
        for referral_id, person_id in _rows(
            connection, "SELECT id, person_id FROM referral WHERE deleted = 0"
        ):
            by_person.setdefault(person_id, []).append(referral_id)
        chosen = {
            person: ids
            for person, ids in by_person.items()
            if all(referral_id in due_ids for referral_id in ids)
        }
        for number, (person_id, referral_ids) in enumerate(sorted(chosen.items())):
            tag = f"{MARK}{number:03d}"
            texts = {
                "fiscal_code": f"{tag}CF",
                "last_name": f"{tag}Cognome",
                "first_name": f"{tag}Nome",
                "search_name": f"{tag.lower()}cognome {tag.lower()}nome",
                "phone": f"{tag}-333",
                "email": f"{tag}@posta.example.it",
                "residence_address": f"Via {tag} 1",
                "domicile_address": f"Piazza {tag} 2",
                "permit_number": f"{tag}PERM",
                "birthplace_name": f"{tag}Luogo",
                "fiscal_code_override_reason": f"{tag} motivo forzatura",
                # The legal representative identifies the person as much as their own data.
                "representative_name": f"{tag}Tutore",
                "representative_tax_code": f"{tag}CFRAPP",
                "representative_phone": f"{tag}-0332",
                "representative_email": f"{tag}@tutori.example.org",
                "representative_act": f"Decreto {tag}/2025",
            }
            assignments = ", ".join(f"{name} = ?" for name in texts)
            connection.execute(
                f"UPDATE person SET {assignments} WHERE id = ?", (*texts.values(), person_id)
            )
            marks[person_id] = [*texts.values()]
            for referral_id in referral_ids:
                free = {
                    "reason": f"{tag} motivo della segnalazione",
                    "referring_operator": f"{tag} Assistente Sociale",
                    "attachments": json.dumps([f"{tag}_relazione.pdf"]),
                    "placement_notes": f"{tag} note sul collocamento",
                }
                connection.execute(
                    "UPDATE referral SET reason = ?, referring_operator = ?, attachments = ?, "
                    "placement_notes = ? WHERE id = ?",
                    (*free.values(), referral_id),
                )
                for sql in (
                    "UPDATE referral_event SET note = ? WHERE referral_id = ?",
                    "UPDATE referral_handling SET outcome_notes = ?, follow_up_notes = ? "
                    "WHERE referral_id = ?",
                    "UPDATE path_action SET outcome_notes = ? WHERE referral_id = ?",
                    "UPDATE project_beneficiary SET notes = ? WHERE referral_id = ?",
                ):
                    values = [f"{tag} nota libera"] * sql.count("= ?", 0, sql.index("WHERE"))
                    connection.execute(sql, (*values, referral_id))
                marks[person_id] += [
                    free["reason"], free["referring_operator"], free["placement_notes"],
                ]  # fmt: skip
                marks[person_id] += [f"{tag}_relazione", f"{tag} nota"]
    return marks


def _pretend_synced(store: Store, person_id: str, referral_id: str, tag: str) -> None:
    """Every row accepted by a server once (so a change copies it into sync_base), and the
    bookkeeping holding copies of one marked person: an unsent batch, a conflict, a refusal,
    a record set aside."""
    with store.raw_write() as connection:
        for (table,) in _rows(
            connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%server_revision%'",
        ):
            connection.execute(f'UPDATE "{table}" SET server_revision = 1, dirty = 0')
        body = gzip.compress(json.dumps({"records": [{"data": {"last_name": tag}}]}).encode())
        connection.execute(
            "INSERT INTO sync_batch (batch_id, created_at, body, record_count) "
            "VALUES ('b1', '2026-01-01 00:00:00.000000', ?, 1)",
            (body,),
        )
        connection.execute(
            "INSERT INTO sync_batch_item (table_name, record_id, batch_id, row_updated_at) "
            "VALUES ('referral', ?, 'b1', 'x')",
            (referral_id,),
        )
        connection.execute(
            "INSERT INTO sync_conflict (id, table_name, record_id, field, local_value, "
            "remote_value, base_value, remote_revision, remote_updated_by, detected_at, "
            "resolution) VALUES ('c1', 'person', ?, 'phone', ?, ?, ?, 2, '', "
            "'2026-01-01 00:00:00.000000', '')",
            (person_id, json.dumps(tag), json.dumps(tag + "x"), json.dumps(tag)),
        )
        connection.execute(
            "INSERT INTO sync_rejection (table_name, record_id, row_updated_at, message, "
            "rejected_at) VALUES ('person', ?, 'x', ?, '2026-01-01 00:00:00.000000')",
            (person_id, f"Codice fiscale {tag} non valido"),
        )
        connection.execute(
            "INSERT INTO sync_set_aside (table_name, record_id, revision, record, reason, "
            "first_seen_at, last_tried_at, attempts) VALUES ('referral', ?, 3, ?, '', "
            "'2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 1)",
            (referral_id, json.dumps({"data": {"reason": tag}})),
        )


def _found(connection: Any, needles: list[str]) -> list[str]:
    """Every place (table.column) where one of ``needles`` appears, in any text or blob."""
    places = []
    tables = [
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    lowered = [needle.lower() for needle in needles]
    for table in tables:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        for values in connection.execute(f'SELECT * FROM "{table}"'):
            for column, value in zip(columns, values, strict=False):
                if isinstance(value, bytes):
                    text = (gzip.decompress(value) if value[:2] == b"\x1f\x8b" else value).decode(
                        "utf-8", "replace"
                    )
                elif isinstance(value, str):
                    text = value
                else:
                    continue
                text = text.lower()
                places += [f"{table}.{column}" for needle in lowered if needle in text]
    return places


def _aggregates(store: Store) -> Counter[tuple[Any, ...]]:
    with store.raw_read() as connection:
        return Counter(
            (track, status, substr, centre, owner)
            for track, status, substr, centre, owner in _rows(
                connection,
                "SELECT track, status, substr(created_on, 1, 7), job_centre_id, owner_site "
                "FROM referral WHERE deleted = 0",
            )
        )


def test_list_due_follows_the_rules_and_ownership(seeded: Store) -> None:
    actor = current_actor(seeded)
    due = list_due(seeded, actor=actor, today=LATER)
    assert due, "six years on, closed demo referrals are past their period"
    with seeded.raw_read() as connection:
        statuses = dict(_rows(connection, "SELECT id, status FROM referral"))
        owners = dict(_rows(connection, "SELECT id, owner_site FROM referral"))
    for record in due:
        assert record.due_on <= LATER
        assert record.months > 0 and record.basis and record.needs_decision
        if record.record_kind == "referral":
            assert owners[record.record_id] == actor.site_code
            assert statuses[record.record_id] in {
                "draft", "withdrawn", "not_relevant", "returned", "concluded",
            }  # fmt: skip
    assert [record.due_on for record in due] == sorted(record.due_on for record in due)
    # The day before a record's due date it is not listed yet.
    first = due[0]
    earlier = list_due(seeded, actor=actor, today=first.due_on - timedelta(days=1))
    assert first.record_id not in {record.record_id for record in earlier}
    # Nothing open is ever due.
    assert not any(statuses.get(record.record_id) in {"sent", "in_path"} for record in due)


def test_hired_outcome_is_its_own_closing(seeded: Store) -> None:
    actor = current_actor(seeded)
    with seeded.raw_write() as connection:
        row = connection.execute(
            "SELECT r.id FROM referral r JOIN referral_handling h ON h.referral_id = r.id "
            "WHERE r.status = 'concluded' AND r.owner_site = ? LIMIT 1",
            (actor.site_code,),
        ).fetchone()
        assert row is not None
        connection.execute(
            "UPDATE referral SET track = 'cmd' WHERE id = ?",
            (row[0],),
        )
        connection.execute(
            "UPDATE referral_handling SET outcome = 'hired', outcome_on = '2020-06-15' "
            "WHERE referral_id = ?",
            (row[0],),
        )
    # Ten years for a CMD hiring, not the five of any concluded referral.
    due = {r.record_id: r for r in list_due(seeded, actor=actor, today=date(2030, 6, 14))}
    assert row[0] not in due
    due = {r.record_id: r for r in list_due(seeded, actor=actor, today=date(2030, 6, 15))}
    record = due[row[0]]
    assert (record.closing, record.closed_on, record.months) == ("hired", date(2020, 6, 15), 120)
    assert record.due_on == date(2030, 6, 15)


def test_anonymisation_leaves_nothing_identifying(seeded: Store, tmp_path: Path) -> None:
    actor = current_actor(seeded)
    due = list_due(seeded, actor=actor, today=LATER)
    marks = _marked_persons(seeded, due)
    assert len(marks) >= 3
    # One marked person restricted (GDPR art. 18): listed as held, left as it is.
    held_person = sorted(marks)[0]
    with seeded.raw_write() as connection:
        connection.execute("UPDATE person SET restricted = 1 WHERE id = ?", (held_person,))
        referral_of = dict(_rows(connection, "SELECT person_id, id FROM referral"))
    gone = {person: texts for person, texts in marks.items() if person != held_person}
    some_person = sorted(gone)[0]
    _pretend_synced(seeded, some_person, referral_of[some_person], gone[some_person][0])
    # A plain twin of the same file, to search its raw bytes (free pages, WAL) as well.
    plain_path = tmp_path / "plain" / "trama.db"
    plain_path.parent.mkdir()
    copy_database(database_path(seeded.path.parent), plain_path, source_key=seeded.key,
                  target_key=None)  # fmt: skip
    before = _aggregates(seeded)

    due = list_due(seeded, actor=actor, today=LATER)
    held = [record for record in due if record.held]
    assert held and all(
        record.record_id in (held_person, referral_of[held_person]) for record in held
    )
    reported: list[tuple[int, int]] = []
    result = anonymise(
        seeded,
        actor=actor,
        record_ids=[record.record_id for record in due],
        today=LATER,
        progress=lambda done, total: reported.append((done, total)),
    )
    assert not result.cancelled and result.held == len(held)
    assert result.referrals == sum(1 for r in due if r.record_kind == "referral" and not r.held)
    assert result.persons >= len(gone)
    assert reported[-1] == (len(due), len(due))

    needles = [text for texts in gone.values() for text in texts]
    with seeded.raw_read() as connection:
        assert _found(connection, needles) == []
        # The restricted person is held: untouched.
        assert set(_found(connection, marks[held_person][:3])) >= {"person.fiscal_code"}
        # What stays: codes, months, outcomes; the person marked anonymised.
        person = connection.execute(
            "SELECT fiscal_code, last_name, birth_date, sex, anonymised_on, dirty FROM person "
            "WHERE id = ?",
            (some_person,),
        ).fetchone()
        assert person[:2] == ("", "") and person[2].endswith("-01") and person[3]
        assert person[4] == LATER.isoformat() and person[5] == 1
        # The merge base lost the removed fields, the unsent batch is gone.
        base = json.loads(
            connection.execute(
                "SELECT data FROM sync_base WHERE table_name = 'person' AND record_id = ?",
                (some_person,),
            ).fetchone()[0]
        )
        assert "last_name" not in base and "sex" in base
        assert connection.execute("SELECT count(*) FROM sync_batch").fetchone()[0] == 0
        # No search finds them any more.
        assert (
            connection.execute(
                "SELECT count(*) FROM referral_search WHERE referral_search MATCH ?",
                (f'"{MARK.lower()}"',),
            ).fetchone()[0]
            == 1  # the held person's only
        )
    assert _aggregates(seeded) == before
    check = verify_audit(seeded)
    assert check.intact
    with seeded.raw_read() as connection:
        audited = _rows(
            connection,
            "SELECT entity, entity_id, details FROM audit_entry WHERE action = 'anonymise'",
        )
    assert len(audited) == result.referrals + result.persons
    assert not _found_in_rows(audited, needles)

    # A backup taken afterwards holds none of it either.
    backup = take_backup(
        database_path(seeded.path.parent), seeded.key, tmp_path / "backups", reason="test",
        keep=5,
    )  # fmt: skip
    copy = raw.connect(backup.path, seeded.key, pragmas=False)
    try:
        assert _found(copy, needles) == []
    finally:
        copy.close()

    # The same run on the plain twin: the file's raw bytes (free pages, the search index's
    # old segments, the WAL) hold none of the texts.
    plain = Store(plain_path, key=None)
    try:
        anonymise(plain, actor=actor, record_ids=[record.record_id for record in due], today=LATER)
    finally:
        plain.dispose()
    raw_bytes = b"".join(
        path.read_bytes() for path in plain_path.parent.iterdir() if path.name.startswith("trama")
    )
    assert raw_bytes.count(MARK.encode()) > 0  # the held person's
    for person, texts in gone.items():
        for text in texts:
            assert text.encode() not in raw_bytes, (person, text)


def _found_in_rows(rows: list[Any], needles: list[str]) -> bool:
    return any(needle in str(value) for row in rows for value in row for needle in needles)


def test_only_a_privacy_officer_may(seeded: Store) -> None:
    actor = replace(current_actor(seeded), role=OperatorRole.SOCIAL_WORKER)
    with pytest.raises(NotAllowedError, match="referente privacy"):
        list_due(seeded, actor=actor, today=LATER)
    officer = current_actor(seeded)
    ids = [record.record_id for record in list_due(seeded, actor=officer, today=LATER)]
    with pytest.raises(NotAllowedError):
        anonymise(seeded, actor=actor, record_ids=ids, today=LATER)
    with pytest.raises(NotAllowedError):
        anonymise(seeded, actor=replace(officer, role=None), record_ids=ids, today=LATER)
    assert len(list_due(seeded, actor=officer, today=LATER)) == len(ids)


def test_crafted_ids_change_nothing(seeded: Store) -> None:
    actor = current_actor(seeded)
    with seeded.raw_read() as connection:
        open_ids = [
            row[0] for row in _rows(connection, "SELECT id FROM referral WHERE status = 'in_path'")
        ]
    result = anonymise(
        seeded,
        actor=actor,
        record_ids=[*open_ids, "x' OR 1=1 --", "", "0" * 10_000],
        today=LATER,
    )
    assert (result.referrals, result.persons, result.not_due) == (0, 0, len(open_ids) + 3)
    with seeded.raw_read() as connection:
        assert (
            _rows(connection, "SELECT count(*) FROM referral WHERE anonymised_on IS NOT NULL")[0][0]
            == 0
        )


def test_cancel_stops_between_batches(seeded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retention, "BATCH", 3)
    actor = current_actor(seeded)
    due = [r for r in list_due(seeded, actor=actor, today=LATER) if not r.held]
    assert len(due) > 6
    batches: list[int] = []
    result = anonymise(
        seeded,
        actor=actor,
        record_ids=[record.record_id for record in due],
        today=LATER,
        progress=lambda done, total: batches.append(done),
        cancelled=lambda: len(batches) >= 2,
    )
    assert result.cancelled and batches == [3, 6]
    assert result.referrals + result.persons >= 6 - sum(r.record_kind == "person" for r in due)
    with seeded.raw_read() as connection:
        done = _rows(
            connection,
            "SELECT id, reason, attachments FROM referral WHERE anonymised_on IS NOT NULL",
        )
        # Each referral is wholly anonymised or untouched; persons only with their last one.
        assert all(reason == "" and attachments == "[]" for _id, reason, attachments in done)
        assert len(done) == result.referrals
        orphans = _rows(
            connection,
            "SELECT count(*) FROM person p WHERE p.anonymised_on IS NOT NULL AND EXISTS ("
            "SELECT 1 FROM referral r WHERE r.person_id = p.id AND r.anonymised_on IS NULL "
            "AND r.deleted = 0)",
        )
        assert orphans[0][0] == 0
        audited = _rows(connection, "SELECT count(*) FROM audit_entry WHERE action = 'anonymise'")
        assert audited[0][0] == result.referrals + result.persons
    assert verify_audit(seeded).intact
    # The rest goes at the next run.
    rest = list_due(seeded, actor=actor, today=LATER)
    left = [r for r in rest if r.record_kind == "referral" and not r.held]
    assert len(left) == sum(r.record_kind == "referral" for r in due) - result.referrals


def test_a_cpi_anonymises_its_part_once_the_sender_did(seeded: Store) -> None:
    """At a CPI, a referral its sender anonymised makes the CPI's handling due at once; the
    CPI anonymises its own rows only."""
    officer = current_actor(seeded)
    with seeded.raw_write() as connection:
        row = connection.execute(
            "SELECT r.id, h.owner_site FROM referral r JOIN referral_handling h "
            "ON h.referral_id = r.id WHERE r.status IN ('in_path', 'taken_in_charge') LIMIT 1"
        ).fetchone()
        referral_id, cpi = row
        connection.execute(
            "UPDATE referral SET anonymised_on = '2026-01-01', reason = '' WHERE id = ?",
            (referral_id,),
        )
        connection.execute(
            "UPDATE referral_handling SET outcome_notes = 'QZXW nota del CPI' "
            "WHERE referral_id = ?",
            (referral_id,),
        )
    at_cpi = replace(officer, site_code=cpi)
    due = {record.record_id: record for record in list_due(seeded, actor=at_cpi, today=TODAY)}
    assert due[referral_id].months == 0 and due[referral_id].due_on == date(2026, 1, 1)
    assert all(record.record_kind == "referral" for record in due.values())
    result = anonymise(seeded, actor=at_cpi, record_ids=[referral_id], today=TODAY)
    assert (result.referrals, result.persons) == (1, 0)
    with seeded.raw_read() as connection:
        handling = connection.execute(
            "SELECT outcome_notes, anonymised_on, dirty, updated_by FROM referral_handling "
            "WHERE referral_id = ?",
            (referral_id,),
        ).fetchone()
        referral = connection.execute(
            "SELECT dirty, updated_by FROM referral WHERE id = ?", (referral_id,)
        ).fetchone()
    assert handling == ("", TODAY.isoformat(), 1, officer.operator)
    assert referral[1] != officer.operator or referral[0] == 1  # the sender's row not stamped
    assert referral_id not in {r.record_id for r in list_due(seeded, actor=at_cpi, today=TODAY)}


# -- the command line ---------------------------------------------------------------------------


def _trama(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
        input=stdin,
    )


@pytest.fixture
def seeded_folder(store: Store) -> Path:
    # The command line uses today's date: the demo's referrals closed years ago are past it.
    seed_demo(store, referrals=60, seed=2, today=date.today())
    folder = store.path.parent
    store.dispose()
    return folder


def test_cli_dry_run_lists_without_names(seeded_folder: Path) -> None:
    store = connect_data_file(database_path(seeded_folder))
    try:
        names = [
            name
            for row in store.execute("SELECT last_name, fiscal_code FROM person")
            for name in row
        ]
    finally:
        store.close()
    result = _trama("retention", "--data-dir", str(seeded_folder), "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "oltre il periodo di conservazione" in out
    assert "Segnalazione " in out and "mesi" in out
    # Dates as gg/mm/aaaa, closings in Italian words, never a code or a name.
    assert any(word in out for word in ("annullata", "non pertinente", "conclusa", "restituita"))
    assert "withdrawn" not in out and "not_relevant" not in out
    assert all(name not in out for name in names if len(name) > 3)
    import re  # noqa: PLC0415

    assert re.search(r"\d{2}/\d{2}/\d{4}", out)
    # A dry run changes nothing.
    again = _trama("retention", "--data-dir", str(seeded_folder), "--dry-run")
    assert again.stdout == out


def test_cli_anonymises_after_confirmation(seeded_folder: Path) -> None:
    refused = _trama("retention", "--data-dir", str(seeded_folder), stdin="no\n")
    assert refused.returncode != 0 and "--yes" in refused.stderr
    done = _trama("retention", "--data-dir", str(seeded_folder), "--yes")
    assert done.returncode == 0, done.stderr
    assert "Anonimizzazione:" in done.stdout and "trama: anonimizzat" in done.stdout
    after = _trama("retention", "--data-dir", str(seeded_folder), "--dry-run")
    assert "Nessun record" in after.stdout


def test_cli_refuses_an_account_without_the_role(seeded_folder: Path) -> None:
    connection = connect_data_file(database_path(seeded_folder))
    try:
        connection.execute(
            "UPDATE operator SET role = 'social_worker' WHERE lower(username) = ?",
            (os_account().lower(),),
        )
        connection.commit()
    finally:
        connection.close()
    result = _trama("retention", "--data-dir", str(seeded_folder), "--dry-run")
    assert result.returncode != 0
    assert "referente privacy" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_missing_folder_is_said(tmp_path: Path) -> None:
    result = _trama("retention", "--data-dir", str(tmp_path / "none"), "--dry-run")
    assert result.returncode != 0 and "Traceback" not in result.stderr
