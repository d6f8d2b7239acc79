"""Contacts of the network directory: people, mostly of an organisation of the directory."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_audit, stamp_change
from desktop.services.child_rows import insert_row, tombstone
from desktop.services.context import Actor
from desktop.services.errors import NotFoundError
from desktop.store.engine import Store
from desktop.store.models import Contact, Organization

PERSON_NAME_MAX = 100
ROLE_MAX = 120


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
        insert_row(session, contact, actor=actor)
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
        if stamp_change(contact, actor=actor):  # an unchanged save is no update
            record_audit(
                session, actor=actor, action="update", entity="contact", entity_id=contact.id
            )
        return _contact_detail(contact, _organization_name(session, contact.organization_id))


def delete_contact(store: Store, *, actor: Actor, contact_id: str) -> None:
    with store.write() as session:
        contact = load_contact(session, contact_id)
        v.ensure_owned(
            contact.owner_site,
            actor.site_code,
            "Il contatto è stato inserito da un'altra sede: può eliminarlo solo quella sede.",
        )
        tombstone(contact, actor=actor)
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
