"""Reading real offices' spreadsheets: every case the issue lists, each file built in the test."""

from __future__ import annotations

import hashlib
import time as clock
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from desktop.services.imports import source_table, source_xls, source_xlsx
from desktop.services.imports.fields import normalise_header
from desktop.services.imports.model import (
    ImportCancelled,
    ImportFileError,
    SheetInfo,
    SourceFormat,
    SourceNotice,
    SourceRow,
    SourceTable,
)
from desktop.services.imports.sources import inspect_source, read_table
from tests.imports.workbooks import (
    PERSON_HEADER,
    Sheet,
    person_rows,
    rewrite_member,
    write_csv,
    write_encrypted_xlsx,
    write_formulas_with_cache,
    write_ole2,
    write_workbook,
    write_xls,
    write_xlsx,
)

MARIA = ["ROSSI", "Maria", "RSSMRA01D43L682X", date(2001, 4, 3)]
LUCA = ["BIANCHI", "Luca", "BNCLCU90A01B300K", date(1990, 1, 1)]
HEADER = ["Cognome", "Nome", "Codice fiscale", "Data di nascita"]


def messages(table: SourceTable) -> list[str]:
    return [notice.message for notice in table.notices]


# --- the file as a whole ------------------------------------------------------------------


def test_inspect_gives_format_fingerprint_and_sheets_with_the_first_visible_as_default(
    tmp_path: Path,
) -> None:
    path = write_workbook(
        tmp_path / "invii.xlsx",
        Sheet(rows=[["Note"], ["vecchie"]], name="Archivio", hidden=True),
        Sheet(rows=[HEADER, MARIA], name="Invii 2024"),
        Sheet(rows=[HEADER, LUCA], name="Invii 2025"),
    )

    info = inspect_source(path)

    assert info.name == "invii.xlsx"
    assert info.format is SourceFormat.XLSX
    assert info.size == path.stat().st_size
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert info.sheets == (
        SheetInfo("Archivio", hidden=True),
        SheetInfo("Invii 2024"),
        SheetInfo("Invii 2025"),
    )
    assert info.encoding is None and info.delimiter is None
    table = read_table(path, source=info)
    assert table.sheet == "Invii 2024"
    assert table.rows == (SourceRow(2, tuple(MARIA)),)
    assert read_table(path, "Invii 2025").rows == (SourceRow(2, tuple(LUCA)),)
    hidden = read_table(path, "Archivio")
    assert messages(hidden) == ["Il foglio «Archivio» è nascosto in Excel."]
    with pytest.raises(ImportFileError, match="non ha un foglio «Invii 2026»"):
        read_table(path, "Invii 2026")


def test_a_workbook_is_known_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "esportazione.csv", [HEADER, MARIA])
    xls = write_xls(tmp_path / "vecchio.dat", Sheet(rows=[HEADER, MARIA]))
    text = write_csv(tmp_path / "elenco.txt", [HEADER, MARIA], delimiter="\t")

    assert inspect_source(path).format is SourceFormat.XLSX
    assert read_table(path).rows == (SourceRow(2, tuple(MARIA)),)
    assert inspect_source(xls).format is SourceFormat.XLS
    assert read_table(xls).rows == (SourceRow(2, tuple(MARIA)),)
    assert inspect_source(text).format is SourceFormat.CSV
    assert read_table(text).rows == (
        SourceRow(2, ("ROSSI", "Maria", "RSSMRA01D43L682X", "03/04/2001")),
    )


