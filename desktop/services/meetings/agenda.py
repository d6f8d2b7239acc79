"""The ordine del giorno: items with summary, decision and votes, in order."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.codes import VoteKind
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import stamp_change
from desktop.services.child_rows import tombstone
from desktop.services.context import Actor
from desktop.services.errors import ValidationError
from desktop.services.meetings.loading import (
    agenda_items,
    agenda_row,
    apply_agenda_item,
    editable_child,
    editable_meeting,
    live_children,
    new_agenda_item,
)
from desktop.services.meetings.records import (
    LAST_ITEM,
    TEXT_MAX,
    TITLE_MAX,
    AgendaItemInput,
    AgendaItemRow,
)
from desktop.store.engine import Store
from desktop.store.models import ActionItem, AgendaItem


def _check_agenda_item(data: AgendaItemInput) -> None:
    errors: v.Errors = {}
    v.required(errors, "title", data.title, "Punto all'ordine del giorno")
    v.max_length(errors, "title", data.title, TITLE_MAX, "Punto all'ordine del giorno")
    v.max_length(errors, "summary", data.summary, TEXT_MAX, "Sintesi della discussione")
    v.max_length(errors, "decision", data.decision, TEXT_MAX, "Decisione")
    v.required(errors, "vote", data.vote, "Votazione")
    counts = (
        ("votes_for", data.votes_for, "Favorevoli"),
        ("votes_against", data.votes_against, "Contrari"),
        ("votes_abstained", data.votes_abstained, "Astenuti"),
    )
    for field, count, label in counts:
        v.not_negative(errors, field, count, label)
    if data.vote is VoteKind.NONE:
        for field, count, _label in counts:
            if count is not None:
                errors.setdefault(
                    field, "Il numero dei voti si indica solo quando c'è una votazione."
                )
    else:
        v.required(errors, "decision", data.decision, "Decisione")
    if data.vote is VoteKind.UNANIMOUS and data.votes_against:
        errors.setdefault("votes_against", "Con l'unanimità non possono esserci voti contrari.")
    if data.vote is VoteKind.MAJORITY:
        v.required(errors, "votes_for", data.votes_for, "Favorevoli")
        if (
            "votes_for" not in errors
            and "votes_against" not in errors
            and (data.votes_for or 0) <= (data.votes_against or 0)
        ):
            errors["votes_for"] = (
                "Con una decisione a maggioranza i favorevoli devono essere più dei contrari."
            )
    v.raise_if(errors)


def _renumber(items: Sequence[AgendaItem], actor: Actor) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            stamp_change(item, actor=actor)


def add_agenda_item(
    store: Store,
    *,
    actor: Actor,
    meeting_id: str,
    data: AgendaItemInput,
    position: int | None = None,
) -> AgendaItemRow:
    """Insert at ``position`` (1-based); by default before a closing "Varie ed eventuali"."""
    _check_agenda_item(data)
    with store.write() as session:
        meeting = editable_meeting(session, actor, meeting_id)
        items = agenda_items(session, meeting.id)
        if position is None:
            closing = bool(items) and normalise_search_text(items[-1].title) == (
                normalise_search_text(LAST_ITEM)
            )
            index = len(items) - 1 if closing else len(items)
        else:
            if not 1 <= position <= len(items) + 1:
                raise ValidationError(
                    {"position": f"La posizione deve essere un numero tra 1 e {len(items) + 1}."}
                )
            index = position - 1
        item = new_agenda_item(meeting, actor, index + 1, data.title.strip())
        apply_agenda_item(item, data)
        session.add(item)
        items.insert(index, item)
        _renumber(items, actor)
        session.flush()
        return agenda_row(item)


def update_agenda_item(
    store: Store, *, actor: Actor, agenda_item_id: str, data: AgendaItemInput
) -> AgendaItemRow:
    """Title, summary of the discussion, decision and vote of one item."""
    _check_agenda_item(data)
    with store.write() as session:
        _meeting, item = editable_child(
            session, actor, AgendaItem, agenda_item_id, "Punto all'ordine del giorno non trovato."
        )
        apply_agenda_item(item, data)
        stamp_change(item, actor=actor)
        return agenda_row(item)


def reorder_agenda(
    store: Store, *, actor: Actor, meeting_id: str, agenda_item_ids: Sequence[str]
) -> list[AgendaItemRow]:
    """Renumber the ordine del giorno in the order given, which must list every item once."""
    with store.write() as session:
        meeting = editable_meeting(session, actor, meeting_id)
        items = {item.id: item for item in agenda_items(session, meeting.id)}
        if len(agenda_item_ids) != len(items) or set(agenda_item_ids) != set(items):
            raise ValidationError(
                {
                    "agenda": "Il nuovo ordine deve comprendere tutti i punti dell'ordine del "
                    "giorno, una volta sola."
                }
            )
        ordered = [items[item_id] for item_id in agenda_item_ids]
        _renumber(ordered, actor)
        return [agenda_row(item) for item in ordered]


def remove_agenda_item(store: Store, *, actor: Actor, agenda_item_id: str) -> None:
    """Tombstone an item; its action items stay in the minutes, no longer tied to a point."""
    with store.write() as session:
        meeting, item = editable_child(
            session, actor, AgendaItem, agenda_item_id, "Punto all'ordine del giorno non trovato."
        )
        tombstone(item, actor=actor)
        for action in live_children(session, ActionItem, meeting.id):
            if action.agenda_item_id == item.id:
                action.agenda_item_id = None
                stamp_change(action, actor=actor)
        _renumber(
            [other for other in agenda_items(session, meeting.id) if other.id != item.id], actor
        )
