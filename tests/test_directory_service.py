"""The network directory: organisations, contacts and the referents of CPIs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import OrganizationKind, PartnerRole, SiteKind, Track
from desktop.services.audit import list_audit, record_audit
from desktop.services.context import Actor
from desktop.services.directory import (
    ContactInput,
    OrganizationInput,
    create_contact,
    create_organization,
    current_referent,
    delete_contact,
    delete_organization,
    get_contact,
    get_organization,
    list_contacts,
    list_organizations,
    list_referents,
    search_contacts,
    search_organizations,
    update_contact,
    update_organization,
)
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.projects import PartnerInput, ProjectInput, add_partner, create_project
from desktop.services.reference import load_shipped_comuni
from desktop.store.engine import Store
from desktop.store.models import Contact, JobCentre, Municipality, Organization, Referent

AMBITO = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO)
OTHER_SITE = Actor("g.verdi", "AMB-GA", SiteKind.AMBITO)


def coop(name: str = "Cooperativa Sociale Il Ponte", **changes: object) -> OrganizationInput:
    data = OrganizationInput(
        name=name,
        kind=OrganizationKind.SOCIAL_COOP_B,
        runts_number="12345",
        address="Via dei Mille 3",
        phone="0332 123456",
        email="info@ilponte-esempio.it",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def count(store: Store, model: type[Organization] | type[Contact]) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- organisations -------------------------------------------------------------------------


def test_created_organisation_is_stamped_and_audited(store: Store) -> None:
    created = create_organization(store, actor=AMBITO, data=coop(name="  Il Ponte  "))
    assert created.name == "Il Ponte"
    assert created.owner_site == "AMB-VA"
    with store.read() as session:
        row = session.get(Organization, created.id)
        assert row is not None
        assert (row.updated_by, row.owner_site, row.dirty) == ("a.rossi", "AMB-VA", True)
        assert row.updated_at.tzinfo is not None
    assert [entry.action for entry in list_audit(store, entity_id=created.id)] == ["create"]
    assert get_organization(store, created.id) == created


def test_bad_organisation_is_refused_in_italian_and_nothing_is_saved(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        create_organization(
            store, actor=AMBITO, data=coop(name=" ", kind=None, email="info", phone="12")
        )
    errors = caught.value.field_errors
    assert errors["name"] == "Il campo «Denominazione» è obbligatorio."
    assert errors["kind"] == "Il campo «Tipo di ente» è obbligatorio."
    assert "«E-mail»" in errors["email"]
    assert "«Telefono»" in errors["phone"]
    assert count(store, Organization) == 0


def test_update_changes_fields_and_bad_update_changes_nothing(store: Store) -> None:
    created = create_organization(store, actor=AMBITO, data=coop())
    updated = update_organization(
        store, actor=AMBITO, organization_id=created.id, data=coop(phone="0331 987654")
    )
    assert updated.phone == "0331 987654"
    with pytest.raises(ValidationError):
        update_organization(
            store, actor=AMBITO, organization_id=created.id, data=coop(name="", phone="1")
        )
    assert get_organization(store, created.id).phone == "0331 987654"


def test_only_the_owner_site_updates_an_organisation(store: Store) -> None:
    created = create_organization(store, actor=AMBITO, data=coop())
    with pytest.raises(NotAllowedError, match="altra sede"):
        update_organization(store, actor=OTHER_SITE, organization_id=created.id, data=coop())


def test_search_ignores_case_and_accents_and_filters_by_kind(store: Store) -> None:
    create_organization(store, actor=AMBITO, data=coop(name="SOCIETÀ COOPERATIVA ALFA"))
    create_organization(
        store, actor=AMBITO, data=coop(name="Associazione Beta", kind=OrganizationKind.APS)
    )
    create_organization(store, actor=AMBITO, data=coop(name="Cooperativa Gamma"))
    assert [row.name for row in search_organizations(store, "società")] == [
        "SOCIETÀ COOPERATIVA ALFA"
    ]
    assert [row.name for row in search_organizations(store, "cooperativa")] == [
        "Cooperativa Gamma",
        "SOCIETÀ COOPERATIVA ALFA",
    ]
    assert [row.name for row in list_organizations(store, kind=OrganizationKind.APS)] == [
        "Associazione Beta"
    ]
    assert len(list_organizations(store)) == 3


def test_list_rows_carry_runts_and_comune_and_search_the_runts_number(store: Store) -> None:
    load_shipped_comuni(store)
    with store.read() as session:
        varese_id = session.scalars(
            select(Municipality.id).where(Municipality.name == "Varese")
        ).one()
    create_organization(
        store,
        actor=AMBITO,
        data=coop(runts_number="123456", municipality_id=varese_id),
    )
    create_organization(store, actor=AMBITO, data=coop(name="Associazione Beta", runts_number=""))
    [row] = search_organizations(store, "12345")
    assert (row.name, row.runts_number, row.municipality_name) == (
        "Cooperativa Sociale Il Ponte",
        "123456",
        "Varese",
    )
    assert list_organizations(store, text="beta")[0].municipality_name == ""


def test_delete_is_a_tombstone_that_takes_the_contacts_along(store: Store) -> None:
    organization = create_organization(store, actor=AMBITO, data=coop())
    contact = create_contact(
        store,
        actor=AMBITO,
        data=ContactInput(last_name="Colombo", first_name="Anna", organization_id=organization.id),
    )
    delete_organization(store, actor=AMBITO, organization_id=organization.id)
    assert list_organizations(store) == []
    assert list_contacts(store) == []
    with pytest.raises(NotFoundError):
        get_organization(store, organization.id)
    with store.read() as session:
        row = session.get(Organization, organization.id)
        contact_row = session.get(Contact, contact.id)
        assert row is not None and row.deleted and row.dirty
        assert contact_row is not None and contact_row.deleted


def test_a_project_partner_cannot_be_deleted(store: Store) -> None:
    organization = create_organization(store, actor=AMBITO, data=coop())
    project = create_project(store, actor=AMBITO, data=ProjectInput(title="Ponti per il lavoro"))
    add_partner(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=PartnerInput(organization_id=organization.id, role=PartnerRole.LEAD),
    )
    with pytest.raises(NotAllowedError, match="«Ponti per il lavoro»"):
        delete_organization(store, actor=AMBITO, organization_id=organization.id)
    assert get_organization(store, organization.id).name == organization.name


def test_audit_lists_newest_first_and_refuses_personal_data(store: Store) -> None:
    first = create_organization(store, actor=AMBITO, data=coop(name="Primo"))
    second = create_organization(store, actor=AMBITO, data=coop(name="Secondo"))
    # A real change: a save that changes nothing is no update and leaves no audit line.
    update_organization(
        store, actor=AMBITO, organization_id=first.id, data=coop(name="Primo", notes="Nuova sede")
    )
    rows = list_audit(store)
    assert [(row.entity_id, row.action) for row in rows] == [
        (first.id, "update"),
        (second.id, "create"),
        (first.id, "create"),
    ]
    assert (rows[0].operator, rows[0].site, rows[0].entity) == ("a.rossi", "AMB-VA", "organization")
    assert len(list_audit(store, limit=1)) == 1
    with pytest.raises(ValueError, match="personal data"), store.write() as session:
        record_audit(
            session,
            actor=AMBITO,
            action="update",
            entity="person",
            entity_id=first.id,
            details="fiscal code RSSMRA85T10L682X",
        )
    assert len(list_audit(store)) == 3


# --- contacts ------------------------------------------------------------------------------


def test_contacts_by_organisation_and_search(store: Store) -> None:
    ponte = create_organization(store, actor=AMBITO, data=coop(name="Il Ponte"))
    other = create_organization(store, actor=AMBITO, data=coop(name="Comune di Varese"))
    create_contact(
        store,
        actor=AMBITO,
        data=ContactInput(
            last_name="Galli", first_name="Nicolò", organization_id=ponte.id, role="Educatore"
        ),
    )
    create_contact(
        store,
        actor=AMBITO,
        data=ContactInput(last_name="Bianchi", first_name="Sara", organization_id=other.id),
    )
    create_contact(
        store,
        actor=AMBITO,
        data=ContactInput(last_name="Colombo", first_name="Elena", organization_id=ponte.id),
    )
    by_ponte = list_contacts(store, organization_id=ponte.id)
    assert [row.full_name for row in by_ponte] == ["Colombo Elena", "Galli Nicolò"]
    assert by_ponte[0].organization_name == "Il Ponte"
    assert [row.last_name for row in search_contacts(store, "nicolo galli")] == ["Galli"]
    assert [row.last_name for row in search_contacts(store, "educat")] == ["Galli"]
    assert [row.last_name for row in search_contacts(store, "varese")] == ["Bianchi"]


def test_contact_validation_update_and_delete(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        create_contact(
            store,
            actor=AMBITO,
            data=ContactInput(last_name="", first_name="Anna", organization_id="missing"),
        )
    assert caught.value.field_errors == {
        "last_name": "Il campo «Cognome» è obbligatorio.",
        "organization_id": "L'ente indicato non esiste più nella rubrica.",
    }
    assert count(store, Contact) == 0
    contact = create_contact(
        store, actor=AMBITO, data=ContactInput(last_name="Colombo", first_name="Anna")
    )
    updated = update_contact(
        store,
        actor=AMBITO,
        contact_id=contact.id,
        data=ContactInput(last_name="Colombo", first_name="Anna", role="Assistente sociale"),
    )
    assert get_contact(store, contact.id).role == updated.role == "Assistente sociale"
    with pytest.raises(NotAllowedError):
        delete_contact(store, actor=OTHER_SITE, contact_id=contact.id)
    delete_contact(store, actor=AMBITO, contact_id=contact.id)
    with pytest.raises(NotFoundError):
        get_contact(store, contact.id)


# --- referents -----------------------------------------------------------------------------


def add_referents(store: Store) -> tuple[str, str]:
    with store.write() as session:
        varese = JobCentre(code="CPI-VA", name="CPI di Varese")
        luino = JobCentre(code="CPI-LU", name="CPI di Luino")
        session.add_all([varese, luino])
        session.flush()
        session.add_all(
            [
                Referent(
                    job_centre_id=varese.id,
                    track=Track.NEET,
                    full_name="Marco Ferrari",
                    valid_from=date(2024, 1, 1),
                    valid_to=date(2026, 3, 31),
                ),
                Referent(
                    job_centre_id=varese.id,
                    track=Track.NEET,
                    full_name="Chiara Fontana",
                    valid_from=date(2026, 4, 1),
                ),
                Referent(
                    job_centre_id=varese.id,
                    track=Track.CMD,
                    full_name="Paolo Riva",
                    valid_from=None,
                ),
                Referent(
                    job_centre_id=luino.id,
                    track=Track.NEET,
                    full_name="Laura Conti",
                    valid_from=date(2025, 1, 1),
                ),
                Referent(
                    job_centre_id=varese.id,
                    track=Track.CMD,
                    full_name="Referente eliminato",
                    deleted=True,
                ),
            ]
        )
        return varese.id, luino.id


def test_referents_are_listed_with_their_validity(store: Store) -> None:
    varese, _luino = add_referents(store)
    rows = list_referents(store, job_centre_id=varese)
    assert [(row.track, row.full_name) for row in rows] == [
        (Track.CMD, "Paolo Riva"),
        (Track.NEET, "Chiara Fontana"),
        (Track.NEET, "Marco Ferrari"),
    ]
    assert rows[2].valid_to == date(2026, 3, 31)
    assert not rows[2].valid_on(date(2026, 4, 1))
    on_day = list_referents(store, track=Track.NEET, on=date(2026, 2, 1))
    assert {row.full_name for row in on_day} == {"Marco Ferrari", "Laura Conti"}


def test_current_referent_follows_the_validity_dates(store: Store) -> None:
    varese, luino = add_referents(store)

    def name(centre: str, track: Track, day: date) -> str | None:
        row = current_referent(store, job_centre_id=centre, track=track, on=day)
        return None if row is None else row.full_name

    assert name(varese, Track.NEET, date(2026, 3, 31)) == "Marco Ferrari"
    assert name(varese, Track.NEET, date(2026, 4, 1)) == "Chiara Fontana"
    assert name(varese, Track.NEET, date(2023, 12, 31)) is None
    assert name(varese, Track.CMD, date(2026, 4, 1)) == "Paolo Riva"
    assert name(luino, Track.CMD, date(2026, 4, 1)) is None