def test_an_xlsm_is_read_and_its_macros_are_neither_run_nor_kept(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "invii.xlsm", [HEADER, MARIA])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 Sub Auto_Open() Shell(...)")

    table = read_table(path)

    assert table.source.format is SourceFormat.XLSX
    assert table.rows == (SourceRow(2, tuple(MARIA)),)


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("vuoto.xlsx", lambda p: p.write_bytes(b""), "è vuoto"),
        ("scansione.xlsx", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\n"), "è un PDF"),
        ("protetto.xlsx", write_encrypted_xlsx, "protetto da password"),
        ("lettera.xls", lambda p: write_ole2(p, {"WordDocument": b"x" * 5000}), "documento Word"),
        (
            "pagina.xls",
            lambda p: p.write_text("<html><table><tr><td>ROSSI</td></tr></table></html>"),
            "pagina web",
        ),
        ("binario.csv", lambda p: p.write_bytes(bytes(range(256)) * 40), "non è"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_saying_what_to_do(
    tmp_path: Path, name: str, make: object, expected: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]

    with pytest.raises(ImportFileError, match=expected) as error:
        inspect_source(path)

    assert "Traceback" not in str(error.value)


def test_an_opendocument_sheet_and_an_xlsb_are_refused_with_how_to_save_them(
    tmp_path: Path,
) -> None:
    ods = tmp_path / "invii.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    xlsb = write_xlsx(tmp_path / "invii.xlsb", [HEADER, MARIA])
    rewrite_member(
        xlsb,
        "[Content_Types].xml",
        lambda xml: xml.replace(b"spreadsheetml.sheet.main+xml", b"sheet.binary.macroEnabled.main"),
    )
    docx = tmp_path / "lettera.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )

    with pytest.raises(ImportFileError, match=r"OpenDocument \(\.ods"):
        inspect_source(ods)
    with pytest.raises(ImportFileError, match=r"Salva il file come \.xlsx da Excel e riprovare\."):
        inspect_source(xlsb)
    with pytest.raises(ImportFileError, match="non una cartella di lavoro Excel"):
        inspect_source(docx)


def test_a_damaged_workbook_is_one_sentence_not_a_traceback(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "invii.xlsx", [HEADER, MARIA])
    data = path.read_bytes()
    truncated = tmp_path / "troncato.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    broken = write_xlsx(tmp_path / "rotto.xlsx", [HEADER, MARIA])
    rewrite_member(broken, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    info = inspect_source(broken)

    with pytest.raises(ImportFileError, match="danneggiato o non è un foglio Excel valido"):
        inspect_source(truncated)
    with pytest.raises(ImportFileError, match="danneggiato o non è un foglio Excel valido"):
        read_table(broken, source=info)


def test_a_missing_file_is_said_so(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="non esiste"):
        inspect_source(tmp_path / "sparito.xlsx")


def test_a_file_saved_again_after_it_was_inspected_must_be_opened_again(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "invii.xlsx", [HEADER, MARIA])
    info = inspect_source(path)
    write_xlsx(path, [HEADER, MARIA, LUCA])

    with pytest.raises(
        ImportFileError, match="è cambiato dopo che è stato aperto: aprirlo di nuovo"
    ):
        read_table(path, source=info)
    assert len(read_table(path, source=inspect_source(path)).rows) == 2


# --- the header ---------------------------------------------------------------------------


def test_the_header_is_found_below_title_rows_which_are_reported(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [
            ["Ambito di Varese - invii al CPI"],
            ["Aggiornato al 30/06/2024"],
            [],
            HEADER,
            MARIA,
            [],
            LUCA,
        ],
        merged=["A1:D1"],
    )

    table = read_table(path)

    assert table == SourceTable(
        source=inspect_source(path),
        sheet="Foglio1",
        header_row=4,
        headers=tuple(HEADER),
        column_letters=("A", "B", "C", "D"),
        rows=(SourceRow(5, tuple(MARIA)), SourceRow(7, tuple(LUCA))),
        notices=(SourceNotice("Righe 1-3 saltate: titolo sopra l'intestazione.", row=1),),
    )


def test_the_header_hints_choose_the_row_that_names_trama_fields(tmp_path: Path) -> None:
    # A "legend" row of distinct texts above the header would pass for one by shape alone.
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [
            [
                "Legenda",
                "cognome in maiuscolo",
                "come da documento",
                "sedici caratteri",
                "gg/mm/aaaa",
            ],
            ["N°", *HEADER],
            [1, *MARIA],
        ],
    )
    hints = {normalise_header(text) for text in ("Cognome", "Nome", "Codice fiscale", "CF")}

    by_shape = read_table(path, header_hints=())
    table = read_table(path, header_hints=hints)

    assert by_shape.header_row == 1
    assert read_table(path).header_row == 2  # by default, the synonyms of every field
    assert table.header_row == 2
    assert table.headers == ("N°", *HEADER)
    assert table.rows == (SourceRow(3, (1, *MARIA)),)
    assert messages(table) == ["Riga 1 saltata: titolo sopra l'intestazione."]


def test_blank_and_repeated_headers_get_names_of_their_own(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [
            ["Cognome", None, "Telefono", "Telefono", "telefono"],
            ["ROSSI", "Maria", "0332 1", "333 2", "3"],
        ],
    )

    table = read_table(path)

    assert table.headers == ("Cognome", "Colonna B", "Telefono", "Telefono (2)", "telefono (3)")


# --- merged, hidden, blank ----------------------------------------------------------------


def test_merged_cells_fill_their_range_and_a_merged_header_gets_distinct_names(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [
            ["CPI", "Cognome", "Telefono", None],
            ["CPI Varese", "ROSSI", "0332 111", "333 111"],
            [None, "BIANCHI", "0332 222", None],
            [None, "COLOMBO", None, "333 333"],
            ["CPI Gallarate", "FERRARI", "0331 444", "333 444"],
        ],
        merged=["A2:A4", "C1:D1"],
    )

    table = read_table(path)

    assert table.headers == ("CPI", "Cognome", "Telefono", "Telefono (2)")
    assert table.rows == (
        SourceRow(2, ("CPI Varese", "ROSSI", "0332 111", "333 111")),
        SourceRow(3, ("CPI Varese", "BIANCHI", "0332 222", None)),
        SourceRow(4, ("CPI Varese", "COLOMBO", None, "333 333")),
        SourceRow(5, ("CPI Gallarate", "FERRARI", "0331 444", "333 444")),
    )
    assert table.notices == (
        SourceNotice(
            "Celle unite A2:A4: il valore della prima cella vale per tutte.", row=2, column=0
        ),
        SourceNotice(
            "Celle unite C1:D1 nell'intestazione: ogni colonna ha un nome suo.", row=1, column=2
        ),
    )


def test_hidden_rows_and_columns_are_read_flagged_and_reported(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [HEADER, MARIA, LUCA, ["COLOMBO", "Anna", None, None], ["GALLI", "Paolo", None, None]],
        hidden_rows=[3, 4, 5],
        hidden_columns=["C"],
    )

    table = read_table(path)

    assert [(row.number, row.hidden) for row in table.rows] == [
        (2, False),
        (3, True),
        (4, True),
        (5, True),
    ]
    assert table.hidden_columns == (2,)
    assert table.notices == (
        SourceNotice(
            "Righe 3-5 nascoste nel foglio: sono lette come le altre, controllare che vadano "
            "importate.",
            row=3,
        ),
        SourceNotice(
            "Colonna C («Codice fiscale») nascosta nel foglio: è letta come le altre, "
            "controllare che vada importata.",
            column=2,
        ),
    )


def test_blank_rows_and_columns_are_dropped_even_when_formatting_claims_a_million_rows(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [[None, *HEADER, None, None], [None, *MARIA], [], [], [None, *LUCA, None, "  "]],
        formatted_down_to=1_048_576,
    )
    with zipfile.ZipFile(path) as archive:
        assert b'1048576" />' in archive.read("xl/worksheets/sheet1.xml")

    started = clock.perf_counter()
    table = read_table(path)

    assert clock.perf_counter() - started < 2
    assert table.header_row == 1
    assert table.headers == tuple(HEADER)
    assert table.column_letters == ("B", "C", "D", "E")
    assert table.rows == (SourceRow(2, tuple(MARIA)), SourceRow(5, tuple(LUCA)))
    assert table.notices == ()


def test_an_empty_sheet_is_said_so(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "invii.xlsx", Sheet(rows=[], name="Vuoto"))

    with pytest.raises(ImportFileError, match="Il foglio «Vuoto» è vuoto"):
        read_table(path)


# --- cells --------------------------------------------------------------------------------


def test_cells_come_as_text_numbers_dates_and_booleans(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [
            ["Testo", "Intero", "Decimale", "Data", "Data e ora", "Sì/no", "Vuota"],
            [
                "\u00a0 Busto\u00a0Arsizio  ",
                42,
                3.5,
                date(2021, 4, 3),
                datetime(2021, 4, 3, 9, 30),
                True,
                "   ",
            ],
            ["ROSSI", 7.0, -0.25, date(1999, 12, 31), datetime(2024, 1, 2, 0, 0), False, None],
        ],
    )

    table = read_table(path)

    assert table.rows == (
        SourceRow(
            2, ("Busto Arsizio", 42, 3.5, date(2021, 4, 3), datetime(2021, 4, 3, 9, 30), True, None)
        ),
        SourceRow(3, ("ROSSI", 7, -0.25, date(1999, 12, 31), date(2024, 1, 2), False, None)),
    )
    assert type(table.rows[1].cells[1]) is int


class _CalamineSpy:
    """``source_xlsx.CalamineWorkbook`` that records the workbooks calamine opened and the
    values it handed over, as calamine gives them."""

    def __init__(self) -> None:
        self.opened = 0
        self.values: list[list[object]] = []

    def from_filelike(self, stream: Any) -> Any:
        self.opened += 1
        workbook = CalamineWorkbook.from_filelike(stream)
        spy = self

        class Sheet:
            def __init__(self, sheet: Any) -> None:
                self.sheet = sheet
                self.merged_cell_ranges = sheet.merged_cell_ranges
                self.start = sheet.start

            def iter_rows(self) -> Iterator[list[object]]:
                for row in self.sheet.iter_rows():
                    spy.values.append(list(row))
                    yield row

        class Book:
            def __enter__(self) -> Book:
                return self

            def __exit__(self, *_: object) -> None:
                workbook.close()

            def get_sheet_by_name(self, name: str) -> Sheet:
                return Sheet(workbook.get_sheet_by_name(name))

        return Book()


def test_an_xlsx_s_cells_are_read_by_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(
        tmp_path / "invii.xlsx",
        [["Cognome", "Ora", "Ore", "Nato"], ["ROSSI", time(9, 30), 1.5, date(2001, 4, 3)]],
    )
    spy = _CalamineSpy()
    monkeypatch.setattr(source_xlsx, "CalamineWorkbook", spy)

    table = read_table(path)

    assert spy.opened == 1
    # A time of day as calamine gives it (openpyxl agrees), shown as Trama's "hh:mm".
    assert spy.values[1] == ["ROSSI", time(9, 30), 1.5, date(2001, 4, 3)]
    assert table.rows == (SourceRow(2, ("ROSSI", "09:30", 1.5, date(2001, 4, 3))),)


@pytest.mark.parametrize(
    "far",
    [
        b'<row r="1048576"><c r="ALL1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        # Cells without a reference, placed after the previous one as calamine places them.
        b'<row r="1048576"><c><v>1</v></c></row><row r="3"><c r="ALK3"/><c><v>2</v></c></row>',
    ],
)
def test_values_spread_over_a_billion_cells_are_refused_before_calamine_lays_them_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, far: bytes
) -> None:
    path = write_xlsx(tmp_path / "sparso.xlsx", [HEADER, MARIA])
    # A value at ALL1048576 and one at A1: calamine's grid would be 10^9 cells (~32 GB), which
    # it allocates at once and, failing, aborts the whole program.
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"),
    )
    spy = _CalamineSpy()
    monkeypatch.setattr(source_xlsx, "CalamineWorkbook", spy)

    with pytest.raises(ImportFileError, match=r"dati sparsi su 1\.048\.576 righe e 1\.000 colonne"):
        read_table(path)
    assert spy.opened == 0


