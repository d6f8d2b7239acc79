"""The CPI's Monitoraggio page at its edges: a site with no CPI, a filter naming another CPI,
referents by name, drafts never counted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from desktop.domain.codes import SiteKind
from desktop.domain.monitoring import Audience, MonitoringFilter
from desktop.services.monitoring import job_centre_dashboard
from desktop.store.engine import Store
from desktop.store.models import Site
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
    return seed_world(store, referrals=200, seed=11)


def test_an_empty_store_gives_an_empty_page_and_says_why(store: Store) -> None:
    as_site(store, "CPI-NUOVO", SiteKind.CPI)
    dashboard = job_centre_dashboard(store, YEAR, today=TODAY)
    assert dashboard.audience is Audience.JOB_CENTRE
    assert all(figure.value.amount == 0 for figure in dashboard.figures())
    assert all(chart.empty for chart in dashboard.charts())
    assert any("Centro per l'Impiego" in note for note in dashboard.notes)


def test_a_cpi_site_without_its_cpi_counts_nothing(store: Store, world: World) -> None:
    with store.write() as session:
        session.add(Site(code="CPI-SENZA", kind=SiteKind.CPI, name="CPI senza collegamento"))
    as_site(store, "CPI-SENZA", SiteKind.CPI)
    dashboard = job_centre_dashboard(store, YEAR, today=TODAY)
    assert dashboard.figure("jc.received").value.amount == 0
    assert assert_drills_open_the_counted(store, dashboard) >= 1


def test_the_page_is_about_its_own_cpi_whatever_the_filter_names(
    store: Store, world: World
) -> None:
    network = world.network
    as_site(store, "CPI-VA", SiteKind.CPI)
    own = job_centre_dashboard(store, YEAR, today=TODAY)
    asked = job_centre_dashboard(
        store, replace(YEAR, job_centre_id=network.other_job_centre_id), today=TODAY
    )
    assert asked.filter.job_centre_id == network.job_centre_id
    assert asked.sections == own.sections
    assert [c.key for c in own.job_centres] == [network.job_centre_id]
    for _key, value in every_value(own):
        if value.drill is not None:
            assert value.drill.job_centre_id == network.job_centre_id
            assert "draft" not in value.drill.statuses


def test_drafts_addressed_to_the_cpi_are_never_counted(store: Store, world: World) -> None:
    network = world.network
    as_site(store, "CPI-VA", SiteKind.CPI)
    with store.read() as session:
        drafts = session.execute(
            text(
                "SELECT count(*) FROM referral WHERE job_centre_id = :centre "
                "AND status = 'draft' AND deleted = 0"
            ),
            {"centre": network.job_centre_id},
        ).scalar_one()
    assert drafts > 0
    dashboard = job_centre_dashboard(store, YEAR, today=TODAY)
    statuses = {s.key for s in dashboard.chart("jc.by_track_status").series}
    assert "draft" not in statuses


def test_referents_are_named_and_a_missing_one_is_said_in_words(store: Store, world: World) -> None:
    as_site(store, "CPI-GA", SiteKind.CPI)
    dashboard = job_centre_dashboard(store, YEAR, today=TODAY)
    labels = {c.label for c in dashboard.chart("jc.charge_times").categories}
    assert labels <= {"Paola Riva", "Marco Zanetti", "Senza referente"}
    assert "Senza referente" in labels
    senders = {c.label for c in dashboard.chart("jc.by_sender").categories}
    assert senders <= {"Ambito di Varese", "Ambito di Gallarate", "Cooperativa Il Ponte", "CPI GA"}


def test_a_period_without_referrals_draws_no_chart(store: Store, world: World) -> None:
    as_site(store, "CPI-VA", SiteKind.CPI)
    dashboard = job_centre_dashboard(
        store, MonitoringFilter(date(2020, 1, 1), date(2020, 1, 31)), today=TODAY
    )
    assert all(chart.empty for chart in dashboard.charts())
    assert all(figure.value.amount == 0 for figure in dashboard.figures())
