"""The start page's read (desktop.services.worklist): each kind of pending item is counted as an
independent query counts it, for a sender's PC and for a CPI's, and its items say what to open,
how late they are, and nothing of a restricted person."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.domain.codes import ActionState, PathActionType, SiteKind, Track
from desktop.domain.errors import ValidationError
from desktop.services.worklist import (
    DEFAULT_TAKE_IN_CHARGE_DAYS,
    Area,
    WorkKind,
    query_plan,
    read_worklist,
    save_take_in_charge_days,
    take_in_charge_days,
)
from desktop.store.engine import Store
from tests.conftest import copy_data_folder
from tests.worklist_support import (
    AMBITO_COUNTS,
    CPI_COUNTS,
    TODAY,
    day,
    independent_counts,
    seed_worklist,
    view_as,
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> Iterator[Path]:
    """The seed is built once; each test reads (or changes) a copy of it."""
    folder = tmp_path_factory.mktemp("worklist") / "data"
    store = copy_data_folder(migrated_database.parent, folder)
    try:
        seed_worklist(store)
    finally:
        store.dispose()
    yield folder


@pytest.fixture
def store(seeded: Path, tmp_path: Path) -> Iterator[Store]:
    opened = copy_data_folder(seeded, tmp_path / "data")
    try:
        yield opened
    finally:
        opened.dispose()


def counts_of(store: Store) -> dict[str, int]:
    worklist = read_worklist(store, today=TODAY)
    return {section.kind.value: section.count for section in worklist.sections if section.count}


def test_a_senders_counts_are_the_independent_querys(store: Store) -> None:
    assert counts_of(store) == independent_counts(store, "AMB-VA", SiteKind.AMBITO, TODAY)
    assert counts_of(store) == AMBITO_COUNTS  # and what the seed was made to hold


def test_a_cpis_counts_are_the_independent_querys(store: Store) -> None:
    view_as(store, "CPI-VA", SiteKind.CPI)
    assert counts_of(store) == independent_counts(store, "CPI-VA", SiteKind.CPI, TODAY)
    assert counts_of(store) == CPI_COUNTS


def test_the_counts_follow_the_day(store: Store) -> None:
    """A week later more is due and the rejection has aged off the list; the independent
    query agrees on both sides."""
    later = TODAY + timedelta(days=14)
    for code, kind in (("AMB-VA", SiteKind.AMBITO), ("CPI-VA", SiteKind.CPI)):
        view_as(store, code, kind)
        worklist = read_worklist(store, today=later)
        found = {s.kind.value: s.count for s in worklist.sections if s.count}
        assert found == independent_counts(store, code, kind, later)
    assert read_worklist(store, today=later).count(WorkKind.AWAITING_CHARGE) == 3  # Irene's too


def test_only_the_sites_kinds_are_sections(store: Store) -> None:
    sender = read_worklist(store, today=TODAY)
    assert WorkKind.AWAITING_CHARGE not in {s.kind for s in sender.sections}
    assert sender.section(WorkKind.RETURNED) is not None
    view_as(store, "CPI-VA", SiteKind.CPI)
    cpi = read_worklist(store, today=TODAY)
    kinds = [s.kind for s in cpi.sections]
    assert WorkKind.RETURNED not in kinds and WorkKind.PRIVACY_NOTICES not in kinds
    # A kind of the site with nothing in it is still a section ("Niente da fare").
    minutes = cpi.section(WorkKind.MINUTES_DRAFTS)
    assert minutes is not None and minutes.count == 0 and minutes.items == ()
    assert kinds == sorted(kinds, key=list(WorkKind).index)  # the page's order


def test_items_say_what_opens_and_how_late(store: Store) -> None:
    worklist = read_worklist(store, today=TODAY)
    returned = worklist.section(WorkKind.RETURNED)
    assert returned is not None
    # The longest waiting first; the CPI's reason to read; the person by name.
    assert [item.person for item in returned.items] == ["Brambilla Giulia", "Brambilla Marta"]
    assert [item.days_overdue for item in returned.items] == [7, 2]
    first = returned.items[0]
    assert first.text == "Manca il comune di domicilio."
    assert first.code is Track.NEET and first.area is Area.REFERRALS
    assert first.number and first.record_id

    reviews = worklist.section(WorkKind.PLAN_REVIEWS)
    assert reviews is not None and reviews.items[0].due_on == day(3)
    assert reviews.items[0].days_overdue == -3  # three days to go

    meeting_actions = worklist.section(WorkKind.MEETING_ACTIONS)
    assert meeting_actions is not None
    assert [(i.text, i.who, i.days_overdue) for i in meeting_actions.items] == [
        ("Predisporre la bozza del protocollo", "Davide Crespi", 10),
        ("Raccogliere le adesioni", "", -2),
    ]
    assert {item.area for item in meeting_actions.items} == {Area.MEETINGS}

    conflicts = worklist.section(WorkKind.SYNC_CONFLICTS)
    assert conflicts is not None
    by_source = {item.source: item for item in conflicts.items}
    assert by_source["referral"].text.split(",") == ["reason", "urgency"]  # one item per record
    assert by_source["referral"].number == first.number
    assert by_source["person"].person == "Brambilla Giulia"
    assert worklist.area_counts() == {Area.REFERRALS: 6, Area.MEETINGS: 3, Area.SYNC: 4}
    assert worklist.total == sum(AMBITO_COUNTS.values())


def test_a_cpis_path_actions_are_due_at_their_start_or_end(store: Store) -> None:
    view_as(store, "CPI-VA", SiteKind.CPI)
    section = read_worklist(store, today=TODAY).section(WorkKind.REFERRAL_ACTIONS)
    assert section is not None
    shown = [(item.source, item.state, item.days_overdue) for item in section.items]
    assert shown == [
        ("path_action", ActionState.PLANNED, 3),
        ("plan_action", None, 1),
        ("path_action", ActionState.RUNNING, -5),
    ]
    assert section.items[0].code is PathActionType.BASIC_GUIDANCE
    assert section.items[1].text == "Bilancio di competenze"
    awaiting = read_worklist(store, today=TODAY).section(WorkKind.AWAITING_CHARGE)
    assert awaiting is not None
    # Sent 20 and 15 days ago with 10 days to take them in charge.
    assert [item.days_overdue for item in awaiting.items] == [10, 5]


def test_only_the_first_items_are_read_but_all_are_counted(store: Store) -> None:
    worklist = read_worklist(store, today=TODAY, limit=1)
    returned = worklist.section(WorkKind.RETURNED)
    assert returned is not None and returned.count == 2 and len(returned.items) == 1
    assert returned.more == 1


def test_a_restricted_person_is_never_listed(store: Store) -> None:
    with store.raw_write() as connection:
        connection.execute(
            "UPDATE person SET restricted = 1 WHERE last_name = 'Brambilla' "
            "AND first_name = 'Giulia'"
        )
    worklist = read_worklist(store, today=TODAY)
    assert worklist.count(WorkKind.RETURNED) == 1
    conflicts = worklist.section(WorkKind.SYNC_CONFLICTS)
    assert conflicts is not None and conflicts.count == 2  # still to resolve, but unnamed
    assert {item.person for item in conflicts.items} == {""}
    assert counts_of(store) == independent_counts(store, "AMB-VA", SiteKind.AMBITO, TODAY)


def test_the_take_in_charge_delay_is_a_local_setting(store: Store) -> None:
    assert take_in_charge_days(store) == DEFAULT_TAKE_IN_CHARGE_DAYS
    save_take_in_charge_days(store, 18)
    assert take_in_charge_days(store) == 18
    view_as(store, "CPI-VA", SiteKind.CPI)
    worklist = read_worklist(store, today=TODAY)
    assert worklist.take_in_charge_days == 18
    assert worklist.count(WorkKind.AWAITING_CHARGE) == 1  # only the one sent 20 days ago
    assert worklist.count(WorkKind.AWAITING_CHARGE) == independent_counts(
        store, "CPI-VA", SiteKind.CPI, TODAY, days=18
    ).get("awaiting_charge", 0)
    with pytest.raises(ValidationError) as refused:
        save_take_in_charge_days(store, 0)
    assert "take_in_charge_days" in refused.value.field_errors
    assert take_in_charge_days(store) == 18


def test_an_empty_store_has_nothing_to_do(tmp_path: Path, migrated_database: Path) -> None:
    empty = copy_data_folder(migrated_database.parent, tmp_path / "empty")
    try:
        worklist = read_worklist(empty, today=TODAY)
    finally:
        empty.dispose()
    assert worklist.total == 0
    assert all(section.items == () for section in worklist.sections)


def test_a_cpis_path_actions_are_found_in_their_index_alone(store: Store) -> None:
    """Planned and running path actions are each sought in ix_path_action_due (migration 0012),
    which holds all the read needs: a busy CPI's other path actions are never read."""
    view_as(store, "CPI-VA", SiteKind.CPI)
    plan = query_plan(store, WorkKind.REFERRAL_ACTIONS, today=TODAY)
    seeks = [step for step in plan if "ix_path_action_due" in step]
    assert seeks == [
        "SEARCH a USING COVERING INDEX ix_path_action_due (owner_site=? AND state=?)",
        "SEARCH a USING COVERING INDEX ix_path_action_due (owner_site=? AND state=? AND end_on<?)",
    ]


def test_a_cpis_waiting_referrals_are_found_in_their_index_alone(store: Store) -> None:
    """Referrals sent or received are sought in ix_referral_awaiting (0012), which holds what
    the count checks and the first items show: no referral row is read to count them."""
    view_as(store, "CPI-VA", SiteKind.CPI)
    plan = query_plan(store, WorkKind.AWAITING_CHARGE, today=TODAY)
    assert "SEARCH r USING COVERING INDEX ix_referral_awaiting (status=?)" in plan
    assert not [step for step in plan if step.startswith(("SCAN r", "SEARCH r USING INDEX"))]


def test_drafts_without_their_notice_are_found_in_their_index(store: Store) -> None:
    """Only the site's drafts still without a privacy notice are read (ix_referral_without_notice,
    0012), not every draft or returned referral of the network."""
    plan = query_plan(store, WorkKind.PRIVACY_NOTICES, today=TODAY)
    assert [step for step in plan if step.startswith(("SCAN r", "SEARCH r"))] == [
        "SEARCH r USING INDEX ix_referral_without_notice (sending_site=? AND status=?)"
    ]
