"""Persons: create, update, find, search, restrict (GDPR art. 18) and merge duplicates.

The codice fiscale follows DOMAIN.md §6: a malformed code or a wrong check character is refused;
a doubtful one (unknown birthplace, letters or dates that do not match the typed data) is saved
only with the operator's reason, which is kept on the person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.codes import (
    OFFERED_EMPLOYMENT_STATUSES,
    ContactChannel,
    EmploymentStatus,
    LegalRepresentativeKind,
    PermitType,
    Sex,
)
from desktop.domain.eligibility import is_minor
from desktop.domain.fiscal_code import check_fiscal_code, normalise_fiscal_code
from desktop.domain.text import normalise_search_text
from desktop.services import validation as v
from desktop.services.audit import record_access, record_audit
from desktop.services.context import Actor
from desktop.services.errors import (
    NotAllowedError,
    NotFoundError,
    ValidationError,
    WarningsNotConfirmedError,
)
from desktop.store.base import utcnow
from desktop.store.engine import Store
from desktop.store.models import ImportedRow, Person, PrivacyAcknowledgement, Referral

NAME_MAX = 100
ADDRESS_MAX = 200
OVERRIDE_REASON_MIN = 5


@dataclass(frozen=True)
class PersonInput:
    """What an operator types about a person; every field of the SAP the app keeps."""

    fiscal_code: str
    last_name: str
    first_name: str
    sex: Sex | None
    birth_date: date | None
    birthplace_code: str = ""
    birthplace_name: str = ""
    citizenship: str = ""
    permit_type: PermitType | None = None
    permit_number: str = ""
    permit_expiry: date | None = None
    permit_renewing: bool = False
    residence_municipality_id: str | None = None
    residence_address: str = ""
    residence_postcode: str = ""
    domicile_municipality_id: str | None = None
    domicile_address: str = ""
    domicile_postcode: str = ""
    phone: str = ""
    email: str = ""
    preferred_channel: ContactChannel | None = None
    employment_status: EmploymentStatus | None = None
    did_date: date | None = None
    education_title: str = ""
    isced_level: int | None = None
    education_year: int | None = None
    last_school: str = ""
    school_left_date: date | None = None
    # Who acts for the person (a parent of a minor, a tutore, an ADS, a curatore).
    representative_kind: LegalRepresentativeKind | None = None
    representative_name: str = ""
    representative_tax_code: str = ""
    representative_phone: str = ""
    representative_email: str = ""
    representative_act: str = ""
    representative_act_on: date | None = None


REPRESENTATIVE_FIELDS = (
    "representative_kind", "representative_name", "representative_tax_code",
    "representative_phone", "representative_email", "representative_act",
    "representative_act_on",
)  # fmt: skip
# A court's measure has an act (decreto di nomina); a parent's responsibility has none.
REPRESENTATIVE_KINDS_WITH_ACT = frozenset(
    {
        LegalRepresentativeKind.GUARDIAN,
        LegalRepresentativeKind.SUPPORT_ADMINISTRATOR,
        LegalRepresentativeKind.CURATOR,
    }
)


INPUT_FIELDS = tuple(field.name for field in fields(PersonInput))


@dataclass(frozen=True)
class PersonDetail(PersonInput):
    id: str = ""
    fiscal_code_override_reason: str = ""
    restricted: bool = False
    restriction_reason: str = ""
    owner_site: str = ""


@dataclass(frozen=True)
class PersonRow:
    id: str
    fiscal_code: str
    last_name: str
    first_name: str
    birth_date: date
    restricted: bool


def _detail(person: Person) -> PersonDetail:
    values = {name: getattr(person, name) for name in INPUT_FIELDS}
    return PersonDetail(
        **values,
        id=person.id,
        fiscal_code_override_reason=person.fiscal_code_override_reason,
        restricted=person.restricted,
        restriction_reason=person.restriction_reason,
        owner_site=person.owner_site,
    )


def validate_person(data: PersonInput, *, today: date) -> tuple[dict[str, str], dict[str, str]]:
    """Blocking errors and overridable warnings, each keyed by field name."""
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    v.required(errors, "last_name", data.last_name, "Cognome")
    v.required(errors, "first_name", data.first_name, "Nome")
    v.required(errors, "sex", data.sex, "Sesso")
    v.required(errors, "birth_date", data.birth_date, "Data di nascita")
    v.max_length(errors, "last_name", data.last_name, NAME_MAX, "Cognome")
    v.max_length(errors, "first_name", data.first_name, NAME_MAX, "Nome")
    v.max_length(errors, "residence_address", data.residence_address, ADDRESS_MAX, "Indirizzo")
    v.date_not_after(errors, "birth_date", data.birth_date, today, "Data di nascita")
    v.valid_postcode(errors, "residence_postcode", data.residence_postcode, "CAP")
    v.valid_postcode(errors, "domicile_postcode", data.domicile_postcode, "CAP del domicilio")
    v.valid_email(errors, "email", data.email, "E-mail")
    v.valid_phone(errors, "phone", data.phone, "Telefono")
    v.int_range(errors, "isced_level", data.isced_level, 0, 8, "Livello ISCED")
    if not data.fiscal_code.strip():
        errors["fiscal_code"] = "Il campo «Codice fiscale» è obbligatorio."
    else:
        check = check_fiscal_code(
            data.fiscal_code,
            last_name=data.last_name or None,
            first_name=data.first_name or None,
            sex=data.sex.value if data.sex else None,
            birth_date=data.birth_date,
        )
        if check.errors:
            errors["fiscal_code"] = " ".join(check.errors)
        elif check.warnings:
            warnings["fiscal_code"] = " ".join(check.warnings)
    _validate_representative(data, errors, today=today)
    return errors, warnings


def _validate_representative(data: PersonInput, errors: dict[str, str], *, today: date) -> None:
    """The legal representative: all or nothing, with the court's act for a measure."""
    kind = data.representative_kind
    typed = [name for name in REPRESENTATIVE_FIELDS[1:] if getattr(data, name)]
    if kind is None:
        if any(str(getattr(data, name)).strip() for name in typed):
            errors["representative_kind"] = (
                "Indicare chi è il rappresentante legale (genitore, tutore, amministratore di "
                "sostegno o curatore) oppure cancellarne i dati."
            )
        return
    v.required(errors, "representative_name", data.representative_name, "Nome e cognome")
    v.max_length(errors, "representative_name", data.representative_name, 200, "Nome e cognome")
    v.valid_phone(errors, "representative_phone", data.representative_phone, "Telefono")
    v.valid_email(errors, "representative_email", data.representative_email, "E-mail")
    v.max_length(errors, "representative_act", data.representative_act, 200, "Atto di nomina")
    if data.representative_tax_code.strip():
        check = check_fiscal_code(data.representative_tax_code)
        if check.errors:
            errors["representative_tax_code"] = " ".join(check.errors)
        elif data.fiscal_code.strip() and normalise_fiscal_code(
            data.representative_tax_code
        ) == normalise_fiscal_code(data.fiscal_code):
            errors["representative_tax_code"] = (
                "Il codice fiscale del rappresentante è quello della persona stessa."
            )
    if kind in REPRESENTATIVE_KINDS_WITH_ACT:
        v.required(errors, "representative_act", data.representative_act, "Atto di nomina")
        v.required(errors, "representative_act_on", data.representative_act_on, "Data dell'atto")
    v.date_not_after(
        errors, "representative_act_on", data.representative_act_on, today, "Data dell'atto"
    )
    if kind is LegalRepresentativeKind.PARENT and not is_minor(data.birth_date, today):
        errors.setdefault(
            "representative_kind",
            "La responsabilità genitoriale si esercita solo su un minorenne: per un "
            "maggiorenne indicare tutore, amministratore di sostegno o curatore.",
        )


