"""Every number of the local Monitoraggio pages against an independent count.

A small network (two Ambiti, two CPIs, a Third Sector body) gets a few hundred random referrals
(tracks, statuses, dates, handlings, plan actions, restricted and deleted rows, fake Italian
persons). For each site kind and several filters the test reads the records the site may see
with its own plain SQL, counts every cell itself, and compares with each Figure and each Value
of each Chart (totals too); and every Value with a drill must open exactly that many referrals
in the list (``count_referrals``).
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from desktop.domain.codes import (
    ActionItemStatus,
    FundingSource,
    OrganizationKind,
    Outcome,
    PartnerRole,
    PlanParty,
    ProjectTarget,
    ReferralStatus,
    Sex,
    SiteKind,
    Track,
)
from desktop.domain.monitoring import Dashboard, MonitoringFilter, Value
from desktop.services.installation import SITE_CODE, SITE_KIND, set_settings
from desktop.services.monitoring import (
    job_centre_dashboard,
    local_dashboard,
    referral_filter,
    sender_dashboard,
)
from desktop.services.monitoring.counting import time_slots
from desktop.services.referrals.listing import count_referrals
from desktop.store.engine import Store
from desktop.store.models import (
    Ambito,
    Municipality,
    Organization,
    Person,
    PlanAction,
    Project,
    ProjectBeneficiary,
    ProjectFunding,
    ProjectPartner,
    Referent,
    Referral,
    ReferralHandling,
    Site,
)
from tests.services_support import Network, build_network

TODAY = date(2026, 11, 27)
ETS_SITE = "ETS-COOP"
_LAST_NAMES = ("Brambilla", "Colombo", "Ferrari", "Galli", "Bernasconi", "Sala", "Ronchi", "Mauri")
_FIRST_NAMES = ("Giulia", "Luca", "Chiara", "Matteo", "Sara", "Davide", "Elisa", "Andrea")


@dataclass(frozen=True)
class World:
    network: Network
    ambito_ids: tuple[str, str]  # Varese's, Gallarate's
    referents: dict[str, list[str]]  # job centre id → referent ids


def seed_world(store: Store, *, seed: int = 7, referrals: int = 420) -> World:
    """The network and random referrals, written as rows (fast, and any combination)."""
    network = build_network(store)
    rng = random.Random(seed)
    centres = (network.job_centre_id, network.other_job_centre_id)
    with store.write() as session:
        ambito_va = Ambito(code="AMB-VA", name="Ambito di Varese")
        ambito_ga = Ambito(code="AMB-GA", name="Ambito di Gallarate")
        session.add_all([ambito_va, ambito_ga])
        session.flush()
        session.get(Municipality, network.varese_id).ambito_id = ambito_va.id  # type: ignore[union-attr]
        session.get(Municipality, network.gallarate_id).ambito_id = ambito_ga.id  # type: ignore[union-attr]
        elsewhere = session.scalars(select(Municipality).where(Municipality.name == "Luino")).one()
        for code, ambito in (("AMB-VA", ambito_va.id), ("AMB-GA", ambito_ga.id)):
            session.scalars(select(Site).where(Site.code == code)).one().ambito_id = ambito
        session.add(Site(code=ETS_SITE, kind=SiteKind.ETS, name="Cooperativa Il Ponte"))
        referents: dict[str, list[str]] = {}
        for centre in centres:
            people = [
                Referent(job_centre_id=centre, track=Track.NEET, full_name="Paola Riva"),
                Referent(job_centre_id=centre, track=Track.CMD, full_name="Marco Zanetti"),
            ]
            session.add_all(people)
            session.flush()
            referents[centre] = [person.id for person in people]
        comuni = (network.varese_id, network.gallarate_id, elsewhere.id)
        persons = []
        for index in range(80):
            person = Person(
                fiscal_code=f"FKXPRS{index:02d}A01L682{'ABCDEFGHIJ'[index % 10]}",
                last_name=rng.choice(_LAST_NAMES),
                first_name=rng.choice(_FIRST_NAMES),
                search_name=f"persona {index}",
                sex=rng.choice(list(Sex)),
                birth_date=date(1995, 1, 1) + timedelta(days=rng.randrange(3000)),
                residence_municipality_id=rng.choice(comuni),
                restricted=index % 17 == 0,
            )
            persons.append(person)
        session.add_all(persons)
        session.flush()
        senders = ("AMB-VA", "AMB-VA", "AMB-GA", ETS_SITE, "CPI-GA")
        made: list[Referral] = []
        for index in range(referrals):
            status = rng.choice(list(ReferralStatus))
            created = date(2026, 1, 1) + timedelta(days=rng.randrange(340))
            sent = (
                None
                if status is ReferralStatus.DRAFT
                or (status is ReferralStatus.WITHDRAWN and rng.random() < 0.3)
                else created + timedelta(days=rng.randrange(6))
            )
            referral = Referral(
                number=f"2026/{index:06d}",
                track=rng.choice(list(Track)),
                status=status,
                status_changed_at=datetime(2026, 11, 1, tzinfo=UTC),
                person_id=rng.choice(persons).id,
                sending_site=rng.choice(senders),
                job_centre_id=rng.choice(centres),
                created_on=created,
                sent_on=sent,
                restricted=rng.random() < 0.04,
                deleted=rng.random() < 0.03,
            )
            made.append(referral)
        session.add_all(made)
        session.flush()
        for referral in made:
            if referral.sent_on is None or referral.status in {
                ReferralStatus.DRAFT,
                ReferralStatus.SENT,
            }:
                continue
            # Now and then a date before the sending: such an interval is left out.
            received = referral.sent_on + timedelta(days=rng.randrange(-1, 12))
            taken = None
            if referral.status in {
                ReferralStatus.TAKEN_IN_CHARGE,
                ReferralStatus.IN_PATH,
                ReferralStatus.CONCLUDED,
            }:
                taken = received + timedelta(days=rng.randrange(0, 50))
            outcome = None
            if referral.status is ReferralStatus.CONCLUDED and rng.random() < 0.85:
                outcome = rng.choice(list(Outcome))
            session.add(
                ReferralHandling(
                    referral_id=referral.id,
                    received_on=None if rng.random() < 0.05 else received,
                    taken_in_charge_on=taken,
                    referent_id=rng.choice([*referents[referral.job_centre_id], None]),
                    outcome=outcome,
                    deleted=rng.random() < 0.03,
                )
            )
            if taken is not None:
                for _ in range(rng.randrange(3)):
                    due = taken + timedelta(days=rng.randrange(10, 120))
                    status_ = rng.choice(list(ActionItemStatus))
                    session.add(
                        PlanAction(
                            referral_id=referral.id,
                            description="Colloquio di orientamento con il tutor",
                            responsible_party=rng.choice(list(PlanParty)),
                            due_on=due,
                            status=status_,
                            done_on=due if status_ is ActionItemStatus.DONE else None,
                            deleted=rng.random() < 0.05,
                        )
                    )
        cooperative = Organization(name="Cooperativa Il Ponte", kind=OrganizationKind.SOCIAL_COOP_B)
        association = Organization(name="Associazione Varese Giovani", kind=OrganizationKind.APS)
        session.add_all([cooperative, association])
        session.flush()
        live = [r for r in made if not r.deleted and r.sending_site == "AMB-VA"]
        for number, (title, start, end) in enumerate(
            (
                ("Officine di comunità", date(2026, 2, 1), date(2027, 6, 30)),
                ("Ponti verso il lavoro", None, None),
                ("Progetto chiuso nel 2025", date(2024, 1, 1), date(2025, 12, 31)),
            )
        ):
            project = Project(
                title=title,
                owner_site="AMB-VA",
                ambito_id=ambito_va.id,
                target=ProjectTarget.BOTH,
                start_on=start,
                end_on=end,
            )
            session.add(project)
            session.flush()
            session.add_all(
                [
                    ProjectFunding(
                        project_id=project.id,
                        source=FundingSource.FNPS,
                        amount_cents=1_250_000 * (number + 1),
                        year=2026,
                    ),
                    ProjectFunding(
                        project_id=project.id,
                        source=FundingSource.MUNICIPALITY,
                        amount_cents=333_350,
                        year=2026,
                    ),
                    ProjectPartner(
                        project_id=project.id, organization_id=cooperative.id, role=PartnerRole.LEAD
                    ),
                    ProjectPartner(
                        project_id=project.id,
                        organization_id=association.id,
                        role=PartnerRole.PARTNER,
                        deleted=number == 1,
                    ),
                    *(
                        ProjectBeneficiary(project_id=project.id, referral_id=r.id)
                        for r in rng.sample(live, 6)
                    ),
                ]
            )
    return World(network, (ambito_va.id, ambito_ga.id), referents)


def as_site(store: Store, code: str, kind: SiteKind) -> None:
    set_settings(store, {SITE_CODE: code, SITE_KIND: kind.value})


# --- The independent count --------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """One referral a site may see, as the test's own SQL read it."""

    id: str
    track: str
    status: str
    centre: str
    site: str
    created_on: date
    sent_on: date | None
    received_on: date | None
    taken_on: date | None
    outcome: str | None
    referent: str | None
    ambito: str | None


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def seen_referrals(store: Store, where: str, params: dict[str, Any]) -> list[Seen]:
    """What the list shows by default: live, not restricted, the person not restricted."""
    sql = (
        "SELECT r.id, r.track, r.status, r.job_centre_id, r.sending_site, r.created_on, "
        "r.sent_on, h.received_on, h.taken_in_charge_on, h.outcome, h.referent_id, m.ambito_id "
        "FROM referral AS r JOIN person AS p ON p.id = r.person_id "
        "LEFT JOIN municipality AS m ON m.id = p.residence_municipality_id "
        "LEFT JOIN referral_handling AS h ON h.referral_id = r.id AND h.deleted = 0 "
        f"WHERE r.deleted = 0 AND r.restricted = 0 AND p.restricted = 0 AND {where}"
    )
    with store.read() as session:
        found = session.execute(text(sql), params).all()
    return [
        Seen(
            id=row[0],
            track=row[1],
            status=row[2],
            centre=row[3],
            site=row[4],
            created_on=_day(row[5]),  # type: ignore[arg-type]
            sent_on=_day(row[6]),
            received_on=_day(row[7]),
            taken_on=_day(row[8]),
            outcome=row[9],
            referent=row[10],
            ambito=row[11],
        )
        for row in found
    ]