def test_an_empty_formatted_cell_far_away_is_not_a_value(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "invii.xlsx", [HEADER, MARIA])
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>", b'<row r="900000"><c r="XFD900000" s="0"/></row></sheetData>'
        ),
    )

    assert read_table(path).rows == (SourceRow(2, tuple(MARIA)),)


def test_formulas_give_their_last_computed_value_or_an_empty_cell(
    tmp_path: Path,
) -> None:
    path = write_formulas_with_cache(
        tmp_path / "invii.xlsx",
        [
            ["Cognome", "Nome", "Nominativo", "Età"],
            ["ROSSI", "Maria", '=A2&" "&B2', "=2024-2001"],
            ["BIANCHI", "Luca", '=A3&" "&B3', "=2024-1990"],
        ],
        {"C2": "ROSSI Maria", "D2": 23, "C3": "BIANCHI Luca"},
    )

    table = read_table(path)

    assert table.rows == (
        SourceRow(2, ("ROSSI", "Maria", "ROSSI Maria", 23)),
        SourceRow(3, ("BIANCHI", "Luca", "BIANCHI Luca", None)),
    )
    # calamine does not tell a formula with no computed value from an empty cell: no notice.
    assert table.notices == ()


def test_a_long_text_is_cut_to_excel_s_limit_with_a_notice(tmp_path: Path) -> None:
    long = "x" * 40_000
    csv_path = write_csv(tmp_path / "note.csv", [["Cognome", "Note"], ["ROSSI", long]])
    xlsx_path = write_xlsx(tmp_path / "note.xlsx", [["Cognome", "Note"], ["ROSSI", "breve"]])
    rewrite_member(
        xlsx_path,
        "xl/sharedStrings.xml",
        lambda xml: xml.replace(b">breve</t>", f">{long}</t>".encode()),
    )

    for path in (csv_path, xlsx_path):
        table = read_table(path)
        assert table.rows == (SourceRow(2, ("ROSSI", "x" * 32_767)),)
        assert table.notices == (
            SourceNotice(
                "Cella B2: testo di 40.000 caratteri, tagliato a 32.767.", row=2, column=1
            ),
        )


