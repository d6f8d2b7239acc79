"""A save that changes nothing writes nothing (issue 12: looking must never write).

Screens save what is on them when they are left or before a preview; when it equals what is
stored, the record must keep its ``updated_at``, stay clean (not sent again to every PC) and
get no "update" line in the audit trail. A real change is still stamped, also when a query
flushed it before the stamp.

Every name is invented.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime

from sqlalchemy import func, select, update

from desktop.domain.codes import OrganizationKind, PathActionType, VoteKind
from desktop.domain.lifecycle import Transition
from desktop.services.audit import stamp_change
from desktop.services.directory import (
    ContactInput,
    OrganizationInput,
    create_contact,
    create_organization,
    update_contact,
    update_organization,
)
from desktop.services.meetings import (
    AgendaItemInput,
    MeetingInput,
    update_agenda_item,
    update_meeting,
)
from desktop.services.referrals.handling import (
    HandlingInput,
    add_path_action,
    save_handling,
    update_path_action,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.records import PathActionInput, create_referral, update_referral
from desktop.store.base import Synced
from desktop.store.engine import Store
from desktop.store.models import (
    AgendaItem,
    AuditEntry,
    Contact,
    Meeting,
    Organization,
    PathAction,
    Referral,
    ReferralHandling,
)
from tests.meetings_support import AMBITO, TODAY, new_meeting
from tests.services_support import build_network, make_person, neet_input

Stamp = tuple[datetime, bool, str]


def mark_clean(store: Store, model: type[Synced]) -> None:
    """As after a sync: the rows were sent and are no longer waiting."""
    with store.write() as session:
        session.execute(update(model).values(dirty=False, updated_by="sync"))


def stamp_of(store: Store, model: type[Synced], row_id: str) -> Stamp:
    with store.read() as session:
        row = session.get(model, row_id)
        assert row is not None
        return row.updated_at, row.dirty, row.updated_by


def audit_lines(store: Store, entity_id: str) -> int:
    with store.read() as session:
        query = select(func.count()).where(AuditEntry.entity_id == entity_id)
        return int(session.scalar(query.select_from(AuditEntry)) or 0)


def as_input(row: object, kind: type[object]) -> object:
    """The input a screen builds from what it was shown."""
    names = [field.name for field in fields(kind)]  # type: ignore[arg-type]
    return kind(**{name: getattr(row, name) for name in names})


def test_saving_an_agenda_item_as_shown_leaves_it_alone(store: Store) -> None:
    meeting = new_meeting(store)
    item = meeting.agenda[1]
    mark_clean(store, AgendaItem)
    before = stamp_of(store, AgendaItem, item.id)

    saved = update_agenda_item(
        store,
        actor=AMBITO,
        agenda_item_id=item.id,
        data=as_input(item, AgendaItemInput),  # type: ignore[arg-type]
    )

    assert saved == item
    assert stamp_of(store, AgendaItem, item.id) == before
    # Spaces around a text are not kept, so they are no change either.
    update_agenda_item(
        store,
        actor=AMBITO,
        agenda_item_id=item.id,
        data=AgendaItemInput(title=f" {item.title} ", vote=VoteKind.NONE),
    )
    assert stamp_of(store, AgendaItem, item.id) == before


def test_a_changed_agenda_item_is_stamped_and_waits_to_be_sent(store: Store) -> None:
    meeting = new_meeting(store)
    item = meeting.agenda[1]
    mark_clean(store, AgendaItem)
    before = stamp_of(store, AgendaItem, item.id)

    update_agenda_item(
        store,
        actor=AMBITO,
        agenda_item_id=item.id,
        data=AgendaItemInput(title=item.title, summary="Si è discusso del calendario."),
    )

    updated_at, dirty, updated_by = stamp_of(store, AgendaItem, item.id)
    assert updated_at > before[0]
    assert dirty
    assert updated_by == AMBITO.operator


def test_saving_a_meeting_as_shown_writes_no_change_and_no_audit_line(store: Store) -> None:
    meeting = new_meeting(store)
    mark_clean(store, Meeting)
    before = stamp_of(store, Meeting, meeting.id)
    audited = audit_lines(store, meeting.id)

    data = as_input(meeting, MeetingInput)
    update_meeting(store, actor=AMBITO, meeting_id=meeting.id, data=data)  # type: ignore[arg-type]

    assert stamp_of(store, Meeting, meeting.id) == before
    assert audit_lines(store, meeting.id) == audited

    changed = replace(data, place="Sala Montanari")  # type: ignore[type-var]
    update_meeting(store, actor=AMBITO, meeting_id=meeting.id, data=changed)  # type: ignore[arg-type]
    assert stamp_of(store, Meeting, meeting.id)[1] is True
    assert audit_lines(store, meeting.id) == audited + 1


def test_saving_directory_records_as_shown_leaves_them_alone(store: Store) -> None:
    organization_data = OrganizationInput(
        name="Cooperativa Sociale Il Faro", kind=OrganizationKind.SOCIAL_COOP_B
    )
    organization = create_organization(store, actor=AMBITO, data=organization_data)
    contact_data = ContactInput(
        last_name="Rossi", first_name="Anna", organization_id=organization.id, role="Coordinatrice"
    )
    contact = create_contact(store, actor=AMBITO, data=contact_data)
    mark_clean(store, Organization)
    mark_clean(store, Contact)
    before = (
        stamp_of(store, Organization, organization.id),
        stamp_of(store, Contact, contact.id),
    )

    update_organization(
        store, actor=AMBITO, organization_id=organization.id, data=organization_data
    )
    update_contact(store, actor=AMBITO, contact_id=contact.id, data=contact_data)

    after = (
        stamp_of(store, Organization, organization.id),
        stamp_of(store, Contact, contact.id),
    )
    assert after == before
    assert audit_lines(store, organization.id) == audit_lines(store, contact.id) == 1  # created


def test_a_change_flushed_by_a_query_before_the_stamp_is_still_stamped(store: Store) -> None:
    meeting = new_meeting(store)
    item_id = meeting.agenda[0].id
    mark_clean(store, AgendaItem)

    with store.write() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None
        item.summary = "Approvato all'unanimità."
        # Any query flushes the change first: the row then shows no pending change.
        session.scalar(select(func.count()).select_from(AgendaItem))
        assert not session.is_modified(item)
        assert stamp_change(item, actor=AMBITO)

    assert stamp_of(store, AgendaItem, item_id)[1:] == (True, AMBITO.operator)


def test_a_value_set_to_what_it_was_is_no_change(store: Store) -> None:
    meeting = new_meeting(store)
    item_id = meeting.agenda[0].id
    mark_clean(store, AgendaItem)
    before = stamp_of(store, AgendaItem, item_id)

    with store.write() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None
        item.title = str(item.title)
        assert not stamp_change(item, actor=AMBITO)

    assert stamp_of(store, AgendaItem, item_id) == before


def test_saving_a_referral_and_its_handling_as_shown_leaves_them_alone(store: Store) -> None:
    network = build_network(store)
    person = make_person(store, network)
    data = neet_input(person.id)
    draft = create_referral(store, actor=network.ambito, data=data, today=TODAY)
    mark_clean(store, Referral)
    before = stamp_of(store, Referral, draft.id)
    update_referral(store, actor=network.ambito, referral_id=draft.id, data=data, today=TODAY)
    assert stamp_of(store, Referral, draft.id) == before

    detail = draft
    for step in (
        Transition.SEND,
        Transition.RECEIVE,
        Transition.TAKE_IN_CHARGE,
        Transition.START_PATH,
    ):
        actor = network.ambito if step is Transition.SEND else network.cpi
        detail = transition_referral(
            store, actor=actor, referral_id=draft.id, transition=step, on=TODAY
        )
    handling = detail.handling
    assert handling is not None
    with store.read() as session:
        handling_id = session.scalar(
            select(ReferralHandling.id).where(ReferralHandling.referral_id == draft.id)
        )
    assert handling_id is not None
    # The transitions stamp the CPI's handling row they fill in.
    assert stamp_of(store, ReferralHandling, handling_id)[1:] == (True, network.cpi.operator)
    action_data = PathActionInput(action_type=PathActionType.BASIC_GUIDANCE, start_on=TODAY)
    detail = add_path_action(store, actor=network.cpi, referral_id=draft.id, data=action_data)
    for model in (ReferralHandling, PathAction):
        mark_clean(store, model)
    rows = (
        stamp_of(store, ReferralHandling, handling_id),
        stamp_of(store, PathAction, detail.actions[0].id),
    )
    audited = audit_lines(store, draft.id)

    save_handling(
        store,
        actor=network.cpi,
        referral_id=draft.id,
        handling=HandlingInput(
            received_on=handling.received_on,
            taken_in_charge_on=handling.taken_in_charge_on,
            referent_id=handling.referent_id,
        ),
        today=TODAY,
    )
    update_path_action(store, actor=network.cpi, action_id=detail.actions[0].id, data=action_data)

    assert (
        stamp_of(store, ReferralHandling, handling_id),
        stamp_of(store, PathAction, detail.actions[0].id),
    ) == rows
    assert audit_lines(store, draft.id) == audited
