"""Export of the referral list as the operator sees it (filter and order) to CSV or Excel.

The same columns and labels serve ``trama export referrals`` (``desktop.services.export``):
codes are written as their Italian labels, the sending site by its name, dates as dates.

Sensitive columns (codice fiscale, birth date and age, contact data, disability data) are left
out unless asked for, and so are the health-related codes among the needs and the other
services (``desktop.domain.health``: special-category data, GDPR art. 9). Restricted referrals
and persons (GDPR art. 18) are never exported, even when the list shows them. Rows are read a
chunk at a time, so 100,000 need little memory; the caller may run it on a worker thread with
``cancelled`` and ``progress``. Every export is audited once written (EXPORT, or
EXPORT_SENSITIVE with sensitive columns).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.documents.labels import it_label
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import (
    DisabilityCategory,
    Need,
    OtherService,
    ReferralStatus,
    Track,
    Urgency,
)
from desktop.domain.eligibility import age_on
from desktop.domain.health import (
    HEALTH_RELATED_NEEDS,
    HEALTH_RELATED_SERVICES,
    without_health_related,
)
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.services.audit import record_access
from desktop.services.context import Actor
from desktop.services.referrals.listing import (
    ListQueryCancelled,
    ReferralFilter,
    SortKey,
    ordered_rowids,
)
from desktop.services.sites import site_name, site_names
from desktop.services.spreadsheet import export_details, is_excel, write_table
from desktop.store.engine import Store
from desktop.store.raw import Connection

CHUNK_ROWS = 500


@dataclass(frozen=True)
class ExportColumn:
    key: str
    label: str  # English, translated by the UI ("ReferralExport" context)
    header: str  # Italian, for exports without the UI (the command line)
    sensitive: bool = False


COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("number", QT_TRANSLATE_NOOP("ReferralExport", "Number"), "Numero"),
    ExportColumn("created_on", QT_TRANSLATE_NOOP("ReferralExport", "Date"), "Data"),
    ExportColumn("track", QT_TRANSLATE_NOOP("ReferralExport", "Track"), "Percorso"),
    ExportColumn("status", QT_TRANSLATE_NOOP("ReferralExport", "Status"), "Stato"),
    ExportColumn(
        "days_in_status",
        QT_TRANSLATE_NOOP("ReferralExport", "Days in status"),
        "Giorni nello stato",
    ),
    ExportColumn("last_name", QT_TRANSLATE_NOOP("ReferralExport", "Surname"), "Cognome"),
    ExportColumn("first_name", QT_TRANSLATE_NOOP("ReferralExport", "Name"), "Nome"),
    ExportColumn(
        "fiscal_code",
        QT_TRANSLATE_NOOP("ReferralExport", "Tax code"),
        "Codice fiscale",
        sensitive=True,
    ),
    ExportColumn(
        "birth_date",
        QT_TRANSLATE_NOOP("ReferralExport", "Date of birth"),
        "Data di nascita",
        sensitive=True,
    ),
    ExportColumn("age", QT_TRANSLATE_NOOP("ReferralExport", "Age"), "Età", sensitive=True),
    ExportColumn(
        "municipality",
        QT_TRANSLATE_NOOP("ReferralExport", "Comune of residence"),
        "Comune di residenza",
    ),
    ExportColumn(
        "address", QT_TRANSLATE_NOOP("ReferralExport", "Address"), "Indirizzo", sensitive=True
    ),
    ExportColumn("phone", QT_TRANSLATE_NOOP("ReferralExport", "Phone"), "Telefono", sensitive=True),
    ExportColumn("email", QT_TRANSLATE_NOOP("ReferralExport", "E-mail"), "E-mail", sensitive=True),
    ExportColumn("job_centre", QT_TRANSLATE_NOOP("ReferralExport", "CPI"), "CPI"),
    ExportColumn(
        "sending_site", QT_TRANSLATE_NOOP("ReferralExport", "Sending site"), "Sede inviante"
    ),
    ExportColumn("sent_on", QT_TRANSLATE_NOOP("ReferralExport", "Sent on"), "Inviata il"),
    ExportColumn("urgency", QT_TRANSLATE_NOOP("ReferralExport", "Urgency"), "Urgenza"),
    # Without sensitive columns these omit the health-related codes (SerD, CPS/NPIA, health).
    ExportColumn("needs", QT_TRANSLATE_NOOP("ReferralExport", "Needs"), "Bisogni"),
    ExportColumn(
        "other_services",
        QT_TRANSLATE_NOOP("ReferralExport", "Other services involved"),
        "Altri servizi coinvolti",
    ),
    ExportColumn(
        "disability_category",
        QT_TRANSLATE_NOOP("ReferralExport", "Disability category"),
        "Categoria di invalidità",
        sensitive=True,
    ),
    ExportColumn(
        "disability_percentage",
        QT_TRANSLATE_NOOP("ReferralExport", "Disability percentage"),
        "Percentuale di invalidità",
        sensitive=True,
    ),
)

_SQL = (
    "SELECT r.rowid, r.number, r.created_on, r.track, r.status, r.status_changed_at, "
    "p.last_name, p.first_name, p.fiscal_code, p.birth_date, m.name, p.residence_address, "
    "p.phone, p.email, j.name, r.sending_site, r.sent_on, r.urgency, r.disability_category, "
    "r.disability_percentage, r.needs, r.other_services "
    "FROM referral r JOIN person p ON p.id = r.person_id "
    "LEFT JOIN municipality m ON m.id = p.residence_municipality_id "
    "LEFT JOIN job_centre j ON j.id = r.job_centre_id "
    # Checked again here: a row restricted since the list was ordered is still left out.
    "WHERE r.rowid IN ({ids}) AND r.deleted = 0 AND r.restricted = 0 AND p.restricted = 0"
)

Labeller = Callable[[StrEnum], str]

# The groups of columns the audit names (the rest are the referral's own: "referral").
_GROUPS = {
    "last_name": "names",
    "first_name": "names",
    "fiscal_code": "fiscal_code",
    "birth_date": "birth",
    "age": "birth",
    "municipality": "residence",
    "address": "contacts",
    "phone": "contacts",
    "email": "contacts",
    "disability_category": "disability",
    "disability_percentage": "disability",
}


def column_groups(columns: Sequence[ExportColumn]) -> list[str]:
    """The groups of the columns, in the order they first appear."""
    return list(dict.fromkeys(_GROUPS.get(column.key, "referral") for column in columns))


def export_columns(*, include_sensitive: bool) -> list[ExportColumn]:
    return [column for column in COLUMNS if include_sensitive or not column.sensitive]


def export_referral_list(
    store: Store,
    flt: ReferralFilter,
    *,
    sort: SortKey,
    descending: bool,
    path: Path,
    include_sensitive: bool,
    today: date,
    actor: Actor,
    headers: Mapping[str, str] | None = None,
    labeller: Labeller | None = None,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    audit_kind: str = "referral_list",
) -> int:
    """Write the list's rows to ``path`` (.xlsx for Excel, else CSV); returns the rows written.

    ``headers`` maps a column key to its header, ``labeller`` turns a code into its label (the
    UI passes its translations); both default to the Italian headers and labels.
    """
    exported = replace(flt, include_restricted=False)
    rowids = ordered_rowids(store, exported, sort=sort, descending=descending, cancelled=cancelled)
    columns = export_columns(include_sensitive=include_sensitive)
    titles = [(headers or {}).get(column.key, column.header) for column in columns]
    records = _records(
        store,
        rowids,
        columns,
        today=today,
        labeller=labeller or it_label,
        names=site_names(store),
        include_sensitive=include_sensitive,
        cancelled=cancelled,
        progress=progress,
    )
    count = write_table(path, sheet_title="Segnalazioni", header=titles, rows=records)
    record_access(
        store,
        actor=actor,
        action=AuditAction.EXPORT_SENSITIVE if include_sensitive else AuditAction.EXPORT,
        entity=AuditEntity.REFERRAL_LIST,
        entity_id="",
        details=export_details(
            audit_kind,
            "xlsx" if is_excel(path) else "csv",
            count,
            ",".join(column_groups(columns)),
        ),
    )
    return count


def _records(
    store: Store,
    rowids: Sequence[int],
    columns: list[ExportColumn],
    *,
    today: date,
    labeller: Labeller,
    names: dict[str, str],
    include_sensitive: bool,
    cancelled: Callable[[], bool] | None,
    progress: Callable[[int, int], None] | None,
) -> Iterator[list[Any]]:
    with store.raw_read() as connection:
        for start in range(0, len(rowids), CHUNK_ROWS):
            if cancelled is not None and cancelled():
                raise ListQueryCancelled
            chunk = rowids[start : start + CHUNK_ROWS]
            shown = _Shown(today, labeller, names, include_sensitive)
            for values in _chunk(connection, chunk, shown):
                yield [values[column.key] for column in columns]
            if progress is not None:
                progress(min(start + CHUNK_ROWS, len(rowids)), len(rowids))
    if cancelled is not None and cancelled():
        raise ListQueryCancelled  # all read, but no longer wanted: the file is not kept


@dataclass(frozen=True)
class _Shown:
    """How values are written: the day ages count to, labels, site names, health codes."""

    today: date
    show: Labeller
    names: dict[str, str]
    include_sensitive: bool


def _chunk(connection: Connection, rowids: Sequence[int], shown: _Shown) -> list[dict[str, Any]]:
    ids = ", ".join(str(int(key)) for key in rowids)
    by_rowid = {row[0]: row for row in connection.execute(_SQL.format(ids=ids))}
    return [_values(by_rowid[key], shown) for key in rowids if key in by_rowid]


def _code_list(
    stored: str | None,
    code_type: type[StrEnum],
    health_codes: frozenset[str],
    shown: _Shown,
) -> str:
    """Labels of a stored list of codes; health-related ones only with sensitive columns."""
    codes = json.loads(stored) if stored else []
    if not shown.include_sensitive:
        codes = without_health_related(codes, health_codes)
    known = {code.value: code for code in code_type}
    return "; ".join(shown.show(known[code]) if code in known else code for code in codes)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _values(row: Any, shown: _Shown) -> dict[str, Any]:
    (
        _rowid, number, created_on, track, status, changed_at, last_name, first_name,
        fiscal_code, birth_date, municipality, address, phone, email, job_centre,
        sending_site, sent_on, urgency, category, percentage, needs, other_services,
    ) = row  # fmt: skip
    today, show, names = shown.today, shown.show, shown.names
    born = _day(birth_date)
    # As the list shows it: the operator's calendar day of the change, not UTC's.
    changed = datetime.fromisoformat(changed_at).replace(tzinfo=UTC).astimezone().date()
    return {
        "number": number,
        "created_on": _day(created_on),
        "track": show(Track(track)),
        "status": show(ReferralStatus(status)),
        "days_in_status": max(0, (today - changed).days),
        "last_name": last_name,
        "first_name": first_name,
        "fiscal_code": fiscal_code,
        "birth_date": born,
        "age": age_on(born, today) if born else None,
        "municipality": municipality or "",
        "address": address or "",
        "phone": phone or "",
        "email": email or "",
        "job_centre": job_centre or "",
        "sending_site": site_name(names, sending_site),
        "sent_on": _day(sent_on),
        "urgency": show(Urgency(urgency)) if urgency else "",
        "disability_category": show(DisabilityCategory(category)) if category else "",
        "disability_percentage": percentage,
        "needs": _code_list(needs, Need, HEALTH_RELATED_NEEDS, shown),
        "other_services": _code_list(other_services, OtherService, HEALTH_RELATED_SERVICES, shown),
    }