# --- .xls ---------------------------------------------------------------------------------


def test_an_old_xls_reads_like_an_xlsx(tmp_path: Path) -> None:
    path = write_xls(
        tmp_path / "invii.xls",
        Sheet(rows=[["Vecchio"]], name="Nascosto", hidden=True),
        Sheet(
            rows=[
                ["Invii 2019"],
                ["CPI", "Cognome", "Data", "Ore", "Età", "Attivo"],
                ["CPI Luino", "ROSSI", date(2019, 3, 4), 1.5, 30, True],
                [None, "BIANCHI", date(2019, 5, 6), 2.0, 41, False],
            ],
            name="Invii",
            merged=["A1:F1", "A3:A4"],
            hidden_rows=[4],
            hidden_columns=["D"],
        ),
    )

    info = inspect_source(path)
    table = read_table(path)

    assert info.format is SourceFormat.XLS
    assert info.sheets == (SheetInfo("Nascosto", hidden=True), SheetInfo("Invii"))
    assert table.sheet == "Invii"
    assert table.header_row == 2
    assert table.headers == ("CPI", "Cognome", "Data", "Ore", "Età", "Attivo")
    assert table.rows == (
        SourceRow(3, ("CPI Luino", "ROSSI", date(2019, 3, 4), 1.5, 30, True)),
        SourceRow(4, ("CPI Luino", "BIANCHI", date(2019, 5, 6), 2, 41, False), hidden=True),
    )
    assert table.hidden_columns == (3,)
    assert messages(table) == [
        "Riga 1 saltata: titolo sopra l'intestazione.",
        "Riga 4 nascosta nel foglio: è letta come le altre, controllare che vada importata.",
        "Colonna D («Ore») nascosta nel foglio: è letta come le altre, controllare che vada "
        "importata.",
        "Celle unite A3:A4: il valore della prima cella vale per tutte.",
    ]


