"""Reading an .xlsx or .xlsm: openpyxl for the workbook's structure, calamine for the cells.

openpyxl (parsing through defusedxml, so that an entity declaration is refused) reads the
workbook's parts that say which sheets there are, their state and their XML members. Macros are
never run nor kept (keep_vba=False), external links not loaded. The chosen sheet's cells and
merged ranges are read by calamine (python-calamine, the Rust reader pandas uses): cached
formula values, dates from the cells' styles and the workbook's 1900/1904 epoch, numbers,
booleans, shared and inline texts. openpyxl's own cell reader took 15-40 s for 20,000 rows of
30 columns.

calamine's XML parser neither expands nor refuses a DTD, and it does not say which rows and
columns are hidden. So every part it reads goes first through expat, the C parser under
defusedxml, with defusedxml's refusals set on it (no DTD, no entity, no external reference) and
the part's real size bounded; over the sheet that pass also notes the hidden rows and columns
and how far the cells holding a value reach, because calamine holds a sheet as one dense grid
from its first to its last cell: a value at A1 and one at ALL1048576 would be a billion cells.
The pass looks at elements and attributes only; what a cell holds is calamine's business.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any
from xml.parsers import expat

from defusedxml import (  # type: ignore[import-untyped]
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.xml.constants import ARC_STYLE
from python_calamine import CalamineWorkbook

from desktop.services.imports.model import CellValue, ImportFileError, SheetInfo
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
# starting at most this far right): refused before calamine lays out a row up to Excel's 16,384.
_LAST_COLUMN = 2 * MAX_COLUMNS
_MAX_MERGED_RANGES = 100_000
# calamine's grid spans the cells with a value, blanks between them included, at ~32 bytes a
# cell: 200,000 rows of 50 columns is ~320 MB for the moment the sheet is read.
MAX_GRID_CELLS = MAX_ROWS * 50
# The shared string table is held in memory by calamine: a real one of 200,000 rows is a few
# tens of MB; this bound (its size, checked before and while it is read) keeps a hostile one
# under a hundred or so MB of RAM.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
# Parts other than the sheet and the shared strings that calamine reads (styles): a real
# styles.xml is well under a MB.
_MAX_OTHER_PART_BYTES = 16 * 1024 * 1024


def too_many_texts() -> ImportFileError:
    return ImportFileError(
        "Il file contiene troppi testi diversi per un foglio da importare: dividerlo in più file "
        "e importarli uno alla volta."
    )


def too_spread_out(rows: int, columns: int) -> ImportFileError:
    spread = f"{rows:,} righe e {columns:,} colonne".replace(",", ".")
    return ImportFileError(
        f"Il foglio ha dati sparsi su {spread}, troppo per leggerlo: eliminare le righe e le "
        "colonne lontane dalla tabella e riprovare."
    )


# Bytes handed to expat at a time.
_CHUNK = 64 * 1024


class XlsxDamaged(Exception):
    """The sheet's XML is not what Excel writes (the caller says so in Italian)."""


@dataclass
class XlsxBook:
    """The workbook's structure from openpyxl, and the file for calamine."""

    archive: zipfile.ZipFile
    stream: IO[bytes]
    sheets: tuple[SheetInfo, ...]
    paths: dict[str, str]  # sheet name -> its XML member

    def close(self) -> None:
        self.archive.close()


def open_book(stream: IO[bytes], *, cells: bool = True, ticker: Ticker | None = None) -> XlsxBook:
    """The workbook's sheets; with ``cells``, the parts calamine reads besides the sheet
    (shared strings, styles) checked by the guarded pass (``ticker``: cancel while they are,
    a second or so for a large table). Raises what openpyxl and defusedxml raise."""
    with warnings.catch_warnings():
        # openpyxl warns about parts it drops (data validation extensions, ...): not the user's
        # business, and a warning must not reach the console of the desktop app.
        warnings.simplefilter("ignore")
        reader = ExcelReader(
            stream, read_only=True, keep_vba=False, data_only=True, keep_links=False
        )
        reader.read_manifest()
        reader.read_workbook()
        sheets: list[SheetInfo] = []
        paths: dict[str, str] = {}
        for sheet, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
                continue
            sheets.append(SheetInfo(sheet.name, hidden=sheet.state != "visible"))
            paths[sheet.name] = rel.target
    archive: zipfile.ZipFile = reader.archive
    if cells:
        strings = reader.package.find(SHARED_STRINGS)
        named = {strings.PartName[1:]} if strings else set()
        # The workbook's relationships are where calamine looks them up; the package's content
        # types where openpyxl does: both, so that neither can point past the guard.
        for rel in reader.parser.rels.values():
            kind = str(rel.Type).rpartition("/")[2]
            if kind in {"sharedStrings", "styles"} and rel.target:
                named.add(str(rel.target).lstrip("/"))
        _check_parts(archive, named, ticker)
    return XlsxBook(archive=archive, stream=stream, sheets=tuple(sheets), paths=paths)


