"""What the dry run and the commit share about a row: its records' inputs, its natural key and
digest, the store's state it is judged against, and the judgement itself.

The commit judges every row again inside its own transaction with the same function the dry
run used (``judge``), so that a plan confirmed on a store that changed since (a sync landed in
between) is refused rather than applied to records it was not made for.
"""

from __future__ import annotations

import hashlib
import json
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import lifecycle
from desktop.domain.codes import ReferralStatus
from desktop.domain.fiscal_code import normalise_fiscal_code
from desktop.domain.text import normalise_search_text
from desktop.services.imports.model import (
    CellIssue,
    ImportKind,
    NearMatch,
    RowVerdict,
    Severity,
)
from desktop.services.persons import INPUT_FIELDS as PERSON_INPUT_FIELDS
from desktop.services.persons import PersonInput
from desktop.services.referrals.records import INPUT_FIELDS as REFERRAL_INPUT_FIELDS
from desktop.services.referrals.records import ReferralInput
from desktop.store.models import (
    ImportedRow,
    Person,
    Referral,
    ReferralEvent,
    ReferralHandling,
)

# The person's fields a row may fill (PersonInput's names); the birthplace may come as one
# field holding (cadastral code, name), which fills both of its columns.
PERSON_KEYS = frozenset(PERSON_INPUT_FIELDS)
BIRTHPLACE_KEYS = ("birthplace", "birthplace_code")
# The referral's own fields (ReferralInput's names, the person apart).
REFERRAL_KEYS = frozenset(REFERRAL_INPUT_FIELDS) - {"person_id"}
# Fields only an import has: the office's own reference, and a historic referral's story.
HISTORY_KEYS = ("received_on", "taken_in_charge_on", "concluded_on", "outcome")
DATE_KEYS = ("created_on", "sent_on")
SOURCE_REFERENCE = "source_reference"

NEAR_MATCH_SCORE = 90.0
IMPORTED_NOTE = "Importata da «"  # how an import's own events begin (see ``event_note``)
CHUNK = 500  # SQLite's bound parameters per IN (...)
_T = TypeVar("_T")


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- building the services' inputs -----------------------------------------------------------


def person_values_of(values: Mapping[str, object]) -> dict[str, object]:
    """The row's values that belong to the person, the birthplace split into its two fields."""
    person = {key: value for key, value in values.items() if key in PERSON_KEYS}
    for key in BIRTHPLACE_KEYS:
        place = values.get(key)
        if isinstance(place, tuple | list) and len(place) == 2:
            person["birthplace_code"], person["birthplace_name"] = str(place[0]), str(place[1])
    return person


def referral_values_of(values: Mapping[str, object]) -> dict[str, object]:
    return {key: value for key, value in values.items() if key in REFERRAL_KEYS}


def build_input(cls: type[_T], values: Mapping[str, object], **given: object) -> _T:
    """A service input from parsed values, each coerced to its field's type (a list's code
    to its enum, a list to a tuple); the fields no value fills keep their defaults."""
    hints = _hints(cls)
    arguments: dict[str, object] = dict(given)
    for name, value in values.items():
        if name in hints and name not in given and value is not None:
            arguments[name] = _coerce(hints[name], value)
    return cls(**arguments)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        names = {f.name for f in fields(cls)}
        _HINTS[cls] = {k: v for k, v in get_type_hints(cls).items() if k in names}
    return _HINTS[cls]


def _coerce(hint: Any, value: object) -> object:
    kind = _KINDS.get(hint)
    if kind is None:
        kind = _KINDS[hint] = _kind_of(hint)
    target, what = kind
    if what == "enum":
        return value if isinstance(value, target) else target(str(value))
    if what == "tuple":
        items = value if isinstance(value, list | tuple) else (value,)
        return tuple(str(item) for item in items)
    if what == "int" and isinstance(value, Decimal | float):
        return int(value)
    if what == "str" and not isinstance(value, str):
        return str(value)
    return value


# Each field type's coercion, worked out once: an import coerces a few hundred thousand values.
_KINDS: dict[Any, tuple[Any, str]] = {}


