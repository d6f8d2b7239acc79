"""The check that minutes carry no codici fiscali and no names of beneficiaries."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.meetings.loading import agenda_items, load_meeting, ordered_actions
from desktop.store.engine import Store
from desktop.store.models import Meeting, Person, Referral

# Names do not cross punctuation; apostrophes and hyphens stay inside them ("D'Angelo").
_SEGMENT_SPLIT_RE = re.compile(r"[^\w\s'’\-]+|\s-\s")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
NAME_WORDS_MAX = 4  # "Maria Grazia De Luca"
_QUERY_CHUNK = 500  # below SQLite's limit of bound parameters


def _name_candidates(text: str) -> dict[str, str]:
    """Every run of 2-4 words in every rotation, normalised as ``Person.search_name`` is.

    A rotation turns "Maria Grazia De Luca" into "De Luca Maria Grazia", the stored order, so
    one indexed ``IN`` query finds names written either way. Maps candidate → text as typed.
    """
    candidates: dict[str, str] = {}
    for segment in _SEGMENT_SPLIT_RE.split(text):
        words = [word.replace("’", "'") for word in _WORD_RE.findall(segment)]
        # Normalising word by word gives the same key as normalising the joined run (the
        # function works character by character and collapses spaces), at a fraction of the
        # cost: long minutes hold tens of thousands of runs.
        keys = [normalise_search_text(word) for word in words]
        for size in range(2, NAME_WORDS_MAX + 1):
            for start in range(len(words) - size + 1):
                run = keys[start : start + size]
                typed = " ".join(words[start : start + size])
                for pivot in range(size):
                    rotated = " ".join(run[pivot:] + run[:pivot])
                    candidates.setdefault(rotated, typed)
    return candidates


def _beneficiary_names(session: Session, candidates: Iterable[str]) -> set[str]:
    """Those candidates that are the ``search_name`` of a person with a referral."""
    found: set[str] = set()
    pending = list(candidates)
    for start in range(0, len(pending), _QUERY_CHUNK):
        chunk = pending[start : start + _QUERY_CHUNK]
        found.update(
            session.scalars(
                select(Person.search_name)
                .where(
                    Person.search_name.in_(chunk),
                    Person.deleted.is_(False),
                    exists().where(Referral.person_id == Person.id),
                )
                .distinct()
            )
        )
    return found


def _minutes_texts(session: Session, meeting: Meeting) -> list[tuple[str, str]]:
    """(where, text) for every free text that ends up in the printed minutes."""
    texts = [("Titolo della riunione", meeting.title)]
    agenda = agenda_items(session, meeting.id)
    for item in agenda:
        where = f"Punto {item.position} dell'ordine del giorno"
        texts += [
            (f"{where} (titolo)", item.title),
            (f"{where} (sintesi)", item.summary),
            (f"{where} (decisione)", item.decision),
        ]
    actions = ordered_actions(session, meeting.id, agenda)
    texts += [
        (f"Azione {number}", action.description) for number, action in enumerate(actions, start=1)
    ]
    texts.append(("Argomenti della prossima riunione", meeting.next_meeting_topics))
    return [(where, text) for where, text in texts if text.strip()]


def privacy_warnings_for_minutes(store: Store, meeting_id: str) -> list[str]:
    """Italian warnings for codici fiscali and beneficiaries' names in the minutes' texts."""
    warnings: list[str] = []
    with store.read() as session:
        meeting = load_meeting(session, meeting_id)
        texts = _minutes_texts(session, meeting)
        candidates_by_text = [(where, _name_candidates(text)) for where, text in texts]
        every_candidate: set[str] = set()
        for _where, candidates in candidates_by_text:
            every_candidate.update(candidates)
        beneficiaries = _beneficiary_names(session, every_candidate)
    for (where, text), (_where, candidates) in zip(texts, candidates_by_text, strict=True):
        for code in dict.fromkeys(v.find_fiscal_codes(text)):
            warnings.append(
                f"{where}: contiene un codice fiscale ({code}). Nei verbali non vanno inseriti "
                "dati personali dei beneficiari: indicare solo il numero della segnalazione."
            )
        reported: set[str] = set()
        for candidate, typed in candidates.items():
            if candidate in beneficiaries and typed not in reported:
                reported.add(typed)
                warnings.append(
                    f"{where}: «{typed}» corrisponde al nome di una persona segnalata. Nei "
                    "verbali indicare solo il numero della segnalazione."
                )
    return warnings
