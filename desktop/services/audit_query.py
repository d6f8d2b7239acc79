"""Reading the audit trail, for the privacy officer: the audit screen, its exports, and the
registro degli accessi of one person (issue 15, DOMAIN.md §5).

Only an operator whose role allows ``Permission.VIEW_AUDIT`` may call any of these; the others
are refused with the permission's Italian reason. Looking at the audit is itself audited:
opening the screen (``open_audit``: once per opening, not per filter), each export
(``EXPORT_AUDIT``) and each registro of a person (``PRINT_ACCESS_REGISTER``).

Rows are shown as people read them: the time in the office's zone as gg/mm/aaaa hh:mm, the
actions and records in Italian words (``desktop.documents.audit_labels``, shared with the PDFs),
and the referral's number beside a referral's id. The codes stay in the store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, false, func, literal_column, select
from sqlalchemy.orm import Session

from desktop.documents import DocumentType
from desktop.documents.access_register import build_access_register
from desktop.documents.audit_labels import action_label, audit_when, entity_label
from desktop.documents.audit_report import build_audit_report
from desktop.documents.formatting import OFFICE_ZONE, local_datetime, on_date
from desktop.documents.inputs import AccessRegisterInput, AuditLineData, AuditReportInput
from desktop.documents.page import issue_time
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.permissions import DENIED, Permission, may
from desktop.domain.referral_numbers import REFERRAL_NUMBER_PATTERN
from desktop.services.audit import Access, list_person_audit, record_accesses
from desktop.services.context import Actor
from desktop.services.documents import IssuedPdf
from desktop.services.documents.data import issuer_for
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.store.engine import Store
from desktop.store.models import AuditEntry, Person, Referral

PAGE_ROWS = 500
PDF_MAX_ROWS = 5_000  # about 160 pages, built in seconds; Excel holds any number
CHUNK_ROWS = 1_000
RECORD_MAX = 60
XLSX_DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
_NUMBER = re.compile(rf"^{REFERRAL_NUMBER_PATTERN}$", re.IGNORECASE)

# The columns of the screen and of both exports, in this order.
HEADERS = (
    "Data e ora",
    "Operatore",
    "Postazione",
    "Operazione",
    "Oggetto",
    "Segnalazione",
    "Id del record",
    "Dettagli",
)


class AuditExportCancelled(Exception):
    """The person cancelled an export; nothing was written."""


@dataclass(frozen=True)
class AuditFilter:
    operator: str = ""  # an OS account, as recorded ("" = every operator)
    record: str = ""  # a record's id or a referral's number ("" = every record)
    action: str = ""  # an AuditAction code ("" = every action)
    since: date | None = None  # local dates, both included
    until: date | None = None


@dataclass(frozen=True)
class AuditLine:
    """One audit row as shown: labels, not codes (the codes are kept for filtering)."""

    id: str
    at: datetime  # UTC
    when: str  # "27/11/2026 09:05", the office's local time
    operator: str
    workstation: str
    action: str
    action_label: str
    entity: str
    entity_label: str
    entity_id: str
    referral_number: str
    details: str

    def cells(self) -> tuple[str, ...]:
        """The values under ``HEADERS``."""
        return (
            self.when,
            self.operator,
            self.workstation,
            self.action_label,
            self.entity_label,
            self.referral_number,
            self.entity_id,
            self.details,
        )

    def data(self) -> AuditLineData:
        return AuditLineData(
            at=self.at,
            operator=self.operator,
            workstation=self.workstation,
            action=self.action,
            entity=self.entity,
            entity_id=self.entity_id,
            referral_number=self.referral_number,
            details=self.details,
        )


@dataclass(frozen=True)
class AuditPage:
    lines: tuple[AuditLine, ...]
    total: int  # rows matching the filter, on every page
    offset: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.lines) < self.total


@dataclass(frozen=True)
class AuditChoices:
    """What the filter combos offer: the operators and actions present in the trail."""

    operators: tuple[str, ...]
    actions: tuple[tuple[str, str], ...]  # (code, Italian label), in the labels' order


def require_audit_rights(actor: Actor) -> None:
    if not may(actor, Permission.VIEW_AUDIT):
        raise NotAllowedError(DENIED[Permission.VIEW_AUDIT])


# --- the filter ------------------------------------------------------------------------------


def _local_midnight(day: date) -> datetime:
    zone = OFFICE_ZONE if OFFICE_ZONE is not None else datetime.now().astimezone().tzinfo
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(UTC)


def check_filter(flt: AuditFilter) -> None:
    errors: dict[str, str] = {}
    if flt.since and flt.until and flt.since > flt.until:
        errors["until"] = "La data finale del periodo precede quella iniziale."
    if len(flt.record.strip()) > RECORD_MAX:
        errors["record"] = f"Al massimo {RECORD_MAX} caratteri."
    if errors:
        raise ValidationError(errors)


def _conditions(session: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.operator:
        conditions.append(AuditEntry.operator == flt.operator)
    if flt.action:
        conditions.append(AuditEntry.action == flt.action)
    record = flt.record.strip()
    if record:
        if _NUMBER.match(record):
            ids = list(
                session.scalars(select(Referral.id).where(Referral.number == record.upper()))
            )
            conditions.append(AuditEntry.entity_id.in_(ids) if ids else false())
        else:
            conditions.append(AuditEntry.entity_id.in_({record, record.lower()}))
    if flt.since:
        conditions.append(AuditEntry.at >= _local_midnight(flt.since))
    if flt.until:
        conditions.append(AuditEntry.at < _local_midnight(flt.until + timedelta(days=1)))
    return conditions


def _query(session: Session, flt: AuditFilter) -> Any:
    return (
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.operator,
            AuditEntry.workstation,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.details,
            Referral.number,
        )
        # The number of the referral a row is about (a referral form's too): by primary key.
        .outerjoin(Referral, Referral.id == AuditEntry.entity_id)
        .where(*_conditions(session, flt))
        # The rowid breaks ties in the order rows were written, and lets SQLite walk the index
        # on ``at`` backwards instead of sorting the whole trail.
        .order_by(AuditEntry.at.desc(), literal_column("audit_entry.rowid").desc())
    )


def _line(row: Any) -> AuditLine:
    at = row[1] if row[1].tzinfo is not None else row[1].replace(tzinfo=UTC)
    return AuditLine(
        id=row[0],
        at=at,
        when=audit_when(at),
        operator=row[2],
        workstation=row[3] or "",
        action=row[4],
        action_label=action_label(row[4]),
        entity=row[5],
        entity_label=entity_label(row[5]),
        entity_id=row[6] or "",
        referral_number=row[8] or "",
        details=row[7] or "",
    )


# --- reading ---------------------------------------------------------------------------------


def open_audit(store: Store, *, actor: Actor) -> AuditChoices:
    """The screen opens: check the role, record that the audit was viewed, offer the choices."""
    require_audit_rights(actor)
    record_accesses(
        store,
        actor=actor,
        accesses=[Access(AuditAction.VIEW_AUDIT, AuditEntity.AUDIT, "")],
    )
    return audit_choices(store, actor=actor)


def audit_choices(store: Store, *, actor: Actor) -> AuditChoices:
    require_audit_rights(actor)
    with store.read() as session:
        operators = tuple(
            session.scalars(select(AuditEntry.operator).distinct().order_by(AuditEntry.operator))
        )
        codes = list(session.scalars(select(AuditEntry.action).distinct()))
    labelled = sorted(((code, action_label(code)) for code in codes), key=lambda item: item[1])
    return AuditChoices(operators=operators, actions=tuple(labelled))


def list_audit_page(
    store: Store,
    *,
    actor: Actor,
    flt: AuditFilter | None = None,
    offset: int = 0,
    limit: int = PAGE_ROWS,
) -> AuditPage:
    """One page of the rows matching ``flt``, newest first, and how many match in all."""
    require_audit_rights(actor)
    flt = flt or AuditFilter()
    check_filter(flt)
    offset, limit = max(0, offset), max(1, min(limit, 5 * PAGE_ROWS))
    with store.read() as session:
        total = session.scalar(
            select(func.count()).select_from(AuditEntry).where(*_conditions(session, flt))
        )
        rows = session.execute(_query(session, flt).offset(offset).limit(limit))
        lines = tuple(_line(row) for row in rows)
    return AuditPage(lines=lines, total=int(total or 0), offset=offset)


def iter_audit_lines(
    store: Store, *, actor: Actor, flt: AuditFilter | None = None
) -> Iterator[AuditLine]:
    """Every row matching ``flt``, newest first, read a chunk at a time."""
    require_audit_rights(actor)
    flt = flt or AuditFilter()
    check_filter(flt)
    with store.read() as session:
        query = _query(session, flt).execution_options(yield_per=CHUNK_ROWS)
        for row in session.execute(query):
            yield _line(row)


def count_audit(store: Store, *, actor: Actor, flt: AuditFilter | None = None) -> int:
    return list_audit_page(store, actor=actor, flt=flt, limit=1).total


# --- exports ---------------------------------------------------------------------------------

Cancelled = Callable[[], bool]
Progress = Callable[[int, int], None]


def filter_description(flt: AuditFilter) -> tuple[tuple[str, str], ...]:
    """The filters set, in Italian, for the PDF's heading."""
    parts: list[tuple[str, str]] = []
    if flt.operator:
        parts.append(("Operatore", flt.operator))
    if flt.record.strip():
        parts.append(("Record", flt.record.strip()))
    if flt.action:
        parts.append(("Operazione", action_label(flt.action)))
    if flt.since and flt.until:
        parts.append(("Periodo", f"{on_date('da', flt.since)} {on_date('a', flt.until)}"))
    elif flt.since:
        parts.append(("Periodo", on_date("da", flt.since)))
    elif flt.until:
        parts.append(("Periodo", f"fino {on_date('a', flt.until)}"))
    return tuple(parts)