def _kind_of(hint: Any) -> tuple[Any, str]:
    options = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
    for option in options:
        if isinstance(option, type) and issubclass(option, StrEnum):
            return option, "enum"
    if get_origin(hint) is tuple or hint is tuple:
        return None, "tuple"
    if int in options and bool not in options:
        return None, "int"
    if str in options:
        return None, "str"
    return None, "same"


def person_input(values: Mapping[str, object]) -> PersonInput:
    person = person_values_of(values)
    return build_input(
        PersonInput,
        person,
        fiscal_code=str(person.get("fiscal_code") or ""),
        last_name=str(person.get("last_name") or ""),
        first_name=str(person.get("first_name") or ""),
        sex=_coerce(_hints(PersonInput)["sex"], person["sex"]) if person.get("sex") else None,
        birth_date=person.get("birth_date"),
    )


def referral_input(values: Mapping[str, object], person_id: str) -> ReferralInput:
    return build_input(
        ReferralInput,
        referral_values_of(values),
        person_id=person_id,
        track=_coerce(_hints(ReferralInput)["track"], values["track"]),
    )


# --- keys and digests ------------------------------------------------------------------------


def natural_key(kind: ImportKind, values: Mapping[str, object]) -> str | None:
    """A person is its codice fiscale; a referral the office's reference when the file has one,
    else the person, the track and the referral's date. None when the row lacks them."""
    code = normalise_fiscal_code(str(values.get("fiscal_code") or ""))
    if kind is ImportKind.PERSONS:
        return code or None
    reference = " ".join(str(values.get(SOURCE_REFERENCE) or "").upper().split())
    if reference:
        return f"ref:{reference}"
    track = values.get("track")
    if not code or not track:
        return None
    day = values.get("created_on") or values.get("sent_on")
    return f"row:{code}|{track}|{day.isoformat() if isinstance(day, date) else ''}"


