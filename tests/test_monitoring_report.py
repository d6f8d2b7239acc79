"""The "Report di monitoraggio": the PDF read back holds every figure and every table value of
the dashboard as the screen shows them, its charts are vector and its fonts embedded; the
workbook holds the same values as numbers; the issue is recorded with the file's SHA-256;
bad input writes and records nothing."""

from __future__ import annotations

import errno
import hashlib
import io
import struct
import zlib
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from desktop.documents.audit_labels import entity_label
from desktop.documents.charts import format_value
from desktop.documents.inputs import Issuer
from desktop.documents.monitoring_report import (
    NOTE_LINES,
    MonitoringReportInput,
    build_monitoring_report,
    chart_table,
    period_words,
    quarter_words,
)
from desktop.domain.audit_actions import AuditAction
from desktop.domain.monitoring import (
    Category,
    Chart,
    ChartKind,
    Dashboard,
    MonitoringFilter,
    Section,
    Series,
    Unit,
    Value,
)
from desktop.services.documents import list_issued_documents
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.monitoring_report import (
    cell_value,
    issue_monitoring_report,
    sheet_names,
    suggested_file_name,
    write_monitoring_workbook,
)
from desktop.store.engine import Store
from desktop.store.models import AuditEntry
from tests.documents_support import ISSUER, fonts_of, ruled_lines, text_of
from tests.monitoring_report_support import dashboards, province_dashboard, sender_dashboard
from tests.services_support import Network, build_network

CREATED = datetime(2026, 10, 2, 9, 0, tzinfo=UTC)


