"""The inputs of the document builders, read from the services (no Qt).

This module uses the store; the builders of ``desktop.documents`` take plain data and may not.
A restricted person or referral (GDPR art. 18) is refused here with ``NotAllowedError``, so
nothing about them is ever laid out, let alone printed.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from dataclasses import fields
from datetime import date, datetime

from sqlalchemy import select

from desktop.documents.inputs import (
    ActionData,
    ActivityData,
    AgendaItemData,
    FundingData,
    IndicatorData,
    Issuer,
    MeetingData,
    MeetingDocumentInput,
    ParticipantData,
    PartnerData,
    PersonData,
    PrivacyNoticeInput,
    PrivacyTexts,
    ProjectData,
    ProjectSheetInput,
    ReferralData,
    ReferralFormInput,
)
from desktop.documents.privacy_notice import compose_privacy_texts
from desktop.documents.restriction import RESTRICTED_PERSON, RESTRICTED_REFERRAL
from desktop.domain.codes import IndicatorKind, SiteKind, Track
from desktop.domain.site_profile import SiteProfile, missing_for_privacy_notice
from desktop.resources import resource_path
from desktop.services.context import Actor
from desktop.services.directory import list_referents
from desktop.services.errors import NotAllowedError, NotFoundError
from desktop.services.installation import SITE_CODE, SITE_NAME, get_settings
from desktop.services.meetings import get_meeting
from desktop.services.persons import PersonDetail, get_person
from desktop.services.projects import computed_indicators, get_project
from desktop.services.referrals.records import ReferralDetail, get_referral
from desktop.services.sites import site_profile
from desktop.store.engine import Store
from desktop.store.models import (
    JobCentre,
    Municipality,
    Person,
    Referent,
    Referral,
    RetentionRule,
    Site,
)
from sync.protocol.retention import DEFAULT_RULES, RetentionDefault
from sync.protocol.site_profile import LOGO_MAX_BYTES

from desktop.documents import inputs as plan_inputs  # isort: skip
from desktop.services.referrals import joint_plan  # isort: skip

# + a dotted key of privacy_notice.json ("recipients.provincial_server"): overrides the default.
PRIVACY_PREFIX = "privacy_notice."
PRIVACY_DEFAULTS = ("documents", "privacy_notice.json")

# --- the issuer ----------------------------------------------------------------------------


def _logo(encoded: str) -> bytes:
    """The profile's logo decoded, or nothing when it is not a PNG or JPEG within bounds."""
    if not encoded:
        return b""
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return b""
    if len(raw) > LOGO_MAX_BYTES or not raw.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return b""
    return raw


def issuer_from_profile(profile: SiteProfile) -> Issuer:
    return Issuer(
        name=profile.name,
        kind=profile.kind,
        address=profile.address,
        controller_name=profile.controller_name,
        controller_tax_code=profile.controller_tax_code,
        pec=profile.pec,
        email=profile.email,
        phone=profile.phone,
        website=profile.website,
        dpo_name=profile.dpo_name,
        dpo_email=profile.dpo_email,
        dpo_pec=profile.dpo_pec,
        dpo_phone=profile.dpo_phone,
        logo=_logo(profile.logo),
    )


def issuer_for_site(store: Store, site_code: str) -> Issuer:
    """The body of the site with this code as the issuer, from its profile.

    A site the reference data do not know yet (a PC not enrolled) is named by this PC's
    settings when it is this PC's site; never by its code.
    """
    profile = site_profile(store, site_code)
    if profile is not None:
        return issuer_from_profile(profile)
    settings = get_settings(store)
    if settings.get(SITE_CODE) == site_code and settings.get(SITE_NAME):
        return Issuer(name=settings[SITE_NAME])
    return Issuer(name="Sede non configurata")


def issuer_for(store: Store, actor: Actor) -> Issuer:
    """The actor's own site as the issuer: for documents about this PC's own work (the audit
    report, the access register, the personal-data extract)."""
    return issuer_for_site(store, actor.site_code)