def in_filter(seen: list[Seen], flt: MonitoringFilter) -> list[Seen]:
    return [
        r
        for r in seen
        if flt.start <= r.created_on <= flt.end
        and (flt.track is None or r.track == flt.track)
        and (flt.job_centre_id is None or r.centre == flt.job_centre_id)
        and (flt.ambito_id is None or r.ambito == flt.ambito_id)
    ]


def visible_to_sender(store: Store, site: str, flt: MonitoringFilter) -> list[Seen]:
    return in_filter(seen_referrals(store, "r.sending_site = :site", {"site": site}), flt)


def visible_to_centre(store: Store, centre: str, flt: MonitoringFilter) -> list[Seen]:
    found = seen_referrals(
        store, "r.job_centre_id = :centre AND r.status <> 'draft'", {"centre": centre}
    )
    return in_filter(found, flt)


def count(seen: list[Seen], keep: Callable[[Seen], bool] = lambda _r: True) -> int:
    return sum(1 for r in seen if keep(r))


def stats(days: list[int]) -> tuple[float | None, float | None]:
    """Median and 90th percentile as sync.protocol.monitoring defines them (PERCENTILE.INC)."""
    if not days:
        return None, None
    ordered = sorted(days)
    if len(ordered) == 1:
        return float(ordered[0]), float(ordered[0])
    position = 0.9 * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    p90 = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
    return float(statistics.median(ordered)), round(p90, 1)