def check_representative(session: Session, person_id: str, on: date) -> None:
    """A minor is referred through whoever exercises parental responsibility (or a tutore)."""
    person = session.get(Person, person_id)
    if person is not None and is_minor(person.birth_date, on) and not person.representative_kind:
        raise ValidationError(
            {
                "representative_kind": "La persona è minorenne: prima dell'invio indicare nella "
                "sua scheda il rappresentante legale (genitore o tutore) che firma l'informativa."
            }
        )


def validate_employment_status(
    errors: dict[str, str], value: EmploymentStatus | None, stored: EmploymentStatus | None
) -> None:
    """Only the conditions D.Lgs. 150/2015 knows; an old row keeps what it had."""
    if value is not None and value not in OFFERED_EMPLOYMENT_STATUSES and value != stored:
        errors["employment_status"] = (
            "La condizione «inoccupato» non esiste più dal D.Lgs. 150/2015: indicare «disoccupato»."
        )


def checked_person_values(
    data: PersonInput, override_reason: str | None, *, today: date
) -> dict[str, object]:
    """The columns to write for ``data``; raises on errors and on warnings without a reason."""
    errors, warnings = validate_person(data, today=today)
    v.raise_if(errors)
    return person_values(data, override_reason, warnings=warnings)


def person_values(
    data: PersonInput, override_reason: str | None, *, warnings: Mapping[str, str]
) -> dict[str, object]:
    """The columns to write for ``data``, which the caller has validated without errors.

    ``warnings`` are those ``validate_person`` gave: a caller that validates a person with other
    data (the sender's form) passes them on instead of validating the person again. Raises on
    warnings without a reason.
    """
    reason = (override_reason or "").strip()
    if warnings and len(reason) < OVERRIDE_REASON_MIN:
        raise WarningsNotConfirmedError(warnings)
    values = person_columns(data)
    values["fiscal_code_override_reason"] = reason if warnings else ""
    return values