# --- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom", "expected_encoding"),
    [
        (";", "utf-8", False, "utf-8"),
        (";", "utf-8", True, "utf-8-sig"),
        (",", "utf-8", True, "utf-8-sig"),
        ("\t", "utf-8", False, "utf-8"),
        (";", "cp1252", False, "cp1252"),
        ("\t", "utf-16", False, "utf-16"),
    ],
)
def test_a_csv_in_any_delimiter_and_encoding_an_office_saves(
    tmp_path: Path, delimiter: str, encoding: str, bom: bool, expected_encoding: str
) -> None:
    rows = [
        ["Cognome", "Nome", "Comune", "Note"],
        ["CANTÙ", "Niccolò", "Cantù", "già seguita; più volte, «urgente»"],
        ["D'ANGELO", "José", "Gallarate", "costo 10 €"],
    ]
    path = write_csv(tmp_path / "invii.csv", rows, delimiter=delimiter, encoding=encoding, bom=bom)

    info = inspect_source(path)
    table = read_table(path, source=info)

    assert (info.encoding, info.delimiter) == (expected_encoding, delimiter)
    assert info.sheets == (SheetInfo("invii"),)
    assert table.headers == ("Cognome", "Nome", "Comune", "Note")
    assert table.rows == (SourceRow(2, tuple(rows[1])), SourceRow(3, tuple(rows[2])))