def _png(width: int, height: int) -> bytes:
    """A small blue PNG: the letterhead's logo, the one image a report may hold."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x1f\x3a\x5f" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


LOGO = _png(40, 40)


def _pdf(dashboard: Dashboard, notes: str = "", issuer: Issuer = ISSUER) -> bytes:
    return build_monitoring_report(
        MonitoringReportInput(issuer, dashboard, CREATED, "mrossi (Maria Rossi)", notes)
    )


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {name: _pdf(dashboard) for name, dashboard in dashboards().items()}


@pytest.mark.parametrize("audience", ["sender", "job_centre", "province"])
def test_every_figure_and_every_table_row_is_printed_as_on_screen(
    pdfs: dict[str, bytes], audience: str
) -> None:
    dashboard = dashboards()[audience]
    text = text_of(pdfs[audience])
    for figure in dashboard.figures():
        assert f"{figure.label} {format_value(figure.value, figure.unit)}" in text
    for chart in dashboard.charts():
        assert chart.title in text
        table = chart_table(chart)
        if chart.empty:
            assert (chart.note or "Nessun dato nel periodo scelto.") in text
            continue
        assert " ".join(table.header) in text
        for label, values in table.rows:
            # The category's label, then its values in order, each as the screen prints it.
            row = " ".join([label, *(format_value(value, chart.unit) for value in values)])
            assert row in text, f"{chart.key}: {row!r}"


def test_the_tables_print_withheld_cells_and_missing_values_as_the_screen_does(
    pdfs: dict[str, bytes],
) -> None:
    province = text_of(pdfs["province"])
    assert "Ambito di Arcisate <5 7 9" in province  # the total stays true
    assert "Fondo povertà <5" in province
    assert "«<5»: valore non pubblicato" in province  # the legend, for the Province
    sender = text_of(pdfs["sender"])
    assert "CPI di Varese 4 gg 10 gg –" in sender
    assert "Budget dei progetti € 123.450,50" in sender
    assert "«<5»" not in sender  # nothing withheld on a PC's own counts


def test_the_cover_says_who_issued_what_for_which_period(pdfs: dict[str, bytes]) -> None:
    text = text_of(pdfs["sender"])
    assert "Report di monitoraggio Ambito di Saronno" in text
    assert "III trimestre 2026 (dal 1° luglio 2026 al 30 settembre 2026)" in text
    assert "Percorso: tutti; Ambito: tutti; CPI: tutti; In attesa: da più di 30 giorni" in text
    assert "Emesso da mrossi (Maria Rossi)" in text
    assert "Emesso il 02/10/2026 alle 11:00" in text
    assert "Fonte dei dati archivio di questo computer" in text
    assert ISSUER.name in text  # the letterhead
    job_centre = text_of(pdfs["job_centre"])
    assert "Percorso: Collocamento mirato (CMD)" in job_centre  # a label, never the code
    assert "Percorso: cmd" not in job_centre
    province = text_of(pdfs["province"])
    assert "dal I al III trimestre 2026" in province
    assert "Fonte dei dati server provinciale del 02/10/2026 alle 10:30" in province


def test_period_and_quarters_in_words() -> None:
    assert period_words(date(2026, 7, 1), date(2026, 9, 30)) == (
        "dal 1° luglio 2026 al 30 settembre 2026"
    )
    assert quarter_words(date(2026, 7, 1), date(2026, 9, 30)) == "III trimestre 2026"
    assert quarter_words(date(2025, 10, 1), date(2026, 3, 31)) == (
        "dal IV trimestre 2025 al I trimestre 2026"
    )
    assert quarter_words(date(2026, 1, 1), date(2026, 12, 31)) == "anno 2026"
    assert quarter_words(date(2026, 7, 1), date(2026, 9, 29)) == ""  # not whole quarters


def test_every_page_is_numbered(pdfs: dict[str, bytes]) -> None:
    pages = PdfReader(io.BytesIO(pdfs["province"])).pages
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} di {len(pages)}" in (page.extract_text() or "")


def test_a_long_table_repeats_its_header_on_the_next_page(pdfs: dict[str, bytes]) -> None:
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdfs["province"])).pages]
    holding = [text for text in pages if "Comune di prova n." in text and "Segnalazioni" in text]
    assert len(holding) >= 2  # the 40 comuni's table continues...
    assert all("Comune" in text and "Segnalazioni" in text for text in holding)  # ...headed


def _image_xobjects(pdf: bytes) -> list[object]:
    images = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get_object().get("/Subtype") == "/Image":
                images.append(xobject)
    return images


def test_charts_are_vector_graphics_and_only_the_logo_is_an_image(
    pdfs: dict[str, bytes],
) -> None:
    for pdf in pdfs.values():
        assert _image_xobjects(pdf) == []
    with_logo = _pdf(sender_dashboard(), issuer=replace(ISSUER, logo=LOGO))
    assert len(_image_xobjects(with_logo)) == 1  # the letterhead's, on the first page


def test_every_font_is_embedded(pdfs: dict[str, bytes]) -> None:
    for pdf in pdfs.values():
        fonts = fonts_of(pdf)
        assert fonts
        for font in fonts:
            descendant = (
                font["/DescendantFonts"][0].get_object()  # type: ignore[index]
                if "/DescendantFonts" in font
                else font
            )
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_notes_are_printed_or_left_to_be_written_by_hand(pdfs: dict[str, bytes]) -> None:
    assert "Osservazioni del Tavolo (da compilare a mano)." in text_of(pdfs["sender"])
    notes = "Crescono le segnalazioni CMD <da verificare> & da discutere.\n\nSecondo punto."
    text = text_of(_pdf(sender_dashboard(), notes=notes))
    assert "Crescono le segnalazioni CMD <da verificare> & da discutere." in text
    assert "Secondo punto." in text
    assert "da compilare a mano" not in text


def test_a_dashboard_of_empty_charts_still_makes_a_report() -> None:
    empty = replace(
        sender_dashboard(),
        sections=(
            Section(
                "nothing",
                "Nulla da mostrare",
                charts=(Chart("none", "Segnalazioni", ChartKind.BAR, Unit.COUNT, (), ()),),
            ),
        ),
    )
    text = text_of(_pdf(empty))
    assert "Nessun dato nel periodo scelto." in text


def test_the_same_input_gives_the_same_bytes() -> None:
    assert _pdf(province_dashboard()) == _pdf(province_dashboard())


# --- the workbook ------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", ["sender", "job_centre", "province"])
def test_the_workbook_holds_the_dashboards_values_as_numbers(tmp_path: Path, audience: str) -> None:
    dashboard = dashboards()[audience]
    output = tmp_path / "report.xlsx"
    write_monitoring_workbook(dashboard, output, now=CREATED)
    workbook = load_workbook(output)
    charts = list(dashboard.charts())
    assert workbook.sheetnames == ["Copertina", "Sintesi", *sheet_names(dashboard)]
    summary = list(workbook["Sintesi"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[2]) for row in summary] == [
        (figure.label, cell_value(figure.value, figure.unit)) for figure in dashboard.figures()
    ]
    for chart, name in zip(charts, sheet_names(dashboard), strict=True):
        sheet = workbook[name]
        assert sheet["A1"].value == chart.title
        table = chart_table(chart)
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        assert rows[0][: len(table.header)] == table.header
        if chart.empty:
            assert rows[1][0] == "Nessun dato nel periodo scelto."
            continue
        expected = [
            (label, *(cell_value(value, chart.unit) for value in values))
            for label, values in table.rows
        ]
        assert [row[: len(table.header)] for row in rows[1:]] == expected
        for row in rows[1:]:
            for cell in row[1 : len(table.header)]:
                assert isinstance(cell, int | float) or cell in ("<5", "–")


def test_workbook_cells_units_and_cover(tmp_path: Path) -> None:
    output = tmp_path / "provincia.xlsx"
    write_monitoring_workbook(province_dashboard(), output, now=CREATED)
    workbook = load_workbook(output)
    cover = {row[0]: row[1] for row in workbook["Copertina"].iter_rows(min_row=3, values_only=True)}
    assert cover["Ente"] == "Provincia di Varese"
    assert cover["Dal"] == datetime(2026, 1, 1)  # a real date (openpyxl reads it as midnight)
    assert cover["Al"] == datetime(2026, 9, 30)
    assert cover["Dati aggiornati al"] == datetime(2026, 10, 2, 10, 30)  # Rome's wall clock
    assert "«<5»" in cover["Legenda"]
    assert workbook["Copertina"]["B5"].number_format == "DD/MM/YYYY"
    funding = workbook[sheet_names(province_dashboard())[-1]]
    assert funding["B5"].value == 600000.0  # euro, not cents
    assert funding["B7"].value == "<5"
    assert cell_value(Value(12.5), Unit.PERCENT) == 0.125
    assert cell_value(Value(12.5), Unit.DAYS) == 12.5
    assert cell_value(Value(None), Unit.DAYS) == "–"


def test_sheet_names_are_valid_and_unique() -> None:
    long = "Segnalazioni per Ambito: [NEET/CMD] e percorso *quasi* uguali?"
    charts = tuple(
        Chart(f"c{index}", title, ChartKind.BAR, Unit.COUNT, (), ())
        for index, title in enumerate([long, long, "sintesi", "Copertina"])
    )
    dashboard = replace(sender_dashboard(), sections=(Section("s", "S", charts=charts),))
    names = sheet_names(dashboard)
    assert names[0] == "Segnalazioni per Ambito…"
    assert names[1] == "Segnalazioni per Ambito… (2)"
    assert names[2:] == ["sintesi (2)", "Copertina (2)"]
    assert len({name.lower() for name in names} | {"copertina", "sintesi"}) == len(names) + 2
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    evil = Category("x", '=HYPERLINK("http://example.invalid","clic")')
    chart = Chart(
        "evil",
        "=1+1",
        ChartKind.BAR,
        Unit.COUNT,
        (evil,),
        (Series("s", "@SUM(A1)", (Value.count(3),)),),
    )
    dashboard = replace(sender_dashboard(), sections=(Section("s", "S", charts=(chart,)),))
    output = tmp_path / "x.xlsx"
    write_monitoring_workbook(dashboard, output, now=CREATED)
    sheet = load_workbook(output)[sheet_names(dashboard)[0]]
    assert sheet["A1"].value == "'=1+1"
    assert sheet["A5"].value.startswith("'=HYPERLINK")
    assert sheet["B4"].value == "'@SUM(A1)"
    assert sheet["A5"].data_type == "s"


# --- issuing -----------------------------------------------------------------------------------


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def _audit(store: Store, action: str) -> list[tuple[str, str, str]]:
    query = select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.details).where(
        AuditEntry.action == action
    )
    with store.read() as session:
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def test_issuing_writes_the_pdf_and_records_its_sha256(
    store: Store, network: Network, tmp_path: Path
) -> None:
    output = tmp_path / "report.pdf"
    issued = issue_monitoring_report(
        store, sender_dashboard(), "Note del Tavolo.", output, actor=network.ambito, now=CREATED
    )
    pdf = output.read_bytes()
    digest = hashlib.sha256(pdf).hexdigest()
    assert issued.sha256 == digest and issued.pdf == pdf and issued.issued_id
    [row] = list_issued_documents(store)
    assert (row.document_type, row.sha256, row.size_bytes) == (
        "monitoring_report",
        digest,
        len(pdf),
    )
    assert row.operator == network.ambito.operator
    [(entity, _id, details)] = _audit(store, AuditAction.ISSUE_DOCUMENT)
    assert entity == "monitoring_report" and details == f"issued_document {row.id}"
    assert entity_label(entity) == "Report di monitoraggio"  # as issued documents are listed
    assert [entity for entity, _id, _details in _audit(store, AuditAction.PRINT)] == [
        "referral_list"
    ]
    text = text_of(pdf)
    assert "Note del Tavolo." in text
    assert "Ambito di Varese" in text  # the letterhead of this PC's body, from its profile
    assert suggested_file_name(sender_dashboard(), "pdf") == (
        "report-monitoraggio-2026-07-01-2026-09-30-ambito-di-saronno.pdf"
    )


@pytest.mark.parametrize(
    ("name", "notes", "message"),
    [
        ("report.xlsx", "", "deve finire in .pdf"),
        ("report", "", "deve finire in .pdf"),
        ("manca/report.pdf", "", "non esiste"),
        ("report.pdf", "x" * 4001, "troppo lunghe"),
    ],
)
def test_bad_input_writes_and_records_nothing(
    store: Store, network: Network, tmp_path: Path, name: str, notes: str, message: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    output = folder / name
    with pytest.raises(ValidationError, match=message):
        issue_monitoring_report(store, sender_dashboard(), notes, output, actor=network.ambito)
    assert list(folder.iterdir()) == []
    assert list_issued_documents(store) == []
    assert _audit(store, AuditAction.ISSUE_DOCUMENT) == []


def test_a_folder_as_output_is_refused(store: Store, network: Network, tmp_path: Path) -> None:
    folder = tmp_path / "cartella.pdf"
    folder.mkdir()
    with pytest.raises(ValidationError, match="è una cartella"):
        issue_monitoring_report(store, sender_dashboard(), "", folder, actor=network.ambito)
    assert list(folder.iterdir()) == []
    assert list_issued_documents(store) == []


def test_a_full_disk_leaves_no_file_and_records_nothing(
    store: Store, network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    output = folder / "report.pdf"
    output.write_bytes(b"the older report")

    def full(self: Path, data: bytes) -> int:
        with self.open("wb") as handle:
            handle.write(data[:100])
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(ServiceError, match="pieno"):
        issue_monitoring_report(store, sender_dashboard(), "", output, actor=network.ambito)
    monkeypatch.undo()
    assert output.read_bytes() == b"the older report"  # not spoiled
    assert sorted(path.name for path in folder.iterdir()) == ["report.pdf"]  # no .part
    assert list_issued_documents(store) == []


def test_the_workbook_export_is_audited_when_a_store_is_given(
    store: Store, network: Network, tmp_path: Path
) -> None:
    output = tmp_path / "report.xlsx"
    write_monitoring_workbook(province_dashboard(), output, store=store, actor=network.ambito)
    [(entity, entity_id, details)] = _audit(store, AuditAction.EXPORT)
    assert (entity, entity_id) == ("referral_list", "")
    assert details == "kind=monitoring; format=xlsx; audience=province; tables=6"
    with pytest.raises(ValidationError, match=r"deve finire in \.xlsx"):
        write_monitoring_workbook(province_dashboard(), tmp_path / "report.pdf", store=store)
    assert not (tmp_path / "report.pdf").exists()


def test_a_table_with_many_series_is_turned_round_with_its_totals_as_a_last_row() -> None:
    statuses = tuple(Category(f"s{index}", f"Stato {index}") for index in range(9))
    chart = Chart(
        "by_track_status",
        "Segnalazioni per percorso e stato",
        ChartKind.STACKED_BAR,
        Unit.COUNT,
        (Category("neet", "NEET"), Category("cmd", "Collocamento mirato (CMD)")),
        tuple(
            Series(
                c.key,
                c.label,
                (Value.count(i), Value(None, suppressed=True) if i == 3 else Value.count(1)),
            )
            for i, c in enumerate(statuses)
        ),
        category_title="Percorso",
    )
    table = chart_table(chart)
    assert table.header == ("Voce", "NEET", "Collocamento mirato (CMD)")
    assert [label for label, _values in table.rows] == [c.label for c in statuses] + ["Totale"]
    assert table.total_row and not table.total_column
    assert table.rows[-1][1] == (Value(36.0), Value(None, suppressed=True))  # as the chart says
    text = text_of(
        _pdf(replace(sender_dashboard(), sections=(Section("s", "S", charts=(chart,)),)))
    )
    assert "Stato 3 3 <5" in text
    assert "Totale 36 <5" in text


def test_a_sparkline_table_has_a_row_per_line_and_adds_up_only_counts() -> None:
    indicators = sender_dashboard().chart("indicators")  # percentages: no total
    table = chart_table(indicators)
    assert table.header == ("Indicatore", "lug 2026", "ago 2026", "set 2026")
    assert not table.total_column and not table.total_row
    statuses = province_dashboard().chart("by_status_quarter")
    table = chart_table(statuses)
    assert table.header[-1] == "Totale" and table.total_column
    assert table.rows[-1] == (
        "Annullata",
        (*statuses.series[-1].values, Value(None, suppressed=True)),
    )


# --- the dashboards the services really build ---------------------------------------------------


def _assert_printed(dashboard: Dashboard, pdf: bytes) -> None:
    text = text_of(pdf)
    for figure in dashboard.figures():
        assert f"{figure.label} {format_value(figure.value, figure.unit)}" in text, figure.key
    for chart in dashboard.charts():
        for label, values in chart_table(chart).rows:
            row = " ".join([label, *(format_value(value, chart.unit) for value in values)])
            assert row in text, f"{chart.key}: {row!r}"


@pytest.fixture
def server_province(tmp_path: Path) -> Dashboard:
    """The Province's dashboard from a server's protected answer (withheld cells and all)."""
    import random  # noqa: PLC0415

    from desktop.services.monitoring.province import province_dashboard  # noqa: PLC0415
    from sync.server.monitoring import monitoring  # noqa: PLC0415
    from tests.sync.server.monitoring_seed import open_db, random_network  # noqa: PLC0415

    db = open_db(f"sqlite:///{tmp_path / 'server.sqlite'}")
    try:
        random_network(db, random.Random(3), ambiti=7, third_sector=2, centres=4,
                       referrals=250, small_tracks=False)  # fmt: skip
        flt = MonitoringFilter(date(2026, 1, 1), date(2026, 6, 30))
        return province_dashboard(monitoring(db, flt.start, flt.end), flt, "Provincia di Varese")
    finally:
        db.engine.dispose()


def test_the_provinces_dashboard_from_the_server_is_printed_whole(
    server_province: Dashboard, tmp_path: Path
) -> None:
    assert any(value.suppressed for chart in server_province.charts() for value in chart.values())
    _assert_printed(server_province, _pdf(server_province))
    output = tmp_path / "provincia.xlsx"
    write_monitoring_workbook(server_province, output, now=CREATED)
    workbook = load_workbook(output)
    for chart, name in zip(server_province.charts(), sheet_names(server_province), strict=True):
        rows = list(workbook[name].iter_rows(min_row=5, values_only=True))
        table = chart_table(chart)
        assert [row[: len(table.header)] for row in rows if table.rows] == [
            (label, *(cell_value(value, chart.unit) for value in values))
            for label, values in table.rows
        ]


@pytest.mark.parametrize("site", ["AMB-VA", "CPI-VA"])
def test_the_pcs_own_dashboards_are_printed_whole(store: Store, site: str) -> None:
    from desktop.domain.codes import SiteKind  # noqa: PLC0415
    from desktop.services.monitoring import local_dashboard  # noqa: PLC0415
    from tests.test_monitoring_figures import as_site, seed_world  # noqa: PLC0415

    seed_world(store, referrals=150)
    as_site(store, site, SiteKind.AMBITO if site.startswith("AMB") else SiteKind.CPI)
    dashboard = local_dashboard(
        store, MonitoringFilter(date(2026, 1, 1), date(2026, 12, 31)), today=date(2026, 11, 27)
    )
    _assert_printed(dashboard, _pdf(dashboard))


def test_the_lines_to_write_notes_on_are_all_on_the_last_page(pdfs: dict[str, bytes]) -> None:
    for pdf in pdfs.values():
        pages = PdfReader(io.BytesIO(pdf)).pages
        last = len(pages) - 1
        assert "da compilare a mano" in (pages[last].extract_text() or "")
        width = 170 * 72 / 25.4  # the A4 frame: 210 mm less two margins of 20 mm
        full = [
            line
            for line in ruled_lines(pdf, last)
            if line.y1 == line.y2 and abs(abs(line.x2 - line.x1) - width) < 1
        ]
        # The heading's rule, the ten lines, the footer's rule.
        assert len(full) >= NOTE_LINES + 2


def test_reportlabs_shape_checks_are_put_back_after_reports_built_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    from reportlab import rl_config  # noqa: PLC0415

    before = rl_config.shapeChecking
    assert before  # the default, which the charts' own tests keep
    with ThreadPoolExecutor(max_workers=3) as pool:
        built = list(pool.map(lambda _n: _pdf(sender_dashboard()), range(3)))
    assert len(set(built)) == 1
    assert rl_config.shapeChecking == before
