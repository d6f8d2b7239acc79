"""``GET /monitoring``: the Province only, periods checked, figures equal to a plain count."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sync.protocol.monitoring import Quarter, days_between, response_times
from sync.protocol.monitoring_wire import MonitoringResponse
from sync.server.db import Record, ServerSite, next_revisions
from sync.server.monitoring import monitoring
from tests.sync.server.monitoring_seed import PROVINCE, Network, open_db, random_network
from tests.sync.server.support import Device, Live, live_server

_OPEN: list[Device] = []


@pytest.fixture
def seeded(sqlite_url: str) -> Iterator[tuple[Live, Network]]:
    with live_server(sqlite_url) as live:
        network = random_network(
            live.db,
            random.Random(18),
            ambiti=3,
            third_sector=1,
            centres=3,
            referrals=260,
            small_tracks=False,
        )
        try:
            yield live, network
        finally:
            while _OPEN:
                _OPEN.pop().close()


def _device(live: Live, site: str) -> Device:
    device = Device(live, site)
    _OPEN.append(device)
    return device


def test_only_the_province_reads_the_tables(seeded: tuple[Live, Network]) -> None:
    live, _network = seeded
    for site in ("AMB-01", "ETS-01", "CPI-SITE-1"):
        answer = _device(live, site).http.get(
            "/monitoring", params={"start": "2026-01-01", "end": "2026-06-30"}
        )
        assert answer.status_code == 403
        assert (
            answer.json()["detail"] == "I dati aggregati sono riservati alla sede della Provincia."
        )
    anonymous = _device(live, PROVINCE)
    anonymous.http.headers["Authorization"] = "Bearer not-a-token"
    assert anonymous.http.get("/monitoring", params={"start": "2026-01-01"}).status_code == 401


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-13-01", "end": "2026-06-30"}, "Data di inizio del periodo non valida"),
        ({"start": "2026-01-01", "end": "30/06/2026"}, "Data di fine del periodo non valida"),
        ({"start": "2026-1-1", "end": "2026-06-30"}, "Data di inizio del periodo non valida"),
        ({"start": "2026-01-01\x00", "end": "2026-06-30"}, "Data di inizio del periodo non valida"),
        ({"start": "x" * 5000, "end": "2026-06-30"}, "Data di inizio del periodo non valida"),
        ({"end": "2026-06-30"}, "Manca la data di inizio"),
        ({"start": "2026-01-01"}, "Manca la data di fine"),
        ({"start": "2026-06-30", "end": "2026-01-01"}, "precede quella di inizio"),
        ({"start": "2000-01-01", "end": "2026-06-30"}, "Periodo troppo lungo"),
        ({"start": "0001-01-01", "end": "9999-12-31"}, "Periodo troppo lungo"),
    ],
)
def test_bad_periods_are_refused_in_italian(
    seeded: tuple[Live, Network], params: dict[str, str], message: str
) -> None:
    live, _network = seeded
    answer = _device(live, PROVINCE).http.get("/monitoring", params=params)
    assert answer.status_code == 422
    assert message in answer.json()["detail"]


def test_the_figures_are_a_plain_count_of_the_records(seeded: tuple[Live, Network]) -> None:
    live, network = seeded
    # A period inside the quarters is widened to them.
    answer = _device(live, PROVINCE).http.get(
        "/monitoring", params={"start": "2026-02-10", "end": "2026-05-03"}
    )
    assert answer.status_code == 200, answer.text
    body = MonitoringResponse.model_validate_json(answer.content)
    assert (body.start, body.end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert [q.label for q in body.quarters] == ["I trimestre 2026", "II trimestre 2026"]
    referrals = network.referrals
    assert body.total == len(referrals)
    assert body.split_by_track
    assert [c.count for c in body.track_totals] == [
        sum(r.track == track for r in referrals) for track in ("neet", "cmd")
    ]
    axis = {
        "ambito": lambda r: r.sender,
        "job_centre": lambda r: r.centre,
        "status": lambda r: r.status,
        "quarter": lambda r: Quarter.of(date.fromisoformat(f"{r.month}-01")).key,
        "outcome": lambda r: r.outcome,
    }
    withheld = 0
    for table in body.tables:
        counted = Counter((axis[table.key](r), r.track) for r in referrals)
        rows = Counter(axis[table.key](r) for r in referrals)
        assert table.total == len(referrals)
        assert set(rows) <= {row.key for row in table.rows}
        for row, cells, total in zip(table.rows, table.cells, table.row_totals, strict=True):
            assert total.count in (None, rows[row.key])
            for column, cell in zip(table.columns, cells, strict=True):
                assert cell.count in (None, counted[row.key, column.key])
                assert cell.suppressed == (cell.count is None)
                withheld += cell.suppressed
        # Ambiti and CPI carry their names, never a code.
        if table.key in ("ambito", "job_centre"):
            assert all(
                row.label and not row.label.startswith(("AMB-", "CPI-")) for row in table.rows
            )
    assert withheld > 0
    for centre in body.response_times:
        mine = [r for r in referrals if r.centre == centre.job_centre.key]
        receipt = response_times(days_between(r.sent_on, r.received_on) for r in mine)
        if receipt.count >= 5:
            assert (centre.receipt.count, centre.receipt.median, centre.receipt.p90) == (
                receipt.count,
                receipt.median,
                receipt.p90,
            )
        else:
            assert centre.receipt.suppressed and centre.receipt.median is None
        charge = response_times(days_between(r.sent_on, r.taken_on) for r in mine)
        assert centre.taking_in_charge.count in (None, charge.count)
    sources: dict[str, tuple[set[str], int]] = {}
    for project, source, amount, _year in network.funding:
        projects, total = sources.get(source, (set(), 0))
        sources[source] = (projects | {project}, total + amount)
    assert body.funding
    assert {row.source.key: (row.projects, row.amount_cents) for row in body.funding} == {
        source: (len(projects), total) for source, (projects, total) in sources.items()
    }
    # Nothing about a person travels: no person id, no fiscal code, no name.
    assert "person" not in answer.text


def test_a_quarter_with_no_referral_is_all_zeros(seeded: tuple[Live, Network]) -> None:
    live, _network = seeded
    answer = _device(live, PROVINCE).http.get(
        "/monitoring", params={"start": "2027-01-01", "end": "2027-03-31"}
    )
    body = MonitoringResponse.model_validate_json(answer.content)
    assert body.total == 0
    for table in body.tables:
        assert all(cell.count == 0 for cell in table.row_totals)


def test_every_new_revision_and_every_site_change_is_counted_at_once(tmp_path: Path) -> None:
    """The server keeps what it read between requests: a write or a renamed site must show."""
    db = open_db(f"sqlite:///{tmp_path / 'server.sqlite'}")
    try:
        network = random_network(db, random.Random(3), referrals=30, third_sector=1, outside=False)
        before = monitoring(db, network.start, network.end)
        with db.write() as session:
            # Past the seed's own revisions, which it wrote without the counter.
            revision = next_revisions(session, 100_000)[-1]
            session.add(
                Record(
                    table_name="referral", id=str(uuid.uuid4()), revision=revision,
                    owner_site="AMB-01", updated_at=datetime.now(UTC),
                    data={"track": "neet", "status": "sent", "created_on": "2026-02-03"},
                    track="neet", status="sent", month="2026-02",
                    job_centre_id=next(iter(network.centres)),
                )
            )  # fmt: skip
        after = monitoring(db, network.start, network.end)
        assert after.total == before.total + 1
        with db.write() as session:
            site = session.get(ServerSite, "ETS-01")
            assert site is not None
            site.name = "Cooperativa Il Ponte"
        renamed = monitoring(db, network.start, network.end)
        ambiti = next(table for table in renamed.tables if table.key == "ambito")
        assert "Cooperativa Il Ponte" in [row.label for row in ambiti.rows]
    finally:
        db.engine.dispose()