def interval(first: date | None, then: date | None) -> int | None:
    if first is None or then is None or then < first:
        return None
    return (then - first).days


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


# --- The comparison -----------------------------------------------------------------------------

Cells = dict[tuple[str, str], float | None]  # (series key or "total", category key) → amount


def chart_cells(dashboard: Dashboard, key: str) -> Cells:
    chart = dashboard.chart(key)
    cells: Cells = {}
    for series in chart.series:
        for category, value in zip(chart.categories, series.values, strict=True):
            cells[(series.key, category.key)] = value.amount
    if chart.totals is not None:
        for category, value in zip(chart.categories, chart.totals, strict=True):
            cells[("total", category.key)] = value.amount
    return cells


def assert_cells(dashboard: Dashboard, key: str, expected: Cells) -> None:
    """Every cell shown equals the expected count (missing from ``expected``: zero), and every
    non-zero expected cell is shown."""
    shown = chart_cells(dashboard, key)
    for cell, amount in shown.items():
        want = expected.get(cell, 0.0 if amount is not None else None)
        assert amount == want, (key, cell, amount, want)
    for cell, amount in expected.items():
        if amount:
            assert cell in shown, (key, cell, amount)


def every_value(dashboard: Dashboard) -> Iterator[tuple[str, Value]]:
    for figure in dashboard.figures():
        yield figure.key, figure.value
    for chart in dashboard.charts():
        for value in chart.values():
            yield chart.key, value


