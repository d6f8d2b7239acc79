"""The dry run's report, read back with openpyxl: the rows as read, Esito and Errori, colours
and comments on the cells at fault, a summary sheet, and no formula ever written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.services.audit import list_audit
from desktop.services.imports.model import ImportKind, SourceNotice
from desktop.services.imports.plan import dry_run
from desktop.services.imports.report import ERROR_FILL, WARNING_FILL, save_report, write_report
from desktop.store.engine import Store
from tests.imports import engine_support as es
from tests.services_support import Network, build_network

TODAY = date(2026, 11, 27)


@pytest.fixture
def network(store: Store) -> Network:
    return build_network(store)


def test_the_report_holds_every_row_with_its_verdict_and_issues(
    store: Store, network: Network, tmp_path: Path
) -> None:
    good = [*es.fake_person(0), "0332 123456"]
    last, first, born, code = es.fake_person(1)
    bad_date = [last, first, "31/02/2001", code, None]
    formula = ['=HYPERLINK("http://x")', "+39", born, code, "@SUM(A1)"]
    renamed = ["Ferrari", "Giulietta", *es.fake_person(2)[2:], None]
    table = es.table(es.PERSON_HEADERS, [good, bad_date, formula, renamed, good], hidden=[5])
    table = table.__class__(
        **{
            **table.__dict__,
            "notices": (SourceNotice("Righe 1-1 saltate: titolo sopra l'intestazione.", row=1),),
        }
    )
    plan = dry_run(
        store,
        table,
        es.mapping(ImportKind.PERSONS, es.PERSON_MAPPING),
        actor=network.ambito,
        today=TODAY,
    )
    path = tmp_path / "report.xlsx"
    write_report(path, plan)
    assert not (tmp_path / "report.xlsx.part").exists()
    book = load_workbook(path)
    assert book.sheetnames == ["Riepilogo", "Righe"]
    summary = {row[0]: row[1] for row in book["Riepilogo"].iter_rows(values_only=True)}
    assert summary["File"] == "invii.xlsx"
    assert summary["Foglio"] == "Foglio1"
    assert summary["Data della prova"].date() == TODAY
    assert book["Riepilogo"]["B4"].number_format == "DD/MM/YYYY"
    assert (summary["Da creare"], summary["Scartate"], summary["Da decidere"]) == (2, 3, 0)
    assert summary["Colonne non importate"] == "nessuna"
    assert summary["Avvisi della lettura"] == "Righe 1-1 saltate: titolo sopra l'intestazione."

    sheet = book["Righe"]
    header = [cell.value for cell in sheet[1]]
    assert header == [*es.PERSON_HEADERS, "Esito", "Errori", "Modifiche", "Riga del file"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[5] for row in rows] == [
        "Da creare",
        "Scartata",
        "Scartata",
        "Da creare",
        "Scartata",
    ]
    assert [row[8] for row in rows] == [2, 3, 4, 5, 6]
    # Dates are date cells shown gg/mm/aaaa; the text as the file had it stays text.
    assert sheet["C2"].value.date() == good[2]
    assert sheet["C2"].number_format == "DD/MM/YYYY"
    assert sheet["C3"].value == "31/02/2001"
    assert sheet["C3"].fill.start_color.rgb.endswith(ERROR_FILL)
    assert "31/02/2001" in sheet["C3"].comment.text
    assert rows[1][6] == "Colonna C (Data di nascita): «31/02/2001» non è una data esistente."
    # A name that does not match the codice fiscale: a warning, yellow, on the code's cell.
    assert sheet["D5"].fill.start_color.rgb.endswith(WARNING_FILL)
    assert "Il nome inserito (Giulietta" in sheet["D5"].comment.text
    assert rows[3][6].startswith("La riga è nascosta nel file.\nColonna D (Codice fiscale): ")
    assert rows[4][6] == "Riga duplicata: stessa persona della riga 2."
    # A cell that looks like a formula is written as text, never as a live formula.
    for ref in ("A4", "B4", "E4"):
        assert sheet[ref].data_type == "s"
    assert sheet["A4"].value == '=HYPERLINK("http://x")'
    assert sheet["E4"].value == "@SUM(A1)"
    formulas = [
        cell.coordinate
        for worksheet in book.worksheets
        for row in worksheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []


def test_updates_name_their_changes_and_unmapped_columns_are_listed(
    store: Store, network: Network, tmp_path: Path
) -> None:
    table = es.person_table(2)
    mapping = es.mapping(ImportKind.PERSONS, {**es.PERSON_MAPPING, "Telefono": None})
    plan = dry_run(store, table, mapping, actor=network.ambito, today=TODAY)
    path = tmp_path / "report.xlsx"
    write_report(path, plan)
    book = load_workbook(path, read_only=True)
    summary = {row[0]: row[1] for row in book["Riepilogo"].iter_rows(values_only=True)}
    assert summary["Colonne non importate"] == "Telefono"
    book.close()


def test_a_failed_write_leaves_no_file(
    store: Store, network: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = dry_run(
        store,
        es.person_table(2),
        es.mapping(ImportKind.PERSONS, es.PERSON_MAPPING),
        actor=network.ambito,
        today=TODAY,
    )
    from desktop.services.imports import report  # noqa: PLC0415

    def broken(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "_summary_lines", broken)
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(OSError):
        write_report(folder / "report.xlsx", plan)
    assert list(folder.iterdir()) == []


def test_saving_the_report_is_audited_as_an_export(
    store: Store, network: Network, tmp_path: Path
) -> None:
    """The report copies the file's personal data and names the store's near matches: it
    leaves Trama as an export does, with an audit row that names no one."""
    table = es.table(es.PERSON_HEADERS, [[*es.fake_person(0), None], [*es.fake_person(1), None]])
    plan = dry_run(
        store,
        table,
        es.mapping(ImportKind.PERSONS, es.PERSON_MAPPING),
        actor=network.ambito,
        today=TODAY,
    )
    save_report(store, tmp_path / "esito.xlsx", plan, actor=network.ambito)
    assert (tmp_path / "esito.xlsx").is_file()
    rows = [row for row in list_audit(store, limit=10) if row.action == AuditAction.EXPORT]
    assert len(rows) == 1
    assert rows[0].entity == AuditEntity.PERSON_LIST
    assert f"source_sha256={plan.table.source.sha256}" in rows[0].details
    assert "rows=2" in rows[0].details
    last_name = es.fake_person(0)[0]
    assert last_name not in rows[0].details