def source_key(kind: ImportKind, key: str) -> str:
    return hashlib.sha256(f"{kind.value}|{key}".encode()).hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def row_digest(values: Mapping[str, object]) -> str:
    """SHA-256 of the parsed values: sorted keys, ISO dates, enums as their codes."""
    plain = {key: _plain(value) for key, value in values.items() if value is not None}
    text = json.dumps(plain, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# --- the store as a row is judged against ----------------------------------------------------


@dataclass
class StoredPerson:
    id: str
    values: dict[str, object]
    restricted: bool
    anonymised: bool
    display: str = ""


@dataclass
class StoredReferral:
    id: str
    number: str
    person_id: str
    values: dict[str, object]
    status: ReferralStatus
    sending_site: str
    restricted: bool
    anonymised: bool
    deleted: bool
    # The story an import wrote: its one event's note, when every event is the import's own.
    imported_note: str | None = None
    concluded_on: date | None = None
    handling: dict[str, object] = field(default_factory=dict)


@dataclass
class Provenance:
    id: str
    record_id: str
    row_digest: str


@dataclass
class Lookups:
    """What the store holds about a file's rows, read in one unit of work."""

    persons_by_code: dict[str, StoredPerson] = field(default_factory=dict)
    persons_by_id: dict[str, StoredPerson] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    referrals: dict[str, StoredReferral] = field(default_factory=dict)
    # Live persons by birth date, for the near matches of a codice fiscale not in the store.
    born_on: dict[date, list[StoredPerson]] = field(default_factory=dict)


_PERSON_COLUMNS = [Person.id, Person.restricted, Person.anonymised_on, Person.deleted] + [
    getattr(Person, name) for name in sorted(PERSON_KEYS)
]
_REFERRAL_COLUMNS = [
    Referral.id,
    Referral.number,
    Referral.person_id,
    Referral.status,
    Referral.status_changed_at,
    Referral.sending_site,
    Referral.restricted,
    Referral.anonymised_on,
    Referral.deleted,
    Referral.created_on,
    Referral.sent_on,
] + [getattr(Referral, name) for name in sorted(REFERRAL_KEYS)]


def _stored_person(row: Any) -> StoredPerson:
    values = {name: getattr(row, name) for name in PERSON_KEYS}
    born = values.get("birth_date")
    display = f"{str(values['last_name']).upper()} {values['first_name']}"
    if isinstance(born, date):
        display += f", nato/a il {born:%d/%m/%Y}"
    if values.get("fiscal_code"):
        display += f", {values['fiscal_code']}"
    return StoredPerson(
        id=row.id,
        values=values,
        restricted=bool(row.restricted),
        anonymised=row.anonymised_on is not None,
        display=display,
    )


def load_lookups(
    session: Session,
    kind: ImportKind,
    *,
    codes: Iterable[str],
    keys: Iterable[str],
    birth_dates: Iterable[date],
    tick: Callable[[], None] | None = None,
) -> Lookups:
    """Persons by codice fiscale, provenance by key, the referrals of matched keys, and the
    persons born on the given days: a handful of queries for the whole file."""
    found = Lookups()

    def parts(items: Iterable[Any]) -> Iterable[Sequence[Any]]:
        for part in chunks(sorted(set(items))):
            if tick is not None:
                tick()  # a progress bar keeps moving while a big file's answers are read
            yield part

    for part in parts(codes):
        for row in session.execute(
            select(*_PERSON_COLUMNS).where(Person.fiscal_code.in_(part), Person.deleted.is_(False))
        ):
            person = _stored_person(row)
            found.persons_by_code[str(person.values["fiscal_code"])] = person
            found.persons_by_id[person.id] = person
    for part in parts(keys):
        for prov in session.execute(
            select(ImportedRow.id, ImportedRow.source_key, ImportedRow.record_id,
                   ImportedRow.row_digest)
            .where(ImportedRow.kind == kind.value, ImportedRow.source_key.in_(part))
        ):  # fmt: skip
            found.provenance[prov.source_key] = Provenance(prov.id, prov.record_id, prov.row_digest)
    record_ids = sorted({prov.record_id for prov in found.provenance.values()})
    if kind is ImportKind.PERSONS:
        _load_persons_by_id(session, found, record_ids)
    else:
        _load_referrals(session, found, record_ids)
    for part in parts(birth_dates):
        for row in session.execute(
            select(*_PERSON_COLUMNS).where(
                Person.birth_date.in_(part),
                Person.deleted.is_(False),
                Person.anonymised_on.is_(None),
            )
        ):
            person = found.persons_by_id.get(row.id) or _stored_person(row)
            found.born_on.setdefault(row.birth_date, []).append(person)
    return found


def _load_persons_by_id(session: Session, found: Lookups, ids: Sequence[str]) -> None:
    missing = [record_id for record_id in ids if record_id not in found.persons_by_id]
    for part in chunks(missing):
        for row in session.execute(
            select(*_PERSON_COLUMNS).where(Person.id.in_(part), Person.deleted.is_(False))
        ):
            found.persons_by_id[row.id] = _stored_person(row)


def _load_referrals(session: Session, found: Lookups, ids: Sequence[str]) -> None:
    for part in chunks(ids):
        for row in session.execute(select(*_REFERRAL_COLUMNS).where(Referral.id.in_(part))):
            values = {name: getattr(row, name) for name in REFERRAL_KEYS}
            values["created_on"], values["sent_on"] = row.created_on, row.sent_on
            found.referrals[row.id] = StoredReferral(
                id=row.id,
                number=row.number,
                person_id=row.person_id,
                values=values,
                status=row.status,
                sending_site=row.sending_site,
                restricted=bool(row.restricted),
                anonymised=row.anonymised_on is not None,
                deleted=bool(row.deleted),
                concluded_on=row.status_changed_at.date()
                if row.status is ReferralStatus.CONCLUDED
                else None,
            )
        notes: dict[str, list[str]] = {}
        for event in session.execute(
            select(ReferralEvent.referral_id, ReferralEvent.note).where(
                ReferralEvent.referral_id.in_(part), ReferralEvent.deleted.is_(False)
            )
        ):
            notes.setdefault(event.referral_id, []).append(event.note)
        for referral_id, texts in notes.items():
            if len(texts) == 1 and texts[0].startswith(IMPORTED_NOTE):
                found.referrals[referral_id].imported_note = texts[0]
        for handling in session.execute(
            select(ReferralHandling).where(ReferralHandling.referral_id.in_(part))
        ).scalars():
            found.referrals[handling.referral_id].handling = {
                name: getattr(handling, name) for name in HISTORY_HANDLING
            }
    person_ids = sorted({referral.person_id for referral in found.referrals.values()})
    _load_persons_by_id(session, found, person_ids)


HISTORY_HANDLING = ("received_on", "taken_in_charge_on", "outcome", "outcome_on")


# --- judging a row against the store ---------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    verdict: RowVerdict
    changes: tuple[str, ...] = ()
    record_id: str | None = None
    near_match: NearMatch | None = None
    issues: tuple[CellIssue, ...] = ()


def _same(stored: object, given: object) -> bool:
    if isinstance(stored, StrEnum):
        stored = stored.value
    if isinstance(given, StrEnum):
        given = given.value
    if isinstance(stored, list | tuple) or isinstance(given, list | tuple):
        return sorted(map(str, stored or ())) == sorted(map(str, given or ()))  # type: ignore[call-overload]
    if isinstance(stored, str) and isinstance(given, str):
        return stored.strip() == given.strip()
    if isinstance(given, Decimal | float) and isinstance(stored, int | float):
        return float(given) == float(stored)
    return bool(stored == given)


def differences(file_values: Mapping[str, object], stored: Mapping[str, object]) -> list[str]:
    """The fields whose file value differs from the stored one; an empty cell never clears."""
    changed = []
    for name, value in file_values.items():
        if value is None or value in ("", ()):
            continue
        given = normalise_fiscal_code(str(value)) if name == "fiscal_code" else value
        if not _same(stored.get(name), given):
            changed.append(name)
    return changed


def near_match(
    values: Mapping[str, object], lookups: Lookups, *, skip_ids: frozenset[str] = frozenset()
) -> NearMatch | None:
    born = values.get("birth_date")
    if not isinstance(born, date):
        return None
    name = normalise_search_text(
        f"{values.get('last_name') or ''} {values.get('first_name') or ''}"
    )
    best: NearMatch | None = None
    for person in lookups.born_on.get(born, ()):
        if person.id in skip_ids:
            continue
        other = normalise_search_text(f"{person.values['last_name']} {person.values['first_name']}")
        score = fuzz.token_sort_ratio(name, other)
        if score >= NEAR_MATCH_SCORE and (best is None or score > best.score):
            best = NearMatch(person_id=person.id, display=person.display, score=float(score))
    return best


def near_match_issue(match: NearMatch) -> CellIssue:
    return CellIssue(
        Severity.WARNING,
        f"Possibile persona già presente: {match.display}, decidere se importarla come nuova.",
    )


def _refused(message: str) -> Judgement:
    return Judgement(RowVerdict.SKIPPED, issues=(CellIssue(Severity.ERROR, message),))


PERSON_BLOCKED = (
    "La persona ha il trattamento dei dati limitato (art. 18 GDPR) o è stata anonimizzata: "
    "un'importazione non può modificarla."
)


def judge_person(
    values: Mapping[str, object], key: str, digest: str, lookups: Lookups
) -> Judgement:
    provenance = lookups.provenance.get(key)
    if provenance is not None and provenance.row_digest == digest:
        # An old file never overwrites later work: the same row read again changes nothing.
        return Judgement(RowVerdict.UNCHANGED, record_id=provenance.record_id)
    code = normalise_fiscal_code(str(values.get("fiscal_code") or ""))
    stored = lookups.persons_by_code.get(code)
    if stored is None and provenance is not None:
        stored = lookups.persons_by_id.get(provenance.record_id)
    if stored is None:
        match = near_match(values, lookups)
        if match is not None:
            return Judgement(
                RowVerdict.SKIPPED, near_match=match, issues=(near_match_issue(match),)
            )
        return Judgement(RowVerdict.CREATE)
    if stored.restricted or stored.anonymised:
        return _refused(PERSON_BLOCKED)
    changes = differences(person_values_of(values), stored.values)
    if not changes:
        return Judgement(RowVerdict.UNCHANGED, record_id=stored.id)
    return Judgement(RowVerdict.UPDATE, changes=tuple(changes), record_id=stored.id)


def history_text(values: Mapping[str, object]) -> str:
    """A historic referral's story as its event's note tells it (after the file and row):
    "esito: Assunzione; presa in carico il 10/03/2024; ricevuta il 05/03/2024"."""
    parts = []
    if values.get("outcome"):
        from desktop.documents.labels import it_label  # noqa: PLC0415
        from desktop.domain.codes import Outcome  # noqa: PLC0415

        parts.append(f"esito: {it_label(Outcome(str(values['outcome'])))}")
    for key, words in (
        ("taken_in_charge_on", "presa in carico il"),
        ("received_on", "ricevuta il"),
    ):
        day = values.get(key)
        if isinstance(day, date):
            parts.append(f"{words} {day:%d/%m/%Y}")
    return "; ".join(parts)


def event_note(file_name: str, row: int, values: Mapping[str, object]) -> str:
    story = history_text(values)
    return f"{IMPORTED_NOTE}{file_name}», riga {row}" + (f"; {story}" if story else "")


def _stored_story(note: str) -> str:
    head, _, tail = note.partition("; ")
    return tail if head.startswith(IMPORTED_NOTE) else note


def is_historic(values: Mapping[str, object]) -> bool:
    return isinstance(values.get("concluded_on"), date)


def judge_referral(
    values: Mapping[str, object],
    key: str,
    digest: str,
    lookups: Lookups,
    *,
    site: str,
) -> Judgement:
    provenance = lookups.provenance.get(key)
    if provenance is not None and provenance.row_digest == digest:
        return Judgement(RowVerdict.UNCHANGED, record_id=provenance.record_id)
    stored = None
    if provenance is not None:
        stored = lookups.referrals.get(provenance.record_id)
        if stored is not None and stored.deleted:
            stored = None
    code = normalise_fiscal_code(str(values.get("fiscal_code") or ""))
    person = lookups.persons_by_code.get(code)
    if person is None and stored is not None:
        person = lookups.persons_by_id.get(stored.person_id)
    if person is not None and (person.restricted or person.anonymised):
        return _refused(PERSON_BLOCKED)
    changes = differences(person_values_of(values), person.values) if person else []
    if stored is None:
        if person is None:
            match = near_match(values, lookups)
            if match is not None:
                issue = near_match_issue(match)
                return Judgement(RowVerdict.SKIPPED, near_match=match, issues=(issue,))
        return Judgement(RowVerdict.CREATE, changes=tuple(changes))
    changes += _referral_changes(values, stored)
    if not changes:
        return Judgement(RowVerdict.UNCHANGED, record_id=stored.id)
    if stored.restricted or stored.anonymised:
        return _refused(
            f"La segnalazione {stored.number} ha il trattamento limitato (art. 18 GDPR) o è "
            "stata anonimizzata: un'importazione non può modificarla."
        )
    if stored.sending_site != site:
        return _refused(
            f"La segnalazione {stored.number} appartiene a un altro ufficio: un'importazione "
            "non può modificarla."
        )
    editable = stored.status in lifecycle.EDITABLE_BY_SENDER
    own_history = stored.imported_note is not None and stored.status in (
        ReferralStatus.CONCLUDED,
        ReferralStatus.DRAFT,
    )
    if not (editable or own_history):
        return _refused(
            f"La segnalazione {stored.number} è già stata inviata al CPI: un'importazione non "
            "può modificarla (correggerla in Trama se serve)."
        )
    return Judgement(RowVerdict.UPDATE, changes=tuple(changes), record_id=stored.id)


def _referral_changes(values: Mapping[str, object], stored: StoredReferral) -> list[str]:
    own = referral_values_of(values)
    for name in DATE_KEYS:
        if values.get(name) is not None:
            own[name] = values[name]
    changed = differences(own, stored.values)
    if is_historic(values) and values["concluded_on"] != stored.concluded_on:
        changed.append("concluded_on")
    if stored.imported_note is not None and history_text(values) != _stored_story(
        stored.imported_note
    ):
        changed.extend(name for name in HISTORY_KEYS if name != "concluded_on" and values.get(name))
    return list(dict.fromkeys(changed))


def moment(day: date) -> datetime:
    """A day's event time: its noon in UTC, so that it reads as that day everywhere."""
    return datetime.combine(day, time(12), tzinfo=UTC)
