"""The Province's dashboard drawn from the server's protected answer: rows and columns selected
by the filters, withheld cells kept withheld, totals true, Italian labels, no codes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.errors import ServiceError
from desktop.domain.monitoring import Audience, ChartKind, MonitoringFilter, Unit
from desktop.services.monitoring.province import province_dashboard
from sync.protocol.codes import Outcome, ReferralStatus
from sync.protocol.monitoring_wire import (
    Cell,
    CentreResponseTimes,
    Label,
    MonitoringResponse,
    MonitoringTable,
    ResponseTimeRow,
)
from sync.server.monitoring import monitoring
from tests.sync.server.monitoring_seed import Network, open_db, random_network

PERIOD = MonitoringFilter(start=date(2026, 1, 1), end=date(2026, 6, 30))
CODES = {status.value for status in ReferralStatus} | {outcome.value for outcome in Outcome}


@pytest.fixture
def answer(tmp_path: Path) -> Iterator[tuple[MonitoringResponse, Network]]:
    db = open_db(f"sqlite:///{tmp_path / 'server.sqlite'}")
    try:
        network = random_network(
            db,
            random.Random(1),
            ambiti=3,
            third_sector=1,
            centres=3,
            referrals=200,
            small_tracks=False,
        )
        yield monitoring(db, PERIOD.start, PERIOD.end), network
    finally:
        db.engine.dispose()


def _table(response: MonitoringResponse, key: str) -> MonitoringTable:
    return next(table for table in response.tables if table.key == key)


def test_every_table_becomes_a_chart_with_true_totals_and_withheld_cells_kept(
    answer: tuple[MonitoringResponse, Network],
) -> None:
    response, network = answer
    dashboard = province_dashboard(response, PERIOD, "Provincia di Varese")
    assert dashboard.audience is Audience.PROVINCE
    assert dashboard.figure("totale").value.amount == len(network.referrals)
    assert [s.key for s in dashboard.sections] == [
        "rete",
        "ambiti",
        "cpi",
        "stati",
        "trimestri",
        "esiti",
        "tempi",
        "progetti",
    ]
    for chart_key, table_key in (("per_ambito", "ambito"), ("per_cpi", "job_centre")):
        chart = dashboard.chart(chart_key)
        table = _table(response, table_key)
        assert chart.kind is ChartKind.STACKED_BAR and chart.unit is Unit.COUNT
        assert [c.key for c in chart.categories] == [row.key for row in table.rows]
        assert [c.label for c in chart.categories] == [row.label for row in table.rows]
        assert [s.key for s in chart.series] == ["neet", "cmd"]
        assert chart.totals is not None
        for value, cell in zip(chart.totals, table.row_totals, strict=True):
            assert value.amount == (None if cell.suppressed else cell.count)
            assert value.suppressed == cell.suppressed
        for index, series in enumerate(chart.series):
            for value, row in zip(series.values, table.cells, strict=True):
                assert value.suppressed == row[index].suppressed
                assert value.amount == (None if row[index].suppressed else row[index].count)
                assert value.drill is None  # the Province holds no records
    withheld = sum(value.suppressed for chart in dashboard.charts() for value in chart.values())
    assert withheld > 0  # in the status and outcome tables at least
    assert dashboard.chart("per_trimestre").kind is ChartKind.LINE
    assert [c.label for c in dashboard.chart("per_trimestre").categories] == [
        "I trimestre 2026",
        "II trimestre 2026",
    ]
    # Codes never reach the page: statuses, outcomes and sources carry Italian labels.
    for key in ("per_stato", "esiti", "progetti_per_fonte"):
        labels = [c.label for c in dashboard.chart(key).categories]
        assert labels and not set(labels) & CODES, labels
    assert "Presa in carico" in [c.label for c in dashboard.chart("per_stato").categories]
    assert dashboard.chart("per_stato").series[0].label == "NEET"
    assert "" not in [c.key for c in dashboard.chart("esiti").categories]
    outcomes = next(section for section in dashboard.sections if section.key == "esiti")
    assert outcomes.note.startswith("Segnalazioni ancora senza esito:")
    assert "<5" in " ".join(dashboard.notes)


def test_the_filters_select_rows_and_columns_without_asking_again(
    answer: tuple[MonitoringResponse, Network],
) -> None:
    response, _network = answer
    ambito = _table(response, "ambito").rows[1]
    centre = _table(response, "job_centre").rows[0]
    flt = MonitoringFilter(
        start=PERIOD.start,
        end=PERIOD.end,
        track="cmd",
        ambito_id=ambito.key,
        job_centre_id=centre.key,
    )
    dashboard = province_dashboard(response, flt, "Provincia di Varese")
    by_ambito = dashboard.chart("per_ambito")
    assert [c.key for c in by_ambito.categories] == [ambito.key]
    assert [s.key for s in by_ambito.series] == ["cmd"]
    cells = _table(response, "ambito").cells[1]
    assert by_ambito.series[0].values[0].amount == (None if cells[1].suppressed else cells[1].count)
    assert [c.key for c in dashboard.chart("per_cpi").categories] == [centre.key]
    assert [c.key for c in dashboard.chart("tempi_ricezione").categories] == [centre.key]
    # Tables that do not cross Ambito or CPI stay whole, and say so.
    assert len(dashboard.chart("per_trimestre").categories) == 2
    assert "Tutta la rete" in dashboard.chart("per_stato").note
    # The CPI table does not cross the Ambito either, nor the Ambito table the CPI.
    assert "Tutta la rete" in dashboard.chart("per_cpi").note
    assert "Tutta la rete" in dashboard.chart("per_ambito").note
    assert "entrambi i percorsi" in dashboard.chart("tempi_ricezione").note
    assert dashboard.figure("selezione_ambito").label.endswith(ambito.label)
    # The options of the filters are the rows of the answer.
    assert [c.key for c in dashboard.ambiti] == [r.key for r in _table(response, "ambito").rows]


def _small_answer(split: bool) -> MonitoringResponse:
    tracks = [Label(key="neet"), Label(key="cmd")]
    hidden = Cell(count=None, suppressed=True)

    def table(key: str, rows: list[Label]) -> MonitoringTable:
        if split:
            return MonitoringTable(
                key=key,
                rows=rows,
                columns=tracks,
                cells=[[hidden, hidden], [hidden, hidden]]
                + [[Cell(count=9), Cell(count=7)]] * (len(rows) - 2),
                row_totals=[hidden, hidden] + [Cell(count=16)] * (len(rows) - 2),
                column_totals=[Cell(count=12), Cell(count=10)],
                total=22,
            )
        return MonitoringTable(
            key=key,
            rows=rows,
            columns=[],
            cells=[[] for _ in rows],
            row_totals=[hidden, hidden] + [Cell(count=6)] * (len(rows) - 2),
            column_totals=[],
            total=8,
        )

    rows = {
        "ambito": [
            Label(key="a1", label="Ambito di Saronno"),
            Label(key="a2", label="Ambito di Tradate"),
            Label(key="a3", label="Ambito di Luino"),
        ],
        "job_centre": [
            Label(key="c1", label="CPI di Varese"),
            Label(key="c2", label="CPI di Luino"),
            Label(key="c3", label="CPI di Gallarate"),
        ],
        "status": [Label(key="sent"), Label(key="received"), Label(key="concluded")],
        "quarter": [
            Label(key="2026-Q1", label="I trimestre 2026"),
            Label(key="2026-Q2", label="II trimestre 2026"),
            Label(key="2026-Q3", label="III trimestre 2026"),
        ],
        "outcome": [Label(key="hired"), Label(key="unreachable"), Label(key="")],
    }
    return MonitoringResponse(
        generated_at="2026-07-01T08:00:00Z",
        requested_start=date(2026, 1, 1),
        requested_end=date(2026, 9, 30),
        start=date(2026, 1, 1),
        end=date(2026, 9, 30),
        quarters=rows["quarter"],
        split_by_track=split,
        tracks=tracks,
        track_totals=[Cell(count=12), Cell(count=10)] if split else [hidden, hidden],
        total=22 if split else 8,
        tables=[table(key, value) for key, value in rows.items()],
        response_times=[
            CentreResponseTimes(
                job_centre=rows["job_centre"][0],
                receipt=ResponseTimeRow(count=12, median=3.0, p90=9.5),
                taking_in_charge=ResponseTimeRow(count=None, suppressed=True),
            )
        ],
    )


def test_withheld_cells_stay_withheld_and_response_times_too() -> None:
    dashboard = province_dashboard(_small_answer(split=True), PERIOD, "Provincia di Varese")
    chart = dashboard.chart("per_ambito")
    assert chart.totals is not None
    assert chart.totals[0].suppressed and chart.totals[0].amount is None
    assert chart.series[0].values[0].suppressed
    assert chart.totals[2].amount == 16
    receipt = dashboard.chart("tempi_ricezione")
    assert receipt.unit is Unit.DAYS
    assert [v.amount for v in receipt.series[0].values] == [3.0]
    assert [v.amount for v in receipt.series[1].values] == [9.5]
    in_charge = dashboard.chart("tempi_presa_in_carico")
    assert all(v.suppressed and v.amount is None for s in in_charge.series for v in s.values)
    outcomes = next(section for section in dashboard.sections if section.key == "esiti")
    assert outcomes.note == "Segnalazioni ancora senza esito: 16."
    # The period asked for was whole quarters: no note about widening it.
    assert not any("esteso" in note for note in dashboard.notes)


def test_a_response_not_split_by_track_cannot_be_filtered_by_track() -> None:
    response = _small_answer(split=False)
    whole = province_dashboard(response, PERIOD, "Provincia di Varese")
    assert [s.key for s in whole.chart("per_cpi").series] == ["totale"]
    assert whole.figure("percorso_cmd").value.suppressed
    assert any("non sono suddivise per percorso" in note for note in whole.notes)
    neet = MonitoringFilter(start=PERIOD.start, end=PERIOD.end, track="neet")
    chart = province_dashboard(response, neet, "Provincia di Varese").chart("per_cpi")
    assert all(v.suppressed for v in chart.series[0].values)
    assert "non suddivisi per percorso" in chart.note
    assert chart.totals is not None and chart.totals[2].amount == 6


def test_a_track_that_does_not_exist_is_refused_in_italian() -> None:
    bad = MonitoringFilter(start=PERIOD.start, end=PERIOD.end, track="xyz")
    with pytest.raises(ServiceError, match="Percorso non valido"):
        province_dashboard(_small_answer(split=True), bad, "Provincia di Varese")
