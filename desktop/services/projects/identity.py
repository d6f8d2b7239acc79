"""The project itself: identity, procedure, status lifecycle, deletion and lists."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import ProjectStatus, ProjectTarget
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.child_rows import insert_row, tombstone_with_children
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError
from desktop.services.projects.loading import (
    load_project,
    project_detail,
    writable_project,
)
from desktop.services.projects.records import (
    DECISION_MAX,
    EXPECTED_BENEFICIARIES_MAX,
    NAME_MAX,
    PROJECT_FIELDS,
    SHORT_MAX,
    STATUS_LABELS,
    STATUS_ORDER,
    TEXT_MAX,
    TITLE_MAX,
    ProjectDetail,
    ProjectInput,
    ProjectRow,
)
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    Project,
    ProjectActivity,
    ProjectBeneficiary,
    ProjectFunding,
    ProjectIndicator,
    ProjectPartner,
)


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
        insert_row(session, project, actor=actor)
        record_audit(session, actor=actor, action="create", entity="project", entity_id=project.id)
        return project_detail(session, project)


def update_project(
    store: Store, *, actor: Actor, project_id: str, data: ProjectInput
) -> ProjectDetail:
    with store.write() as session:
        project = writable_project(session, actor, project_id)
        for name, value in _check_project(session, data, project_id=project.id).items():
            setattr(project, name, value)
        if stamp_change(project, actor=actor):  # an unchanged save is no update
            record_audit(
                session, actor=actor, action="update", entity="project", entity_id=project.id
            )
        return project_detail(session, project)


def advance_project_status(
    store: Store, *, actor: Actor, project_id: str, status: ProjectStatus
) -> ProjectDetail:
    """Move forward along ``STATUS_ORDER``, skipping steps if needed; never back."""
    with store.write() as session:
        project = writable_project(session, actor, project_id)
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
        return project_detail(session, project)


def delete_project(store: Store, *, actor: Actor, project_id: str) -> None:
    """Tombstone the project and every row that hangs on it."""
    with store.write() as session:
        project = writable_project(session, actor, project_id)
        tombstone_with_children(
            session,
            project,
            (
                ProjectPartner,
                ProjectFunding,
                ProjectActivity,
                ProjectIndicator,
                ProjectBeneficiary,
            ),
            "project_id",
            actor=actor,
        )
        record_audit(session, actor=actor, action="delete", entity="project", entity_id=project.id)


def get_project(store: Store, project_id: str) -> ProjectDetail:
    with store.read() as session:
        return project_detail(session, load_project(session, project_id))


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
