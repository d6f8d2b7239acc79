"""Organisations of the network directory: written only by the site that created them."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import OrganizationKind
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.child_rows import insert_row, tombstone
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.store.engine import Store
from desktop.store.models import Contact, Municipality, Organization, Project, ProjectPartner

NAME_MAX = 200
SHORT_MAX = 40
NOTES_MAX = 4000
TAX_CODE_MAX = 16


@dataclass(frozen=True)
class OrganizationInput:
    name: str
    kind: OrganizationKind | None
    runts_number: str = ""
    tax_code: str = ""
    address: str = ""
    municipality_id: str | None = None
    phone: str = ""
    email: str = ""
    pec: str = ""
    website: str = ""
    notes: str = ""


ORGANIZATION_FIELDS = tuple(field.name for field in fields(OrganizationInput))


@dataclass(frozen=True)
class OrganizationDetail(OrganizationInput):
    id: str = ""
    municipality_name: str = ""
    owner_site: str = ""


@dataclass(frozen=True)
class OrganizationRow:
    id: str
    name: str
    kind: OrganizationKind
    phone: str
    email: str
    owner_site: str
    runts_number: str = ""
    municipality_name: str = ""


def _organization_detail(session: Session, organization: Organization) -> OrganizationDetail:
    municipality_name = ""
    if organization.municipality_id is not None:
        municipality_name = (
            session.scalar(
                select(Municipality.name).where(Municipality.id == organization.municipality_id)
            )
            or ""
        )
    values = {name: getattr(organization, name) for name in ORGANIZATION_FIELDS}
    return OrganizationDetail(
        **values,
        id=organization.id,
        municipality_name=municipality_name,
        owner_site=organization.owner_site,
    )


def _organization_row(organization: Organization, municipality_name: str = "") -> OrganizationRow:
    return OrganizationRow(
        id=organization.id,
        name=organization.name,
        kind=organization.kind,
        phone=organization.phone,
        email=organization.email,
        owner_site=organization.owner_site,
        runts_number=organization.runts_number,
        municipality_name=municipality_name,
    )


def _load_organization(session: Session, organization_id: str) -> Organization:
    organization = session.get(Organization, organization_id)
    if organization is None or organization.deleted:
        raise NotFoundError("Ente non trovato: potrebbe essere stato eliminato.")
    return organization


def _check_organization(session: Session, data: OrganizationInput) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "name", data.name, "Denominazione")
    v.required(errors, "kind", data.kind, "Tipo di ente")
    v.max_length(errors, "name", data.name, NAME_MAX, "Denominazione")
    v.max_length(errors, "runts_number", data.runts_number, SHORT_MAX, "Numero RUNTS")
    v.max_length(errors, "tax_code", data.tax_code, TAX_CODE_MAX, "Codice fiscale / P. IVA")
    v.max_length(errors, "address", data.address, NAME_MAX, "Indirizzo")
    v.max_length(errors, "website", data.website, NAME_MAX, "Sito web")
    v.max_length(errors, "notes", data.notes, NOTES_MAX, "Note")
    v.valid_phone(errors, "phone", data.phone, "Telefono")
    v.valid_email(errors, "email", data.email, "E-mail")
    v.valid_email(errors, "pec", data.pec, "PEC")
    if data.municipality_id is not None and session.get(Municipality, data.municipality_id) is None:
        errors.setdefault("municipality_id", "Il comune indicato non esiste.")
    v.raise_if(errors)
    values: dict[str, object] = {name: getattr(data, name) for name in ORGANIZATION_FIELDS}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
    values["tax_code"] = data.tax_code.strip().upper()
    return values


def create_organization(
    store: Store, *, actor: Actor, data: OrganizationInput
) -> OrganizationDetail:
    with store.write() as session:
        organization = Organization(**_check_organization(session, data))
        insert_row(session, organization, actor=actor)
        record_audit(
            session, actor=actor, action="create", entity="organization", entity_id=organization.id
        )
        return _organization_detail(session, organization)


def update_organization(
    store: Store, *, actor: Actor, organization_id: str, data: OrganizationInput
) -> OrganizationDetail:
    with store.write() as session:
        organization = _load_organization(session, organization_id)
        v.ensure_owned(
            organization.owner_site,
            actor.site_code,
            "L'ente è stato inserito da un'altra sede: può modificarlo solo quella sede.",
        )
        for name, value in _check_organization(session, data).items():
            setattr(organization, name, value)
        if stamp_change(organization, actor=actor):  # an unchanged save is no update
            record_audit(
                session,
                actor=actor,
                action="update",
                entity="organization",
                entity_id=organization.id,
            )
        return _organization_detail(session, organization)


def get_organization(store: Store, organization_id: str) -> OrganizationDetail:
    with store.read() as session:
        return _organization_detail(session, _load_organization(session, organization_id))


def list_organizations(
    store: Store,
    *,
    text: str = "",
    kind: OrganizationKind | None = None,
    limit: int | None = None,
) -> list[OrganizationRow]:
    """Live organisations by name; ``text`` matches the name, the RUNTS number or the tax code."""
    query = (
        select(Organization, Municipality.name)
        .outerjoin(Municipality, Municipality.id == Organization.municipality_id)
        .where(Organization.deleted.is_(False))
    )
    if kind is not None:
        query = query.where(Organization.kind == kind)
    needle = normalise_search_text(text)
    with store.read() as session:
        rows = [
            _organization_row(organization, municipality_name or "")
            for organization, municipality_name in session.execute(query)
            if needle
            in normalise_search_text(
                f"{organization.name} | {organization.runts_number} | {organization.tax_code}"
            )
        ]
    rows.sort(key=lambda row: normalise_search_text(row.name))
    return rows if limit is None else rows[:limit]


def search_organizations(
    store: Store, text: str, *, kind: OrganizationKind | None = None, limit: int = 50
) -> list[OrganizationRow]:
    """For pickers: name contains ``text``, ignoring case and accents."""
    return list_organizations(store, text=text, kind=kind, limit=limit)


def delete_organization(store: Store, *, actor: Actor, organization_id: str) -> None:
    """Tombstone an organisation and its contacts.

    Refused while it is a partner of a project: the project's history would lose a name.
    """
    with store.write() as session:
        organization = _load_organization(session, organization_id)
        v.ensure_owned(
            organization.owner_site,
            actor.site_code,
            "L'ente è stato inserito da un'altra sede: può eliminarlo solo quella sede.",
        )
        project_titles = session.scalars(
            select(Project.title)
            .join(ProjectPartner, ProjectPartner.project_id == Project.id)
            .where(
                ProjectPartner.organization_id == organization.id,
                ProjectPartner.deleted.is_(False),
                Project.deleted.is_(False),
            )
        ).all()
        if project_titles:
            raise NotAllowedError(
                "L'ente è partner dei progetti "
                + ", ".join(f"«{title}»" for title in project_titles)
                + ": toglierlo prima dai partner."
            )
        tombstone(organization, actor=actor)
        for contact in session.scalars(
            select(Contact).where(
                Contact.organization_id == organization.id, Contact.deleted.is_(False)
            )
        ):
            tombstone(contact, actor=actor)
        record_audit(
            session, actor=actor, action="delete", entity="organization", entity_id=organization.id
        )
