"""The Province's PC fetches its dashboard from a real server process; no other site may."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop.demo.seed import seed_demo
from desktop.domain.monitoring import Audience, MonitoringFilter
from desktop.services.monitoring.province import fetch_province_dashboard
from sync.client.errors import RequestRefusedError
from tests.sync.e2e.live import LiveServer, Office

Offices = Callable[[str], Office]
# Five years of whole quarters, the longest period the server answers for.
PERIOD = MonitoringFilter(start=date(2022, 1, 1), end=date(2026, 12, 31))


def _counted(server: LiveServer, where: str = "", **params: str) -> int:
    """A plain SQL count of what the tables count: live referrals created in the period."""
    rows = server.query(
        "SELECT count(*) FROM record WHERE table_name = 'referral' AND NOT deleted "
        "AND NOT quarantined AND month BETWEEN '2022-01' AND '2026-12' "
        "AND track IN ('neet', 'cmd') " + where,
        **params,
    )
    return int(rows[0][0])


def test_the_province_pc_fetches_its_dashboard(office: Offices, server: LiveServer) -> None:
    sender = office("AMB-LUINO")
    sender.sync()
    seed_demo(sender.store, referrals=40, seed=18, today=date(2026, 11, 20))
    sender.sync()
    province = office("PROVINCIA-VA")
    province.sync()

    dashboard = fetch_province_dashboard(province.store, PERIOD)
    assert dashboard.audience is Audience.PROVINCE
    assert dashboard.site_name and "PROVINCIA-VA" not in dashboard.site_name
    assert dashboard.figure("totale").value.amount == _counted(server)
    for track in ("neet", "cmd"):
        figure = dashboard.figure(f"percorso_{track}").value
        assert figure.suppressed or figure.amount == _counted(server, "AND track = :t", t=track)
    by_ambito = dashboard.chart("per_ambito")
    assert by_ambito.totals is not None
    assert sum(v.amount or 0 for v in by_ambito.totals) <= _counted(server)
    luino = next(c for c in dashboard.ambiti if "Luino" in c.label)
    # The Ambito filter selects its row of the same answer.
    mine = fetch_province_dashboard(
        province.store,
        MonitoringFilter(start=PERIOD.start, end=PERIOD.end, ambito_id=luino.key),
    ).chart("per_ambito")
    assert [c.key for c in mine.categories] == [luino.key]
    assert mine.totals is not None
    assert mine.totals[0].amount == _counted(server, "AND owner_site = :s", s="AMB-LUINO")
    assert "<5" in " ".join(dashboard.notes)


def test_another_site_is_refused_in_italian(office: Offices) -> None:
    sender = office("AMB-TRADATE")
    with pytest.raises(RequestRefusedError) as refused:
        fetch_province_dashboard(sender.store, PERIOD)
    assert refused.value.status == 403
    assert "riservati alla sede della Provincia" in str(refused.value)
