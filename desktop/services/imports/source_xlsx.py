"""Reading an .xlsx or .xlsm: openpyxl for the workbook, one streamed pass for the sheet's cells.

openpyxl (parsing through defusedxml, so that an entity declaration is refused) reads the
workbook's parts: its sheets and their state, the shared strings, the styles that make a number
a date, the 1900/1904 epoch. Macros are never run nor kept (keep_vba=False), external links not
loaded. The chosen sheet's XML is then read once with expat, the C parser under defusedxml,
with defusedxml's guards set on it (no DTD, no entity, no external reference): openpyxl's own
cell reader builds an element tree per cell and took 12-16 s for 20,000 rows of 30 columns,
while this pass keeps only the cells with a value, the hidden rows and columns and the merged
ranges (which openpyxl's fast read-only mode does not expose) and takes a fraction of that.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

from defusedxml import (  # type: ignore[import-untyped]
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from desktop.services.imports.model import CellValue, SheetInfo
from desktop.services.imports.source_table import (
    MAX_COLUMNS,
    MAX_ROWS,
    RawSheet,
    Ticker,
    clean_value,
    too_many_columns,
    too_many_rows,
)

# Past this column a value cannot belong to a table Trama reads (MAX_COLUMNS wide at most,
# starting at most this far right): refused before a row's list grows to Excel's 16,384.
_LAST_COLUMN = 2 * MAX_COLUMNS
_MAX_MERGED_RANGES = 100_000
# Bytes handed to expat at a time.
_CHUNK = 64 * 1024


class XlsxDamaged(Exception):
    """The sheet's XML is not what Excel writes (the caller says so in Italian)."""


@dataclass
class XlsxBook:
    """The workbook's parts a sheet's reading needs, from openpyxl."""

    archive: zipfile.ZipFile
    sheets: tuple[SheetInfo, ...]
    paths: dict[str, str]  # sheet name -> its XML member
    shared_strings: list[str]
    date_styles: set[int]
    time_styles: set[int]
    epoch: Any

    def close(self) -> None:
        self.archive.close()


def open_book(stream: IO[bytes]) -> XlsxBook:
    """The workbook's sheets and reading aids. Raises what openpyxl and defusedxml raise."""
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops (data validation extensions, ...): not the user's
        # business, and a warning must not reach the console of the desktop app.
        warnings.simplefilter("ignore")
        reader = ExcelReader(
            stream, read_only=True, keep_vba=False, data_only=True, keep_links=False
        )
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets: list[SheetInfo] = []
        paths: dict[str, str] = {}
        for sheet, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
                continue
            sheets.append(SheetInfo(sheet.name, hidden=sheet.state != "visible"))
            paths[sheet.name] = rel.target
    wb = reader.wb
    return XlsxBook(
        archive=reader.archive,
        sheets=tuple(sheets),
        paths=paths,
        shared_strings=[str(text) for text in reader.shared_strings],
        date_styles=set(wb._date_formats),
        time_styles=set(wb._timedelta_formats),
        epoch=wb.epoch,
    )


def read_sheet(book: XlsxBook, name: str, ticker: Ticker, *, max_bytes: int) -> RawSheet:
    """The sheet's cells with a value, hidden rows and columns, merged ranges."""
    reader = _SheetReader(book, ticker)
    parser = guarded_parser()
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    read = 0
    with book.archive.open(book.paths[name]) as member:
        while chunk := member.read(_CHUNK):
            read += len(chunk)
            if read > max_bytes:
                # zipfile stops at the declared size and checks the CRC; this bound holds
                # even if that ever changed.
                raise XlsxDamaged("member larger than allowed")
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    reader.raw.hidden_sheet = next(s.hidden for s in book.sheets if s.name == name)
    return reader.raw


def guarded_parser() -> Any:
    """An expat parser with defusedxml's refusals: no DTD, no entity, no external reference."""
    parser = expat.ParserCreate()

    def forbid_doctype(name: str, sysid: str | None, pubid: str | None, _: bool) -> None:
        raise DTDForbidden(name, sysid, pubid)

    def forbid_entity(  # noqa: PLR0917 - expat's signature
        name: str,
        _p: bool,
        value: str | None,
        base: str | None,
        sysid: str | None,
        pubid: str | None,
        notation: str | None,
    ) -> None:
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation)

    def forbid_unparsed(
        name: str, base: str | None, sysid: str | None, pubid: str | None, notation: str | None
    ) -> None:
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation)

    def forbid_external(
        context: str, base: str | None, sysid: str | None, pubid: str | None
    ) -> int:
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser.StartDoctypeDeclHandler = forbid_doctype
    parser.EntityDeclHandler = forbid_entity
    parser.UnparsedEntityDeclHandler = forbid_unparsed
    parser.ExternalEntityRefHandler = forbid_external
    return parser


