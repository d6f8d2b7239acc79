"""Files for the import tests, built in the test: workbooks (.xlsx, .xls), CSV files, and
hostile variants of them. Shared by every import test (reader, dry run, report, CLI, wizard).

The usual way::

    path = write_xlsx(tmp_path / "invii.xlsx", [
        ["Elenco invii 2024"],                      # a title row above the header
        [],
        ["Cognome", "Nome", "Codice fiscale", "Data di nascita"],
        ["ROSSI", "Maria", "RSSMRA01D43L682X", date(2001, 4, 3)],
    ], merged=["A1:D1"], hidden_rows=[4])

Rows are lists of cell values (str, int, float, date, datetime, bool, None; a str starting
with "=" is written as a formula, with no cached value). Row and column numbers are the ones
Excel shows: rows from 1, columns by letter. ``write_workbook`` takes several ``Sheet``s
(hidden ones too); ``write_xls`` writes the same description as an old binary .xls (xlwt);
``write_csv`` a text file in any delimiter, encoding, BOM and line ending. ``person_rows``
makes fake but valid people (codici fiscali that check), for tests that need real-looking data.
Hostile files: ``rewrite_member`` swaps one XML member of a workbook (entity attacks),
``write_zip_bomb`` streams a huge member of zeros without holding it in memory.
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from desktop.domain.fiscal_code import encode_fiscal_code

Cell = str | int | float | date | datetime | bool | None

# Excel's own formats for date cells, as an Italian office's workbook carries them.
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


@dataclass
class Sheet:
    """One sheet to write.

    ``merged``: ranges such as "A2:A6" (the value is written in the first cell only, as Excel
    keeps it); ``hidden_rows``: row numbers; ``hidden_columns``: letters; ``hidden``: the sheet
    itself hidden ("hidden"; "veryHidden" with ``state``); ``number_formats``: cell -> format
    ("C4": "0.00"), on top of the date format every date cell gets; ``cached``: see below.
    """

    rows: Sequence[Sequence[Cell]]
    name: str = "Foglio1"
    merged: Sequence[str] = ()
    hidden_rows: Iterable[int] = ()
    hidden_columns: Iterable[str] = ()
    hidden: bool = False
    state: str | None = None
    number_formats: dict[str, str] = field(default_factory=dict)
    # Formula cell -> the value Excel last computed, written into the XML (openpyxl cannot)
    # so that a reader of cached values sees it; formula cells not named here have none.
    cached: dict[str, Cell] = field(default_factory=dict)
    # Rows written far below the data, formatted but empty: the sheet's dimension then claims
    # that many rows (as a workbook whose whole column was once formatted does).
    formatted_down_to: int | None = None


def write_workbook(path: Path, *sheets: Sheet, shared_strings: bool = True) -> Path:
    """An .xlsx (or .xlsm, by the name) of the given sheets, in order; returns ``path``.

    Texts go to a shared string table (xl/sharedStrings.xml), as Excel saves them, unless
    ``shared_strings`` is False (then they stay inline in each sheet, as openpyxl writes)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for sheet in sheets:
        _fill(book.create_sheet(sheet.name), sheet)
    book.save(path)
    cached = {
        (index, ref): value
        for index, sheet in enumerate(sheets)
        for ref, value in sheet.cached.items()
    }
    if cached:
        _write_cached_values(path, cached)
    if shared_strings:
        share_strings(path)
    return path


_INLINE_STRING = re.compile(
    rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t[^>]*>(.*?)</t></is></c>', re.S
)
_SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_SHARED_STRINGS_REL = (
    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdStrings"/>'
)