def assert_drills_open_the_counted(store: Store, dashboard: Dashboard) -> int:
    """Each value with a drill opens exactly that many referrals in the list."""
    checked = 0
    for key, value in every_value(dashboard):
        if value.drill is None:
            continue
        listed = count_referrals(store, referral_filter(value.drill))
        assert listed == value.amount, (key, value)
        checked += 1
    return checked


def expected_times(seen: list[Seen], group: Callable[[Seen], str]) -> tuple[Cells, Cells, Cells]:
    receipt: dict[str, list[int]] = {}
    charge: dict[str, list[int]] = {}
    for r in seen:
        for found, then in ((receipt, r.received_on), (charge, r.taken_on)):
            days = interval(r.sent_on, then)
            if days is not None:
                found.setdefault(group(r), []).append(days)
    cells: list[Cells] = [{}, {}, {}]
    for key in set(receipt) | set(charge):
        for index, found in enumerate((receipt, charge)):
            median, p90 = stats(found.get(key, []))
            cells[index][("median", key)] = median
            cells[index][("p90", key)] = p90
        cells[2][("receipt", key)] = float(len(receipt.get(key, [])))
        cells[2][("charge", key)] = float(len(charge.get(key, [])))
    return cells[0], cells[1], cells[2]


def common_cells(dashboard: Dashboard, prefix: str, seen: list[Seen]) -> None:
    """The charts both pages draw alike: by track and status, by month, outcomes."""
    by_status: Cells = {}
    for r in seen:
        for cell in ((r.status, r.track), ("total", r.track)):
            by_status[cell] = (by_status.get(cell) or 0.0) + 1
    assert_cells(dashboard, f"{prefix}.by_track_status", by_status)
    by_month: Cells = {}
    # Months, or quarters or years over a long period, as the page draws them.
    slot_of = time_slots(dashboard.filter.start, dashboard.filter.end).slot_of
    for r in seen:
        slot = slot_of(month_key(r.created_on))
        for cell in ((r.track, slot), ("total", slot)):
            by_month[cell] = (by_month.get(cell) or 0.0) + 1
    assert_cells(dashboard, f"{prefix}.by_month", by_month)
    outcomes: Cells = {}
    for r in seen:
        if r.outcome is not None:
            for cell in ((r.outcome, r.track), ("total", r.track)):
                outcomes[cell] = (outcomes.get(cell) or 0.0) + 1
    assert_cells(dashboard, f"{prefix}.outcomes", outcomes)


