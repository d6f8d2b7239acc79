"""Co-design projects (coprogettazione, art. 55 D.Lgs. 117/2017; DOMAIN.md §3).

A project, its partners, funding rows, activities and indicators belong to the site that
created the project. Beneficiaries are links to referrals, never copies of a person's data;
the indicators computed from them read the referrals' dates, handling and path actions only.
Money is in euro cents so that totals add up exactly.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.codes import (
    ActivityStatus,
    FundingSource,
    IndicatorKind,
    Outcome,
    PartnerRole,
    PathActionType,
    ProceedingBodyKind,
    ProjectStatus,
    ProjectTarget,
    ReferralStatus,
    Track,
)
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.store.base import Synced
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    Organization,
    PathAction,
    Person,
    Project,
    ProjectActivity,
    ProjectBeneficiary,
    ProjectFunding,
    ProjectIndicator,
    ProjectPartner,
    Referral,
    ReferralEvent,
    ReferralHandling,
)

TITLE_MAX = 300
SHORT_MAX = 40
NAME_MAX = 200
DECISION_MAX = 80
TEXT_MAX = 10_000
NOTES_MAX = 300
UNIT_MAX = 40
EXPECTED_BENEFICIARIES_MAX = 100_000
FUNDING_YEAR_MIN = 2000
FUNDING_YEAR_MAX = 2100

# The lifecycle of DOMAIN.md §3, in order; a project only moves forward along it.
STATUS_ORDER: tuple[ProjectStatus, ...] = (
    ProjectStatus.CO_PROGRAMMING,
    ProjectStatus.NOTICE,
    ProjectStatus.CO_DESIGN_TABLE,
    ProjectStatus.AGREEMENT_SIGNED,
    ProjectStatus.RUNNING,
    ProjectStatus.CONCLUDED,
    ProjectStatus.REPORTED,
)
STATUS_LABELS: Mapping[ProjectStatus, str] = {
    ProjectStatus.CO_PROGRAMMING: "co-programmazione",
    ProjectStatus.NOTICE: "avviso",
    ProjectStatus.CO_DESIGN_TABLE: "tavolo di co-progettazione",
    ProjectStatus.AGREEMENT_SIGNED: "convenzione firmata",
    ProjectStatus.RUNNING: "in corso",
    ProjectStatus.CONCLUDED: "concluso",
    ProjectStatus.REPORTED: "rendicontato",
}
TRAINEESHIP_TYPES = (PathActionType.TRAINEESHIP, PathActionType.INCLUSION_TRAINEESHIP)
_SOURCE_ORDER: Mapping[FundingSource, int] = {
    source: index for index, source in enumerate(FundingSource)
}

_NOT_OWNER = "Il progetto è gestito da un'altra sede: può modificarlo solo quella sede."


# --- inputs and outputs ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectInput:
    title: str
    target: ProjectTarget = ProjectTarget.NEET
    acronym: str = ""
    internal_code: str = ""
    cup: str = ""
    ambito_id: str | None = None
    proceeding_body_kind: ProceedingBodyKind | None = None
    proceeding_body_name: str = ""
    rup_name: str = ""
    start_decision: str = ""
    start_decision_on: date | None = None
    notice_number: str = ""
    notice_on: date | None = None
    approval_decision: str = ""
    approval_decision_on: date | None = None
    agreement_on: date | None = None
    agreement_repertory: str = ""
    expected_beneficiaries: int | None = None
    start_on: date | None = None
    end_on: date | None = None
    description: str = ""


PROJECT_FIELDS = tuple(field.name for field in fields(ProjectInput))


@dataclass(frozen=True)
class PartnerInput:
    organization_id: str
    role: PartnerRole = PartnerRole.PARTNER
    resources_description: str = ""
    resources_value_cents: int = 0
    joined_on: date | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class PartnerRow(PartnerInput):
    id: str = ""
    organization_name: str = ""


@dataclass(frozen=True)
class FundingInput:
    source: FundingSource
    amount_cents: int
    year: int
    notes: str = ""


@dataclass(frozen=True)
class FundingRow(FundingInput):
    id: str = ""


@dataclass(frozen=True)
class ActivityInput:
    title: str
    responsible_id: str | None = None
    start_on: date | None = None
    end_on: date | None = None
    status: ActivityStatus = ActivityStatus.PLANNED


@dataclass(frozen=True)
class ActivityRow(ActivityInput):
    id: str = ""
    responsible_name: str = ""


@dataclass(frozen=True)
class IndicatorInput:
    """A manual indicator carries its value; a computed one only baseline and target."""

    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    value: float | None = None
    kind: IndicatorKind = IndicatorKind.MANUAL


@dataclass(frozen=True)
class IndicatorRow(IndicatorInput):
    id: str = ""


@dataclass(frozen=True)
class BeneficiaryRow:
    """What a project shows of a beneficiary: the referral, never the person."""

    referral_id: str
    referral_number: str
    track: Track
    status: ReferralStatus


@dataclass(frozen=True)
class ProjectRow:
    id: str
    title: str
    acronym: str
    cup: str
    status: ProjectStatus
    target: ProjectTarget
    start_on: date | None
    end_on: date | None
    owner_site: str


@dataclass(frozen=True)
class ProjectDetail(ProjectInput):
    id: str = ""
    status: ProjectStatus = ProjectStatus.CO_PROGRAMMING
    ambito_name: str = ""
    owner_site: str = ""
    partners: tuple[PartnerRow, ...] = ()
    funding: tuple[FundingRow, ...] = ()
    activities: tuple[ActivityRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    beneficiaries: tuple[BeneficiaryRow, ...] = ()


@dataclass(frozen=True)
class FundingTotals:
    by_source: Mapping[FundingSource, int]  # cents, in the order of FundingSource
    by_year: Mapping[int, int]  # cents, oldest year first
    total_cents: int
    partner_resources_cents: int  # what partners contribute, in kind too


@dataclass(frozen=True)
class ComputedIndicator:
    """An indicator computed from the linked referrals; ``value`` is None without data.

    ``basis`` is how many referrals (or actions) the value was computed from; baseline and
    target come from the project's indicator row of the same kind, when there is one.
    """

    kind: IndicatorKind
    name: str
    unit: str
    value: float | None
    basis: int
    baseline: float | None = None
    target: float | None = None


COMPUTED_NAMES: Mapping[IndicatorKind, tuple[str, str]] = {
    IndicatorKind.REFERRALS_LINKED: ("Segnalazioni collegate", "segnalazioni"),
    IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE: (
        "Giorni mediani dall'invio alla presa in carico",
        "giorni",
    ),
    IndicatorKind.TRAINEESHIPS_STARTED: ("Tirocini avviati", "tirocini"),
    IndicatorKind.HIRES: ("Assunzioni", "persone"),
    IndicatorKind.DROP_OUTS: ("Rinunce e abbandoni", "persone"),
}


# --- loading -------------------------------------------------------------------------------

_Row = TypeVar("_Row", bound=Synced)


def _live(session: Session, model: type[_Row], row_id: str, message: str) -> _Row:
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFoundError(message)
    return row


def _load_project(session: Session, project_id: str) -> Project:
    return _live(
        session, Project, project_id, "Progetto non trovato: potrebbe essere stato eliminato."
    )


def _writable_project(session: Session, actor: Actor, project_id: str) -> Project:
    project = _load_project(session, project_id)
    v.ensure_owned(project.owner_site, actor.site_code, _NOT_OWNER)
    return project


def _children(session: Session, model: type[_Row], project_id: str) -> list[_Row]:
    return list(
        session.scalars(
            select(model).where(
                model.project_id == project_id,  # type: ignore[attr-defined]
                model.deleted.is_(False),
            )
        )
    )


def _organization_names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = {organization_id for organization_id in ids if organization_id is not None}
    if not wanted:
        return {}
    query = select(Organization.id, Organization.name).where(Organization.id.in_(wanted))
    return dict(session.execute(query).all())


def _partner_row(partner: ProjectPartner, names: Mapping[str, str]) -> PartnerRow:
    return PartnerRow(
        organization_id=partner.organization_id,
        role=partner.role,
        resources_description=partner.resources_description,
        resources_value_cents=partner.resources_value_cents,
        joined_on=partner.joined_on,
        left_on=partner.left_on,
        id=partner.id,
        organization_name=names.get(partner.organization_id, ""),
    )


def _funding_row(funding: ProjectFunding) -> FundingRow:
    return FundingRow(
        source=funding.source,
        amount_cents=funding.amount_cents,
        year=funding.year,
        notes=funding.notes,
        id=funding.id,
    )


def _activity_row(activity: ProjectActivity, names: Mapping[str, str]) -> ActivityRow:
    return ActivityRow(
        title=activity.title,
        responsible_id=activity.responsible_id,
        start_on=activity.start_on,
        end_on=activity.end_on,
        status=activity.status,
        id=activity.id,
        responsible_name=names.get(activity.responsible_id or "", ""),
    )


def _indicator_row(indicator: ProjectIndicator) -> IndicatorRow:
    return IndicatorRow(
        name=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline,
        target=indicator.target,
        value=indicator.value,
        kind=indicator.kind,
        id=indicator.id,
    )


def _linked_referrals(session: Session, project_id: str) -> list[Referral]:
    return list(
        session.scalars(
            select(Referral)
            .join(ProjectBeneficiary, ProjectBeneficiary.referral_id == Referral.id)
            .where(
                ProjectBeneficiary.project_id == project_id,
                ProjectBeneficiary.deleted.is_(False),
                Referral.deleted.is_(False),
            )
            .order_by(Referral.number)
        )
    )


def _detail(session: Session, project: Project) -> ProjectDetail:
    partners = _children(session, ProjectPartner, project.id)
    activities = _children(session, ProjectActivity, project.id)
    organization_ids: set[str | None] = {partner.organization_id for partner in partners}
    organization_ids |= {activity.responsible_id for activity in activities}
    names = _organization_names(session, organization_ids)
    ambito_name = ""
    if project.ambito_id is not None:
        ambito_name = (
            session.scalar(select(Ambito.name).where(Ambito.id == project.ambito_id)) or ""
        )
    funding = sorted(
        _children(session, ProjectFunding, project.id),
        key=lambda row: (row.year, _SOURCE_ORDER[row.source]),
    )
    values = {name: getattr(project, name) for name in PROJECT_FIELDS}
    return ProjectDetail(
        **values,
        id=project.id,
        status=project.status,
        ambito_name=ambito_name,
        owner_site=project.owner_site,
        partners=tuple(
            _partner_row(partner, names)
            for partner in sorted(
                partners,
                key=lambda row: (
                    list(PartnerRole).index(row.role),
                    normalise_search_text(names.get(row.organization_id, "")),
                ),
            )
        ),
        funding=tuple(_funding_row(row) for row in funding),
        activities=tuple(
            _activity_row(activity, names)
            for activity in sorted(
                activities, key=lambda row: (row.start_on or date.max, row.title)
            )
        ),
        indicators=tuple(
            _indicator_row(indicator)
            for indicator in sorted(
                _children(session, ProjectIndicator, project.id), key=lambda row: row.name
            )
        ),
        beneficiaries=tuple(
            BeneficiaryRow(
                referral_id=referral.id,
                referral_number=referral.number,
                track=referral.track,
                status=referral.status,
            )
            for referral in _linked_referrals(session, project.id)
        ),
    )


# --- projects ------------------------------------------------------------------------------


def _check_project(
    session: Session, data: ProjectInput, *, project_id: str | None
) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "title", data.title, "Titolo")
    v.required(errors, "target", data.target, "Destinatari")
    v.max_length(errors, "title", data.title, TITLE_MAX, "Titolo")
    v.max_length(errors, "acronym", data.acronym, SHORT_MAX, "Acronimo")
    v.max_length(errors, "internal_code", data.internal_code, SHORT_MAX, "Codice interno")
    cup = v.valid_cup(errors, "cup", data.cup)
    v.max_length(
        errors, "proceeding_body_name", data.proceeding_body_name, NAME_MAX, "Ente procedente"
    )
    v.max_length(errors, "rup_name", data.rup_name, NAME_MAX, "RUP")
    v.max_length(errors, "start_decision", data.start_decision, DECISION_MAX, "Atto di avvio")
    v.max_length(errors, "notice_number", data.notice_number, SHORT_MAX, "Numero dell'avviso")
    v.max_length(
        errors, "approval_decision", data.approval_decision, DECISION_MAX, "Atto di approvazione"
    )
    v.max_length(errors, "agreement_repertory", data.agreement_repertory, SHORT_MAX, "Repertorio")
    v.max_length(errors, "description", data.description, TEXT_MAX, "Descrizione")
    v.int_range(
        errors,
        "expected_beneficiaries",
        data.expected_beneficiaries,
        0,
        EXPECTED_BENEFICIARIES_MAX,
        "Beneficiari previsti",
    )
    v.date_order(errors, "end_on", data.start_on, data.end_on, "Inizio", "Fine")
    # The procedure's acts follow one another: avvio, avviso, approvazione, convenzione.
    acts = (
        ("start_decision_on", data.start_decision_on, "Data dell'atto di avvio"),
        ("notice_on", data.notice_on, "Data dell'avviso"),
        ("approval_decision_on", data.approval_decision_on, "Data dell'atto di approvazione"),
        ("agreement_on", data.agreement_on, "Data della convenzione"),
    )
    previous: tuple[date, str] | None = None
    for field, day, label in acts:
        if day is None:
            continue
        if previous is not None:
            v.date_order(errors, field, previous[0], day, previous[1], label)
        previous = (day, label)
    if data.ambito_id is not None and session.get(Ambito, data.ambito_id) is None:
        errors.setdefault("ambito_id", "L'Ambito indicato non esiste.")
    if cup and "cup" not in errors:
        clash = select(Project.id).where(Project.cup == cup, Project.deleted.is_(False))
        if project_id is not None:
            clash = clash.where(Project.id != project_id)
        if session.scalar(clash) is not None:
            errors["cup"] = f"Esiste già un progetto con il CUP {cup}."
    v.raise_if(errors)
    values: dict[str, object] = {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in ((name, getattr(data, name)) for name in PROJECT_FIELDS)
    }
    values["cup"] = cup
    return values


def create_project(store: Store, *, actor: Actor, data: ProjectInput) -> ProjectDetail:
    """A new project starts in co-programming (see ``advance_project_status``)."""
    with store.write() as session:
        project = Project(**_check_project(session, data, project_id=None))
        project.status = ProjectStatus.CO_PROGRAMMING
        stamp_change(project, actor=actor, new=True)
        session.add(project)
        session.flush()
        record_audit(session, actor=actor, action="create", entity="project", entity_id=project.id)
        return _detail(session, project)


def update_project(
    store: Store, *, actor: Actor, project_id: str, data: ProjectInput
) -> ProjectDetail:
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        for name, value in _check_project(session, data, project_id=project.id).items():
            setattr(project, name, value)
        stamp_change(project, actor=actor)
        record_audit(session, actor=actor, action="update", entity="project", entity_id=project.id)
        return _detail(session, project)


def advance_project_status(
    store: Store, *, actor: Actor, project_id: str, status: ProjectStatus
) -> ProjectDetail:
    """Move forward along ``STATUS_ORDER``, skipping steps if needed; never back."""
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        current = project.status
        if STATUS_ORDER.index(status) <= STATUS_ORDER.index(current):
            raise NotAllowedError(
                f"Il progetto è nello stato «{STATUS_LABELS[current]}»: non può passare "
                f"a «{STATUS_LABELS[status]}», lo stato avanza solo in avanti."
            )
        project.status = status
        stamp_change(project, actor=actor)
        record_audit(
            session,
            actor=actor,
            action="status",
            entity="project",
            entity_id=project.id,
            details=f"{current.value} -> {status.value}",
        )
        return _detail(session, project)


def delete_project(store: Store, *, actor: Actor, project_id: str) -> None:
    """Tombstone the project and every row that hangs on it."""
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        project.deleted = True
        stamp_change(project, actor=actor)
        child_models: tuple[type[Synced], ...] = (
            ProjectPartner,
            ProjectFunding,
            ProjectActivity,
            ProjectIndicator,
            ProjectBeneficiary,
        )
        for model in child_models:
            for child in _children(session, model, project.id):
                child.deleted = True
                stamp_change(child, actor=actor)
        record_audit(session, actor=actor, action="delete", entity="project", entity_id=project.id)


def get_project(store: Store, project_id: str) -> ProjectDetail:
    with store.read() as session:
        return _detail(session, _load_project(session, project_id))


def list_projects(
    store: Store,
    *,
    text: str = "",
    status: ProjectStatus | None = None,
    target: ProjectTarget | None = None,
    ambito_id: str | None = None,
    limit: int | None = None,
) -> list[ProjectRow]:
    """Live projects, newest start first; ``text`` matches title, acronym, CUP or code.

    Projects number in the hundreds: the text is matched in Python, ignoring case and accents.
    """
    query = select(Project).where(Project.deleted.is_(False))
    if status is not None:
        query = query.where(Project.status == status)
    if target is not None:
        query = query.where(Project.target == target)
    if ambito_id is not None:
        query = query.where(Project.ambito_id == ambito_id)
    needle = normalise_search_text(text)
    with store.read() as session:
        rows = [
            ProjectRow(
                id=project.id,
                title=project.title,
                acronym=project.acronym,
                cup=project.cup,
                status=project.status,
                target=project.target,
                start_on=project.start_on,
                end_on=project.end_on,
                owner_site=project.owner_site,
            )
            for project in session.scalars(query)
            if needle
            in normalise_search_text(
                f"{project.title} | {project.acronym} | {project.cup} | {project.internal_code}"
            )
        ]
    rows.sort(key=lambda row: normalise_search_text(row.title))
    rows.sort(key=lambda row: row.start_on or date.min, reverse=True)
    return rows if limit is None else rows[:limit]


def search_projects(store: Store, text: str, *, limit: int = 50) -> list[ProjectRow]:
    return list_projects(store, text=text, limit=limit)


# --- partners ------------------------------------------------------------------------------


def _check_partner(
    session: Session, project: Project, data: PartnerInput, *, partner_id: str | None
) -> None:
    errors: v.Errors = {}
    v.required(errors, "organization_id", data.organization_id, "Ente")
    v.required(errors, "role", data.role, "Ruolo")
    v.not_negative(
        errors, "resources_value_cents", data.resources_value_cents, "Valore delle risorse"
    )
    v.max_length(
        errors,
        "resources_description",
        data.resources_description,
        TEXT_MAX,
        "Risorse messe a disposizione",
    )
    v.date_order(errors, "left_on", data.joined_on, data.left_on, "Adesione", "Uscita")
    if data.organization_id and "organization_id" not in errors:
        organization = session.get(Organization, data.organization_id)
        if organization is None or organization.deleted:
            errors["organization_id"] = "L'ente indicato non esiste più nella rubrica."
    others = [
        partner
        for partner in _children(session, ProjectPartner, project.id)
        if partner.id != partner_id
    ]
    if any(partner.organization_id == data.organization_id for partner in others):
        errors.setdefault("organization_id", "L'ente è già tra i partner del progetto.")
    if data.role is PartnerRole.LEAD and any(
        partner.role is PartnerRole.LEAD for partner in others
    ):
        errors.setdefault("role", "Il progetto ha già un ente capofila.")
    v.raise_if(errors)


def _apply_partner(partner: ProjectPartner, data: PartnerInput) -> None:
    partner.organization_id = data.organization_id
    partner.role = data.role
    partner.resources_description = data.resources_description.strip()
    partner.resources_value_cents = data.resources_value_cents
    partner.joined_on = data.joined_on
    partner.left_on = data.left_on


def add_partner(store: Store, *, actor: Actor, project_id: str, data: PartnerInput) -> PartnerRow:
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        _check_partner(session, project, data, partner_id=None)
        partner = ProjectPartner(project_id=project.id)
        _apply_partner(partner, data)
        stamp_change(partner, actor=actor, new=True)
        session.add(partner)
        session.flush()
        return _partner_row(partner, _organization_names(session, {partner.organization_id}))


def _writable_child(
    session: Session, actor: Actor, model: type[_Row], row_id: str, message: str
) -> tuple[Project, _Row]:
    row = _live(session, model, row_id, message)
    project = _writable_project(session, actor, row.project_id)  # type: ignore[attr-defined]
    return project, row


def update_partner(
    store: Store, *, actor: Actor, partner_id: str, data: PartnerInput
) -> PartnerRow:
    with store.write() as session:
        project, partner = _writable_child(
            session, actor, ProjectPartner, partner_id, "Partner non trovato."
        )
        _check_partner(session, project, data, partner_id=partner.id)
        _apply_partner(partner, data)
        stamp_change(partner, actor=actor)
        return _partner_row(partner, _organization_names(session, {partner.organization_id}))


def remove_partner(store: Store, *, actor: Actor, partner_id: str) -> None:
    with store.write() as session:
        _project, partner = _writable_child(
            session, actor, ProjectPartner, partner_id, "Partner non trovato."
        )
        partner.deleted = True
        stamp_change(partner, actor=actor)


# --- funding -------------------------------------------------------------------------------


def _check_funding(data: FundingInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "source", data.source, "Fonte")
    v.required(errors, "amount_cents", data.amount_cents, "Importo")
    v.positive(errors, "amount_cents", data.amount_cents, "Importo")
    v.required(errors, "year", data.year, "Anno")
    v.int_range(errors, "year", data.year, FUNDING_YEAR_MIN, FUNDING_YEAR_MAX, "Anno")
    v.max_length(errors, "notes", data.notes, NOTES_MAX, "Note")
    v.raise_if(errors)


def _apply_funding(funding: ProjectFunding, data: FundingInput) -> None:
    funding.source = data.source
    funding.amount_cents = data.amount_cents
    funding.year = data.year
    funding.notes = data.notes.strip()


def add_funding(store: Store, *, actor: Actor, project_id: str, data: FundingInput) -> FundingRow:
    _check_funding(data)
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        funding = ProjectFunding(project_id=project.id)
        _apply_funding(funding, data)
        stamp_change(funding, actor=actor, new=True)
        session.add(funding)
        session.flush()
        return _funding_row(funding)


def update_funding(
    store: Store, *, actor: Actor, funding_id: str, data: FundingInput
) -> FundingRow:
    _check_funding(data)
    with store.write() as session:
        _project, funding = _writable_child(
            session, actor, ProjectFunding, funding_id, "Finanziamento non trovato."
        )
        _apply_funding(funding, data)
        stamp_change(funding, actor=actor)
        return _funding_row(funding)


def remove_funding(store: Store, *, actor: Actor, funding_id: str) -> None:
    with store.write() as session:
        _project, funding = _writable_child(
            session, actor, ProjectFunding, funding_id, "Finanziamento non trovato."
        )
        funding.deleted = True
        stamp_change(funding, actor=actor)


def funding_totals(store: Store, project_id: str) -> FundingTotals:
    with store.read() as session:
        project = _load_project(session, project_id)
        rows = _children(session, ProjectFunding, project.id)
        partner_cents = session.scalar(
            select(func.coalesce(func.sum(ProjectPartner.resources_value_cents), 0)).where(
                ProjectPartner.project_id == project.id, ProjectPartner.deleted.is_(False)
            )
        )
        # Plain tuples: the rows expire when the read-only unit of work rolls back.
        amounts = [(row.source, row.year, row.amount_cents) for row in rows]
    by_source: dict[FundingSource, int] = {}
    for source in FundingSource:
        amount = sum(cents for row_source, _year, cents in amounts if row_source is source)
        if amount:
            by_source[source] = amount
    by_year: dict[int, int] = {}
    for _source, year, cents in sorted(amounts, key=lambda amount: amount[1]):
        by_year[year] = by_year.get(year, 0) + cents
    return FundingTotals(
        by_source=by_source,
        by_year=by_year,
        total_cents=sum(cents for _source, _year, cents in amounts),
        partner_resources_cents=int(partner_cents or 0),
    )


# --- activities ----------------------------------------------------------------------------


def _check_activity(session: Session, data: ActivityInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "title", data.title, "Attività")
    v.max_length(errors, "title", data.title, TITLE_MAX, "Attività")
    v.required(errors, "status", data.status, "Stato")
    v.date_order(errors, "end_on", data.start_on, data.end_on, "Inizio", "Fine")
    if data.responsible_id is not None:
        organization = session.get(Organization, data.responsible_id)
        if organization is None or organization.deleted:
            errors.setdefault("responsible_id", "L'ente indicato non esiste più nella rubrica.")
    v.raise_if(errors)


def _apply_activity(activity: ProjectActivity, data: ActivityInput) -> None:
    activity.title = data.title.strip()
    activity.responsible_id = data.responsible_id
    activity.start_on = data.start_on
    activity.end_on = data.end_on
    activity.status = data.status


def add_activity(
    store: Store, *, actor: Actor, project_id: str, data: ActivityInput
) -> ActivityRow:
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        _check_activity(session, data)
        activity = ProjectActivity(project_id=project.id)
        _apply_activity(activity, data)
        stamp_change(activity, actor=actor, new=True)
        session.add(activity)
        session.flush()
        return _activity_row(activity, _organization_names(session, {activity.responsible_id}))


def update_activity(
    store: Store, *, actor: Actor, activity_id: str, data: ActivityInput
) -> ActivityRow:
    with store.write() as session:
        _project, activity = _writable_child(
            session, actor, ProjectActivity, activity_id, "Attività non trovata."
        )
        _check_activity(session, data)
        _apply_activity(activity, data)
        stamp_change(activity, actor=actor)
        return _activity_row(activity, _organization_names(session, {activity.responsible_id}))


def remove_activity(store: Store, *, actor: Actor, activity_id: str) -> None:
    with store.write() as session:
        _project, activity = _writable_child(
            session, actor, ProjectActivity, activity_id, "Attività non trovata."
        )
        activity.deleted = True
        stamp_change(activity, actor=actor)


# --- indicators ----------------------------------------------------------------------------


def _check_indicator(data: IndicatorInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "name", data.name, "Indicatore")
    v.max_length(errors, "name", data.name, NAME_MAX, "Indicatore")
    v.max_length(errors, "unit", data.unit, UNIT_MAX, "Unità di misura")
    v.required(errors, "kind", data.kind, "Tipo di indicatore")
    if data.kind is not IndicatorKind.MANUAL and data.value is not None:
        errors.setdefault(
            "value",
            "Il valore di questo indicatore è calcolato dalle segnalazioni collegate: "
            "lasciare vuoto il campo «Valore».",
        )
    v.raise_if(errors)


def _apply_indicator(indicator: ProjectIndicator, data: IndicatorInput) -> None:
    indicator.name = data.name.strip()
    indicator.unit = data.unit.strip()
    indicator.baseline = data.baseline
    indicator.target = data.target
    indicator.value = data.value
    indicator.kind = data.kind


def add_indicator(
    store: Store, *, actor: Actor, project_id: str, data: IndicatorInput
) -> IndicatorRow:
    _check_indicator(data)
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        indicator = ProjectIndicator(project_id=project.id)
        _apply_indicator(indicator, data)
        stamp_change(indicator, actor=actor, new=True)
        session.add(indicator)
        session.flush()
        return _indicator_row(indicator)


def update_indicator(
    store: Store, *, actor: Actor, indicator_id: str, data: IndicatorInput
) -> IndicatorRow:
    _check_indicator(data)
    with store.write() as session:
        _project, indicator = _writable_child(
            session, actor, ProjectIndicator, indicator_id, "Indicatore non trovato."
        )
        _apply_indicator(indicator, data)
        stamp_change(indicator, actor=actor)
        return _indicator_row(indicator)


def remove_indicator(store: Store, *, actor: Actor, indicator_id: str) -> None:
    with store.write() as session:
        _project, indicator = _writable_child(
            session, actor, ProjectIndicator, indicator_id, "Indicatore non trovato."
        )
        indicator.deleted = True
        stamp_change(indicator, actor=actor)


# --- beneficiaries (links to referrals) ----------------------------------------------------


def link_referral(
    store: Store, *, actor: Actor, project_id: str, referral_id: str
) -> BeneficiaryRow:
    """Make a referral's person a beneficiary of the project, by reference only."""
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        referral = session.get(Referral, referral_id)
        if referral is None or referral.deleted:
            raise ValidationError(
                {"referral_id": "La segnalazione indicata non esiste o è stata eliminata."}
            )
        person_restricted = session.scalar(
            select(Person.restricted).where(Person.id == referral.person_id)
        )
        if referral.restricted or person_restricted:
            raise NotAllowedError(
                f"La segnalazione {referral.number} ha il trattamento limitato: "
                "non può essere collegata a un progetto."
            )
        if (project.target is ProjectTarget.NEET and referral.track is not Track.NEET) or (
            project.target is ProjectTarget.CMD and referral.track is not Track.CMD
        ):
            raise ValidationError(
                {
                    "referral_id": f"La segnalazione {referral.number} è di un percorso diverso "
                    "da quello a cui è destinato il progetto."
                }
            )
        # One row per pair (a unique constraint): an earlier unlink is revived, not duplicated.
        link = session.scalar(
            select(ProjectBeneficiary).where(
                ProjectBeneficiary.project_id == project.id,
                ProjectBeneficiary.referral_id == referral.id,
            )
        )
        if link is not None and not link.deleted:
            raise ValidationError(
                {"referral_id": f"La segnalazione {referral.number} è già collegata al progetto."}
            )
        if link is None:
            link = ProjectBeneficiary(project_id=project.id, referral_id=referral.id)
            stamp_change(link, actor=actor, new=True)
            session.add(link)
        else:
            link.deleted = False
            stamp_change(link, actor=actor)
        record_audit(
            session,
            actor=actor,
            action="link_referral",
            entity="project",
            entity_id=project.id,
            details=f"referral {referral.id}",
        )
        return BeneficiaryRow(
            referral_id=referral.id,
            referral_number=referral.number,
            track=referral.track,
            status=referral.status,
        )


