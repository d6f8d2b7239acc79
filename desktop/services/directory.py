"""The network directory (Rubrica): organisations, their contacts, and the referents of CPIs.

Organisations and contacts are written by the site that created them (DESIGN.md §3.1).
Referents are reference data from the provincial server, so here they are only read.
The directory holds hundreds of rows, not hundreds of thousands: name searches are matched in
Python after folding case and accents, which SQLite's ``LIKE`` and ``lower()`` cannot do
beyond ASCII ("societa" must find "SOCIETÀ").
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.domain.codes import OrganizationKind, Track
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.context import Actor
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.store.engine import Store
from desktop.store.models import (
    Contact,
    JobCentre,
    Municipality,
    Organization,
    Project,
    ProjectPartner,
    Referent,
)

NAME_MAX = 200
SHORT_MAX = 40
PERSON_NAME_MAX = 100
ROLE_MAX = 120
NOTES_MAX = 4000
TAX_CODE_MAX = 16


# --- organisations -------------------------------------------------------------------------


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
        stamp_change(organization, actor=actor, new=True)
        session.add(organization)
        session.flush()
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
        stamp_change(organization, actor=actor)
        record_audit(
            session, actor=actor, action="update", entity="organization", entity_id=organization.id
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
        organization.deleted = True
        stamp_change(organization, actor=actor)
        for contact in session.scalars(
            select(Contact).where(
                Contact.organization_id == organization.id, Contact.deleted.is_(False)
            )
        ):
            contact.deleted = True
            stamp_change(contact, actor=actor)
        record_audit(
            session, actor=actor, action="delete", entity="organization", entity_id=organization.id
        )


# --- contacts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    last_name: str
    first_name: str
    organization_id: str | None = None
    role: str = ""
    email: str = ""
    phone: str = ""


CONTACT_FIELDS = tuple(field.name for field in fields(ContactInput))


@dataclass(frozen=True)
class ContactDetail(ContactInput):
    id: str = ""
    organization_name: str = ""
    owner_site: str = ""

    @property
    def full_name(self) -> str:
        """ "Cognome Nome", the order of the attendance sheet's column."""
        return f"{self.last_name} {self.first_name}"


def _contact_detail(contact: Contact, organization_name: str) -> ContactDetail:
    values = {name: getattr(contact, name) for name in CONTACT_FIELDS}
    return ContactDetail(
        **values, id=contact.id, organization_name=organization_name, owner_site=contact.owner_site
    )


def _organization_name(session: Session, organization_id: str | None) -> str:
    if organization_id is None:
        return ""
    return session.scalar(select(Organization.name).where(Organization.id == organization_id)) or ""


def load_contact(session: Session, contact_id: str) -> Contact:
    """A live contact inside the caller's unit of work (meetings copy from it)."""
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted:
        raise NotFoundError("Contatto non trovato: potrebbe essere stato eliminato.")
    return contact


def _check_contact(session: Session, data: ContactInput) -> dict[str, object]:
    errors: v.Errors = {}
    v.required(errors, "last_name", data.last_name, "Cognome")
    v.required(errors, "first_name", data.first_name, "Nome")
    v.max_length(errors, "last_name", data.last_name, PERSON_NAME_MAX, "Cognome")
    v.max_length(errors, "first_name", data.first_name, PERSON_NAME_MAX, "Nome")
    v.max_length(errors, "role", data.role, ROLE_MAX, "Ruolo")
    v.valid_email(errors, "email", data.email, "E-mail")
    v.valid_phone(errors, "phone", data.phone, "Telefono")
    if data.organization_id is not None:
        organization = session.get(Organization, data.organization_id)
        if organization is None or organization.deleted:
            errors.setdefault("organization_id", "L'ente indicato non esiste più nella rubrica.")
    v.raise_if(errors)
    return {
        name: (value.strip() if isinstance(value, str) else value)
        for name, value in ((name, getattr(data, name)) for name in CONTACT_FIELDS)
    }


def create_contact(store: Store, *, actor: Actor, data: ContactInput) -> ContactDetail:
    with store.write() as session:
        contact = Contact(**_check_contact(session, data))
        stamp_change(contact, actor=actor, new=True)
        session.add(contact)
        session.flush()
        record_audit(session, actor=actor, action="create", entity="contact", entity_id=contact.id)
        return _contact_detail(contact, _organization_name(session, contact.organization_id))