def person_columns(data: PersonInput) -> dict[str, object]:
    """The person's columns as stored: codes normalised, names trimmed, the search key made.

    Shared by the form's save and the imports' bulk commit, so both store a person alike.
    Field by field rather than ``asdict``, which deep-copies and costs an import of 20,000
    rows about a second.
    """
    values: dict[str, object] = {name: getattr(data, name) for name in INPUT_FIELDS}
    values["fiscal_code"] = normalise_fiscal_code(data.fiscal_code)
    values["last_name"] = data.last_name.strip()
    values["first_name"] = data.first_name.strip()
    values["search_name"] = normalise_search_text(f"{data.last_name} {data.first_name}")
    for name in REPRESENTATIVE_FIELDS[1:-1]:
        values[name] = str(values[name]).strip()
    values["representative_tax_code"] = normalise_fiscal_code(data.representative_tax_code)
    return values


def _existing_with_code(session: Session, code: str, *, other_than: str | None) -> Person | None:
    query = select(Person).where(Person.fiscal_code == code, Person.deleted.is_(False))
    if other_than is not None:
        query = query.where(Person.id != other_than)
    return session.scalars(query.limit(1)).first()


def _duplicate_error() -> ValidationError:
    return ValidationError(
        {
            "fiscal_code": "Esiste già una persona con questo codice fiscale: "
            "aprire la sua scheda invece di crearne un'altra."
        }
    )


def create_person(
    store: Store,
    *,
    actor: Actor,
    data: PersonInput,
    override_reason: str | None = None,
    today: date | None = None,
) -> PersonDetail:
    values = checked_person_values(data, override_reason, today=today or date.today())
    with store.write() as session:
        return _detail(write_person(session, actor=actor, values=values, person_id=None))


def write_person(
    session: Session, *, actor: Actor, values: dict[str, object], person_id: str | None
) -> Person:
    """Insert (``person_id`` None) or update a person inside the caller's unit of work.

    ``values`` come from ``checked_person_values``. An update that changes nothing writes
    nothing, so saving a referral does not mark its unchanged person for sync.
    """
    existing = None
    if person_id is not None:
        existing = _load(session, person_id)
        _ensure_processable(existing)
    if _existing_with_code(session, str(values["fiscal_code"]), other_than=person_id):
        raise _duplicate_error()
    status_errors: dict[str, str] = {}
    validate_employment_status(
        status_errors,
        values.get("employment_status"),  # type: ignore[arg-type]
        existing.employment_status if existing is not None else None,
    )
    v.raise_if(status_errors)
    if existing is None:
        person = Person(**values, owner_site=actor.site_code, updated_by=actor.operator)
        session.add(person)
        session.flush()
        record_audit(session, actor=actor, action="create", entity="person", entity_id=person.id)
        return person
    person = existing
    if all(getattr(person, name) == value for name, value in values.items()):
        return person
    for name, value in values.items():
        setattr(person, name, value)
    person.updated_by = actor.operator
    person.dirty = True
    record_audit(session, actor=actor, action="update", entity="person", entity_id=person.id)
    session.flush()
    return person