def unlink_referral(store: Store, *, actor: Actor, project_id: str, referral_id: str) -> None:
    with store.write() as session:
        project = _writable_project(session, actor, project_id)
        link = session.scalar(
            select(ProjectBeneficiary).where(
                ProjectBeneficiary.project_id == project.id,
                ProjectBeneficiary.referral_id == referral_id,
                ProjectBeneficiary.deleted.is_(False),
            )
        )
        if link is None:
            raise NotFoundError("La segnalazione non è collegata a questo progetto.")
        link.deleted = True
        stamp_change(link, actor=actor)
        record_audit(
            session,
            actor=actor,
            action="unlink_referral",
            entity="project",
            entity_id=project.id,
            details=f"referral {referral_id}",
        )


def computed_indicators(store: Store, project_id: str, today: date) -> list[ComputedIndicator]:
    """The indicators of DOMAIN.md §3 computed from the live linked referrals.

    The sending date is ``sent_on`` or else the first "sent" event; the taking in charge is the
    CPI's handling date or else the first "taken in charge" event. Event times are UTC and
    their UTC date is used. A traineeship counts once it has started by ``today``.
    """
    with store.read() as session:
        project = _load_project(session, project_id)
        linked = select(ProjectBeneficiary.referral_id).where(
            ProjectBeneficiary.project_id == project.id, ProjectBeneficiary.deleted.is_(False)
        )
        referrals = dict(
            session.execute(
                select(Referral.id, Referral.sent_on).where(
                    Referral.id.in_(linked), Referral.deleted.is_(False)
                )
            ).all()
        )
        handling = {
            referral_id: (taken_on, outcome)
            for referral_id, taken_on, outcome in session.execute(
                select(
                    ReferralHandling.referral_id,
                    ReferralHandling.taken_in_charge_on,
                    ReferralHandling.outcome,
                ).where(
                    ReferralHandling.referral_id.in_(list(referrals)),
                    ReferralHandling.deleted.is_(False),
                )
            )
        }
        first_event: dict[tuple[str, ReferralStatus], date] = {}
        for referral_id, to_status, at in session.execute(
            select(ReferralEvent.referral_id, ReferralEvent.to_status, ReferralEvent.at)
            .where(
                ReferralEvent.referral_id.in_(list(referrals)),
                ReferralEvent.deleted.is_(False),
                ReferralEvent.to_status.in_([ReferralStatus.SENT, ReferralStatus.TAKEN_IN_CHARGE]),
            )
            .order_by(ReferralEvent.at)
        ):
            first_event.setdefault((referral_id, to_status), at.date())
        traineeships = int(
            session.scalar(
                select(func.count(PathAction.id)).where(
                    PathAction.referral_id.in_(list(referrals)),
                    PathAction.deleted.is_(False),
                    PathAction.action_type.in_(list(TRAINEESHIP_TYPES)),
                    PathAction.start_on.is_not(None),
                    PathAction.start_on <= today,
                )
            )
            or 0
        )
        targets: dict[IndicatorKind, tuple[float | None, float | None]] = {
            row.kind: (row.baseline, row.target)
            for row in _children(session, ProjectIndicator, project.id)
            if row.kind is not IndicatorKind.MANUAL
        }

    waits: list[int] = []
    for referral_id, sent_on in referrals.items():
        sent = sent_on or first_event.get((referral_id, ReferralStatus.SENT))
        taken = handling.get(referral_id, (None, None))[0] or first_event.get(
            (referral_id, ReferralStatus.TAKEN_IN_CHARGE)
        )
        if sent is not None and taken is not None and taken >= sent:
            waits.append((taken - sent).days)
    outcomes = [outcome for _taken, outcome in handling.values()]
    linked_count = len(referrals)
    values: dict[IndicatorKind, tuple[float | None, int]] = {
        IndicatorKind.REFERRALS_LINKED: (float(linked_count), linked_count),
        IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE: (
            float(statistics.median(waits)) if waits else None,
            len(waits),
        ),
        IndicatorKind.TRAINEESHIPS_STARTED: (float(traineeships), traineeships),
        IndicatorKind.HIRES: (float(outcomes.count(Outcome.HIRED)), linked_count),
        IndicatorKind.DROP_OUTS: (float(outcomes.count(Outcome.DROPPED_OUT)), linked_count),
    }
    result: list[ComputedIndicator] = []
    for kind, (name, unit) in COMPUTED_NAMES.items():
        value, basis = values[kind]
        baseline, target = targets.get(kind, (None, None))
        result.append(
            ComputedIndicator(
                kind=kind,
                name=name,
                unit=unit,
                value=value,
                basis=basis,
                baseline=baseline,
                target=target,
            )
        )
    return result
