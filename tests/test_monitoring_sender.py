"""The sender's Monitoraggio page at its edges: nothing to count, filters naming nothing,
one interval, bad filters, and what is never shown (codes, other sites' referrals)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, text

from desktop.domain.codes import ReferralStatus, SiteKind
from desktop.domain.monitoring import Audience, Dashboard, MonitoringFilter
from desktop.services.errors import ServiceError
from desktop.services.monitoring import (
    audience_of,
    default_filter,
    local_dashboard,
    referral_filter,
    sender_dashboard,
)
from desktop.services.referrals.listing import count_referrals
from desktop.store.engine import Store
from desktop.store.models import Person, Referral, ReferralHandling
from tests.test_monitoring_figures import (
    TODAY,
    YEAR,
    World,
    as_site,
    assert_drills_open_the_counted,
    every_value,
    seed_world,
)


@pytest.fixture
def world(store: Store) -> World:
    return seed_world(store, referrals=160)


def _all_zero(dashboard: Dashboard) -> None:
    for figure in dashboard.figures():
        if figure.key not in {"sender.projects", "sender.project_budget"}:
            assert figure.value.amount == 0, figure


def test_an_empty_store_gives_an_empty_page(store: Store) -> None:
    dashboard = sender_dashboard(store, YEAR, today=TODAY)
    assert dashboard.audience is Audience.SENDER
    assert dashboard.site_name  # a neutral name, never a code
    _all_zero(dashboard)
    assert all(chart.empty for chart in dashboard.charts())
    assert dashboard.ambiti == ()
    assert dashboard.job_centres == ()


def test_a_period_without_referrals_draws_no_chart(store: Store, world: World) -> None:
    as_site(store, "AMB-VA", SiteKind.AMBITO)
    dashboard = sender_dashboard(
        store, MonitoringFilter(date(2031, 1, 1), date(2031, 3, 31)), today=TODAY
    )
    _all_zero(dashboard)
    for chart in dashboard.charts():
        if not chart.key.startswith("sender.project"):
            assert chart.empty, chart.key


@pytest.mark.parametrize(
    "narrower",
    [
        {"ambito_id": "00000000-0000-0000-0000-000000000000"},
        {"job_centre_id": "CPI-INESISTENTE"},
        {"ambito_id": "' OR 1=1 --"},
        {"job_centre_id": "x' UNION SELECT id FROM person --"},
    ],
)
def test_a_filter_naming_no_known_ambito_or_cpi_counts_nothing(
    store: Store, world: World, narrower: dict[str, str]
) -> None:
    as_site(store, "AMB-VA", SiteKind.AMBITO)
    flt = replace(YEAR, **narrower)  # type: ignore[arg-type]
    dashboard = sender_dashboard(store, flt, today=TODAY)
    assert dashboard.figure("sender.total").value.amount == 0
    assert all(
        chart.empty for chart in dashboard.charts() if not chart.key.startswith("sender.project")
    )
    drill = dashboard.figure("sender.total").value.drill
    assert drill is not None
    assert count_referrals(store, referral_filter(drill)) == 0
    with store.read() as session:  # nothing was written, nothing lost
        assert session.execute(text("SELECT count(*) FROM referral")).scalar_one() == 160


def test_one_interval_is_its_own_median_and_percentile(store: Store, world: World) -> None:
    as_site(store, "AMB-GA", SiteKind.AMBITO)
    with store.write() as session:
        first = session.scalars(
            select(Referral)
            .join(Person, Person.id == Referral.person_id)
            .where(
                Referral.sending_site == "AMB-GA",
                Referral.deleted.is_(False),
                Referral.restricted.is_(False),
                Person.restricted.is_(False),
            )
        ).first()
        assert first is not None
        first.created_on = first.sent_on = date(2030, 5, 4)
        first.status = ReferralStatus.TAKEN_IN_CHARGE
        handling = session.scalars(
            select(ReferralHandling).where(ReferralHandling.referral_id == first.id)
        ).first()
        if handling is None:
            handling = ReferralHandling(referral_id=first.id)
            session.add(handling)
        handling.deleted = False
        handling.received_on = date(2030, 5, 6)
        handling.taken_in_charge_on = date(2030, 5, 17)
        centre = first.job_centre_id
    dashboard = sender_dashboard(
        store, MonitoringFilter(date(2030, 1, 1), date(2030, 12, 31)), today=TODAY
    )
    receipt = dashboard.chart("sender.receipt_times")
    charge = dashboard.chart("sender.charge_times")
    assert [c.key for c in receipt.categories] == [centre]
    assert [[v.amount for v in s.values] for s in receipt.series] == [[2.0], [2.0]]
    assert [[v.amount for v in s.values] for s in charge.series] == [[13.0], [13.0]]
    counts = dashboard.chart("sender.response_counts")
    assert [[v.amount for v in s.values] for s in counts.series] == [[1.0], [1.0]]


@pytest.mark.parametrize(
    "flt",
    [
        MonitoringFilter(date(2026, 5, 1), date(2026, 4, 30)),
        MonitoringFilter(date(2026, 1, 1), date(2026, 3, 31), track="disoccupati"),
        MonitoringFilter(date(2026, 1, 1), date(2026, 3, 31), waiting_days=-1),
    ],
)
def test_a_filter_no_page_could_mean_is_refused_in_italian(
    store: Store, flt: MonitoringFilter
) -> None:
    with pytest.raises(ServiceError) as refused:
        sender_dashboard(store, flt, today=TODAY)
    assert str(refused.value).endswith(".")
    assert "_" not in str(refused.value)


def test_the_default_filter_is_the_quarter_so_far() -> None:
    flt = default_filter(date(2026, 11, 27))
    assert (flt.start, flt.end) == (date(2026, 10, 1), date(2026, 11, 27))
    assert flt.track is None and flt.ambito_id is None and flt.job_centre_id is None


def test_the_page_follows_the_site_kind(store: Store, world: World) -> None:
    as_site(store, "AMB-VA", SiteKind.AMBITO)
    assert audience_of(store) is Audience.SENDER
    as_site(store, "ETS-COOP", SiteKind.ETS)
    assert audience_of(store) is Audience.SENDER
    assert local_dashboard(store, YEAR, today=TODAY).audience is Audience.SENDER
    as_site(store, "CPI-VA", SiteKind.CPI)
    assert audience_of(store) is Audience.JOB_CENTRE
    assert local_dashboard(store, YEAR, today=TODAY).audience is Audience.JOB_CENTRE
    as_site(store, "PROV-VA", SiteKind.PROVINCIA)
    assert audience_of(store) is Audience.PROVINCE
    with pytest.raises(ServiceError, match="server provinciale"):
        local_dashboard(store, YEAR, today=TODAY)


def test_no_code_or_id_is_ever_shown(store: Store, world: World) -> None:
    as_site(store, "AMB-VA", SiteKind.AMBITO)
    dashboard = sender_dashboard(store, YEAR, today=TODAY)
    with store.read() as session:
        codes = {
            value
            for (value,) in session.execute(
                text(
                    "SELECT code FROM site UNION SELECT id FROM job_centre "
                    "UNION SELECT code FROM job_centre UNION SELECT id FROM referent "
                    "UNION SELECT id FROM project"
                )
            )
        }
    codes |= {status.value for status in ReferralStatus}
    shown = [dashboard.site_name]
    for section in dashboard.sections:
        shown += [section.title, section.note]
        shown += [f.label for f in section.figures]
        for chart in section.charts:
            shown += [chart.title, chart.category_title, chart.note]
            shown += [c.label for c in chart.categories] + [s.label for s in chart.series]
    shown += [c.label for c in (*dashboard.ambiti, *dashboard.job_centres)]
    for label in shown:
        assert not any(code in label.split() or code == label for code in codes), label


def test_only_the_site_s_own_referrals_are_counted(store: Store, world: World) -> None:
    as_site(store, "AMB-GA", SiteKind.AMBITO)
    dashboard = sender_dashboard(store, YEAR, today=TODAY)
    for _key, value in every_value(dashboard):
        if value.drill is not None:
            assert value.drill.sent_by_site == "AMB-GA"
    assert assert_drills_open_the_counted(store, dashboard) > 10


def test_a_long_period_is_drawn_by_quarter_then_by_year(store: Store, world: World) -> None:
    as_site(store, "AMB-GA", SiteKind.AMBITO)
    in_months = sender_dashboard(store, YEAR, today=TODAY).chart("sender.by_month")
    for start, word, points in ((date(YEAR.end.year - 4, 1, 1), "trimestre", 20),
                                (date(YEAR.end.year - 9, 1, 1), "anno", 10)):  # fmt: skip
        long = replace(YEAR, start=start)
        dashboard = sender_dashboard(store, long, today=TODAY)
        chart = dashboard.chart("sender.by_month")
        assert chart.title == f"Segnalazioni per {word}"
        assert len(chart.categories) == points
        assert chart.totals is not None and in_months.totals is not None
        # The same referrals, summed into fewer points; each point opens exactly its own.
        assert sum(v.amount or 0 for v in chart.totals) == sum(
            v.amount or 0 for v in in_months.totals
        )
        assert assert_drills_open_the_counted(store, dashboard) > 0