def update_contact(
    store: Store, *, actor: Actor, contact_id: str, data: ContactInput
) -> ContactDetail:
    with store.write() as session:
        contact = load_contact(session, contact_id)
        v.ensure_owned(
            contact.owner_site,
            actor.site_code,
            "Il contatto è stato inserito da un'altra sede: può modificarlo solo quella sede.",
        )
        for name, value in _check_contact(session, data).items():
            setattr(contact, name, value)
        stamp_change(contact, actor=actor)
        record_audit(session, actor=actor, action="update", entity="contact", entity_id=contact.id)
        return _contact_detail(contact, _organization_name(session, contact.organization_id))


def delete_contact(store: Store, *, actor: Actor, contact_id: str) -> None:
    with store.write() as session:
        contact = load_contact(session, contact_id)
        v.ensure_owned(
            contact.owner_site,
            actor.site_code,
            "Il contatto è stato inserito da un'altra sede: può eliminarlo solo quella sede.",
        )
        contact.deleted = True
        stamp_change(contact, actor=actor)
        record_audit(session, actor=actor, action="delete", entity="contact", entity_id=contact.id)


def get_contact(store: Store, contact_id: str) -> ContactDetail:
    with store.read() as session:
        contact = load_contact(session, contact_id)
        return _contact_detail(contact, _organization_name(session, contact.organization_id))


def list_contacts(
    store: Store,
    *,
    organization_id: str | None = None,
    text: str = "",
    limit: int | None = None,
) -> list[ContactDetail]:
    """Live contacts by surname; ``text`` matches the name, the role or the organisation."""
    query = (
        select(Contact, Organization.name)
        .outerjoin(Organization, Organization.id == Contact.organization_id)
        .where(Contact.deleted.is_(False))
    )
    if organization_id is not None:
        query = query.where(Contact.organization_id == organization_id)
    needle = normalise_search_text(text)
    with store.read() as session:
        rows = [
            _contact_detail(contact, organization_name or "")
            for contact, organization_name in session.execute(query)
            if needle
            in normalise_search_text(
                f"{contact.last_name} {contact.first_name} | {contact.first_name} "
                f"{contact.last_name} | {contact.role} | {organization_name or ''}"
            )
        ]
    rows.sort(key=lambda row: normalise_search_text(f"{row.last_name} {row.first_name}"))
    return rows if limit is None else rows[:limit]


def search_contacts(store: Store, text: str, *, limit: int = 50) -> list[ContactDetail]:
    return list_contacts(store, text=text, limit=limit)


# --- referents of CPIs (reference data, read-only here) ------------------------------------


@dataclass(frozen=True)
class ReferentRow:
    id: str
    job_centre_id: str
    job_centre_name: str
    track: Track
    full_name: str
    email: str
    phone: str
    contact_id: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        """Open-ended on either side when the date is missing; ``valid_to`` is inclusive."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def list_referents(
    store: Store,
    *,
    job_centre_id: str | None = None,
    track: Track | None = None,
    on: date | None = None,
) -> list[ReferentRow]:
    """Referents with their validity, by CPI, track and newest first; ``on`` keeps those valid
    that day."""
    query = (
        select(Referent, JobCentre.name)
        .join(JobCentre, JobCentre.id == Referent.job_centre_id)
        .where(Referent.deleted.is_(False))
    )
    if job_centre_id is not None:
        query = query.where(Referent.job_centre_id == job_centre_id)
    if track is not None:
        query = query.where(Referent.track == track)
    if on is not None:
        query = query.where(
            or_(Referent.valid_from.is_(None), Referent.valid_from <= on),
            or_(Referent.valid_to.is_(None), Referent.valid_to >= on),
        )
    with store.read() as session:
        rows = [
            ReferentRow(
                id=referent.id,
                job_centre_id=referent.job_centre_id,
                job_centre_name=centre_name,
                track=referent.track,
                full_name=referent.full_name,
                email=referent.email,
                phone=referent.phone,
                contact_id=referent.contact_id,
                valid_from=referent.valid_from,
                valid_to=referent.valid_to,
            )
            for referent, centre_name in session.execute(query)
        ]
    rows.sort(key=lambda row: row.valid_from or date.min, reverse=True)
    rows.sort(key=lambda row: (row.job_centre_name, row.track.value))
    return rows


def current_referent(
    store: Store, *, job_centre_id: str, track: Track, on: date
) -> ReferentRow | None:
    """The referent of a CPI for a track on a day; the latest appointed wins an overlap."""
    candidates = list_referents(store, job_centre_id=job_centre_id, track=track, on=on)
    return candidates[0] if candidates else None