def test_a_csv_keeps_formulas_as_text_and_quoted_line_breaks_in_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "invii.csv"
    path.write_bytes(
        "Elenco invii;;\r\n"
        "Cognome;Note;Sito\r\n"
        'ROSSI;"prima riga\r\nseconda riga";"=HYPERLINK(""http://x.example"";""clic"")"\r\n'
        "\r\n"
        ";;\r\n"
        "BIANCHI;\u00a0ok\u00a0;@SUM(1+1)\r\n".encode()
    )

    table = read_table(path)

    assert table.header_row == 2
    assert table.rows == (
        SourceRow(
            3, ("ROSSI", "prima riga\r\nseconda riga", '=HYPERLINK("http://x.example";"clic")')
        ),
        SourceRow(6, ("BIANCHI", "ok", "@SUM(1+1)")),
    )
    assert messages(table) == ["Riga 1 saltata: titolo sopra l'intestazione."]


def test_a_comma_delimited_csv_with_italian_decimals_is_told_from_a_semicolon_one(
    tmp_path: Path,
) -> None:
    semicolon = write_csv(
        tmp_path / "a.csv",
        [["Cognome", "Ore", "Importo"], ["ROSSI", "1,5", "10,25"], ["BIANCHI", "2", "3,5"]],
    )
    comma = write_csv(
        tmp_path / "b.csv",
        [["Cognome", "Ore", "Importo"], ["ROSSI", "1,5", "10,25"], ["BIANCHI", "2", "3,5"]],
        delimiter=",",
    )

    assert inspect_source(semicolon).delimiter == ";"
    assert inspect_source(comma).delimiter == ","
    assert read_table(comma).rows[0] == SourceRow(2, ("ROSSI", "1,5", "10,25"))


# --- limits -------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "enorme.csv"
    with path.open("wb") as stream:
        stream.truncate(source_table.MAX_FILE_BYTES + 1)

    with pytest.raises(ImportFileError, match="supera i 50 MB"):
        inspect_source(path)


def test_too_many_rows_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "righe.csv"
    path.write_text("Cognome;Nome\n" + "ROSSI;Maria\n" * 200_001)
    with pytest.raises(ImportFileError, match=r"più di 200\.000 righe: dividerlo"):
        read_table(path)

    monkeypatch.setattr(source_xlsx, "MAX_ROWS", 3)
    workbook = write_xlsx(tmp_path / "righe.xlsx", [HEADER, MARIA, LUCA, MARIA, LUCA])
    with pytest.raises(ImportFileError, match="righe: dividerlo"):
        read_table(workbook)


