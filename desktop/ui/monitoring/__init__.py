"""The Monitoraggio area: the figures of the Tavolo Unico for this PC's site (issue 18).

An Ambito, a Third Sector body and a CPI see what their own store holds, counted by
``desktop.services.monitoring``; the Province sees the whole network from the server's protected
tables (``desktop.services.monitoring.province``). Both are imported when the page is first
shown: start-up does not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.domain.monitoring import Audience, Dashboard, MonitoringFilter
from desktop.store.engine import Store
from desktop.ui.monitoring.page import DashboardSource, LocalSource, MonitoringPage, ProvinceSource
from desktop.ui.operations import Changes, follow_changes
from sync.protocol.monitoring_wire import MonitoringResponse

__all__ = ["LocalSource", "MonitoringPage", "ProvinceSource", "monitoring_page"]


def monitoring_page(store: Store, *, today: Callable[[], date] = date.today) -> MonitoringPage:
    """The page this PC's site kind sees."""
    from desktop.services import monitoring  # noqa: PLC0415 - when the page is first shown

    audience = monitoring.audience_of(store)
    source: DashboardSource
    if audience is Audience.PROVINCE:
        source = province_source(store)
    else:

        def count(flt: MonitoringFilter) -> Dashboard:
            return monitoring.local_dashboard(store, flt, today=today())

        source = LocalSource(count)
    page = MonitoringPage(audience, source, store=store, today=today)
    if audience is not Audience.PROVINCE:
        # The Province's figures are the server's: a change on this PC does not move them.
        follow_changes(
            page,
            Changes(referrals=True, projects=True, persons=True, site=True, reference=True),
            page.refresh,
        )
    return page


def province_source(store: Store) -> ProvinceSource:
    """The server's protected tables for a period (one request, off the GUI thread), and the
    rows of a track, an Ambito or a CPI chosen among them on this PC."""
    from desktop.services.monitoring.province import (  # noqa: PLC0415 - when first shown
        DEFAULT_SITE_NAME,
        fetch_province_tables,
        province_dashboard,
    )
    from desktop.services.sites import own_site  # noqa: PLC0415

    site = own_site(store)
    site_name = site.name if site is not None else DEFAULT_SITE_NAME

    def fetch(flt: MonitoringFilter) -> object:
        return fetch_province_tables(store, flt)

    def select(response: object, flt: MonitoringFilter) -> Dashboard:
        assert isinstance(response, MonitoringResponse)
        return province_dashboard(response, flt, site_name)

    return ProvinceSource(fetch, select)
