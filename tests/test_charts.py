"""The monitoring charts: one definition, drawn as SVG for the screen and as vector PDF."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from desktop.documents.charts import chart_drawing, chart_svg, format_value, sparkline_total
from desktop.domain.monitoring import Category, Chart, ChartKind, Series, Unit, Value

AMBITI = (
    Category("saronno", "Ambito di Saronno"),
    Category("gallarate", "Ambito di Gallarate"),
    Category("sentieri", "Cooperativa Sentieri"),
)


def _chart(kind: ChartKind, unit: Unit = Unit.COUNT) -> Chart:
    return Chart(
        key="example",
        title="Segnalazioni",
        kind=kind,
        unit=unit,
        categories=AMBITI,
        series=(
            Series("neet", "NEET", (Value(12.0), Value(None, suppressed=True), Value(1234.0))),
            Series("cmd", "Collocamento mirato", (Value(5.0), Value(9.0), Value(0.0))),
        ),
        category_title="Ambito",
    )


@pytest.mark.parametrize("kind", list(ChartKind))
def test_every_value_is_drawn_where_a_click_can_find_it(kind: ChartKind) -> None:
    image = chart_drawing(_chart(kind), 480)
    cells = {(hit.series, hit.category) for hit in image.hits}
    assert cells == {(s, c) for s in range(2) for c in range(3)}
    for hit in image.hits:
        assert 0 <= hit.x <= image.width and 0 <= hit.y <= image.height


@pytest.mark.parametrize("kind", [ChartKind.BAR, ChartKind.STACKED_BAR, ChartKind.LINE])
def test_the_svg_names_values_in_italian_and_withheld_cells_as_under_five(kind: ChartKind) -> None:
    svg, _ = chart_svg(_chart(kind), 480)
    root = ET.fromstring(svg)
    texts = {"".join(node.itertext()) for node in root.iter() if node.tag.endswith("text")}
    assert "1.234" in texts or "1.234 *" in texts
    assert "Ambito di Gallarate" in texts
    if kind is not ChartKind.STACKED_BAR:
        assert "<5" in texts
    # QtSvg reads "None" as no rule and would fill lines black.
    assert b"fill: None" not in svg
    assert b"TramaSans" not in svg


def test_the_same_drawing_goes_into_a_pdf_as_vector_graphics() -> None:
    image = chart_drawing(_chart(ChartKind.STACKED_BAR), 480)
    buffer = io.BytesIO()
    renderPDF.drawToFile(image.drawing, buffer)
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    assert "Cooperativa Sentieri" in page.extract_text()
    resources = page["/Resources"]
    assert "/XObject" not in resources  # no raster image: lines and text only


def test_an_empty_chart_says_so() -> None:
    empty = Chart("none", "Nulla", ChartKind.BAR, Unit.COUNT, (), ())
    svg, image = chart_svg(empty, 300)
    assert image.hits == ()
    assert "Nessun dato" in svg.decode()


def test_values_follow_italian_formats() -> None:
    assert format_value(Value(1234.0), Unit.COUNT) == "1.234"
    assert format_value(Value(12.5), Unit.DAYS) == "12,5 gg"
    assert format_value(Value(123450.0), Unit.EURO_CENTS) == "€ 1.234,50"
    assert format_value(Value(None, suppressed=True), Unit.COUNT) == "<5"
    assert format_value(Value(None), Unit.DAYS) == "–"


def test_a_sparkline_row_adds_up_counts_only_and_never_hides_a_known_total() -> None:
    counts = Series("c", "CPI", (Value(10.0), Value(None, suppressed=True), Value(3.0)))
    assert sparkline_total(counts, Unit.COUNT) == "≥ 14"
    assert sparkline_total(Series("c", "CPI", (Value(10.0), Value(3.0))), Unit.COUNT) == "13"
    assert sparkline_total(Series("d", "CPI", (Value(10.0), Value(3.0))), Unit.DAYS) == "–"