def _check_parts(archive: zipfile.ZipFile, named: set[str], ticker: Ticker | None) -> None:
    """The shared strings and the styles, wherever the workbook names them or calamine would
    look for them by their usual names, through the guarded pass."""
    names = set(archive.namelist())
    usual = {"xl/sharedstrings.xml", ARC_STYLE.lower()}
    parts = {name for name in names if name in named or name.lower() in usual}
    for member in sorted(parts):
        shared = "sharedstrings" in member.lower()
        limit = MAX_SHARED_STRINGS_BYTES if shared else _MAX_OTHER_PART_BYTES
        _parse(archive, member, max_bytes=limit, ticker=ticker)


def _parse(
    archive: zipfile.ZipFile,
    member: str,
    *,
    max_bytes: int,
    ticker: Ticker | None = None,
    start: Callable[[str, dict[str, str]], None] | None = None,
) -> None:
    parser = guarded_parser()
    if start is not None:
        parser.StartElementHandler = start
    read = 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if read > max_bytes:
                if member.lower().endswith("sharedstrings.xml"):
                    raise too_many_texts()
                # zipfile stops at the declared size and checks the CRC; this bound holds
                # even if that ever changed.
                raise XlsxDamaged("member larger than allowed")
            parser.Parse(chunk, False)
            if ticker is not None and not read % (16 * _CHUNK):
                ticker.tick(0)  # no row read yet: the user can still stop it
        parser.Parse(b"", True)


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


def read_sheet(book: XlsxBook, name: str, ticker: Ticker, *, max_bytes: int) -> RawSheet:
    """The sheet's cells with a value, hidden rows and columns, merged ranges."""
    layout = _Layout(ticker)
    _parse(book.archive, book.paths[name], max_bytes=max_bytes, ticker=ticker, start=layout.start)
    layout.check()
    raw = RawSheet(hidden_rows=layout.hidden_rows, hidden_columns=layout.hidden_columns)
    raw.hidden_sheet = next(s.hidden for s in book.sheets if s.name == name)
    book.stream.seek(0)
    try:
        _read_cells(book.stream, name, raw, ticker)
    except BaseException as error:
        # A Rust panic reaches Python as pyo3's PanicException, a BaseException: a damaged
        # file, not a reason to stop the program.
        if type(error).__name__ == "PanicException":
            raise XlsxDamaged("calamine panicked") from error
        raise
    return raw


def _read_cells(stream: IO[bytes], name: str, raw: RawSheet, ticker: Ticker) -> None:
    with CalamineWorkbook.from_filelike(stream) as workbook:
        sheet = workbook.get_sheet_by_name(name)
        merged = sheet.merged_cell_ranges or []
        if len(merged) > _MAX_MERGED_RANGES:
            raise XlsxDamaged("too many merged ranges")
        raw.merged = [(r1 + 1, c1, r2 + 1, c2) for (r1, c1), (r2, c2) in merged]
        start = sheet.start
        if start is None:
            return
        first_row, first_column = start
        lead: list[CellValue] = [None] * first_column
        # A text is cleaned once for all the cells that show it (most cells are a few
        # hundred repeated texts: comuni, CPIs, yes/no).
        cleaned: dict[str, CellValue] = {}
        rows = raw.rows
        for index, values in enumerate(sheet.iter_rows()):
            number = first_row + index + 1
            cells = lead.copy()
            filled = False
            for column, value in enumerate(values, first_column):
                # The common types inline: a cell is read 600,000 times in a large table.
                cell: CellValue
                if isinstance(value, str):
                    if not value:
                        cells.append(None)
                        continue
                    try:
                        cell = cleaned[value]
                    except KeyError:
                        cell = clean_value(value, number, column, raw)
                        if len(value) <= MAX_CELL_TEXT_CACHED:
                            cleaned[value] = cell
                elif isinstance(value, float):
                    cell = int(value) if value.is_integer() and abs(value) < 2**53 else value
                elif isinstance(value, int) or (
                    isinstance(value, date) and not isinstance(value, datetime)
                ):
                    cell = value
                else:
                    cell = clean_value(value, number, column, raw)
                cells.append(cell)
                filled = filled or cell is not None
            if filled:
                if len(rows) >= MAX_ROWS:
                    raise too_many_rows()
                rows.append((number, cells))
            ticker.tick(number)