def _meeting_site(convening_site: str, owner_site: str) -> str:
    """The convening body of a meeting; older rows name none: the site that recorded it."""
    return convening_site or owner_site


def _project_site(store: Store, ambito_id: str | None, owner_site: str) -> str:
    """The proceeding body of a project: the site of its Ambito when the reference data know
    one, else the site that recorded it."""
    if ambito_id:
        with store.read() as session:
            rows = session.execute(
                select(Site.code, Site.kind).where(
                    Site.ambito_id == ambito_id, Site.deleted.is_(False)
                )
            ).all()
        # An Ambito's own office before any other site of its territory.
        codes = sorted((SiteKind(kind) is not SiteKind.AMBITO, str(code)) for code, kind in rows)
        if codes:
            return codes[0][1]
    return owner_site


# --- referral form -------------------------------------------------------------------------


def _municipality_names(store: Store, ids: set[str | None]) -> dict[str, str]:
    wanted = [value for value in ids if value]
    if not wanted:
        return {}
    with store.read() as session:
        rows = session.execute(
            select(Municipality.id, Municipality.name).where(Municipality.id.in_(wanted))
        )
        return {str(row_id): str(name) for row_id, name in rows}


def person_data(store: Store, person: PersonDetail) -> PersonData:
    names = _municipality_names(
        store, {person.residence_municipality_id, person.domicile_municipality_id}
    )
    shared = {
        field.name: getattr(person, field.name)
        for field in fields(PersonData)
        if hasattr(person, field.name)
    }
    return PersonData(
        **shared,
        residence_municipality=names.get(person.residence_municipality_id or "", ""),
        domicile_municipality=names.get(person.domicile_municipality_id or "", ""),
    )


def _job_centre(store: Store, job_centre_id: str) -> tuple[str, str]:
    with store.read() as session:
        centre = session.get(JobCentre, job_centre_id)
        if centre is None:
            return "", ""
        place = ""
        if centre.municipality_id:
            place = (
                session.scalar(
                    select(Municipality.name).where(Municipality.id == centre.municipality_id)
                )
                or ""
            )
        address = ", ".join(part for part in (centre.address, place) if part)
        return centre.name, address


def _referent_name(store: Store, referral: ReferralDetail, job_centre_id: str, on: date) -> str:
    if referral.handling is not None and referral.handling.referent_id:
        with store.read() as session:
            name = session.scalar(
                select(Referent.full_name).where(Referent.id == referral.handling.referent_id)
            )
        if name:
            return name
    current = list_referents(store, job_centre_id=job_centre_id, track=referral.track, on=on)
    return current[0].full_name if current else ""


def _job_centre_id(store: Store, referral_id: str) -> str:
    with store.read() as session:
        found = session.scalar(select(Referral.job_centre_id).where(Referral.id == referral_id))
    if found is None:
        raise NotFoundError("La segnalazione richiesta non esiste o è stata eliminata.")
    return found


def printable_referral(store: Store, referral_id: str) -> tuple[ReferralDetail, PersonDetail]:
    """The referral and its person, or ``NotAllowedError`` if either is restricted."""
    referral = get_referral(store, referral_id)
    if referral.restricted:
        raise NotAllowedError(RESTRICTED_REFERRAL)
    person = get_person(store, referral.person_id)
    if person.restricted:
        raise NotAllowedError(RESTRICTED_PERSON)
    return referral, person


def referral_form_input(
    store: Store, actor: Actor, referral_id: str, *, now: datetime
) -> ReferralFormInput:
    referral, person = printable_referral(store, referral_id)
    job_centre_id = _job_centre_id(store, referral_id)
    centre_name, centre_address = _job_centre(store, job_centre_id)
    shared = {
        field.name: getattr(referral, field.name)
        for field in fields(ReferralData)
        if hasattr(referral, field.name)
    }
    shared["created_on"] = referral.created_on or now.date()
    # A CPI prints the referrals it received too: always in the sender's name.
    issuer = issuer_for_site(store, referral.sending_site)
    data = ReferralData(
        **shared,
        sending_site_name=issuer.name,
        job_centre_name=centre_name,
        job_centre_address=centre_address,
        referent_name=_referent_name(store, referral, job_centre_id, now.date()),
    )
    return ReferralFormInput(
        issuer=issuer,
        referral=data,
        person=person_data(store, person),
        created_at=now,
    )


