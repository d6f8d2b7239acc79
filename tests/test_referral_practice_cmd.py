"""Issue 17 on a referral's content and handling: CMD as the law splits it, the legal
representative, the CPI's patto di servizio and L. 68 hiring mode, NEET age on the adhesion
date, and the health-related NEET codes treated as special-category data."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.codes import (
    CompatibleTask,
    ContractType,
    DisabilityCategory,
    EmploymentStatus,
    HiringMode,
    LegalRepresentativeKind,
    Outcome,
    PathActionType,
    PlacementSupport,
    Track,
)
from desktop.domain.eligibility import (
    is_minor,
    neet_age_eligible,
    neet_reference_date,
    percentage_problem,
)
from desktop.domain.health import (
    HEALTH_RELATED_NEEDS,
    HEALTH_RELATED_SERVICES,
    diagnosis_terms,
)
from desktop.domain.lifecycle import Transition
from desktop.domain.referral import ReferralContent
from desktop.services.errors import ValidationError
from desktop.services.persons import PersonInput, create_person, get_person, update_person
from desktop.services.referrals.export import export_referral_list
from desktop.services.referrals.handling import (
    HandlingInput,
    add_path_action,
    hiring_mode_warning,
    save_handling,
)
from desktop.services.referrals.lifecycle import transition_referral
from desktop.services.referrals.listing import ReferralFilter, SortKey
from desktop.services.referrals.records import (
    OutcomeInput,
    PathActionInput,
    ReferralDetail,
    ReferralInput,
    create_referral,
    get_referral,
    validate_referral,
)
from desktop.store.engine import Store
from tests.services_support import Network, build_network, make_person, neet_input, person_input

TODAY = date(2026, 11, 27)
D = DisabilityCategory


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def cmd_input(person_id: str, **overrides: object) -> ReferralInput:
    values: dict[str, object] = {
        "track": Track.CMD,
        "person_id": person_id,
        "referring_service": "Servizio inserimenti lavorativi",
        "referring_operator": "Anna Colombo",
        "reason": "Persona iscritta al collocamento mirato, chiede un percorso di inserimento.",
        "privacy_notice_on": date(2026, 11, 20),
        "disability_category": D.CIVIL_INVALID,
        "disability_percentage": 67,
        "assessment_on": date(2024, 3, 12),
        "invalidity_revision_on": date(2027, 3, 12),
        "l68_registration_on": date(2024, 6, 3),
        "doc_assessment_seen": True,
        "doc_assessment_on": date(2024, 5, 20),
        "compatible_tasks": (CompatibleTask.ADMINISTRATIVE.value, CompatibleTask.RECEPTION.value),
        "placement_supports": (PlacementSupport.COMPANY_TUTOR.value,),
        "placement_notes": "Preferibile un ambiente tranquillo, orario diurno.",
    }
    values.update(overrides)
    return ReferralInput(**values)  # type: ignore[arg-type]


def _cmd_errors(**overrides: object) -> dict[str, str]:
    return validate_referral(cmd_input("p", **overrides), birth_date=None, today=TODAY)[0]


# --- 1. CMD -----------------------------------------------------------------------------------


def test_the_content_carries_the_two_acts_and_the_placement_indications(
    store: Store, network: Network
) -> None:
    assert {
        "invalidity_revision_on", "compatible_tasks", "placement_supports", "placement_notes",
    } <= set(ReferralContent.__dataclass_fields__)  # fmt: skip
    person = make_person(store, network)
    saved = create_referral(store, actor=network.ambito, data=cmd_input(person.id), today=TODAY)
    again = get_referral(store, saved.id)
    assert again.invalidity_revision_on == date(2027, 3, 12)
    assert again.compatible_tasks == ("administrative", "reception")
    assert again.placement_supports == ("company_tutor",)
    assert again.placement_notes == "Preferibile un ambiente tranquillo, orario diurno."


@pytest.mark.parametrize(
    "note",
    [
        "Diagnosi: disturbo bipolare, in terapia farmacologica",
        "Schizofrenia paranoide",
        "Codice ICD F20.0",
        "Epilessia ben controllata",
        "soggetto DEPRESSO",
    ],
)
def test_a_placement_note_that_diagnoses_is_refused(note: str) -> None:
    errors = _cmd_errors(placement_notes=note)
    assert "diagnosi o un dato sanitario" in errors["placement_notes"]


def test_a_placement_note_with_a_fiscal_code_is_refused_as_the_minutes_are() -> None:
    errors = _cmd_errors(placement_notes="Vedi pratica BRMGLI04E57L682K")
    assert "codice fiscale (BRMGLI04E57L682K)" in errors["placement_notes"]


@pytest.mark.parametrize(
    "note",
    [
        "Mansioni d'ufficio, evitare carichi pesanti; iscritto L68 dal 2024.",
        "Part-time mattutino, raggiungibile con i mezzi pubblici.",
        "Esperienza nel magazzino di una farmacia, disturbare il meno possibile i colleghi.",
        "",
    ],
)
def test_a_plain_placement_note_passes(note: str) -> None:
    assert _cmd_errors(placement_notes=note) == {}
    assert diagnosis_terms(note) == []


def test_placement_codes_must_be_known_and_once() -> None:
    assert _cmd_errors(compatible_tasks=("administrative", "surgery"))["compatible_tasks"]
    assert _cmd_errors(placement_supports=("job_coach", "job_coach"))["placement_supports"]
    # An unknown code is not echoed back: no internal code is shown.
    assert "surgery" not in _cmd_errors(compatible_tasks=("surgery",))["compatible_tasks"]


def test_the_revision_follows_the_verbale_and_no_act_is_in_the_future() -> None:
    errors = _cmd_errors(invalidity_revision_on=date(2023, 1, 1))
    assert "Revisione prevista il" in errors["invalidity_revision_on"]
    errors = _cmd_errors(doc_assessment_on=date(2026, 12, 1))
    assert "verbale di accertamento L. 68/1999" in errors["doc_assessment_on"]
    # The revision date is the one that lies ahead.
    assert _cmd_errors(invalidity_revision_on=date(2028, 1, 1)) == {}


@pytest.mark.parametrize(
    ("category", "percentage", "refused"),
    [
        (D.CIVIL_INVALID, 45, True),
        (D.CIVIL_INVALID, 46, False),
        (D.CIVIL_INVALID, None, True),
        (D.WORK_INVALID, 33, True),
        (D.WORK_INVALID, 34, False),
        (D.WAR_INVALID, None, False),
        (D.WAR_INVALID, 20, False),
        (D.SERVICE_INVALID, None, False),
        (D.SERVICE_INVALID, 10, False),
        (D.BLIND, None, False),
        (D.DEAF, None, False),
    ],
)
def test_percentage_rules_follow_the_category(
    category: DisabilityCategory, percentage: int | None, refused: bool
) -> None:
    assert (percentage_problem(category, percentage) is not None) is refused
    errors = _cmd_errors(disability_category=category, disability_percentage=percentage)
    assert ("disability_percentage" in errors) is refused


def test_registration_before_the_did_is_a_warning_not_an_error() -> None:
    data = cmd_input("p", l68_registration_on=date(2024, 6, 3))
    errors, warnings = validate_referral(
        data, birth_date=None, did_date=date(2024, 9, 1), today=TODAY
    )
    assert errors == {}
    assert "precede la DID (01/09/2024)" in warnings["l68_registration_on"]
    _errors, warnings = validate_referral(
        data, birth_date=None, did_date=date(2024, 1, 10), today=TODAY
    )
    assert warnings == {}


# --- 3. NEET age on the adhesion date --------------------------------------------------------


BORN = date(1996, 10, 1)  # 30 on 1 October 2026


def test_a_person_who_turned_30_after_adhering_stays_eligible() -> None:
    adhered = date(2026, 9, 15)
    assert neet_reference_date(adhered, TODAY) == adhered
    assert neet_age_eligible(BORN, adhered)
    data = neet_input("p", guarantee_adhesion_on=adhered)
    errors, warnings = validate_referral(data, birth_date=BORN, today=TODAY)
    assert errors == {} and warnings == {}


def test_a_person_who_adhered_after_turning_30_is_not() -> None:
    data = neet_input("p", guarantee_adhesion_on=date(2026, 10, 5))
    errors, _warnings = validate_referral(data, birth_date=BORN, today=TODAY)
    assert "ne ha 30 (all'adesione a Garanzia Giovani)" in errors["track"]
    # Without an adhesion date, today counts.
    errors, _warnings = validate_referral(neet_input("p"), birth_date=BORN, today=TODAY)
    assert "ne ha 30 (oggi)" in errors["track"]


def test_an_adhesion_in_the_future_is_refused_and_not_used_for_age() -> None:
    data = neet_input("p", guarantee_adhesion_on=date(2027, 1, 1))
    errors, _warnings = validate_referral(data, birth_date=BORN, today=TODAY)
    assert "guarantee_adhesion_on" in errors
    assert neet_reference_date(date(2027, 1, 1), TODAY) == TODAY


# --- 2. The legal representative --------------------------------------------------------------

MINOR_BORN = date(2009, 8, 4)


def _minor(municipality: str | None = None, **overrides: object) -> PersonInput:
    base = person_input(
        first_name="Luca", sex="M", birth_date=MINOR_BORN, residence_municipality_id=municipality
    )
    return replace(base, **overrides)


def _parent() -> dict[str, object]:
    return {
        "representative_kind": LegalRepresentativeKind.PARENT,
        "representative_name": "Paola Brambilla",
        "representative_tax_code": person_input(
            first_name="Paola", birth_date=date(1978, 2, 1)
        ).fiscal_code.lower(),
        "representative_phone": "0332 123456",
        "representative_email": "paola.brambilla@example.org",
    }


def test_a_parent_is_saved_with_the_minor(store: Store, network: Network) -> None:
    saved = create_person(store, actor=network.ambito, data=_minor(**_parent()), today=TODAY)
    again = get_person(store, saved.id)
    assert again.representative_kind is LegalRepresentativeKind.PARENT
    assert again.representative_name == "Paola Brambilla"
    assert again.representative_tax_code == again.representative_tax_code.upper()
    assert is_minor(again.birth_date, TODAY)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"representative_tax_code": "BRMPLA78B41L682X"}, "representative_tax_code", "controllo"),
        ({"representative_email": "paola@"}, "representative_email", "e-mail"),
        ({"representative_name": "  "}, "representative_name", "obbligatorio"),
        (
            {"representative_kind": LegalRepresentativeKind.GUARDIAN},
            "representative_act",
            "Atto di nomina",
        ),
        (
            {"representative_kind": None},
            "representative_kind",
            "chi è il rappresentante legale",
        ),
    ],
)
def test_bad_representatives_are_refused_in_italian(
    store: Store, network: Network, overrides: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_person(
            store, actor=network.ambito, data=_minor(**{**_parent(), **overrides}), today=TODAY
        )
    assert words.lower() in caught.value.field_errors[field].lower()


def test_a_guardian_needs_the_act_and_a_parent_only_for_a_minor(
    store: Store, network: Network
) -> None:
    adult = person_input(first_name="Marco", sex="M", birth_date=date(1990, 1, 9))
    with pytest.raises(ValidationError) as caught:
        create_person(store, actor=network.ambito, data=replace(adult, **_parent()), today=TODAY)
    assert "solo su un minorenne" in caught.value.field_errors["representative_kind"]
    guardian = replace(
        adult,
        **{
            **_parent(),
            "representative_kind": LegalRepresentativeKind.SUPPORT_ADMINISTRATOR,
            "representative_act": "Decreto del Tribunale di Varese n. 123/2025",
            "representative_act_on": date(2025, 4, 2),
        },
    )
    saved = create_person(store, actor=network.ambito, data=guardian, today=TODAY)
    assert saved.representative_act_on == date(2025, 4, 2)


def test_a_minors_referral_is_not_sent_without_a_representative(
    store: Store, network: Network
) -> None:
    """Saving the minor is allowed (drafts, imports); sending is refused until one is named."""
    minor = create_person(store, actor=network.ambito, data=_minor(network.varese_id), today=TODAY)
    draft = create_referral(store, actor=network.ambito, data=neet_input(minor.id), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        transition_referral(
            store, actor=network.ambito, referral_id=draft.id, transition=Transition.SEND, on=TODAY
        )
    assert "minorenne" in caught.value.field_errors["representative_kind"]
    assert get_referral(store, draft.id).sent_on is None
    update_person(
        store,
        actor=network.ambito,
        person_id=minor.id,
        data=_minor(network.varese_id, **_parent()),
        today=TODAY,
    )
    sent = transition_referral(
        store, actor=network.ambito, referral_id=draft.id, transition=Transition.SEND, on=TODAY
    )
    assert sent.sent_on == TODAY


def test_inoccupato_is_no_longer_offered_but_an_old_row_keeps_it(
    store: Store, network: Network
) -> None:
    data = replace(person_input(), employment_status=EmploymentStatus.NEVER_EMPLOYED)
    with pytest.raises(ValidationError) as caught:
        create_person(store, actor=network.ambito, data=data, today=TODAY)
    assert "D.Lgs. 150/2015" in caught.value.field_errors["employment_status"]
    person = make_person(store, network)
    with store.write() as session:
        from desktop.store.models import Person  # noqa: PLC0415

        row = session.get(Person, person.id)
        assert row is not None
        row.employment_status = EmploymentStatus.NEVER_EMPLOYED
    # An old row saved again as it is keeps its condition.
    kept = update_person(
        store,
        actor=network.ambito,
        person_id=person.id,
        data=replace(
            person_input(residence_municipality_id=network.varese_id),
            employment_status=EmploymentStatus.NEVER_EMPLOYED,
        ),
        today=TODAY,
    )
    assert kept.employment_status is EmploymentStatus.NEVER_EMPLOYED


# --- 3. CPI handling --------------------------------------------------------------------------


def _to_path(store: Store, network: Network, data: ReferralInput) -> ReferralDetail:
    draft = create_referral(store, actor=network.ambito, data=data, today=TODAY)
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
    return detail


def test_the_service_pact_date_is_kept_and_checked(store: Store, network: Network) -> None:
    person = make_person(store, network)
    detail = _to_path(store, network, neet_input(person.id))

    def save(on: date | None, today: date = TODAY) -> ReferralDetail:
        return save_handling(
            store,
            actor=network.cpi,
            referral_id=detail.id,
            handling=HandlingInput(received_on=TODAY, taken_in_charge_on=TODAY, service_pact_on=on),
            today=today,
        )

    with pytest.raises(ValidationError) as caught:
        save(date(2026, 11, 20))
    assert "precedente alla data «Ricevuta il»" in caught.value.field_errors["service_pact_on"]
    with pytest.raises(ValidationError) as caught:
        save(date(2026, 12, 1))
    assert "a oggi" in caught.value.field_errors["service_pact_on"]
    saved = save(date(2026, 12, 3), today=date(2026, 12, 4))
    assert saved.handling is not None
    assert saved.handling.service_pact_on == date(2026, 12, 3)


def _hire(**overrides: object) -> OutcomeInput:
    values: dict[str, object] = {
        "outcome": Outcome.HIRED,
        "outcome_on": TODAY,
        "contract_type": ContractType.PERMANENT,
        "counts_in_l68_quota": True,
    }
    values.update(overrides)
    return OutcomeInput(**values)  # type: ignore[arg-type]


def test_a_hire_in_the_quota_needs_its_hiring_mode(store: Store, network: Network) -> None:
    person = make_person(store, network)
    detail = _to_path(store, network, cmd_input(person.id))
    with pytest.raises(ValidationError) as caught:
        transition_referral(
            store,
            actor=network.cpi,
            referral_id=detail.id,
            transition=Transition.CONCLUDE,
            on=TODAY,
            outcome=_hire(),
        )
    assert "modalità" in caught.value.field_errors["hiring_mode"]
    done = transition_referral(
        store,
        actor=network.cpi,
        referral_id=detail.id,
        transition=Transition.CONCLUDE,
        on=TODAY,
        outcome=_hire(hiring_mode=HiringMode.ART11_AGREEMENT),
    )
    assert done.handling is not None
    assert done.handling.hiring_mode is HiringMode.ART11_AGREEMENT
    # Outside the quota the mode means nothing and is not kept.
    again = save_handling(
        store,
        actor=network.cpi,
        referral_id=detail.id,
        outcome=_hire(counts_in_l68_quota=False, hiring_mode=HiringMode.NUMERIC),
    )
    assert again.handling is not None and again.handling.hiring_mode is None


def test_an_art11_hire_without_an_art11_action_is_a_warning(store: Store, network: Network) -> None:
    assert hiring_mode_warning(HiringMode.ART11_AGREEMENT, []) is None
    assert hiring_mode_warning(HiringMode.NUMERIC, [PathActionType.TRAINEESHIP]) is None
    assert (
        hiring_mode_warning(
            HiringMode.ART11_AGREEMENT,
            [PathActionType.TRAINEESHIP, PathActionType.L68_ART11_AGREEMENT],
        )
        is None
    )
    warning = hiring_mode_warning(HiringMode.ART11_AGREEMENT, [PathActionType.TRAINEESHIP])
    assert warning is not None and "convenzione art. 11" in warning
    person = make_person(store, network)
    detail = _to_path(store, network, cmd_input(person.id))
    added = add_path_action(
        store,
        actor=network.cpi,
        referral_id=detail.id,
        data=PathActionInput(action_type=PathActionType.L68_ART11_AGREEMENT),
    )
    assert (
        hiring_mode_warning(
            HiringMode.ART11_AGREEMENT, [action.action_type for action in added.actions]
        )
        is None
    )


# --- 4. Health-related NEET codes --------------------------------------------------------------


def test_health_related_codes_are_defined_once() -> None:
    assert {"mental_health", "addiction"} == HEALTH_RELATED_SERVICES
    assert {"health"} == HEALTH_RELATED_NEEDS


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_exports_omit_health_codes_unless_sensitive_columns_are_asked(
    store: Store, network: Network, tmp_path: Path
) -> None:
    person = make_person(store, network)
    create_referral(
        store,
        actor=network.ambito,
        data=neet_input(
            person.id,
            needs=("orientation", "health", "housing"),
            other_services=("addiction", "social_service", "mental_health"),
        ),
        today=TODAY,
    )

    def export(sensitive: bool) -> dict[str, str]:
        target = tmp_path / f"elenco-{sensitive}.csv"
        export_referral_list(
            store,
            ReferralFilter(),
            sort=SortKey.NUMBER,
            descending=False,
            path=target,
            include_sensitive=sensitive,
            today=TODAY,
            actor=network.ambito,
        )
        [row] = _read(target)
        return row

    plain = export(False)
    assert plain["Bisogni"] == "Orientamento; Abitativo"
    assert plain["Altri servizi coinvolti"] == "Servizio sociale"
    text = (tmp_path / "elenco-False.csv").read_text(encoding="utf-8-sig")
    for word in ("Salute", "SerD", "CPS", "NPIA", "health", "addiction"):
        assert word not in text
    full = export(True)
    assert full["Bisogni"] == "Orientamento; Abitativo; Salute"  # in the codes' order
    assert "SerD" in full["Altri servizi coinvolti"]
    assert "CPS" in full["Altri servizi coinvolti"]
