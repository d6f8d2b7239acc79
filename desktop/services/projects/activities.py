"""The project's activities and the organisation responsible for each."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import insert_row, tombstone
from desktop.services.context import Actor
from desktop.services.projects.loading import (
    activity_row,
    organization_names,
    writable_child,
    writable_project,
)
from desktop.services.projects.records import TITLE_MAX, ActivityInput, ActivityRow
from desktop.store.engine import Store
from desktop.store.models import Organization, ProjectActivity


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
        project = writable_project(session, actor, project_id)
        _check_activity(session, data)
        activity = ProjectActivity(project_id=project.id)
        _apply_activity(activity, data)
        insert_row(session, activity, actor=actor)
        return activity_row(activity, organization_names(session, {activity.responsible_id}))


def update_activity(
    store: Store, *, actor: Actor, activity_id: str, data: ActivityInput
) -> ActivityRow:
    with store.write() as session:
        _project, activity = writable_child(
            session, actor, ProjectActivity, activity_id, "Attività non trovata."
        )
        _check_activity(session, data)
        _apply_activity(activity, data)
        stamp_change(activity, actor=actor)
        return activity_row(activity, organization_names(session, {activity.responsible_id}))


def remove_activity(store: Store, *, actor: Actor, activity_id: str) -> None:
    with store.write() as session:
        _project, activity = writable_child(
            session, actor, ProjectActivity, activity_id, "Attività non trovata."
        )
        tombstone(activity, actor=actor)