# --- privacy notice ------------------------------------------------------------------------


def _flatten(values: dict[str, object], prefix: str = "") -> dict[str, str]:
    """The JSON's texts by dotted key ("recipients.job_centres.neet"); "_" keys are comments."""
    flat: dict[str, str] = {}
    for key, value in values.items():
        if key.startswith("_"):
            continue
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def privacy_templates(store: Store) -> dict[str, str]:
    """The configurable texts of the informativa: the shipped defaults, each overridable by a
    local setting ``privacy_notice.<dotted key>`` (resources/documents/README.md)."""
    with resource_path(*PRIVACY_DEFAULTS).open(encoding="utf-8") as handle:
        defaults = _flatten(json.load(handle))
    settings = get_settings(store)
    return {key: settings.get(PRIVACY_PREFIX + key) or text for key, text in defaults.items()}


def retention_rules(store: Store) -> tuple[RetentionDefault, ...]:
    """The retention rules this PC holds (the Province's, from the server); Trama's proposal
    (``DEFAULT_RULES``) until none has arrived."""
    with store.read() as session:
        rows = session.scalars(
            select(RetentionRule).where(RetentionRule.deleted.is_(False), RetentionRule.months >= 0)
        ).all()
        held = tuple(
            RetentionDefault(
                record_kind=row.record_kind,
                track=row.track,
                closing=row.closing or "",
                months=row.months,
                needs_decision=row.needs_decision,
                basis=row.basis,
            )
            for row in rows
        )
    return held or DEFAULT_RULES


def privacy_texts(store: Store, issuer: Issuer, track: Track | None = None) -> PrivacyTexts:
    """The informativa's texts for a track (None: both), from the issuer's profile, the
    configurable texts and the retention rules this PC holds."""
    return compose_privacy_texts(
        issuer, privacy_templates(store), retention_rules(store), track=track
    )


def _require_privacy_profile(store: Store, site_code: str, kind: SiteKind) -> Issuer:
    """The controller's issuer, or ``NotAllowedError`` naming what its profile lacks (GDPR
    art. 13(1)(a)-(b)): a notice is never printed with blanks where the law wants contacts."""
    issuer = issuer_for_site(store, site_code)
    profile = site_profile(store, site_code) or SiteProfile(
        code=site_code, kind=kind, name=issuer.name
    )
    missing = missing_for_privacy_notice(profile)
    if missing:
        verb = "manca" if len(missing) == 1 else "mancano"
        raise NotAllowedError(
            f"Impossibile stampare l'informativa: nel profilo di «{issuer.name}» {verb}: "
            f"{', '.join(missing)}. I dati degli enti sono curati dalla Provincia."
        )
    return issuer


def _record_kind(store: Store, record_id: str) -> type[Referral] | type[Person]:
    with store.read() as session:
        if session.get(Referral, record_id) is not None:
            return Referral
        if session.get(Person, record_id) is not None:
            return Person
    raise NotFoundError("Nessuna segnalazione o persona corrisponde all'identificativo indicato.")