def waiting(seen: list[Seen], flt: MonitoringFilter) -> list[Seen]:
    return [
        r
        for r in seen
        if r.status in {"sent", "received"}
        and r.sent_on is not None
        and (TODAY - r.sent_on).days > flt.waiting_days
    ]


def check_sender(store: Store, dashboard: Dashboard, site: str, flt: MonitoringFilter) -> None:
    seen = visible_to_sender(store, site, flt)
    figures = {f.key: f.value.amount for f in dashboard.figures()}
    with store.read() as session:
        total = session.execute(
            text(
                "SELECT count(*) FROM referral r JOIN person p ON p.id = r.person_id "
                "LEFT JOIN municipality m ON m.id = p.residence_municipality_id "
                "WHERE r.deleted = 0 AND r.restricted = 0 AND p.restricted = 0 "
                "AND r.sending_site = :site AND r.created_on BETWEEN :start AND :end "
                "AND (:track IS NULL OR r.track = :track) "
                "AND (:centre IS NULL OR r.job_centre_id = :centre) "
                "AND (:ambito IS NULL OR m.ambito_id = :ambito)"
            ),
            {
                "site": site,
                "start": flt.start.isoformat(),
                "end": flt.end.isoformat(),
                "track": flt.track,
                "centre": flt.job_centre_id,
                "ambito": flt.ambito_id,
            },
        ).scalar_one()
    assert figures["sender.total"] == total == len(seen)
    assert figures["sender.sent"] == count(seen, lambda r: r.status not in {"draft", "withdrawn"})
    assert figures["sender.drafts"] == count(seen, lambda r: r.status == "draft")
    assert figures["sender.concluded"] == count(seen, lambda r: r.status == "concluded")
    assert figures["sender.waiting"] == len(waiting(seen, flt))
    common_cells(dashboard, "sender", seen)
    by_centre: Cells = {}
    slot_of = time_slots(flt.start, flt.end).slot_of
    for r in seen:
        cell = (r.centre, slot_of(month_key(r.created_on)))
        by_centre[cell] = (by_centre.get(cell) or 0.0) + 1
    assert_cells(dashboard, "sender.by_month_centre", by_centre)
    receipt, charge, measured = expected_times(seen, lambda r: r.centre)
    assert_cells(dashboard, "sender.receipt_times", receipt)
    assert_cells(dashboard, "sender.charge_times", charge)
    assert_cells(dashboard, "sender.response_counts", measured)
    late: Cells = {}
    for r in waiting(seen, flt):
        late[("waiting", r.centre)] = (late.get(("waiting", r.centre)) or 0.0) + 1
    assert_cells(dashboard, "sender.waiting", late)


def check_centre(store: Store, dashboard: Dashboard, centre: str, flt: MonitoringFilter) -> None:
    seen = visible_to_centre(store, centre, flt)
    figures = {f.key: f.value.amount for f in dashboard.figures()}
    assert figures["jc.received"] == len(seen)
    assert figures["jc.awaiting"] == count(seen, lambda r: r.status in {"sent", "received"})
    assert figures["jc.in_charge"] == count(
        seen, lambda r: r.status in {"taken_in_charge", "in_path"}
    )
    assert figures["jc.concluded"] == count(seen, lambda r: r.status == "concluded")
    assert figures["jc.waiting"] == len(waiting(seen, flt))
    common_cells(dashboard, "jc", seen)
    by_sender: Cells = {}
    for r in seen:
        for cell in ((r.track, r.site), ("total", r.site)):
            by_sender[cell] = (by_sender.get(cell) or 0.0) + 1
    assert_cells(dashboard, "jc.by_sender", by_sender)
    backlog: Cells = {}
    for r in seen:
        if r.status in {"sent", "received"}:
            since = r.received_on or r.sent_on or r.created_on
            age = (TODAY - since).days
            band = "0-7" if age <= 7 else "8-30" if age <= 30 else "31-60" if age <= 60 else "61+"
            backlog[(r.track, band)] = (backlog.get((r.track, band)) or 0.0) + 1
    assert_cells(dashboard, "jc.backlog", backlog)
    receipt, charge, measured = expected_times(seen, lambda r: r.referent or "")
    assert_cells(dashboard, "jc.receipt_times", receipt)
    assert_cells(dashboard, "jc.charge_times", charge)
    assert_cells(dashboard, "jc.response_counts", measured)
    ids = {r.id: r for r in seen}
    with store.read() as session:
        actions = session.execute(
            text(
                "SELECT referral_id FROM plan_action WHERE deleted = 0 AND status = 'open' "
                "AND due_on IS NOT NULL AND due_on < :today"
            ),
            {"today": TODAY.isoformat()},
        ).all()
    overdue: Cells = {}
    plans: dict[str, set[str]] = {}
    for (referral_id,) in actions:
        if referral_id in ids:
            referent = ids[referral_id].referent or ""
            overdue[("actions", referent)] = (overdue.get(("actions", referent)) or 0.0) + 1
            plans.setdefault(referent, set()).add(referral_id)
    for referent, found in plans.items():
        overdue[("plans", referent)] = float(len(found))
    assert_cells(dashboard, "jc.overdue", overdue)
    assert figures["jc.overdue_actions"] == sum(
        v or 0 for (s, _r), v in overdue.items() if s == "actions"
    )
    assert figures["jc.overdue_plans"] == sum(len(found) for found in plans.values())