def _stream(
    store: Store,
    actor: Actor,
    flt: AuditFilter,
    cancelled: Cancelled | None,
    progress: Progress | None,
    *,
    most: int | None = None,
) -> Iterator[AuditLine]:
    """The rows matching ``flt``, reporting progress and stopping when cancelled."""
    total = count_audit(store, actor=actor, flt=flt)
    if most is not None and total > most:
        raise ValidationError(
            {
                "rows": f"Le righe da esportare sono {total:,}".replace(",", ".")
                + f": in PDF al massimo {most:,}".replace(",", ".")
                + ". Restringere i filtri o esportare in Excel."
            }
        )
    done = 0
    for line in iter_audit_lines(store, actor=actor, flt=flt):
        yield line
        done += 1
        if done % CHUNK_ROWS == 0:
            if cancelled is not None and cancelled():
                raise AuditExportCancelled
            if progress is not None:
                progress(done, max(total, done))
    if cancelled is not None and cancelled():
        raise AuditExportCancelled
    if progress is not None:
        progress(done, max(total, done))


def _audit_export(store: Store, actor: Actor, kind: str, count: int) -> None:
    record_accesses(
        store,
        actor=actor,
        accesses=[
            Access(AuditAction.EXPORT_AUDIT, AuditEntity.AUDIT, "", f"{kind}, {count} righe")
        ],
    )


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise ValidationError({"path": f"La cartella {path.parent} non esiste."})