def privacy_notice_input(
    store: Store, actor: Actor, record_id: str | None, *, now: datetime
) -> PrivacyNoticeInput:
    """For a referral (its person, number and track), a person, or blank when ``None``.

    Issued by the controller of the processing: a referral's sending site; for a person or a
    blank notice, this PC's site (the one about to refer the person). Refused with
    ``NotAllowedError`` when that controller's profile lacks what the law requires.
    """
    if not record_id:
        issuer = _require_privacy_profile(store, actor.site_code, actor.site_kind)
        texts = privacy_texts(store, issuer)
        return PrivacyNoticeInput(issuer=issuer, texts=texts, created_at=now)
    if _record_kind(store, record_id) is Referral:
        referral, person = printable_referral(store, record_id)
        number, track = referral.number, referral.track
        site = referral.sending_site
        kind = SiteKind.AMBITO if site != actor.site_code else actor.site_kind
    else:
        person = get_person(store, record_id)
        if person.restricted:
            raise NotAllowedError(RESTRICTED_PERSON)
        number, track = "", None
        site, kind = actor.site_code, actor.site_kind
    issuer = _require_privacy_profile(store, site, kind)
    return PrivacyNoticeInput(
        issuer=issuer,
        texts=privacy_texts(store, issuer, track),
        created_at=now,
        person_name=f"{person.first_name} {person.last_name}",
        fiscal_code=person.fiscal_code,
        referral_number=number,
        track=track,
        restricted=person.restricted,
        representative_kind=person.representative_kind,
        representative_name=person.representative_name,
    )


# --- meetings ------------------------------------------------------------------------------


def meeting_input(
    store: Store, actor: Actor, meeting_id: str, *, now: datetime
) -> MeetingDocumentInput:
    """Minutes, attendance sheet and agenda share this input."""
    meeting = get_meeting(store, meeting_id)
    positions = {item.id: item.position for item in meeting.agenda}
    data = MeetingData(
        **{
            field.name: getattr(meeting, field.name)
            for field in fields(MeetingData)
            if field.name not in ("participants", "agenda", "actions")
        },
        participants=tuple(
            ParticipantData(
                **{field.name: getattr(row, field.name) for field in fields(ParticipantData)}
            )
            for row in meeting.participants
        ),
        agenda=tuple(
            AgendaItemData(
                **{field.name: getattr(item, field.name) for field in fields(AgendaItemData)}
            )
            for item in meeting.agenda
        ),
        actions=tuple(
            ActionData(
                description=action.description,
                owner_name=action.owner_name,
                organization_name=action.organization_name,
                due_on=action.due_on,
                agenda_position=positions.get(action.agenda_item_id or ""),
            )
            for action in meeting.actions
        ),
    )
    # Issued by the convening body: a provincial table's minutes carry the Province's name on
    # whichever PC prints them.
    issuer = issuer_for_site(store, _meeting_site(meeting.convening_site, meeting.owner_site))
    return MeetingDocumentInput(issuer=issuer, meeting=data, created_at=now)


# --- projects ------------------------------------------------------------------------------


def project_input(
    store: Store, actor: Actor, project_id: str, *, now: datetime
) -> ProjectSheetInput:
    project = get_project(store, project_id)
    computed = computed_indicators(store, project_id, now.date())
    indicators = [
        IndicatorData(
            name=row.name,
            unit=row.unit,
            baseline=row.baseline,
            target=row.target,
            value=row.value,
        )
        for row in project.indicators
        if row.kind is IndicatorKind.MANUAL
    ]
    indicators += [
        IndicatorData(
            name=row.name,
            unit=row.unit,
            baseline=row.baseline,
            target=row.target,
            value=row.value,
            computed=True,
            basis=row.basis,
        )
        for row in computed
    ]
    data = ProjectData(
        **{
            field.name: getattr(project, field.name)
            for field in fields(ProjectData)
            if hasattr(project, field.name)
            and field.name not in ("partners", "funding", "activities", "indicators")
        },
        partners=tuple(
            PartnerData(
                organization_name=row.organization_name,
                role=row.role,
                resources_description=row.resources_description,
                resources_value_cents=row.resources_value_cents,
                joined_on=row.joined_on,
                left_on=row.left_on,
            )
            for row in project.partners
        ),
        funding=tuple(
            FundingData(
                source=row.source, amount_cents=row.amount_cents, year=row.year, notes=row.notes
            )
            for row in project.funding
        ),
        activities=tuple(
            ActivityData(
                title=row.title,
                responsible_name=row.responsible_name,
                start_on=row.start_on,
                end_on=row.end_on,
                status=row.status,
            )
            for row in project.activities
        ),
        indicators=tuple(indicators),
        beneficiaries_by_track=dict(Counter(row.track for row in project.beneficiaries)),
    )
    issuer = issuer_for_site(store, _project_site(store, project.ambito_id, project.owner_site))
    return ProjectSheetInput(issuer=issuer, project=data, created_at=now)


