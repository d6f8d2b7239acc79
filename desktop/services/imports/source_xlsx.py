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
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from desktop.services.imports.model import CellValue, ImportFileError, SheetInfo
from desktop.services.imports.source_table import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    RawSheet,
    Ticker,
    clean_text,
    clean_value,
    too_many_columns,
    too_many_rows,
)

# Past this column a value cannot belong to a table Trama reads (MAX_COLUMNS wide at most,
# starting at most this far right): refused before a row's list grows to Excel's 16,384.
_LAST_COLUMN = 2 * MAX_COLUMNS
_MAX_MERGED_RANGES = 100_000
# The shared string table is held in memory (the sheet is streamed): a real one of 200,000
# rows is a few tens of MB; these bounds keep a hostile one under a hundred or so MB of RAM.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS = 2_000_000


def too_many_texts() -> ImportFileError:
    return ImportFileError(
        "Il file contiene troppi testi diversi per un foglio da importare: dividilo in più file "
        "e importali uno alla volta."
    )


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
    shared_strings: list[str]  # cut to a cell's limit
    long_shared: dict[int, int]  # index -> length, of those that were cut
    date_styles: set[int]
    time_styles: set[int]
    epoch: Any

    def close(self) -> None:
        self.archive.close()


def open_book(stream: IO[bytes], *, cells: bool = True, ticker: Ticker | None = None) -> XlsxBook:
    """The workbook's sheets and, with ``cells``, the shared strings and date styles its cells
    are read with (``ticker``: progress and cancel while the strings are read, a second or
    so for a large table). Raises what openpyxl and defusedxml raise."""
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops (data validation extensions, ...): not the user's
        # business, and a warning must not reach the console of the desktop app.
        warnings.simplefilter("ignore")
        reader = ExcelReader(
            stream, read_only=True, keep_vba=False, data_only=True, keep_links=False
        )
        reader.read_manifest()
        reader.read_workbook()
        if cells:
            apply_stylesheet(reader.archive, reader.wb)
            strings = reader.package.find(SHARED_STRINGS)
            shared, long_shared = (
                _shared_strings(reader.archive, strings.PartName[1:], ticker)
                if strings
                else ([], {})
            )
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
        shared_strings=shared if cells else [],
        long_shared=long_shared if cells else {},
        date_styles=set(wb._date_formats),
        time_styles=set(wb._timedelta_formats),
        epoch=wb.epoch,
    )


def _shared_strings(
    archive: zipfile.ZipFile, member: str, ticker: Ticker | None
) -> tuple[list[str], dict[int, int]]:
    """The shared string table, read with the same guarded expat pass as the sheet: openpyxl's
    reader builds an object per string (3.4 s for 160,000 distinct texts, against 0.4 s).
    A string is its <t> texts, rich text runs joined; phonetic guides (<rPh>) are left out.
    A text longer than a cell may hold is kept cut, with its length: a hostile table of huge
    texts never sits whole in memory."""
    strings: list[str] = []
    lengths: dict[int, int] = {}
    parts: list[str] = []
    length = 0
    depth = {"rPh": 0}
    collecting = False

    def start(tag: str, _: dict[str, str]) -> None:
        nonlocal collecting, length
        name = tag.rpartition(":")[2]
        if name == "t" and not depth["rPh"]:
            collecting = True
        elif name == "rPh":
            depth["rPh"] += 1
        elif name == "si":
            parts.clear()
            length = 0

    def end(tag: str) -> None:
        nonlocal collecting
        name = tag.rpartition(":")[2]
        if name == "t":
            collecting = False
        elif name == "rPh":
            depth["rPh"] -= 1
        elif name == "si":
            if len(strings) >= MAX_SHARED_STRINGS:
                raise too_many_texts()
            if length > MAX_CELL_CHARS:
                lengths[len(strings)] = length
            strings.append("".join(parts)[:MAX_CELL_CHARS])
            if ticker is not None and not len(strings) % 1024:
                ticker.tick(0)  # no row read yet: the user sees the reading alive

    def text(data: str) -> None:
        nonlocal length
        if collecting:
            if length <= MAX_CELL_CHARS:
                parts.append(data)
            length += len(data)

    _parse(archive, member, start, end, text, max_bytes=MAX_SHARED_STRINGS_BYTES)
    return strings, lengths


