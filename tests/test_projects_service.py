"""Co-design projects: identity and CUP, lifecycle, partners, funding, beneficiaries, indicators.

Persons and referrals are invented and inserted directly, with only the columns the project
services read.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from desktop.domain.codes import (
    ActivityStatus,
    FundingSource,
    IndicatorKind,
    OrganizationKind,
    Outcome,
    PartnerRole,
    PathActionType,
    ProjectStatus,
    ProjectTarget,
    ReferralStatus,
    Sex,
    SiteKind,
    Track,
)
from desktop.services.audit import list_audit
from desktop.services.context import Actor
from desktop.services.directory import OrganizationInput, create_organization
from desktop.services.errors import NotAllowedError, NotFoundError, ValidationError
from desktop.services.projects import (
    ActivityInput,
    FundingInput,
    IndicatorInput,
    PartnerInput,
    ProjectInput,
    add_activity,
    add_funding,
    add_indicator,
    add_partner,
    advance_project_status,
    computed_indicators,
    create_project,
    delete_project,
    funding_totals,
    get_project,
    link_referral,
    list_projects,
    remove_activity,
    remove_funding,
    remove_partner,
    search_projects,
    unlink_referral,
    update_activity,
    update_funding,
    update_indicator,
    update_partner,
    update_project,
)
from desktop.store.engine import Store
from desktop.store.models import (
    JobCentre,
    PathAction,
    Person,
    Project,
    ProjectBeneficiary,
    ProjectPartner,
    Referral,
    ReferralEvent,
    ReferralHandling,
)

AMBITO = Actor("a.rossi", "AMB-VA", SiteKind.AMBITO)
OTHER_SITE = Actor("g.verdi", "AMB-GA", SiteKind.AMBITO)
TODAY = date(2026, 11, 27)


def project_input(**changes: object) -> ProjectInput:
    data = ProjectInput(
        title="Ponti per il lavoro",
        acronym="PONTI",
        cup="e31h21000010006",
        target=ProjectTarget.NEET,
        start_decision_on=date(2025, 1, 15),
        notice_on=date(2025, 2, 1),
        approval_decision_on=date(2025, 4, 10),
        agreement_on=date(2025, 5, 5),
        start_on=date(2025, 6, 1),
        end_on=date(2027, 5, 31),
        expected_beneficiaries=40,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def count_projects(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Project)) or 0)


def organization(store: Store, name: str) -> str:
    return create_organization(
        store,
        actor=AMBITO,
        data=OrganizationInput(name=name, kind=OrganizationKind.SOCIAL_COOP_A),
    ).id


_sequence = iter(range(1, 10_000))


def add_referral(
    store: Store,
    *,
    track: Track = Track.NEET,
    status: ReferralStatus = ReferralStatus.SENT,
    sent_on: date | None = None,
    restricted: bool = False,
    deleted: bool = False,
) -> str:
    """A fake person and referral, with only what the project services read."""
    number = next(_sequence)
    with store.write() as session:
        centre = session.scalar(select(JobCentre).where(JobCentre.code == "CPI-VA"))
        if centre is None:
            centre = JobCentre(code="CPI-VA", name="CPI di Varese")
            session.add(centre)
            session.flush()
        person = Person(
            fiscal_code=f"XXXYYY00A01L682{number % 10}",
            last_name=f"Cognome{number}",
            first_name="Nome",
            search_name=f"cognome{number} nome",
            sex=Sex.FEMALE,
            birth_date=date(2004, 1, 1),
        )
        session.add(person)
        session.flush()
        referral = Referral(
            number=f"2026/{number:06d}",
            track=track,
            status=status,
            status_changed_at=datetime(2026, 1, 1, tzinfo=UTC),
            person_id=person.id,
            sending_site="AMB-VA",
            job_centre_id=centre.id,
            created_on=date(2026, 1, 1),
            sent_on=sent_on,
            restricted=restricted,
            deleted=deleted,
        )
        session.add(referral)
        session.flush()
        return referral.id


# --- identity, validation, lifecycle -------------------------------------------------------


def test_created_project_starts_in_co_programming_with_normalised_cup(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    assert project.cup == "E31H21000010006"
    assert project.status is ProjectStatus.CO_PROGRAMMING
    assert project.owner_site == "AMB-VA"
    with store.read() as session:
        row = session.get(Project, project.id)
        assert row is not None
        assert (row.updated_by, row.dirty) == ("a.rossi", True)
    assert get_project(store, project.id) == project
    assert [entry.action for entry in list_audit(store, entity_id=project.id)] == ["create"]


def test_bad_project_is_refused_in_italian_and_nothing_is_saved(store: Store) -> None:
    bad = project_input(
        title="",
        cup="123",
        start_on=date(2026, 1, 1),
        end_on=date(2025, 12, 31),
        expected_beneficiaries=-1,
    )
    with pytest.raises(ValidationError) as caught:
        create_project(store, actor=AMBITO, data=bad)
    errors = caught.value.field_errors
    assert errors["title"] == "Il campo «Titolo» è obbligatorio."
    assert errors["cup"].startswith("Il campo «CUP» deve contenere 15 caratteri")
    assert errors["end_on"] == "La data «Fine» non può essere precedente alla data «Inizio»."
    assert "«Beneficiari previsti»" in errors["expected_beneficiaries"]
    assert count_projects(store) == 0


def test_procedure_acts_must_follow_one_another(store: Store) -> None:
    bad = project_input(notice_on=None, approval_decision_on=date(2025, 1, 10))
    with pytest.raises(ValidationError) as caught:
        create_project(store, actor=AMBITO, data=bad)
    assert caught.value.field_errors == {
        "approval_decision_on": "La data «Data dell'atto di approvazione» non può essere "
        "precedente alla data «Data dell'atto di avvio»."
    }


def test_a_cup_identifies_one_project(store: Store) -> None:
    first = create_project(store, actor=AMBITO, data=project_input())
    with pytest.raises(ValidationError) as caught:
        create_project(store, actor=AMBITO, data=project_input(title="Altro"))
    assert caught.value.field_errors["cup"] == "Esiste già un progetto con il CUP E31H21000010006."
    update_project(store, actor=AMBITO, project_id=first.id, data=project_input(acronym="P2"))
    assert count_projects(store) == 1


def test_update_keeps_status_and_refuses_other_sites(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    updated = update_project(
        store, actor=AMBITO, project_id=project.id, data=project_input(title="Ponti 2")
    )
    assert updated.title == "Ponti 2"
    with pytest.raises(NotAllowedError, match="altra sede"):
        update_project(store, actor=OTHER_SITE, project_id=project.id, data=project_input())
    with pytest.raises(ValidationError):
        update_project(store, actor=AMBITO, project_id=project.id, data=project_input(title=""))
    assert get_project(store, project.id).title == "Ponti 2"


def test_status_moves_forward_only(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    moved = advance_project_status(
        store, actor=AMBITO, project_id=project.id, status=ProjectStatus.NOTICE
    )
    assert moved.status is ProjectStatus.NOTICE
    # Skipping ahead is forward too: a project entered late starts where it really is.
    moved = advance_project_status(
        store, actor=AMBITO, project_id=project.id, status=ProjectStatus.RUNNING
    )
    assert moved.status is ProjectStatus.RUNNING
    for backwards in (ProjectStatus.AGREEMENT_SIGNED, ProjectStatus.RUNNING):
        with pytest.raises(NotAllowedError) as caught:
            advance_project_status(store, actor=AMBITO, project_id=project.id, status=backwards)
        assert "«in corso»" in str(caught.value)
        assert "solo in avanti" in str(caught.value)
    assert get_project(store, project.id).status is ProjectStatus.RUNNING
    details = [
        entry.details
        for entry in list_audit(store, entity_id=project.id)
        if entry.action == "status"
    ]
    assert sorted(details) == ["co_programming -> notice", "notice -> running"]


def test_list_and_search(store: Store) -> None:
    create_project(store, actor=AMBITO, data=project_input())
    second = create_project(
        store,
        actor=AMBITO,
        data=project_input(
            title="Lavoro e Comunità", acronym="LECO", cup="", start_on=date(2026, 1, 1)
        ),
    )
    advance_project_status(store, actor=AMBITO, project_id=second.id, status=ProjectStatus.RUNNING)
    assert [row.acronym for row in list_projects(store)] == ["LECO", "PONTI"]
    assert [row.acronym for row in search_projects(store, "comunita")] == ["LECO"]
    assert [row.acronym for row in search_projects(store, "e31h2100")] == ["PONTI"]
    assert [row.acronym for row in list_projects(store, status=ProjectStatus.RUNNING)] == ["LECO"]
    delete_project(store, actor=AMBITO, project_id=second.id)
    assert [row.acronym for row in list_projects(store)] == ["PONTI"]
    with pytest.raises(NotFoundError):
        get_project(store, second.id)


# --- partners, funding, activities, indicators ---------------------------------------------


def test_partners_rules(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    ponte = organization(store, "Il Ponte")
    rete = organization(store, "Rete Lavoro")
    lead = add_partner(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=PartnerInput(
            organization_id=ponte,
            role=PartnerRole.LEAD,
            resources_description="Due educatori a metà tempo",
            resources_value_cents=1_250_000,
        ),
    )
    assert lead.organization_name == "Il Ponte"
    with pytest.raises(ValidationError) as caught:
        add_partner(
            store,
            actor=AMBITO,
            project_id=project.id,
            data=PartnerInput(organization_id=ponte, role=PartnerRole.PARTNER),
        )
    assert caught.value.field_errors == {
        "organization_id": "L'ente è già tra i partner del progetto."
    }
    with pytest.raises(ValidationError) as caught:
        add_partner(
            store,
            actor=AMBITO,
            project_id=project.id,
            data=PartnerInput(
                organization_id=rete, role=PartnerRole.LEAD, resources_value_cents=-1
            ),
        )
    assert caught.value.field_errors == {
        "role": "Il progetto ha già un ente capofila.",
        "resources_value_cents": "Il campo «Valore delle risorse» non può essere negativo.",
    }
    partner = add_partner(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=PartnerInput(organization_id=rete, role=PartnerRole.SUPPORTER),
    )
    update_partner(
        store,
        actor=AMBITO,
        partner_id=partner.id,
        data=PartnerInput(organization_id=rete, role=PartnerRole.PARTNER),
    )
    detail = get_project(store, project.id)
    assert [(row.organization_name, row.role) for row in detail.partners] == [
        ("Il Ponte", PartnerRole.LEAD),
        ("Rete Lavoro", PartnerRole.PARTNER),
    ]
    remove_partner(store, actor=AMBITO, partner_id=partner.id)
    assert [row.organization_name for row in get_project(store, project.id).partners] == [
        "Il Ponte"
    ]
    with store.read() as session:
        removed = session.get(ProjectPartner, partner.id)
        assert removed is not None and removed.deleted and removed.dirty


def test_funding_is_validated_and_totalled(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    with pytest.raises(ValidationError) as caught:
        add_funding(
            store,
            actor=AMBITO,
            project_id=project.id,
            data=FundingInput(source=FundingSource.FNPS, amount_cents=0, year=1999),
        )
    assert caught.value.field_errors == {
        "amount_cents": "Il campo «Importo» deve essere maggiore di zero.",
        "year": "Il campo «Anno» deve essere un numero intero tra 2000 e 2100.",
    }
    rows = [
        (FundingSource.FNPS, 5_000_000, 2025),
        (FundingSource.ESF_PLUS, 3_000_050, 2025),
        (FundingSource.FNPS, 2_000_000, 2026),
        (FundingSource.ETS_COFINANCING, 99, 2026),
    ]
    added = [
        add_funding(
            store,
            actor=AMBITO,
            project_id=project.id,
            data=FundingInput(source=source, amount_cents=cents, year=year),
        )
        for source, cents, year in rows
    ]
    update_funding(
        store,
        actor=AMBITO,
        funding_id=added[3].id,
        data=FundingInput(source=FundingSource.ETS_COFINANCING, amount_cents=100, year=2026),
    )
    extra = add_funding(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=FundingInput(source=FundingSource.OTHER, amount_cents=777, year=2027),
    )
    remove_funding(store, actor=AMBITO, funding_id=extra.id)
    add_partner(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=PartnerInput(
            organization_id=organization(store, "Il Ponte"), resources_value_cents=42
        ),
    )
    totals = funding_totals(store, project.id)
    assert totals.by_source == {
        FundingSource.FNPS: 7_000_000,
        FundingSource.ESF_PLUS: 3_000_050,
        FundingSource.ETS_COFINANCING: 100,
    }
    assert list(totals.by_year.items()) == [(2025, 8_000_050), (2026, 2_000_100)]
    assert totals.total_cents == 10_000_150
    assert totals.partner_resources_cents == 42
    assert [row.year for row in get_project(store, project.id).funding] == [2025, 2025, 2026, 2026]


def test_activities_and_manual_indicators(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    with pytest.raises(ValidationError) as caught:
        add_activity(
            store,
            actor=AMBITO,
            project_id=project.id,
            data=ActivityInput(title="", start_on=date(2026, 2, 1), end_on=date(2026, 1, 1)),
        )
    assert set(caught.value.field_errors) == {"title", "end_on"}
    activity = add_activity(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=ActivityInput(
            title="Laboratori di orientamento", responsible_id=organization(store, "Il Ponte")
        ),
    )
    assert activity.responsible_name == "Il Ponte"
    update_activity(
        store,
        actor=AMBITO,
        activity_id=activity.id,
        data=ActivityInput(title="Laboratori", status=ActivityStatus.DONE),
    )
    (updated,) = get_project(store, project.id).activities
    assert (updated.title, updated.status, updated.responsible_id) == (
        "Laboratori",
        ActivityStatus.DONE,
        None,
    )
    remove_activity(store, actor=AMBITO, activity_id=activity.id)
    assert get_project(store, project.id).activities == ()

    indicator = add_indicator(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=IndicatorInput(name="Aziende coinvolte", unit="aziende", baseline=0, target=15),
    )
    update_indicator(
        store,
        actor=AMBITO,
        indicator_id=indicator.id,
        data=IndicatorInput(
            name="Aziende coinvolte", unit="aziende", baseline=0, target=15, value=6
        ),
    )
    assert get_project(store, project.id).indicators[0].value == 6
    with pytest.raises(ValidationError) as caught:
        add_indicator(
            store,
            actor=AMBITO,
            project_id=project.id,
            data=IndicatorInput(name="Assunzioni", kind=IndicatorKind.HIRES, value=3),
        )
    assert "calcolato dalle segnalazioni" in caught.value.field_errors["value"]


def test_children_of_another_sites_project_are_read_only(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    funding = add_funding(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=FundingInput(source=FundingSource.FNA, amount_cents=100, year=2026),
    )
    with pytest.raises(NotAllowedError):
        remove_funding(store, actor=OTHER_SITE, funding_id=funding.id)
    with pytest.raises(NotAllowedError):
        add_indicator(store, actor=OTHER_SITE, project_id=project.id, data=IndicatorInput(name="X"))


# --- beneficiaries and computed indicators -------------------------------------------------


def test_linking_refuses_missing_deleted_restricted_and_other_track(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    for referral_id in ("no-such-referral", add_referral(store, deleted=True)):
        with pytest.raises(ValidationError) as caught:
            link_referral(store, actor=AMBITO, project_id=project.id, referral_id=referral_id)
        assert caught.value.field_errors == {
            "referral_id": "La segnalazione indicata non esiste o è stata eliminata."
        }
    with pytest.raises(NotAllowedError, match="trattamento limitato"):
        link_referral(
            store,
            actor=AMBITO,
            project_id=project.id,
            referral_id=add_referral(store, restricted=True),
        )
    with pytest.raises(ValidationError, match="percorso diverso"):
        link_referral(
            store,
            actor=AMBITO,
            project_id=project.id,
            referral_id=add_referral(store, track=Track.CMD),
        )
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(ProjectBeneficiary)) == 0


def test_link_unlink_and_relink_keep_one_row_and_no_personal_data(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    referral_id = add_referral(store)
    row = link_referral(store, actor=AMBITO, project_id=project.id, referral_id=referral_id)
    assert set(vars(row)) == {"referral_id", "referral_number", "track", "status"}
    with pytest.raises(ValidationError, match="già collegata"):
        link_referral(store, actor=AMBITO, project_id=project.id, referral_id=referral_id)
    unlink_referral(store, actor=AMBITO, project_id=project.id, referral_id=referral_id)
    assert get_project(store, project.id).beneficiaries == ()
    with pytest.raises(NotFoundError):
        unlink_referral(store, actor=AMBITO, project_id=project.id, referral_id=referral_id)
    link_referral(store, actor=AMBITO, project_id=project.id, referral_id=referral_id)
    assert [b.referral_id for b in get_project(store, project.id).beneficiaries] == [referral_id]
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(ProjectBeneficiary)) == 1
    actions = [entry.action for entry in list_audit(store, entity_id=project.id)]
    assert actions.count("link_referral") == 2
    assert actions.count("unlink_referral") == 1


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_computed_indicators_on_a_small_data_set(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    # Sent on 10/01, taken in charge on 20/01 (10 days), hired, a traineeship started in March.
    first = add_referral(store, sent_on=date(2026, 1, 10))
    # Sent and taken in charge known only from events (4 days), dropped out; its traineeship
    # starts after "today" and does not count yet.
    second = add_referral(store)
    # 30 days; an inclusion traineeship started, a training course and a deleted traineeship.
    third = add_referral(store, sent_on=date(2026, 3, 1))
    # A draft: linked, but neither sent nor taken in charge.
    fourth = add_referral(store, status=ReferralStatus.DRAFT)
    # Unlinked after linking, and tombstoned after linking: neither counts.
    unlinked = add_referral(store, sent_on=date(2026, 1, 1))
    tombstoned = add_referral(store, sent_on=date(2026, 1, 1))
    for referral_id in (first, second, third, fourth, unlinked, tombstoned):
        link_referral(store, actor=AMBITO, project_id=project.id, referral_id=referral_id)
    unlink_referral(store, actor=AMBITO, project_id=project.id, referral_id=unlinked)
    with store.write() as session:
        dropped = session.get(Referral, tombstoned)
        assert dropped is not None
        dropped.deleted = True
        session.add_all(
            [
                ReferralHandling(
                    referral_id=first,
                    taken_in_charge_on=date(2026, 1, 20),
                    outcome=Outcome.HIRED,
                ),
                ReferralHandling(referral_id=second, outcome=Outcome.DROPPED_OUT),
                ReferralHandling(referral_id=third, taken_in_charge_on=date(2026, 3, 31)),
                ReferralHandling(
                    referral_id=unlinked,
                    taken_in_charge_on=date(2026, 1, 2),
                    outcome=Outcome.HIRED,
                ),
                ReferralHandling(
                    referral_id=tombstoned,
                    taken_in_charge_on=date(2026, 1, 2),
                    outcome=Outcome.HIRED,
                ),
            ]
        )
        for to_status, at in (
            (ReferralStatus.SENT, _at(date(2026, 2, 1), 9)),
            (ReferralStatus.TAKEN_IN_CHARGE, _at(date(2026, 2, 5), 10)),
            (ReferralStatus.TAKEN_IN_CHARGE, _at(date(2026, 2, 20), 10)),  # later: ignored
        ):
            session.add(
                ReferralEvent(
                    referral_id=second,
                    at=at,
                    operator="c.neri",
                    site="CPI-VA",
                    from_status=None,
                    to_status=to_status,
                )
            )
        session.add_all(
            [
                PathAction(
                    referral_id=first,
                    action_type=PathActionType.TRAINEESHIP,
                    start_on=date(2026, 3, 1),
                ),
                PathAction(
                    referral_id=second,
                    action_type=PathActionType.INCLUSION_TRAINEESHIP,
                    start_on=date(2026, 12, 15),
                ),
                PathAction(
                    referral_id=third,
                    action_type=PathActionType.INCLUSION_TRAINEESHIP,
                    start_on=TODAY,
                ),
                PathAction(
                    referral_id=third,
                    action_type=PathActionType.TRAINING,
                    start_on=date(2026, 4, 1),
                ),
                PathAction(
                    referral_id=third,
                    action_type=PathActionType.TRAINEESHIP,
                    start_on=date(2026, 4, 1),
                    deleted=True,
                ),
                PathAction(
                    referral_id=unlinked,
                    action_type=PathActionType.TRAINEESHIP,
                    start_on=date(2026, 4, 1),
                ),
            ]
        )
    add_indicator(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=IndicatorInput(name="Assunzioni", kind=IndicatorKind.HIRES, baseline=0, target=5),
    )

    indicators = {row.kind: row for row in computed_indicators(store, project.id, TODAY)}

    assert list(indicators) == [
        IndicatorKind.REFERRALS_LINKED,
        IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE,
        IndicatorKind.TRAINEESHIPS_STARTED,
        IndicatorKind.HIRES,
        IndicatorKind.DROP_OUTS,
    ]
    assert indicators[IndicatorKind.REFERRALS_LINKED].value == 4
    median = indicators[IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE]
    assert (median.value, median.basis, median.unit) == (10, 3, "giorni")
    assert indicators[IndicatorKind.TRAINEESHIPS_STARTED].value == 2
    hires = indicators[IndicatorKind.HIRES]
    assert (hires.value, hires.baseline, hires.target) == (1, 0, 5)
    assert indicators[IndicatorKind.DROP_OUTS].value == 1
    assert computed_indicators(store, project.id, date(2026, 2, 28))[2].value == 0


def test_computed_indicators_without_referrals(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    values = {row.kind: row.value for row in computed_indicators(store, project.id, TODAY)}
    assert values[IndicatorKind.REFERRALS_LINKED] == 0
    assert values[IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE] is None


def test_deleting_a_project_tombstones_its_rows(store: Store) -> None:
    project = create_project(store, actor=AMBITO, data=project_input())
    add_partner(
        store,
        actor=AMBITO,
        project_id=project.id,
        data=PartnerInput(organization_id=organization(store, "Il Ponte")),
    )
    link_referral(store, actor=AMBITO, project_id=project.id, referral_id=add_referral(store))
    delete_project(store, actor=AMBITO, project_id=project.id)
    with store.read() as session:
        assert session.scalars(select(ProjectPartner.deleted)).all() == [True]
        assert session.scalars(select(ProjectBeneficiary.deleted)).all() == [True]
        assert session.scalars(select(Project.deleted)).all() == [True]