# --- the joint activation plan (issue 17) ---------------------------------------------------


def _cpi_issuer(store: Store, job_centre_id: str) -> Issuer:
    """The CPI's site as the issuer; its name and address when no site of it is enrolled."""
    with store.read() as session:
        code = session.scalar(
            select(Site.code)
            .where(
                Site.job_centre_id == job_centre_id,
                Site.kind == SiteKind.CPI,
                Site.deleted.is_(False),
            )
            .order_by(Site.code)
        )
    if code is not None:
        return issuer_for_site(store, code)
    name, address = _job_centre(store, job_centre_id)
    return Issuer(name=name or "Centro per l'Impiego", kind=SiteKind.CPI, address=address)


def _representative(store: Store, person_id: str) -> plan_inputs.RepresentativeData | None:
    with store.read() as session:
        person = session.get(Person, person_id)
        if person is None or not person.representative_name.strip():
            return None
        return plan_inputs.RepresentativeData(
            kind=person.representative_kind,
            name=person.representative_name,
            fiscal_code=person.representative_tax_code,
            act=person.representative_act,
            act_on=person.representative_act_on,
        )


def joint_plan_input(
    store: Store, actor: Actor, referral_id: str, *, now: datetime
) -> plan_inputs.JointPlanInput:
    """The "Progetto personalizzato condiviso", in the CPI's name (it coordinates the path)."""
    referral, person = printable_referral(store, referral_id)
    plan = joint_plan.read_joint_plan(store, actor=actor, referral_id=referral_id, today=now.date())
    taken_on = referral.handling.taken_in_charge_on if referral.handling is not None else None

    return plan_inputs.JointPlanInput(
        issuer=_cpi_issuer(store, plan.job_centre_id),
        number=referral.number,
        track=referral.track,
        created_on=referral.created_on or now.date(),
        sender_name=plan.sender_name,
        job_centre_name=plan.job_centre_name,
        person_last_name=person.last_name,
        person_first_name=person.first_name,
        person_fiscal_code=person.fiscal_code,
        person_birth_date=person.birth_date,
        person_sex=person.sex,
        representative=_representative(store, person.id),
        taken_in_charge_on=taken_on,
        sender_operator=referral.referring_operator,
        cpi_referent=_referent_name(store, referral, plan.job_centre_id, now.date()),
        created_at=now,
        goals=tuple(
            plan_inputs.PlanGoalData(
                description=goal.description,
                reached_on=goal.reached_on,
                written_by=goal.owner_name,
            )
            for goal in plan.goals
        ),
        actions=tuple(
            plan_inputs.PlanActionData(
                description=action.description,
                responsible_party=action.responsible_party,
                responsible=", ".join(
                    part
                    for part in (action.responsible_organization_name, action.responsible_name)
                    if part
                ),
                due_on=action.due_on,
                done_on=action.done_on,
                status=action.status,
                notes=action.notes,
                written_by=action.owner_name,
            )
            for action in plan.actions
        ),
        interviews=tuple(
            plan_inputs.JointInterviewData(
                held_on=interview.held_on,
                place=interview.place,
                participants=interview.participants,
                person_present=interview.person_present,
                summary=interview.summary,
                written_by=interview.owner_name,
            )
            for interview in plan.interviews
        ),
        reviews=tuple(
            plan_inputs.PlanReviewData(
                review_on=review.review_on,
                outcome=review.outcome,
                notes=review.notes,
                next_review_on=review.next_review_on,
                written_by=review.owner_name,
            )
            for review in plan.reviews
        ),
        restricted=referral.restricted or person.restricted,
    )
