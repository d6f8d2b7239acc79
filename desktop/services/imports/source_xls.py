"""Reading an old binary .xls (Excel 97-2003) with xlrd.

xlrd reads with ``formatting_info=True`` so that merged ranges, hidden rows and columns and the
number formats that make a cell a date are known; formulas give the value Excel last computed
(xlrd never evaluates). A workbook protected by a password, or an OLE2 file that holds no
workbook (a Word document, an encrypted .xlsx), is told apart from a damaged one.
"""

from __future__ import annotations

import io

import xlrd  # type: ignore[import-untyped]
from xlrd import compdoc

from desktop.services.imports.model import ImportFileError, SheetInfo
from desktop.services.imports.source_table import (
    MAX_COLUMNS,
    MAX_ROWS,
    RawSheet,
    Ticker,
    clean_value,
    too_many_columns,
    too_many_rows,
)

PROTECTED = ImportFileError(
    "Il file è protetto da password: aprirlo in Excel, togliere la password (File > Informazioni "
    "> Proteggi cartella di lavoro) e salvarlo come .xlsx, poi riprovare."
)


def ole_streams(data: bytes) -> set[str]:
    """The names of an OLE2 compound file's streams ("Workbook", "EncryptedPackage", ...)."""
    try:
        document = compdoc.CompDoc(data, logfile=io.StringIO())
    except (compdoc.CompDocError, IndexError, ValueError, AssertionError):
        return set()
    return {entry.name for entry in document.dirlist}


def open_book(data: bytes) -> xlrd.book.Book:
    try:
        return xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise PROTECTED from error
        raise


def xls_sheets(book: xlrd.book.Book) -> tuple[SheetInfo, ...]:
    return tuple(
        SheetInfo(
            book.sheet_by_index(index).name, hidden=book.sheet_by_index(index).visibility != 0
        )
        for index in range(book.nsheets)
    )


def read_sheet(book: xlrd.book.Book, name: str, ticker: Ticker) -> RawSheet:
    sheet = book.sheet_by_name(name)
    raw = RawSheet(hidden_sheet=sheet.visibility != 0)
    if sheet.ncols > 2 * MAX_COLUMNS:
        raise too_many_columns(sheet.ncols)
    ticker.total = sheet.nrows
    for index in range(sheet.nrows):
        cells = [_value(book, cell) for cell in sheet.row(index)]
        while cells and cells[-1] in (None, ""):
            cells.pop()
        number = index + 1
        cleaned = [clean_value(value, number, column, raw) for column, value in enumerate(cells)]
        if any(value is not None for value in cleaned):
            if len(raw.rows) >= MAX_ROWS:
                raise too_many_rows()
            raw.rows.append((number, cleaned))
        ticker.tick(number)
    raw.hidden_rows = {row + 1 for row, info in sheet.rowinfo_map.items() if info.hidden}
    raw.hidden_columns = {column for column, info in sheet.colinfo_map.items() if info.hidden}
    raw.merged = [
        (first_row + 1, first_column, last_row, last_column - 1)
        for first_row, last_row, first_column, last_column in sheet.merged_cells
    ]
    return raw


def _value(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> object:
    kind = cell.ctype
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell.value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERRORE")
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return cell.value