def _safe_text(value: str) -> str:
    # A leading formula character would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_audit_xlsx(
    store: Store,
    *,
    actor: Actor,
    flt: AuditFilter | None = None,
    path: Path,
    cancelled: Cancelled | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the rows matching ``flt`` to an Excel workbook; returns how many."""
    from openpyxl import Workbook  # noqa: PLC0415 - heavy; only Excel exports need it
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    require_audit_rights(actor)
    flt = flt or AuditFilter()
    _check_folder(path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Registro")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (17, 24, 18, 40, 24, 18, 38, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    try:
        for line in _stream(store, actor, flt, cancelled, progress):
            when = WriteOnlyCell(sheet, value=local_datetime(line.at).replace(tzinfo=None))
            when.number_format = XLSX_DATETIME_FORMAT
            sheet.append([when, *(_safe_text(text) for text in line.cells()[1:])])
            count += 1
        workbook.save(path)
    except BaseException:
        # openpyxl streams the sheet into a temporary file: close and remove it now.
        sheet.close()
        stream = getattr(getattr(sheet, "_writer", None), "out", None)
        if isinstance(stream, str) and stream:
            Path(stream).unlink(missing_ok=True)
        raise
    _audit_export(store, actor, "xlsx", count)
    return count


def export_audit_pdf(
    store: Store,
    *,
    actor: Actor,
    flt: AuditFilter | None = None,
    path: Path,
    cancelled: Cancelled | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> int:
    """Write the rows matching ``flt`` as a PDF (at most ``PDF_MAX_ROWS``); returns how many."""
    require_audit_rights(actor)
    flt = flt or AuditFilter()
    _check_folder(path)
    lines = list(_stream(store, actor, flt, cancelled, progress, most=PDF_MAX_ROWS))
    data = AuditReportInput(
        issuer=issuer_for(store, actor),
        lines=tuple(line.data() for line in lines),
        filters=filter_description(flt),
        created_at=now or issue_time(),
        exported_by=actor.shown_as,
    )
    pdf = build_audit_report(data)
    if cancelled is not None and cancelled():
        raise AuditExportCancelled
    path.write_bytes(pdf)
    _audit_export(store, actor, "pdf", len(lines))
    return len(lines)


# --- the registro degli accessi of one person --------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower() or "persona"


def access_register(
    store: Store,
    *,
    actor: Actor,
    person_id: str,
    since: date | None = None,
    until: date | None = None,
    now: datetime | None = None,
) -> IssuedPdf:
    """The registro degli accessi of a person, built (for the preview) and audited; recorded
    as issued when printed or saved (``desktop.services.documents.record_issue``)."""
    require_audit_rights(actor)
    check_filter(AuditFilter(since=since, until=until))
    with store.read() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("La persona non è presente in questo archivio.")
        name = f"{person.last_name} {person.first_name}".strip()
        fiscal_code = person.fiscal_code
    record_accesses(
        store,
        actor=actor,
        accesses=[Access(AuditAction.PRINT_ACCESS_REGISTER, AuditEntity.PERSON, person_id)],
    )
    low = _local_midnight(since) if since else None
    high = _local_midnight(until + timedelta(days=1)) if until else None
    rows = [
        row
        for row in list_person_audit(store, person_id)
        if (low is None or row.at >= low) and (high is None or row.at < high)
    ]
    numbers = _referral_numbers(store, {row.entity_id for row in rows})
    now = now or issue_time()
    data = AccessRegisterInput(
        issuer=issuer_for(store, actor),
        person_id=person_id,
        person_name=name,
        fiscal_code=fiscal_code,
        lines=tuple(
            AuditLineData(
                at=row.at,
                operator=row.operator,
                workstation=row.workstation,
                action=row.action,
                entity=row.entity,
                entity_id=row.entity_id,
                referral_number=numbers.get(row.entity_id, ""),
            )
            for row in rows
        ),
        created_at=now,
        issued_by=actor.shown_as,
        since=since,
        until=until,
    )
    pdf = build_access_register(data)
    return IssuedPdf(
        document_type=DocumentType.ACCESS_REGISTER,
        record_id=person_id,
        file_name=f"registro-accessi-{_slug(name)[:40]}.pdf",
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=now,
    )


def _referral_numbers(store: Store, ids: set[str]) -> dict[str, str]:
    wanted = [value for value in ids if value]
    if not wanted:
        return {}
    with store.read() as session:
        return {
            str(row_id): str(number)
            for row_id, number in session.execute(
                select(Referral.id, Referral.number).where(Referral.id.in_(wanted))
            )
        }