# --- The tests ----------------------------------------------------------------------------------


@pytest.fixture
def world(store: Store) -> World:
    return seed_world(store)


YEAR = MonitoringFilter(date(2026, 1, 1), date(2026, 12, 31))


def filters(world: World) -> list[MonitoringFilter]:
    network = world.network
    return [
        YEAR,
        MonitoringFilter(date(2026, 4, 1), date(2026, 6, 30), track=Track.NEET.value),
        MonitoringFilter(date(2026, 3, 15), date(2026, 9, 10), ambito_id=world.ambito_ids[0]),
        MonitoringFilter(
            date(2026, 1, 1),
            date(2026, 12, 31),
            job_centre_id=network.other_job_centre_id,
            track=Track.CMD.value,
            waiting_days=5,
        ),
        MonitoringFilter(date(2026, 7, 1), date(2026, 7, 1)),
    ]


@pytest.mark.parametrize("site", ["AMB-VA", "AMB-GA", ETS_SITE])
def test_every_number_of_the_sender_page_equals_an_independent_count(
    store: Store, world: World, site: str
) -> None:
    kind = SiteKind.ETS if site == ETS_SITE else SiteKind.AMBITO
    as_site(store, site, kind)
    drilled = 0
    for flt in filters(world):
        dashboard = sender_dashboard(store, flt, today=TODAY)
        assert dashboard.site_name in {
            "Ambito di Varese",
            "Ambito di Gallarate",
            "Cooperativa Il Ponte",
        }
        check_sender(store, dashboard, site, flt)
        drilled += assert_drills_open_the_counted(store, dashboard)
        assert local_dashboard(store, flt, today=TODAY).sections == dashboard.sections
    assert drilled > 50


@pytest.mark.parametrize("which", ["first", "other"])
def test_every_number_of_the_job_centre_page_equals_an_independent_count(
    store: Store, world: World, which: str
) -> None:
    network = world.network
    code, centre = (
        ("CPI-VA", network.job_centre_id)
        if which == "first"
        else ("CPI-GA", network.other_job_centre_id)
    )
    as_site(store, code, SiteKind.CPI)
    drilled = 0
    for flt in filters(world):
        dashboard = job_centre_dashboard(store, flt, today=TODAY)
        # The CPI's page is about its own referrals, whatever CPI the filter named.
        assert dashboard.filter.job_centre_id == centre
        check_centre(store, dashboard, centre, dashboard.filter)
        drilled += assert_drills_open_the_counted(store, dashboard)
        assert local_dashboard(store, flt, today=TODAY).sections == dashboard.sections
    assert drilled > 50


