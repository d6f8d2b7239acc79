"""Demo data as an office would recognise it (issue 17): people whose names, citizenship and
birthplace agree, valid codici fiscali, office days, actions as long as they last, tables led
by the bodies that lead them, minors with a representative.

Everyone in here is invented by the generator under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from codicefiscale import codicefiscale
from sqlalchemy import select

from desktop.demo import names
from desktop.demo.conflicts import add_demo_conflict
from desktop.demo.office_days import is_office_date
from desktop.demo.reference_data import demo_id
from desktop.demo.seed import seed_demo
from desktop.domain.codes import (
    ActionItemStatus,
    EmploymentStatus,
    LegalRepresentativeKind,
    MeetingType,
    OrganizationKind,
    PathActionType,
    PermitType,
    ReferralStatus,
    Track,
    VoteKind,
)
from desktop.domain.eligibility import age_on
from desktop.domain.fiscal_code import check_fiscal_code
from desktop.services.reference import PROVINCE_SITE
from desktop.store.engine import Store
from desktop.store.models import (
    AgendaItem,
    JointInterview,
    Meeting,
    MeetingParticipant,
    Organization,
    PathAction,
    Person,
    PlanAction,
    PlanGoal,
    PlanReview,
    Referral,
    ReferralEvent,
    ReferralHandling,
    SocialReferral,
    SocialReferralReply,
    SyncConflict,
)
from sync.client.conflicts import list_conflicts, resolve_conflict
from tests.conftest import TODAY, copy_data_folder

REFERRALS = 400
PROTECTION = {PermitType.ASYLUM, PermitType.SUBSIDIARY_PROTECTION, PermitType.SPECIAL_PROTECTION}
ITALIAN_FIRST = set(names.ITALIAN_MALE_FIRST_NAMES) | set(names.ITALIAN_FEMALE_FIRST_NAMES)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("realism") / "data"
    folder.mkdir(parents=True)
    store = copy_data_folder(migrated_database.parent, folder)
    try:
        seed_demo(store, referrals=REFERRALS, seed=5, today=TODAY)
        yield store
    finally:
        store.dispose()


def _persons(store: Store) -> list[Person]:
    with store.read() as session:
        found = list(session.scalars(select(Person)))
        session.expunge_all()
    return found


def test_every_codice_fiscale_is_valid_and_matches_the_person(demo: Store) -> None:
    for person in _persons(demo):
        check = check_fiscal_code(
            person.fiscal_code,
            last_name=person.last_name,
            first_name=person.first_name,
            sex=person.sex,
            birth_date=person.birth_date,
            today=TODAY,
        )
        assert check.errors == () and check.warnings == (), (person.fiscal_code, check)
        assert check.birthplace_code == person.birthplace_code
        # And by the reference library, on its own.
        assert codicefiscale.is_valid(person.fiscal_code)
        decoded = codicefiscale.decode(person.fiscal_code)
        assert decoded["gender"] == person.sex
        assert decoded["birthdate"].date() == person.birth_date
        assert decoded["birthplace"]["code"] == person.birthplace_code


def test_names_citizenship_and_birthplace_agree(demo: Store) -> None:
    seen = {"italian": 0, "foreign_born": 0, "second_generation": 0}
    for person in _persons(demo):
        born_abroad = person.birthplace_code.startswith("Z")
        italian_citizen = person.citizenship == names.ITALIAN_CITIZENSHIP
        if born_abroad:
            state = names.STATE_BY_CODE[person.birthplace_code]
            assert person.birthplace_name == state.name
            # Their own citizenship, or Italian by naturalisation: never a third country's.
            assert person.citizenship in (state.citizenship, names.ITALIAN_CITIZENSHIP)
            assert person.last_name in state.surnames, person
            assert person.first_name in state.male_names + state.female_names, person
            seen["foreign_born"] += 1
        elif person.first_name in ITALIAN_FIRST and person.last_name in names.ITALIAN_SURNAMES:
            assert italian_citizen, person
            seen["italian"] += 1
        else:
            # A second generation: the parents' names, Italian or the parents' citizenship.
            states = [
                s
                for s in names.FOREIGN_BIRTH_STATES
                if person.last_name in s.surnames
                and person.first_name in s.male_names + s.female_names
            ]
            assert states, person
            assert italian_citizen or person.citizenship in {s.citizenship for s in states}
            seen["second_generation"] += 1
    assert min(seen.values()) > 0, seen


def test_permits_only_for_non_eu_citizens_and_protection_only_for_the_foreign_born(
    demo: Store,
) -> None:
    with_permit = 0
    for person in _persons(demo):
        state = names.STATE_BY_CITIZENSHIP.get(person.citizenship)
        needs = state is not None and not state.eu
        assert (person.permit_type is not None) == needs, person
        if person.permit_type in PROTECTION:
            assert person.birthplace_code.startswith("Z"), person
        with_permit += needs
    assert with_permit > 0


def test_minors_have_a_parent_and_some_cmd_adults_a_support_administrator(demo: Store) -> None:
    minors = administrators = 0
    for person in _persons(demo):
        assert person.employment_status is not EmploymentStatus.NEVER_EMPLOYED
        if age_on(person.birth_date, TODAY) < 18:
            minors += 1
            assert person.representative_kind is LegalRepresentativeKind.PARENT
            assert person.representative_name.endswith(person.last_name)
            assert person.representative_phone
        elif person.representative_kind is LegalRepresentativeKind.SUPPORT_ADMINISTRATOR:
            administrators += 1
            assert person.representative_act.startswith("Decreto del Tribunale di Varese n. ")
            assert person.representative_act_on is not None
            assert is_office_date(person.representative_act_on)
    assert minors > 0 and administrators > 0


def test_dates_are_office_days_and_never_in_the_future(demo: Store) -> None:
    with demo.read() as session:
        days: list[tuple[str, date | None]] = []
        for sent, created in session.execute(select(Referral.sent_on, Referral.created_on)):
            days += [("sent_on", sent), ("created_on", created)]
        for row in session.execute(
            select(
                ReferralHandling.received_on,
                ReferralHandling.taken_in_charge_on,
                ReferralHandling.outcome_on,
                ReferralHandling.service_pact_on,
            )
        ):
            days += [("handling", day) for day in row]
        days += [("meeting", d) for (d,) in session.execute(select(Meeting.held_on))]
        days += [("interview", d) for (d,) in session.execute(select(JointInterview.held_on))]
        days += [("review", d) for (d,) in session.execute(select(PlanReview.review_on))]
        for start, end in session.execute(select(PathAction.start_on, PathAction.end_on)):
            days += [("action", start), ("action", end)]
        moments = [at for (at,) in session.execute(select(ReferralEvent.at))]
    for what, day in days:
        if day is not None:
            assert is_office_date(day), (what, day, day.strftime("%A"))
    now = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC)
    for at in moments:
        moment = at if at.tzinfo else at.replace(tzinfo=UTC)
        assert moment < now
        assert is_office_date(moment.date())
        assert 7 <= moment.hour <= 16  # office hours (UTC: 8 to 17:30 in Italy)


def test_the_calendar_closes_on_the_national_holidays() -> None:
    # Easter Monday, Liberation Day, Republic Day, Ferragosto, Christmas; 4 October from 2026.
    for closed in (
        date(2026, 4, 6),
        date(2025, 4, 25),
        date(2025, 6, 2),
        date(2025, 8, 15),
        date(2025, 12, 25),
        date(2028, 10, 4),
    ):
        assert not is_office_date(closed), closed
    assert is_office_date(date(2026, 5, 8))  # San Vittore: Varese's patron, not national
    assert not is_office_date(date(2026, 11, 28))  # a Saturday


def test_actions_last_as_long_as_such_actions_do(demo: Store) -> None:
    months = 30.4
    with demo.read() as session:
        rows = session.execute(
            select(PathAction.action_type, PathAction.state, PathAction.start_on, PathAction.end_on)
        ).all()
    checked = 0
    for action_type, state, start, end in rows:
        if end is None or state.value != "completed":
            continue
        days = (end - start).days
        if action_type is PathActionType.TRAINEESHIP:
            assert 3 * months - 5 <= days <= 12 * months, (action_type, start, end)
            checked += 1
        elif action_type is PathActionType.INCLUSION_TRAINEESHIP:
            assert 3 * months - 5 <= days <= 24 * months
            checked += 1
        elif action_type is PathActionType.TRAINING:
            assert 14 <= days <= 7 * months
            checked += 1
    assert checked > 10
    with demo.read() as session:
        gaps = session.execute(
            select(ReferralHandling.received_on, ReferralHandling.taken_in_charge_on).where(
                ReferralHandling.taken_in_charge_on.is_not(None)
            )
        ).all()
    assert all(0 <= (taken - received).days <= 60 for received, taken in gaps)


def _meetings(store: Store, meeting_type: MeetingType) -> list[tuple[Meeting, list[str]]]:
    with store.read() as session:
        found = []
        for meeting in session.scalars(select(Meeting).where(Meeting.meeting_type == meeting_type)):
            kinds = [
                kind
                for (kind,) in session.execute(
                    select(Organization.kind)
                    .join(MeetingParticipant, MeetingParticipant.organization_id == Organization.id)
                    .where(MeetingParticipant.meeting_id == meeting.id)
                )
            ]
            chair_org = session.scalar(
                select(MeetingParticipant.organization_id).where(
                    MeetingParticipant.meeting_id == meeting.id,
                    MeetingParticipant.full_name == meeting.chair_name,
                )
            )
            session.expunge(meeting)
            found.append((meeting, [*kinds, f"chair:{chair_org}"]))
    return found


def test_the_tavolo_unico_is_the_provinces_with_most_ambiti_the_cpis_and_ets(demo: Store) -> None:
    tables = _meetings(demo, MeetingType.PROVINCIAL_TABLE)
    assert tables
    ets = {
        OrganizationKind.CONSORTIUM,
        OrganizationKind.SOCIAL_COOP_A,
        OrganizationKind.SOCIAL_COOP_B,
    }
    for meeting, kinds in tables:
        assert meeting.convening_site == PROVINCE_SITE
        assert kinds[-1] == f"chair:{demo_id('organization', 'provincia')}"
        assert kinds.count(OrganizationKind.AMBITO) >= 8  # of 12
        assert kinds.count(OrganizationKind.CPI) >= 5
        assert sum(kind in ets for kind in kinds) >= 3


def test_co_design_tables_are_led_and_decided_by_the_proceeding_body(demo: Store) -> None:
    tables = _meetings(demo, MeetingType.CO_DESIGN_TABLE)
    assert tables
    with demo.read() as session:
        for meeting, kinds in tables:
            assert meeting.convening_site.startswith("AMB-")
            chair = kinds[-1]
            assert chair == f"chair:{demo_id('organization', meeting.convening_site)}"
            for item in session.scalars(
                select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
            ):
                if (
                    item.decision
                    and "verbale" not in item.title.lower()
                    and item.title != "Comunicazioni"
                ):
                    assert "atto" in item.decision, item.decision
                    assert item.vote is VoteKind.NONE


def test_the_equipe_invites_the_competent_cpi_only(demo: Store) -> None:
    for _meeting, kinds in _meetings(demo, MeetingType.TEAM):
        assert kinds.count(OrganizationKind.CPI) <= 2  # one CPI, two people at most
        assert kinds.count(OrganizationKind.AMBITO) >= 1


def test_joint_plans_social_referrals_and_cmd_fields(demo: Store) -> None:
    with demo.read() as session:
        plans = set(session.scalars(select(PlanGoal.referral_id)))
        assert len(plans) >= 3
        statuses = set(session.scalars(select(Referral.status).where(Referral.id.in_(plans))))
        assert statuses <= {ReferralStatus.TAKEN_IN_CHARGE, ReferralStatus.IN_PATH}
        actions = list(session.scalars(select(PlanAction)))
        overdue = [a for a in actions if a.status is ActionItemStatus.OPEN and a.due_on < TODAY]
        assert overdue
        assert {a.owner_site for a in actions} >= {"AMB-SOMMA"}
        assert any(a.owner_site.startswith("CPI-") for a in actions)
        assert session.scalar(select(SocialReferral.id).limit(1)) is not None
        assert session.scalar(select(SocialReferralReply.id).limit(1)) is not None
        cmd = list(session.scalars(select(Referral).where(Referral.track == Track.CMD)))
        for referral in cmd:
            assert referral.assessment_on is not None and referral.compatible_tasks
            if referral.doc_assessment_on is not None:
                assert referral.doc_assessment_on >= referral.assessment_on
        hires = session.scalars(
            select(ReferralHandling.hiring_mode)
            .join(Referral, Referral.id == ReferralHandling.referral_id)
            .where(Referral.track == Track.CMD, ReferralHandling.outcome == "hired")
        ).all()
        assert hires and all(mode is not None for mode in hires)


def test_the_demo_conflict_can_be_resolved(demo: Store, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    store = copy_data_folder(demo.path.parent, folder)
    try:
        assert add_demo_conflict(store) == 2
        open_ones = list_conflicts(store)
        assert {(c.table, c.field) for c in open_ones} == {
            ("referral", "urgency"),
            ("person", "phone"),
        }
        for conflict in open_ones:
            resolve_conflict(store, conflict.id, "remote")
        assert list_conflicts(store) == []
        with store.read() as session:
            assert session.scalar(select(SyncConflict.resolution).limit(1)) == "remote"
    finally:
        store.dispose()
