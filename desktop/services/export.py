"""Export of records to CSV or Excel, streamed so that 100,000 rows need little memory.

The first column is always the identifier that ``trama print`` accepts (the referral number
for referrals, the record id otherwise). Restricted persons and referrals (GDPR art. 18) and
tombstoned rows are never exported. Every export is audited (issue 15): what kind, how many
rows and which groups of columns, never a name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.services.audit import record_access
from desktop.services.context import Actor
from desktop.store.engine import Store
from desktop.store.models import (
    JobCentre,
    Meeting,
    Municipality,
    Person,
    Project,
    Referral,
)

Row = Sequence[Any]
AnySelect = Select[*tuple[Any, ...]]


def _referrals() -> tuple[list[str], AnySelect]:
    residence = aliased(Municipality)
    header = [
        "numero", "data", "percorso", "stato", "cognome", "nome", "codice_fiscale",
        "comune_residenza", "cpi", "sede_inviante", "inviata_il", "urgenza",
    ]  # fmt: skip
    query = (
        select(
            Referral.number,
            Referral.created_on,
            Referral.track,
            Referral.status,
            Person.last_name,
            Person.first_name,
            Person.fiscal_code,
            residence.name,
            JobCentre.name,
            Referral.sending_site,
            Referral.sent_on,
            Referral.urgency,
        )
        .join(Person, Person.id == Referral.person_id)
        .join(JobCentre, JobCentre.id == Referral.job_centre_id)
        .outerjoin(residence, residence.id == Person.residence_municipality_id)
        .where(
            Referral.deleted.is_(False),
            Referral.restricted.is_(False),
            Person.restricted.is_(False),
        )
        .order_by(Referral.created_on, Referral.number)
    )
    return header, query


def _persons() -> tuple[list[str], AnySelect]:
    residence = aliased(Municipality)
    header = [
        "id", "cognome", "nome", "codice_fiscale", "sesso", "data_nascita",
        "luogo_nascita", "cittadinanza", "comune_residenza", "indirizzo", "cap",
        "telefono", "email",
    ]  # fmt: skip
    query = (
        select(
            Person.id,
            Person.last_name,
            Person.first_name,
            Person.fiscal_code,
            Person.sex,
            Person.birth_date,
            Person.birthplace_name,
            Person.citizenship,
            residence.name,
            Person.residence_address,
            Person.residence_postcode,
            Person.phone,
            Person.email,
        )
        .outerjoin(residence, residence.id == Person.residence_municipality_id)
        .where(Person.deleted.is_(False), Person.restricted.is_(False))
        .order_by(Person.last_name, Person.first_name)
    )
    return header, query


def _projects() -> tuple[list[str], AnySelect]:
    header = [
        "id", "titolo", "acronimo", "codice_interno", "cup", "stato", "target",
        "ente_procedente", "rup", "inizio", "fine", "beneficiari_attesi",
    ]  # fmt: skip
    query = (
        select(
            Project.id,
            Project.title,
            Project.acronym,
            Project.internal_code,
            Project.cup,
            Project.status,
            Project.target,
            Project.proceeding_body_name,
            Project.rup_name,
            Project.start_on,
            Project.end_on,
            Project.expected_beneficiaries,
        )
        .where(Project.deleted.is_(False))
        .order_by(Project.title)
    )
    return header, query


def _meetings() -> tuple[list[str], AnySelect]:
    header = [
        "id", "numero_verbale", "data", "tipo", "titolo", "modalita", "luogo", "inizio",
        "fine", "presidente", "segretario", "stato_verbale", "versione",
    ]  # fmt: skip
    query = (
        select(
            Meeting.id,
            Meeting.number,
            Meeting.held_on,
            Meeting.meeting_type,
            Meeting.title,
            Meeting.mode,
            Meeting.place,
            Meeting.start_time,
            Meeting.end_time,
            Meeting.chair_name,
            Meeting.secretary_name,
            Meeting.minutes_status,
            Meeting.version,
        )
        .where(Meeting.deleted.is_(False))
        .order_by(Meeting.held_on, Meeting.number)
    )
    return header, query


QUERIES = {
    "referrals": _referrals,
    "persons": _persons,
    "projects": _projects,
    "meetings": _meetings,
}

# What the audit says of each export: the records' kind and its groups of columns; with a
# codice fiscale, contacts or birth data an export is a sensitive one.
_AUDIT: dict[str, tuple[AuditEntity, str, bool]] = {
    "referrals": (AuditEntity.REFERRAL_LIST, "referral,names,fiscal_code,residence", True),
    "persons": (AuditEntity.PERSON_LIST, "names,fiscal_code,birth,residence,contacts", True),
    "projects": (AuditEntity.PROJECT, "project", False),
    "meetings": (AuditEntity.MEETING, "meeting", False),
}


def _cell(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # A leading formula character would run as a formula in a spreadsheet (CSV injection).
        return "'" + value
    return value


def _rows(store: Store, query: AnySelect) -> Iterator[list[Any]]:
    with store.read() as session:
        for row in session.execute(query.execution_options(yield_per=2000)):
            yield [_cell(value) for value in row]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Row]) -> int:
    count = 0
    # utf-8-sig and ';' so that Excel with an Italian locale opens it as columns, accents intact.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Row]) -> int:
    from openpyxl import Workbook  # noqa: PLC0415 - heavy; only Excel exports need it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Trama")
    sheet.append(list(header))
    count = 0
    for row in rows:
        sheet.append(list(row))
        count += 1
    workbook.save(path)
    return count


def export_records(store: Store, *, actor: Actor, kind: str, path: Path) -> int:
    """Write every exportable record of ``kind`` to ``path`` (.csv or .xlsx); returns rows.

    Audited once the file is written (a failed export leaves no file to account for).
    """
    header, query = QUERIES[kind]()
    xlsx = path.suffix.lower() == ".xlsx"
    writer = write_xlsx if xlsx else write_csv
    count = writer(path, header, _rows(store, query))
    entity, groups, sensitive = _AUDIT[kind]
    record_access(
        store,
        actor=actor,
        action=AuditAction.EXPORT_SENSITIVE if sensitive else AuditAction.EXPORT,
        entity=entity,
        entity_id="",
        details=export_details(kind, "xlsx" if xlsx else "csv", count, groups),
    )
    return count


def export_details(kind: str, file_format: str, rows: int, groups: str) -> str:
    """An export's audit details: codes and counts only."""
    return f"kind={kind}; format={file_format}; rows={rows}; columns={groups}"
