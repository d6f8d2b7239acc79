"""Saving the sender's form: the person and the referral together, in one unit of work.

The referral editor shows a person and a referral on one form; saving it must write both or
neither, so that a referral refused for its own reasons never leaves a new person behind.
Every error of both parts is collected before anything is written, so the operator sees all
of them at once, each beside its field.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from desktop.domain.codes import SiteKind
from desktop.services import installation
from desktop.services import validation as v
from desktop.services.context import Actor
from desktop.services.persons import (
    PersonDetail,
    PersonInput,
    person_detail,
    person_values,
    validate_person,
    write_person,
)
from desktop.services.referrals.records import (
    ReferralDetail,
    ReferralInput,
    actor_job_centre_id,
    create_referral_in,
    load_referral,
    referral_detail,
    update_referral_in,
    validate_referral,
)
from desktop.store.engine import Store
from desktop.store.models import LocalSetting

# Stands for the person not saved yet while the referral's own rules are checked.
_UNSAVED_PERSON = "-"


@dataclass(frozen=True)
class DraftInput:
    """The sender's form. ``referral.person_id`` is ignored: the person above is the one."""

    person: PersonInput
    referral: ReferralInput
    person_id: str | None = None  # the person to update; None registers a new one
    override_reason: str | None = None  # why the codice fiscale's warnings are accepted


def draft_problems(data: DraftInput, *, today: date) -> tuple[dict[str, str], dict[str, str]]:
    """Errors and warnings of both parts, keyed by field (the two parts share no field name).

    The person's warnings are those that need ``override_reason``; the referral's warnings
    (a person about to turn 30) are only for the operator to see.
    """
    checked = _check(data, today=today)
    return checked.errors, {**checked.referral_warnings, **checked.person_warnings}


@dataclass(frozen=True)
class _Checked:
    errors: dict[str, str]
    person_warnings: dict[str, str]
    referral_warnings: dict[str, str]


def _check(data: DraftInput, *, today: date) -> _Checked:
    """Both parts validated, once each: saving passes the result on instead of checking again."""
    person_errors, person_warnings = validate_person(data.person, today=today)
    referral = replace(data.referral, person_id=data.person_id or _UNSAVED_PERSON)
    referral_errors, referral_warnings = validate_referral(
        referral, birth_date=data.person.birth_date, did_date=data.person.did_date, today=today
    )
    return _Checked({**referral_errors, **person_errors}, person_warnings, referral_warnings)


def save_draft(
    store: Store,
    *,
    actor: Actor,
    data: DraftInput,
    referral_id: str | None = None,
    today: date | None = None,
) -> ReferralDetail:
    """Create (``referral_id`` None) or update a draft and its person; all or nothing.

    The person and the referral are each validated once, here, before anything is written.
    """
    today = today or date.today()
    checked = _check(data, today=today)
    v.raise_if(checked.errors)
    values = person_values(data.person, data.override_reason, warnings=checked.person_warnings)
    with store.write() as session:
        person = write_person(session, actor=actor, values=values, person_id=data.person_id)
        # Checked above with the form's birth date, which is the one just written.
        referral_data = replace(data.referral, person_id=person.id)
        if referral_id is None:
            referral = create_referral_in(
                session, actor=actor, data=referral_data, today=today, validated=True
            )
        else:
            referral = update_referral_in(
                session,
                actor=actor,
                referral_id=referral_id,
                data=referral_data,
                today=today,
                validated=True,
            )
        return referral_detail(session, referral)


def get_referral_and_person(store: Store, referral_id: str) -> tuple[ReferralDetail, PersonDetail]:
    """What the referral's form shows, in one read (opening a referral is a hot path)."""
    with store.read() as session:
        referral = referral_detail(session, load_referral(session, referral_id))
        return referral, person_detail(session, referral.person_id)


@dataclass(frozen=True)
class ReferralForm:
    """What the referral editor needs when it opens, read in one unit of work.

    Opening a referral is a hot path (a benchmark target) and every unit of work opens a
    connection of its own, so who works here and the referral come in a single read.
    """

    actor: Actor
    operator_name: str  # the operator's full name, for a new referral's "referring operator"
    own_job_centre_id: str | None  # the CPI the actor's site works for, when it is a CPI
    referral: ReferralDetail | None
    person: PersonDetail | None


def read_referral_form(
    store: Store, referral_id: str | None, *, actor: Actor | None = None
) -> ReferralForm:
    """Who works here (``actor`` overrides the settings) and the referral with its person."""
    with store.read() as session:
        settings = {row.key: row.value for row in session.scalars(select(LocalSetting))}
        actor = actor or installation.actor_in(session, settings)
        own_job_centre_id = None
        if actor.site_kind is SiteKind.CPI:
            own_job_centre_id = actor_job_centre_id(session, actor)
        referral = person = None
        if referral_id is not None:
            referral = referral_detail(session, load_referral(session, referral_id))
            person = person_detail(session, referral.person_id)
        return ReferralForm(
            actor=actor,
            operator_name=actor.display_name or actor.operator,
            own_job_centre_id=own_job_centre_id,
            referral=referral,
            person=person,
        )
