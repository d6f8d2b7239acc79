"""Partners from the directory with their role and the resources they contribute."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.domain.codes import PartnerRole
from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import insert_row, tombstone
from desktop.services.context import Actor
from desktop.services.projects.loading import (
    children_of,
    organization_names,
    partner_row,
    writable_child,
    writable_project,
)
from desktop.services.projects.records import TEXT_MAX, PartnerInput, PartnerRow
from desktop.store.engine import Store
from desktop.store.models import Organization, Project, ProjectPartner


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
        for partner in children_of(session, ProjectPartner, project.id)
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
        project = writable_project(session, actor, project_id)
        _check_partner(session, project, data, partner_id=None)
        partner = ProjectPartner(project_id=project.id)
        _apply_partner(partner, data)
        insert_row(session, partner, actor=actor)
        return partner_row(partner, organization_names(session, {partner.organization_id}))


def update_partner(
    store: Store, *, actor: Actor, partner_id: str, data: PartnerInput
) -> PartnerRow:
    with store.write() as session:
        project, partner = writable_child(
            session, actor, ProjectPartner, partner_id, "Partner non trovato."
        )
        _check_partner(session, project, data, partner_id=partner.id)
        _apply_partner(partner, data)
        stamp_change(partner, actor=actor)
        return partner_row(partner, organization_names(session, {partner.organization_id}))


def remove_partner(store: Store, *, actor: Actor, partner_id: str) -> None:
    with store.write() as session:
        _project, partner = writable_child(
            session, actor, ProjectPartner, partner_id, "Partner non trovato."
        )
        tombstone(partner, actor=actor)