def _load(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError("La persona richiesta non esiste o è stata eliminata.")
    return person


def _ensure_processable(person: Person) -> None:
    if person.restricted:
        raise NotAllowedError(
            "Il trattamento dei dati di questa persona è limitato (art. 18 GDPR): "
            f"non può essere modificata. Motivo: {person.restriction_reason}"
        )


def update_person(
    store: Store,
    *,
    actor: Actor,
    person_id: str,
    data: PersonInput,
    override_reason: str | None = None,
    today: date | None = None,
) -> PersonDetail:
    values = checked_person_values(data, override_reason, today=today or date.today())
    with store.write() as session:
        return _detail(write_person(session, actor=actor, values=values, person_id=person_id))


def get_person(store: Store, person_id: str) -> PersonDetail:
    with store.read() as session:
        return person_detail(session, person_id)


def person_detail(session: Session, person_id: str) -> PersonDetail:
    """A live person, restricted or not, read inside the caller's unit of work."""
    return _detail(_load(session, person_id))


def find_person_by_fiscal_code(store: Store, raw_code: str) -> PersonDetail | None:
    """The person already registered with this code (for duplicate detection while typing)."""
    with store.read() as session:
        person = _existing_with_code(session, normalise_fiscal_code(raw_code), other_than=None)
        return None if person is None else _detail(person)


def search_persons(
    store: Store, text: str, *, limit: int = 50, include_restricted: bool = False
) -> list[PersonRow]:
    """Persons whose name starts with the text, or whose codice fiscale starts with it."""
    query = select(
        Person.id,
        Person.fiscal_code,
        Person.last_name,
        Person.first_name,
        Person.birth_date,
        Person.restricted,
    ).where(Person.deleted.is_(False))
    if not include_restricted:
        query = query.where(Person.restricted.is_(False))
    needle = normalise_search_text(text)
    if needle:
        code = normalise_fiscal_code(text)
        # Ranges rather than LIKE so that SQLite walks the indexes.
        query = query.where(
            ((Person.search_name >= needle) & (Person.search_name < needle + "\uffff"))
            | ((Person.fiscal_code >= code) & (Person.fiscal_code < code + "\uffff"))
        )
    query = query.order_by(Person.search_name).limit(limit)
    with store.read() as session:
        return [PersonRow(*row) for row in session.execute(query)]


# A person as the persons list holds it: id, codice fiscale, surname, name, birth date,
# restricted. A plain tuple of plain values: Python's garbage collector stops following
# those once it has seen them (not an instance of a class, not even a tuple's subclass), and
# the list may hold 50,000; each object it does follow lengthens the full passes that stop
# every thread, the GUI's too.
PersonListRow = tuple[str, str, str, str, date, bool]


def list_person_rows(
    store: Store,
    text: str,
    *,
    include_restricted: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[PersonListRow] | None:
    """Every person the persons list shows for ``text`` (as ``search_persons``, without a
    limit), by name. One raw read: 50,000 persons take a fraction of a second, read off the
    GUI thread by the list. None when ``cancelled`` says so before the end."""
    sql = (
        "SELECT id, fiscal_code, last_name, first_name, birth_date, restricted "
        "FROM person WHERE deleted = 0"
    )
    parameters: list[str] = []
    if not include_restricted:
        sql += " AND restricted = 0"
    needle = normalise_search_text(text)
    if needle:
        code = normalise_fiscal_code(text)
        # Ranges rather than LIKE so that SQLite walks the indexes.
        sql += (
            " AND ((search_name >= ? AND search_name < ?)"
            " OR (fiscal_code >= ? AND fiscal_code < ?))"
        )
        parameters += [needle, needle + "\uffff", code, code + "\uffff"]
    sql += " ORDER BY search_name, id"
    rows: list[PersonListRow] = []
    parse = date.fromisoformat
    with store.raw_read() as connection:
        cursor = connection.execute(sql, parameters)
        while batch := cursor.fetchmany(_LIST_BATCH):
            if cancelled():
                return None
            rows += [(row[0], row[1], row[2], row[3], parse(row[4]), bool(row[5])) for row in batch]
    return rows


# Rows fetched per call: the driver holds Python's lock while it fetches, so small batches
# let the GUI thread run between them.
_LIST_BATCH = 500


def set_restriction(
    store: Store, *, actor: Actor, person_id: str, restricted: bool, reason: str
) -> PersonDetail:
    """Restrict processing (GDPR art. 18) or lift the restriction; always audited."""
    if len(reason.strip()) < OVERRIDE_REASON_MIN:
        raise ValidationError({"reason": "Indicare il motivo della limitazione del trattamento."})
    with store.write() as session:
        person = _load(session, person_id)
        person.restricted = restricted
        person.restriction_reason = reason.strip() if restricted else ""
        person.updated_by = actor.operator
        person.dirty = True
        record_audit(
            session,
            actor=actor,
            action=AuditAction.RESTRICT if restricted else AuditAction.LIFT_RESTRICTION,
            entity=AuditEntity.PERSON,
            entity_id=person.id,
        )
        session.flush()
        return _detail(person)


def merge_persons(store: Store, *, actor: Actor, keep_id: str, duplicate_id: str) -> PersonDetail:
    """Move every referral of a person entered twice onto the one kept; tombstone the other."""
    if keep_id == duplicate_id:
        raise ValidationError({"duplicate": "Scegliere due persone diverse da unire."})
    with store.write() as session:
        keep = _load(session, keep_id)
        duplicate = _load(session, duplicate_id)
        _ensure_processable(keep)
        _ensure_processable(duplicate)
        moved = session.execute(  # type: ignore[attr-defined]  # a DML result has rowcount
            update(Referral)
            .where(Referral.person_id == duplicate_id)
            .values(person_id=keep_id, dirty=True, updated_by=actor.operator, updated_at=utcnow())
        ).rowcount
        session.execute(
            update(PrivacyAcknowledgement)
            .where(PrivacyAcknowledgement.person_id == duplicate_id)
            .values(person_id=keep_id, dirty=True, updated_by=actor.operator)
        )
        # A later import of the duplicate's rows finds the person kept.
        session.execute(
            update(ImportedRow)
            .where(ImportedRow.record_id == duplicate_id)
            .values(record_id=keep_id)
        )
        duplicate.deleted = True
        duplicate.dirty = True
        duplicate.updated_by = actor.operator
        record_audit(
            session,
            actor=actor,
            action=AuditAction.MERGE,
            entity=AuditEntity.PERSON,
            entity_id=keep_id,
            details=f"merged {duplicate_id}; referrals moved: {moved}",
        )
        # On the duplicate too: its own register of accesses says where its record went.
        record_audit(
            session,
            actor=actor,
            action=AuditAction.MERGE,
            entity=AuditEntity.PERSON,
            entity_id=duplicate_id,
            details=f"merged into {keep_id}; referrals moved: {moved}",
        )
        session.flush()
        return _detail(keep)


def count_persons(store: Store) -> int:
    with store.read() as session:
        return int(
            session.scalar(select(func.count()).select_from(Person).where(~Person.deleted)) or 0
        )


# -- audited reads (issue 15): recorded after the read, in a unit of their own -------------------


def record_person_opened(store: Store, *, actor: Actor, person_id: str, view: str) -> None:
    """The operator opened a person's record: ``view`` is "detail" (the persons page) or
    "edit" (the edit dialog)."""
    record_access(
        store,
        actor=actor,
        action=AuditAction.OPEN_PERSON,
        entity=AuditEntity.PERSON,
        entity_id=person_id,
        details=f"view={view}",
    )


def record_person_search(
    store: Store, *, actor: Actor, text: str, results: int, include_restricted: bool
) -> bool:
    """Record a search of the persons list by text (it finds named persons); a list shown
    without a search is not one. Returns whether a row was recorded."""
    needle = normalise_search_text(text)
    if not needle:
        return False
    # A codice fiscale has digits, a name none: which of the two was looked for, not the text.
    by = "fiscal_code" if any(char.isdigit() for char in text) else "name"
    details = f"results={results}; text={by}"
    if include_restricted:
        details += "; filters=restricted"
    record_access(
        store,
        actor=actor,
        action=AuditAction.SEARCH,
        entity=AuditEntity.PERSON_LIST,
        entity_id="",
        details=details,
    )
    return True