# Texts this long are cut with a notice for each cell showing them: never served from the cache.
MAX_CELL_TEXT_CACHED = 1024


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# References of cells with a value folded into the extent this many at a time: a hostile part
# of 300 MB (13 million cells) never has them all in memory at once.
_REFERENCES_BATCH = 65_536


class _Layout:
    """The guarded pass's handler over a worksheet part: hidden rows and columns, the extent of
    the cells holding a value (<v> or <is> inside a <c>), the dimension for progress.

    The handler runs for each of a sheet's million or so elements: a cell only keeps its
    reference and a value only notes it, and the references are read in batches (their
    distinct column letters and row numbers, a few thousand at most). A tag written with a
    prefix ("x:c") is looked up without it.
    """

    def __init__(self, ticker: Ticker) -> None:
        self.ticker = ticker
        self.hidden_rows: set[int] = set()
        self.hidden_columns: set[int] = set()
        self.reference: str | None = None
        self.references: list[str] = []
        self.row = 0
        self.xml_rows = 0
        self.value_rows: set[int] = set()
        self.value_columns: set[int] = set()
        self.letters: set[str] = set()
        self.merged = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            reference = attrs.get("r")
            self.reference = reference if reference is not None else self._after(self.reference)
        elif tag == "v":
            reference = self.reference
            if reference is not None:  # else a value outside any cell: nothing calamine reads
                references = self.references
                references.append(reference)
                if len(references) >= _REFERENCES_BATCH:
                    self._fold()
        else:
            self._other(tag.rpartition(":")[2], attrs)

    def _other(self, tag: str, attrs: dict[str, str]) -> None:
        if tag in {"c", "v"}:  # written with a prefix
            self.start(tag, attrs)
        elif tag == "is":
            self.start("v", attrs)
        elif tag == "row":
            number = attrs.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.reference = None
            if attrs.get("hidden") in {"1", "true"}:
                self.hidden_rows.add(self.row)
            self.xml_rows += 1
            if not self.xml_rows % 1024:
                self.ticker.tick(0)
        elif tag == "col":
            self._col(attrs)
        elif tag == "mergeCell":
            # Counted here: calamine hands them all over as Python tuples at once.
            self.merged += 1
            if self.merged > _MAX_MERGED_RANGES:
                raise XlsxDamaged("too many merged ranges")
        elif tag == "dimension":
            self._dimension(attrs)

    def _fold(self) -> None:
        """The batch's references into the sets of rows and columns holding a value."""
        references = self.references
        if not references:
            return
        rows = {reference.lstrip(_LETTERS) for reference in references}
        letters = {reference.rstrip(_DIGITS) for reference in references}
        self.references = []
        try:
            self.value_rows.update(int(number) for number in rows)
        except ValueError as error:
            raise XlsxDamaged("cell reference") from error
        for letter in letters - self.letters:
            column = self._column(letter)
            if column >= _LAST_COLUMN:
                raise too_many_columns(column + 1)
            self.value_columns.add(column)
        self.letters |= letters
        if len(self.value_rows) > MAX_ROWS:
            raise too_many_rows()

    def _after(self, previous: str | None) -> str:
        """The reference of a cell written without one (some scripts do): after the previous
        cell of its row, in column A when first, as Excel and calamine place it."""
        column = self._column(previous.rstrip(_DIGITS)) + 1 if previous else 0
        return f"{get_column_letter(min(column, _LAST_COLUMN) + 1)}{self.row}"

    @staticmethod
    def _column(letters: str) -> int:
        try:
            return int(column_index_from_string(letters)) - 1
        except ValueError as error:
            raise XlsxDamaged(letters) from error

    def _col(self, attrs: dict[str, str]) -> None:
        if attrs.get("hidden") not in {"1", "true"}:
            return
        try:
            first, last = int(attrs["min"]), int(attrs["max"])
        except (KeyError, ValueError):
            return
        self.hidden_columns.update(range(first - 1, min(last, _LAST_COLUMN)))

    def _dimension(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("ref", "")
        try:
            last = range_boundaries(ref)[3] if ":" in ref else 0
        except (TypeError, ValueError):
            return
        # A dimension down to Excel's last row means formatting, not data: total unknown.
        if last and last <= MAX_ROWS:
            self.ticker.total = last

    def check(self) -> None:
        """calamine's grid for these cells stays within bounds."""
        self._fold()
        if not self.value_rows:
            return
        rows = max(self.value_rows) - min(self.value_rows) + 1
        columns = max(self.value_columns) - min(self.value_columns) + 1
        if rows * columns > MAX_GRID_CELLS:
            raise too_spread_out(rows, columns)