class _SheetReader:
    """expat's handlers for a worksheet part: the state of the row and cell being read."""

    def __init__(self, book: XlsxBook, ticker: Ticker) -> None:
        self.book = book
        self.ticker = ticker
        self.raw = RawSheet()
        self.columns: dict[str, int] = {}
        self.row_number = 0
        self.xml_rows = 0
        self.cells: list[CellValue] = []
        self.column = -1
        self.cell_type = "n"
        self.style = 0
        self.has_formula = False
        self.texts: list[str] = []
        self.collecting = False
        self.starts: dict[str, Callable[[dict[str, str]], None]] = {
            "row": self._row,
            "c": self._cell,
            "v": self._collect,
            "t": self._collect,
            "f": self._formula,
            "col": self._col,
            "mergeCell": self._merge,
            "dimension": self._dimension,
        }

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        handler = self.starts.get(tag.rpartition(":")[2])
        if handler is not None:
            handler(attrs)

    def end(self, tag: str) -> None:
        name = tag.rpartition(":")[2]
        if name in {"v", "t"}:
            self.collecting = False
        elif name == "c":
            self._end_cell()
        elif name == "row":
            self._end_row()

    def text(self, data: str) -> None:
        if self.collecting:
            self.texts.append(data)

    def _dimension(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("ref", "")
        try:
            last = range_boundaries(ref)[3] if ":" in ref else 0
        except (TypeError, ValueError):
            return
        # A dimension down to Excel's last row means formatting, not data: total unknown.
        if last and last <= MAX_ROWS:
            self.ticker.total = last

    def _row(self, attrs: dict[str, str]) -> None:
        number = attrs.get("r")
        self.row_number = int(number) if number and number.isdigit() else self.row_number + 1
        self.cells = []
        self.column = -1
        if attrs.get("hidden") in {"1", "true"}:
            self.raw.hidden_rows.add(self.row_number)

    def _cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            column = self.columns.get(letters)
            if column is None:
                try:
                    column = column_index_from_string(letters) - 1
                except ValueError as error:
                    raise XlsxDamaged(ref) from error
                self.columns[letters] = column
            self.column = column
        else:
            self.column += 1
        self.cell_type = attrs.get("t", "n")
        style = attrs.get("s")
        self.style = int(style) if style and style.isdigit() else 0
        self.has_formula = False
        self.texts = []

    def _collect(self, _: dict[str, str]) -> None:
        self.collecting = True

    def _formula(self, _: dict[str, str]) -> None:
        self.has_formula = True

    def _end_cell(self) -> None:
        self.collecting = False
        text = "".join(self.texts)
        if not text:
            if self.has_formula:
                self.raw.formula_cells.append((self.row_number, self.column))
            return
        value = self._value(text)
        if value is None:
            return
        column = self.column
        if column >= _LAST_COLUMN:
            raise too_many_columns(column + 1)
        cells = self.cells
        if len(cells) <= column:
            cells.extend([None] * (column + 1 - len(cells)))
        cells[column] = clean_value(value, self.row_number, column, self.raw)

    def _value(self, text: str) -> object:
        kind = self.cell_type
        if kind == "s":
            try:
                return self.book.shared_strings[int(text)]
            except (ValueError, IndexError) as error:
                raise XlsxDamaged("shared string") from error
        if kind in {"str", "inlineStr", "e"}:
            return text
        if kind == "b":
            return text.strip() in {"1", "true"}
        if kind == "d":
            try:
                return from_ISO8601(text)
            except ValueError:
                return text
        try:
            number: int | float = int(text) if text.isdigit() else float(text)
        except ValueError:
            return text
        if self.style in self.book.date_styles:
            try:
                return from_excel(
                    number, self.book.epoch, timedelta=self.style in self.book.time_styles
                )
            except (OverflowError, ValueError):
                return number
        return number

    def _end_row(self) -> None:
        self.xml_rows += 1
        if any(value is not None for value in self.cells):
            if len(self.raw.rows) >= MAX_ROWS:
                raise too_many_rows()
            self.raw.rows.append((self.row_number, self.cells))
        self.cells = []
        self.ticker.tick(self.xml_rows)

    def _col(self, attrs: dict[str, str]) -> None:
        if attrs.get("hidden") not in {"1", "true"}:
            return
        try:
            first, last = int(attrs["min"]), int(attrs["max"])
        except (KeyError, ValueError):
            return
        self.raw.hidden_columns.update(range(first - 1, min(last, _LAST_COLUMN)))

    def _merge(self, attrs: dict[str, str]) -> None:
        if len(self.raw.merged) >= _MAX_MERGED_RANGES:
            raise XlsxDamaged("too many merged ranges")
        try:
            first_column, first_row, last_column, last_row = range_boundaries(attrs.get("ref", ""))
        except (TypeError, ValueError):
            return
        if None in (first_column, first_row, last_column, last_row):
            return
        self.raw.merged.append((first_row, first_column - 1, last_row, last_column - 1))