def test_too_many_columns_are_refused(tmp_path: Path) -> None:
    wide = [f"Campo {index}" for index in range(501)]
    xlsx = write_xlsx(tmp_path / "larga.xlsx", [wide, ["x"] * 501])
    csv = write_csv(tmp_path / "larga.csv", [wide, ["x"] * 501])
    far = write_xlsx(tmp_path / "lontana.xlsx", [HEADER, MARIA])
    rewrite_member(
        far,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</row></sheetData>",
            b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )

    for path in (xlsx, csv):
        with pytest.raises(ImportFileError, match="dati in 501 colonne, più delle 500"):
            read_table(path)
    with pytest.raises(ImportFileError, match="colonne, più delle 500"):
        read_table(far)


# --- progress and cancel ------------------------------------------------------------------


def test_progress_is_reported_a_few_times_a_second_and_cancel_stops_between_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "invii.xlsx", [list(PERSON_HEADER), *person_rows(300)])
    clock = iter(range(0, 10_000))
    # Each row a tenth of a second later: 300 rows are 30 "seconds", so ~150 reports at most.
    monkeypatch.setattr(source_table.time, "monotonic", lambda: next(clock) / 10)
    reports: list[tuple[int, int]] = []

    table = read_table(path, progress=lambda done, total: reports.append((done, total)))

    assert len(table.rows) == 300
    assert 100 <= len(reports) <= 160
    assert all(done <= total for done, total in reports)
    assert reports[-1] == (301, 301)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)

    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 50

    with pytest.raises(ImportCancelled, match="interrotta"):
        read_table(path, cancelled=cancelled)
    assert asked == 51


def test_excel_s_own_forms_rich_text_builtin_date_formats_and_the_1904_epoch(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "mac.xlsx",
        [["Cognome", "Data", "Dal"], ["ROSSI", date(2021, 4, 3), date(2020, 1, 1)]],
        number_formats={"B2": "mm-dd-yy", "C2": "d-mmm-yy"},  # Excel's built-in formats 14, 15
    )
    # A name in two runs of rich text with a phonetic guide, as Excel keeps it.
    rewrite_member(
        path,
        "xl/sharedStrings.xml",
        lambda xml: xml.replace(
            b'<si><t xml:space="preserve">ROSSI</t></si>',
            b"<si><r><rPr><b/></rPr><t>RO</t></r><r><t>SSI</t></r>"
            b'<rPh sb="0" eb="1"><t>ro</t></rPh></si>',
        ),
    )

    table = read_table(path)

    assert table.rows == (SourceRow(2, ("ROSSI", date(2021, 4, 3), date(2020, 1, 1))),)

    # The same serial numbers in a workbook saved on an old Mac count from 1904.
    rewrite_member(
        path,
        "xl/workbook.xml",
        lambda xml: xml.replace(b"<workbookPr />", b'<workbookPr date1904="1" />'),
    )
    assert read_table(path).rows == (SourceRow(2, ("ROSSI", date(2025, 4, 4), date(2024, 1, 2))),)


def test_a_password_protected_xls_is_told_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xls(tmp_path / "protetto.xls", Sheet(rows=[HEADER, MARIA]))
    # xlwt cannot write an encrypted workbook: xlrd's own refusal of one, as it raises it.
    monkeypatch.setattr(
        source_xls.xlrd,
        "open_workbook",
        lambda *args, **kwargs: (_ for _ in ()).throw(
            source_xls.xlrd.XLRDError("Workbook is encrypted")
        ),
    )

    with pytest.raises(ImportFileError, match="protetto da password"):
        inspect_source(path)


def test_a_windows_file_with_a_byte_windows_1252_leaves_undefined_is_read_as_latin_1(
    tmp_path: Path,
) -> None:
    path = tmp_path / "vecchio.csv"
    path.write_bytes("Cognome;Comune\r\nCANTÙ;Cantù\r\nNOTE;".encode("cp1252") + b"\x81\r\n")

    info = inspect_source(path)
    table = read_table(path, source=info)

    assert info.encoding == "latin-1"
    assert table.rows == (SourceRow(2, ("CANTÙ", "Cantù")), SourceRow(3, ("NOTE", "\x81")))
