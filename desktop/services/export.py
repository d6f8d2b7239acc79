"""``trama export``: every exportable record of a kind to CSV or Excel, as an office reads it.

Italian column headers, codes written as their Italian labels (``desktop.documents.labels``,
the words the application shows), sites by their name, dates as dates. Referrals go through
the application's own export of the referral list (``desktop.services.referrals.export``):
one set of columns and one labeller for both. The first column is always the identifier that
``trama print`` accepts (the referral number for referrals, the record id otherwise).

Codice fiscale, birth data, address and contacts are written only when asked for
(``include_sensitive``), and such an export is audited as a sensitive one. Restricted persons
and referrals (GDPR art. 18) and deleted rows are never exported. Every export is audited
once written: its kind, format, rows and groups of columns, never a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from desktop.documents.labels import it_label
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.services.audit import record_access
from desktop.services.context import Actor
from desktop.services.sites import site_name, site_names
from desktop.services.spreadsheet import export_details, is_excel, write_table
from desktop.store.engine import Store
from desktop.store.models import Meeting, Municipality, Person, Project

AnySelect = Select[*tuple[Any, ...]]
EXPORT_KINDS = ("referrals", "persons", "projects", "meetings")


@dataclass(frozen=True)
class Column:
    header: str  # Italian
    group: str  # what the audit names: "names", "fiscal_code", "contacts"...
    sensitive: bool = False
    site: bool = False  # a site code, written as the site's name


@dataclass(frozen=True)
class Kind:
    sheet: str
    entity: AuditEntity
    columns: tuple[tuple[Column, Any], ...]  # each column and the selected expression
    query: Callable[[AnySelect], AnySelect]  # joins, filters and order of the selection


def _persons() -> Kind:
    residence = aliased(Municipality)
    columns = (
        (Column("Identificativo", "person"), Person.id),
        (Column("Cognome", "names"), Person.last_name),
        (Column("Nome", "names"), Person.first_name),
        (Column("Codice fiscale", "fiscal_code", sensitive=True), Person.fiscal_code),
        (Column("Sesso", "person"), Person.sex),
        (Column("Data di nascita", "birth", sensitive=True), Person.birth_date),
        (Column("Luogo di nascita", "birth", sensitive=True), Person.birthplace_name),
        (Column("Cittadinanza", "person"), Person.citizenship),
        (Column("Comune di residenza", "residence"), residence.name),
        (Column("Indirizzo", "contacts", sensitive=True), Person.residence_address),
        (Column("CAP", "contacts", sensitive=True), Person.residence_postcode),
        (Column("Telefono", "contacts", sensitive=True), Person.phone),
        (Column("E-mail", "contacts", sensitive=True), Person.email),
    )
    return Kind(
        "Persone",
        AuditEntity.PERSON_LIST,
        columns,
        lambda query: (
            query.outerjoin(residence, residence.id == Person.residence_municipality_id)
            .where(Person.deleted.is_(False), Person.restricted.is_(False))
            .order_by(Person.last_name, Person.first_name, Person.id)
        ),
    )


def _projects() -> Kind:
    columns = (
        (Column("Identificativo", "project"), Project.id),
        (Column("Titolo", "project"), Project.title),
        (Column("Acronimo", "project"), Project.acronym),
        (Column("Codice interno", "project"), Project.internal_code),
        (Column("CUP", "project"), Project.cup),
        (Column("Stato", "project"), Project.status),
        (Column("Destinatari", "project"), Project.target),
        (Column("Tipo di ente procedente", "project"), Project.proceeding_body_kind),
        (Column("Ente procedente", "project"), Project.proceeding_body_name),
        (Column("RUP", "project"), Project.rup_name),
        (Column("Inizio", "project"), Project.start_on),
        (Column("Fine", "project"), Project.end_on),
        (Column("Beneficiari attesi", "project"), Project.expected_beneficiaries),
        (Column("Sede che lo gestisce", "project", site=True), Project.owner_site),
    )
    return Kind(
        "Progetti",
        AuditEntity.PROJECT,
        columns,
        lambda query: query.where(Project.deleted.is_(False)).order_by(Project.title, Project.id),
    )


def _meetings() -> Kind:
    columns = (
        (Column("Identificativo", "meeting"), Meeting.id),
        (Column("Numero del verbale", "meeting"), Meeting.number),
        (Column("Data", "meeting"), Meeting.held_on),
        (Column("Tipo di incontro", "meeting"), Meeting.meeting_type),
        (Column("Titolo", "meeting"), Meeting.title),
        (Column("Modalità", "meeting"), Meeting.mode),
        (Column("Luogo", "meeting"), Meeting.place),
        (Column("Ora di inizio", "meeting"), Meeting.start_time),
        (Column("Ora di fine", "meeting"), Meeting.end_time),
        (Column("Presidente", "meeting"), Meeting.chair_name),
        (Column("Segretario", "meeting"), Meeting.secretary_name),
        (Column("Stato del verbale", "meeting"), Meeting.minutes_status),
        (Column("Versione", "meeting"), Meeting.version),
        # The convening body; older rows have none, and their owner convened them.
        (
            Column("Ente convocante", "meeting", site=True),
            func.coalesce(func.nullif(Meeting.convening_site, ""), Meeting.owner_site),
        ),
        (Column("Sede che lo gestisce", "meeting", site=True), Meeting.owner_site),
    )
    return Kind(
        "Incontri",
        AuditEntity.MEETING,
        columns,
        lambda query: query.where(Meeting.deleted.is_(False)).order_by(
            Meeting.held_on, Meeting.number, Meeting.id
        ),
    )


KINDS: dict[str, Callable[[], Kind]] = {
    "persons": _persons,
    "projects": _projects,
    "meetings": _meetings,
}


def export_records(
    store: Store,
    *,
    actor: Actor,
    kind: str,
    path: Path,
    include_sensitive: bool = False,
    today: date | None = None,
) -> int:
    """Write every exportable record of ``kind`` to ``path`` (.csv or .xlsx); returns rows.

    Audited once the file is written (a failed export leaves no file to account for).
    """
    if kind == "referrals":
        from desktop.services.referrals.export import export_referral_list  # noqa: PLC0415
        from desktop.services.referrals.listing import ReferralFilter, SortKey  # noqa: PLC0415

        return export_referral_list(
            store,
            ReferralFilter(),
            sort=SortKey.CREATED_ON,
            descending=False,
            path=path,
            include_sensitive=include_sensitive,
            today=today or date.today(),
            actor=actor,
            audit_kind=kind,
        )
    spec = KINDS[kind]()
    chosen = [
        (column, value)
        for column, value in spec.columns
        if include_sensitive or not column.sensitive
    ]
    names = site_names(store)
    count = write_table(
        path,
        sheet_title=spec.sheet,
        header=[column.header for column, _value in chosen],
        rows=_rows(store, spec.query(select(*(value for _column, value in chosen))), chosen, names),
    )
    sensitive = any(column.sensitive for column, _value in chosen)
    record_access(
        store,
        actor=actor,
        action=AuditAction.EXPORT_SENSITIVE if sensitive else AuditAction.EXPORT,
        entity=spec.entity,
        entity_id="",
        details=export_details(
            kind,
            "xlsx" if is_excel(path) else "csv",
            count,
            ",".join(dict.fromkeys(column.group for column, _value in chosen)),
        ),
    )
    return count


def _rows(
    store: Store,
    query: AnySelect,
    chosen: Sequence[tuple[Column, Any]],
    names: dict[str, str],
) -> Iterator[list[Any]]:
    sites = [column.site for column, _value in chosen]
    with store.read() as session:
        for row in session.execute(query.execution_options(yield_per=2000)):
            yield [
                site_name(names, value) if site else _shown(value)
                for value, site in zip(row, sites, strict=True)
            ]


def _shown(value: Any) -> Any:
    """A code as its Italian label; dates, times and numbers as they are."""
    if isinstance(value, StrEnum):
        return it_label(value)
    return value