def _parse(
    archive: zipfile.ZipFile,
    member: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
    *,
    max_bytes: int | None,
) -> None:
    parser = guarded_parser()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    read = 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if max_bytes is not None and read > max_bytes:
                # zipfile stops at the declared size and checks the CRC; this bound holds
                # even if that ever changed.
                raise XlsxDamaged("member larger than allowed")
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def read_sheet(book: XlsxBook, name: str, ticker: Ticker, *, max_bytes: int) -> RawSheet:
    """The sheet's cells with a value, hidden rows and columns, merged ranges."""
    reader = _SheetReader(book, ticker)
    _parse(
        book.archive, book.paths[name], reader.start, reader.end, reader.text, max_bytes=max_bytes
    )
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
    """expat's handlers for a worksheet part: the state of the row and cell being read.

    A cell and its value (<c>, <v>) are most of a sheet's elements: they are handled inline,
    the rest through a table; a tag written with a prefix ("x:c") is looked up without it.
    """

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
        self.style = ""  # as written: compared with the date styles' numbers as text
        self.date_styles = {str(style) for style in book.date_styles}
        self.time_styles = {str(style) for style in book.time_styles}
        self.has_formula = False
        self.value_text = ""
        self.text_length = 0  # of the cell's text, of which only a cell's worth is kept
        self.collecting = False
        self.cleaned: dict[int, str | None] = {}
        self.starts: dict[str, Callable[[dict[str, str]], None]] = {
            "row": self._row,
            "t": self._collect,
            "f": self._formula,
            "col": self._col,
            "mergeCell": self._merge,
            "dimension": self._dimension,
        }

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                column = self.columns.get(letters)
                if column is None:
                    column = self._column(letters)
                self.column = column
            else:
                self.column += 1
            self.cell_type = attrs.get("t", "n")
            self.style = attrs.get("s", "")
            self.has_formula = False
            self.value_text = ""
            self.text_length = 0
        elif tag == "v":
            self.collecting = True
        elif ":" in tag:
            self.start(tag.rpartition(":")[2], attrs)
        else:
            handler = self.starts.get(tag)
            if handler is not None:
                handler(attrs)

    def end(self, tag: str) -> None:
        if tag in {"v", "t"}:
            self.collecting = False
        elif tag == "c":
            self._end_cell()
        elif tag == "row":
            self._end_row()
        elif ":" in tag:
            self.end(tag.rpartition(":")[2])

    def text(self, data: str) -> None:
        if self.collecting:
            if self.text_length <= MAX_CELL_CHARS:
                self.value_text += data
            self.text_length += len(data)

    def _column(self, letters: str) -> int:
        try:
            column: int = column_index_from_string(letters) - 1
        except ValueError as error:
            raise XlsxDamaged(letters) from error
        self.columns[letters] = column
        return column

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

    def _collect(self, _: dict[str, str]) -> None:
        self.collecting = True

    def _formula(self, _: dict[str, str]) -> None:
        self.has_formula = True

    def _end_cell(self) -> None:
        self.collecting = False
        text = self.value_text
        if self.text_length > MAX_CELL_CHARS:
            self.raw.long_cells.append((self.row_number, self.column, self.text_length))
            text = text[:MAX_CELL_CHARS]
        if not text:
            if self.has_formula:
                self.raw.formula_cells.append((self.row_number, self.column))
            return
        column = self.column
        if self.cell_type == "s":
            # Most cells: a shared text, cleaned once for all the cells that show it.
            try:
                value: CellValue = self.cleaned[int(text)]
            except (KeyError, ValueError):
                value = self._shared(text, column)
        else:
            value = clean_value(self._value(text), self.row_number, column, self.raw)
        if value is None:
            return
        if column >= _LAST_COLUMN:
            raise too_many_columns(column + 1)
        cells = self.cells
        filled = len(cells)
        if filled == column:  # the usual case: the row's next column
            cells.append(value)
        elif filled < column:
            cells.extend([None] * (column - filled))
            cells.append(value)
        else:
            cells[column] = value

    def _shared(self, text: str, column: int) -> CellValue:
        try:
            index = int(text)
            return self.cleaned[index]
        except KeyError:
            pass
        except ValueError as error:
            raise XlsxDamaged("shared string") from error
        try:
            original = self.book.shared_strings[index]
        except IndexError as error:
            raise XlsxDamaged("shared string") from error
        if index in self.book.long_shared:  # cut, and told for each cell that shows it
            self.raw.long_cells.append((self.row_number, column, self.book.long_shared[index]))
            return clean_text(original, self.row_number, column, self.raw)
        cleaned = self.cleaned[index] = clean_text(original, 0, 0, self.raw)
        return cleaned

    def _value(self, text: str) -> object:
        kind = self.cell_type
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
        if self.style in self.date_styles:
            try:
                return from_excel(number, self.book.epoch, timedelta=self.style in self.time_styles)
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