def test_the_sender_projects_add_up_to_their_rows(store: Store, world: World) -> None:
    as_site(store, "AMB-VA", SiteKind.AMBITO)
    dashboard = sender_dashboard(store, YEAR, today=TODAY)
    with store.read() as session:
        projects = dict(
            session.execute(
                text(
                    "SELECT id, title FROM project WHERE deleted = 0 AND owner_site = 'AMB-VA' "
                    "AND (start_on IS NULL OR start_on <= '2026-12-31') "
                    "AND (end_on IS NULL OR end_on >= '2026-01-01')"
                )
            ).all()
        )
        budget = {
            (source, project): float(cents)
            for project, source, cents in session.execute(
                text(
                    "SELECT project_id, source, sum(amount_cents) FROM project_funding "
                    "WHERE deleted = 0 GROUP BY 1, 2"
                )
            )
            if project in projects
        }
        partners = session.execute(
            text("SELECT project_id, count(*) FROM project_partner WHERE deleted = 0 GROUP BY 1")
        ).all()
        linked = session.execute(
            text(
                "SELECT b.project_id, count(*) FROM project_beneficiary b "
                "JOIN referral r ON r.id = b.referral_id AND r.deleted = 0 "
                "WHERE b.deleted = 0 GROUP BY 1"
            )
        ).all()
    assert len(projects) == 2  # the project closed in 2025 is left out
    assert dashboard.figure("sender.projects").value.amount == 2
    for project in projects:
        budget[("total", project)] = (
            sum(v for (s, p), v in budget.items() if p == project and s != "total") or 0.0
        )
    assert_cells(dashboard, "sender.project_budget", budget)
    assert dashboard.figure("sender.project_budget").value.amount == sum(
        v for (s, _p), v in budget.items() if s != "total"
    )
    people: Cells = {}
    for project, number in partners:
        if project in projects:
            people[("partners", project)] = float(number)
    for project, number in linked:
        if project in projects:
            people[("beneficiaries", project)] = float(number)
    assert_cells(dashboard, "sender.project_people", people)
    indicators = dashboard.chart("sender.project_indicators")
    assert [c.label for c in indicators.categories] == sorted(projects.values())
    linked_row = next(s for s in indicators.series if s.key == "referrals_linked")
    assert [v.amount for v in linked_row.values] == [6.0, 6.0]
    # Another Ambito keeps no project of its own.
    as_site(store, "AMB-GA", SiteKind.AMBITO)
    other = sender_dashboard(store, YEAR, today=TODAY)
    assert other.figure("sender.projects").value.amount == 0
    assert other.chart("sender.project_budget").empty


def test_the_demo_network_s_pages_equal_an_independent_count(store: Store) -> None:
    """The demo seeding's own data (its sites, handlings, plans and projects), for the demo's
    Ambito and for the CPI that receives most of its referrals."""
    from desktop.demo.seed import seed_demo  # noqa: PLC0415

    seed_demo(store, referrals=300, seed=3, today=TODAY, processes=1)
    with store.read() as session:
        site = session.execute(
            text("SELECT value FROM local_setting WHERE key = :key"), {"key": SITE_CODE}
        ).scalar_one()
        centre, code = session.execute(
            text(
                "SELECT r.job_centre_id, s.code FROM referral r "
                "JOIN site s ON s.job_centre_id = r.job_centre_id AND s.kind = 'cpi' "
                "WHERE r.deleted = 0 GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"
            )
        ).one()
    whole = MonitoringFilter(date(2015, 1, 1), TODAY)
    sender = sender_dashboard(store, whole, today=TODAY)
    assert sender.figure("sender.total").value.amount
    check_sender(store, sender, site, whole)
    assert assert_drills_open_the_counted(store, sender) > 20
    assert not sender.chart("sender.project_budget").empty
    as_site(store, code, SiteKind.CPI)
    centre_page = job_centre_dashboard(store, whole, today=TODAY)
    assert centre_page.figure("jc.received").value.amount
    check_centre(store, centre_page, centre, centre_page.filter)
    assert assert_drills_open_the_counted(store, centre_page) > 20