def share_strings(path: Path) -> Path:
    """Move a workbook's inline texts (openpyxl's way) into xl/sharedStrings.xml (Excel's
    way): each distinct text once, cells pointing at it by index."""
    with zipfile.ZipFile(path) as source:
        contents = {info.filename: source.read(info) for info in source.infolist()}
    if "xl/sharedStrings.xml" in contents:
        return path
    table: dict[bytes, int] = {}
    count = 0

    def index(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        number = table.setdefault(match.group(3), len(table))
        return b"<c " + match.group(1) + b't="s"' + match.group(2) + b"><v>%d</v></c>" % number

    for name in [n for n in contents if n.startswith("xl/worksheets/sheet")]:
        contents[name] = _INLINE_STRING.sub(index, contents[name])
    items = b"".join(b'<si><t xml:space="preserve">' + text + b"</t></si>" for text in table)
    contents["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="%d" uniqueCount="%d">' % (count, len(table)) + items + b"</sst>"
    )
    contents["[Content_Types].xml"] = contents["[Content_Types].xml"].replace(
        b"</Types>", _SHARED_STRINGS_TYPE + b"</Types>"
    )
    rels = "xl/_rels/workbook.xml.rels"
    contents[rels] = contents[rels].replace(
        b"</Relationships>", _SHARED_STRINGS_REL + b"</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in contents.items():
            target.writestr(name, data)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Cell]], **options: Any) -> Path:
    """One sheet's workbook: ``options`` are ``Sheet``'s (name, merged, hidden_rows, ...)."""
    return write_workbook(path, Sheet(rows=rows, **options))


def write_formulas_with_cache(
    path: Path, rows: Sequence[Sequence[Cell]], cached: dict[str, Cell]
) -> Path:
    """A workbook whose formula cells ("=...") carry the value Excel last computed for the
    cells named in ``cached`` ("C2": 42): openpyxl cannot write one, so the XML is patched.
    Formula cells not in ``cached`` keep no value, as a workbook saved by a script would."""
    return write_workbook(path, Sheet(rows=rows, cached=dict(cached)))


def _fill(target: Any, sheet: Sheet) -> None:
    for row in sheet.rows:
        target.append(list(row))
    for row_cells in target.iter_rows():
        for cell in row_cells:
            if isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    for ref, number_format in sheet.number_formats.items():
        target[ref].number_format = number_format
    for ref in sheet.merged:
        # Excel keeps a merged range's value in its first cell only: clear the others.
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        for row in range(min_row, max_row + 1):
            for column in range(min_col, max_col + 1):
                if (row, column) != (min_row, min_col):
                    target.cell(row=row, column=column).value = None
        target.merge_cells(ref)
    for number in sheet.hidden_rows:
        target.row_dimensions[number].hidden = True
    for letter in sheet.hidden_columns:
        target.column_dimensions[letter].hidden = True
    if sheet.formatted_down_to:
        # A bold font on an empty cell far below: Excel (and openpyxl) then count the sheet
        # down to that row, although nothing is written there.
        target.cell(row=sheet.formatted_down_to, column=1).font = Font(bold=True)
    if sheet.state or sheet.hidden:
        target.sheet_state = sheet.state or "hidden"


def _write_cached_values(path: Path, cached: dict[tuple[int, str], Cell]) -> None:
    """Put a cached value (<v>) after each named formula cell's <f>, as Excel saves it."""

    def patch(index: int, xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        for (sheet_index, ref), value in cached.items():
            if sheet_index != index:
                continue
            pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)(<v\s*/>|<v></v>)?')
            if isinstance(value, str):
                replacement = rf'<c r="{ref}" t="str">\2<v>{value}</v>'
            else:
                replacement = rf"\1\2<v>{value}</v>"
            text = pattern.sub(replacement, text, count=1)
        return text.encode("utf-8")

    for index in {sheet_index for sheet_index, _ in cached}:
        rewrite_member(
            path, f"xl/worksheets/sheet{index + 1}.xml", lambda xml, i=index: patch(i, xml)
        )


def write_xls(path: Path, *sheets: Sheet) -> Path:
    """The same sheets as an old binary .xls (BIFF8, through xlwt, a test-only library).

    Merged ranges, hidden rows and columns, hidden sheets and date cells (DD/MM/YYYY) are
    written as Excel 97-2003 would; formulas are not supported here.
    """
    # Imported here: only the .xls tests need this test-only library.
    import xlwt  # type: ignore[import-untyped]  # noqa: PLC0415

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    datetime_style = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM")
    for sheet in sheets:
        target = book.add_sheet(sheet.name, cell_overwrite_ok=True)
        merged_tails: set[tuple[int, int]] = set()
        for ref in sheet.merged:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            first = (
                sheet.rows[min_row - 1][min_col - 1]
                if len(sheet.rows[min_row - 1]) >= min_col
                else None
            )
            target.write_merge(min_row - 1, max_row - 1, min_col - 1, max_col - 1, first)
            merged_tails |= {
                (row, column)
                for row in range(min_row, max_row + 1)
                for column in range(min_col, max_col + 1)
            }
        for row_index, row in enumerate(sheet.rows):
            for column_index, value in enumerate(row):
                if (row_index + 1, column_index + 1) in merged_tails or value is None:
                    continue
                if isinstance(value, datetime):
                    target.write(row_index, column_index, value, datetime_style)
                elif isinstance(value, date):
                    target.write(row_index, column_index, value, date_style)
                else:
                    target.write(row_index, column_index, value)
        for number in sheet.hidden_rows:
            target.row(number - 1).hidden = True
        for letter in sheet.hidden_columns:
            target.col(column_index_from_string(letter) - 1).hidden = True
        if sheet.hidden or sheet.state:
            target.visibility = 1 if (sheet.state or "hidden") == "hidden" else 2
    book.save(str(path))
    return path


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
    line_ending: str = "\r\n",
) -> Path:
    """A CSV as an office's PC saves it: ``;`` and Windows line endings by default; dates as
    gg/mm/aaaa text; ``encoding`` "cp1252" for the old Excel "CSV (delimitato dal separatore
    di elenco)"; ``bom`` for Excel's "CSV UTF-8". Quotes fields only when needed (csv module)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_ending)
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def rewrite_member(path: Path, member: str, transform: Callable[[bytes], bytes]) -> Path:
    """Rewrite one member of a zip (an .xlsx's XML) through ``transform``, keeping the rest:
    how the tests make a valid workbook hostile (a DOCTYPE with entities in sharedStrings)."""
    with zipfile.ZipFile(path) as source:
        contents = [(info, source.read(info)) for info in source.infolist()]
    if member not in {info.filename for info, _ in contents}:
        raise KeyError(f"{member} not in {path.name}: {[info.filename for info, _ in contents]}")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in contents:
            target.writestr(info.filename, transform(data) if info.filename == member else data)
    return path


def add_member(path: Path, member: str, chunks: Iterable[bytes]) -> Path:
    """Append a member streamed from ``chunks`` (the test never holds it whole in memory)."""
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as target,
        target.open(member, "w", force_zip64=True) as stream,
    ):
        for chunk in chunks:
            stream.write(chunk)
    return path


def zeros(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """``total`` bytes of zeros in chunks: 1 GB deflates to about 1 MB."""
    block = bytes(chunk)
    left = total
    while left > 0:
        yield block[: min(chunk, left)]
        left -= chunk


def write_zip_bomb(
    path: Path, member: str = "xl/worksheets/sheet1.xml", size: int = 1 << 30, level: int = 1
) -> Path:
    """A valid one-sheet workbook whose ``member`` is replaced by ``size`` bytes of zeros
    (1 GB by default): small on disk, huge once decompressed. Written streaming, by default at
    deflate's fastest level: 1 GB in ~2.5 s and ~5 MB (level 9: ~1 MB, ~10 s; ~1,000:1)."""
    write_xlsx(path, [["Cognome"], ["ROSSI"]])
    with zipfile.ZipFile(path) as source:
        contents = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for name, data in contents:
            if name == member:
                with target.open(name, "w", force_zip64=True) as stream:
                    for chunk in zeros(size, 4 << 20):
                        stream.write(chunk)
            else:
                target.writestr(name, data)
    return path


# Fake people, Italian-looking, with codici fiscali that check: a few comuni of the Province.
_LAST_NAMES = ("ROSSI", "BIANCHI", "COLOMBO", "FERRARI", "BRAMBILLA", "GALLI", "ZANETTI", "MARELLI")
_FIRST_NAMES = {
    "F": ("Maria", "Giulia", "Chiara", "Francesca", "Laura", "Anna"),
    "M": ("Luca", "Marco", "Giuseppe", "Andrea", "Paolo", "Davide"),
}
# Cadastral code -> comune, all in the Province of Varese.
COMUNI = {
    "L682": "Varese",
    "B300": "Busto Arsizio",
    "D869": "Gallarate",
    "I441": "Saronno",
    "E734": "Luino",
}
PERSON_HEADER = (
    "Cognome",
    "Nome",
    "Sesso",
    "Data di nascita",
    "Comune di nascita",
    "Codice fiscale",
)


def person_rows(count: int, *, seed: int = 19) -> list[list[Cell]]:
    """``count`` distinct fake people as rows under ``PERSON_HEADER`` (not included):
    last name, first name, sex, birth date (a date), birth comune (its name), codice fiscale.
    The same ``seed`` gives the same people."""
    rng = random.Random(seed)
    rows: list[list[Cell]] = []
    seen: set[str] = set()
    while len(rows) < count:
        sex = rng.choice("FM")
        last = rng.choice(_LAST_NAMES)
        first = rng.choice(_FIRST_NAMES[sex])
        born = date.fromordinal(date(1950, 1, 1).toordinal() + rng.randrange(20000))
        code = rng.choice(sorted(COMUNI))
        fiscal = encode_fiscal_code(
            last_name=last, first_name=first, sex=sex, birth_date=born, birthplace_code=code
        )
        if fiscal in seen:
            continue
        seen.add(fiscal)
        rows.append([last, first, sex, born, COMUNI[code], fiscal])
    return rows


def column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA": a table column's letter when the table starts in column A."""
    return get_column_letter(index + 1)


_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_SECTOR = 512


def write_ole2(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal OLE2 compound file (the container of .xls, .doc and of a password-protected
    .xlsx) holding ``streams`` (at most 3, each padded to 4 KB so that no mini stream is needed).

    A password-protected .xlsx is one of these with "EncryptionInfo" and "EncryptedPackage";
    a Word 97 document one with "WordDocument": the reader must tell them from an .xls.
    """
    if not 1 <= len(streams) <= 3:
        raise ValueError("between 1 and 3 streams")
    padded = {
        name: data.ljust(max(4096, -(-len(data) // _SECTOR) * _SECTOR), b"\0")
        for name, data in streams.items()
    }
    fat: list[int] = [_FATSECT, _ENDOFCHAIN]  # sector 0: the FAT; sector 1: the directory
    starts: list[int] = []
    for data in padded.values():
        count = len(data) // _SECTOR
        first = len(fat)
        starts.append(first)
        fat.extend(first + offset + 1 for offset in range(count - 1))
        fat.append(_ENDOFCHAIN)
    if len(fat) > _SECTOR // 4:
        raise ValueError("streams too large for one FAT sector")
    fat.extend([_FREESECT] * (_SECTOR // 4 - len(fat)))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + len(encoded).to_bytes(2, "little")
            + bytes([kind, 1])
            + _NOSTREAM.to_bytes(4, "little")
            + right.to_bytes(4, "little")
            + child.to_bytes(4, "little")
            + bytes(16 + 4 + 8 + 8)
            + start.to_bytes(4, "little")
            + size.to_bytes(8, "little")
        )

    names = list(padded)
    directory = entry("Root Entry", 5, 1, _NOSTREAM, _ENDOFCHAIN, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else _NOSTREAM
        directory += entry(name, 2, _NOSTREAM, right, starts[index], len(streams[name]))
    while len(directory) < _SECTOR:
        directory += (
            bytes(64 + 2 + 2) + (_NOSTREAM.to_bytes(4, "little") * 3) + bytes(16 + 4 + 16 + 4 + 8)
        )
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + (0x3E).to_bytes(2, "little")
        + (3).to_bytes(2, "little")
        + (0xFFFE).to_bytes(2, "little")
        + (9).to_bytes(2, "little")
        + (6).to_bytes(2, "little")
        + bytes(6)
        + (0).to_bytes(4, "little")  # directory sectors (always 0 in version 3)
        + (1).to_bytes(4, "little")  # FAT sectors
        + (1).to_bytes(4, "little")  # the directory's first sector
        + (0).to_bytes(4, "little")
        + (4096).to_bytes(4, "little")  # mini stream cutoff
        + _ENDOFCHAIN.to_bytes(4, "little")
        + (0).to_bytes(4, "little")
        + _ENDOFCHAIN.to_bytes(4, "little")
        + (0).to_bytes(4, "little")
        + (0).to_bytes(4, "little")  # DIFAT[0]: the FAT is sector 0
        + _FREESECT.to_bytes(4, "little") * 108
    )
    body = (
        b"".join(value.to_bytes(4, "little") for value in fat)
        + directory
        + b"".join(padded.values())
    )
    path.write_bytes(header + body)
    return path


def write_encrypted_xlsx(path: Path) -> Path:
    """What Excel saves for an .xlsx with a password to open: an OLE2 file, not a zip."""
    return write_ole2(
        path,
        {
            "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + bytes(200),
            "EncryptedPackage": bytes(5000),
        },
    )
