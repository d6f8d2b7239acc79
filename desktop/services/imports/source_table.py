"""From a sheet's cells, whatever their format, to the ``SourceTable`` the user recognises.

Each format's reader (``source_xlsx``, ``source_xls``, ``source_csv``) hands over a ``RawSheet``:
only the rows that hold a value, each as its cells from column A, with the sheet's merged
ranges and hidden rows and columns. Here the header row is found below any title rows, merged
values are spread over their range, blank rows and columns are dropped, and everything the user
should know becomes a ``SourceNotice`` in Italian.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time

from openpyxl.utils import get_column_letter

from desktop.services.imports.fields import normalise_header
from desktop.services.imports.model import (
    Cancelled,
    CellValue,
    ImportCancelled,
    ImportFileError,
    Progress,
    SourceInfo,
    SourceNotice,
    SourceRow,
    SourceTable,
)

# The bounds a file must keep; each has its own message (sources.py, here, the readers).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell's text
# Where the header is looked for: the first rows holding anything.
HEADER_SEARCH_ROWS = 30
# Progress is reported at most this often (seconds), whatever the number of rows.
PROGRESS_INTERVAL = 0.2

_SPACES = "\u00a0\u2007\u202f\u200b\ufeff"
_TRIM = " \t\r\n\v\f" + _SPACES


@dataclass
class RawSheet:
    """A sheet as read: row number -> its cells from column A (index 0), rows in order.

    ``formula_cells``: (row, column) of formulas with no computed value, read as empty.
    ``long_cells``: (row, column, length) of texts cut to ``MAX_CELL_CHARS``.
    """

    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formula_cells: list[tuple[int, int]] = field(default_factory=list)
    long_cells: list[tuple[int, int, int]] = field(default_factory=list)
    hidden_sheet: bool = False


class Ticker:
    """Progress a few times a second and the user's cancel, between rows."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None, total: int) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.total = total
        self._last = time.monotonic()

    def tick(self, done: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelled("Lettura del file interrotta: non è stato importato nulla.")
        if self._progress is not None:
            now = time.monotonic()
            if now - self._last >= PROGRESS_INTERVAL:
                self._last = now
                # 0: unknown (a sheet whose dimension is missing or claims too much).
                self._progress(done, self.total if self.total >= done else 0)

    def finish(self, done: int) -> None:
        if self._progress is not None:
            self._progress(done, done)


def too_many_rows() -> ImportFileError:
    return ImportFileError(
        f"Il foglio ha più di {_thousands(MAX_ROWS)} righe: dividerlo in più file e importarli "
        "uno alla volta."
    )


def too_many_columns(columns: int) -> ImportFileError:
    return ImportFileError(
        f"Il foglio ha dati in {_thousands(columns)} colonne, più delle {MAX_COLUMNS} che "
        "Trama legge: eliminare le colonne che non servono e riprovare."
    )


def clean_text(text: str, row: int, column: int, raw: RawSheet) -> str | None:
    """A text cell as the user means it: no surrounding blanks (non-breaking ones too), no
    non-breaking spaces inside, at most ``MAX_CELL_CHARS`` characters; blank is None."""
    if len(text) > MAX_CELL_CHARS:
        raw.long_cells.append((row, column, len(text)))
        text = text[:MAX_CELL_CHARS]
    for space in _SPACES:
        if space in text:
            text = text.replace(space, " " if space in "\u00a0\u2007\u202f" else "")
    text = text.strip(_TRIM)
    return text or None


def clean_value(value: object, row: int, column: int, raw: RawSheet) -> CellValue:
    """Any reader's value as a ``CellValue``: whole floats as int, midnight datetimes as
    dates, times of day as "hh:mm" text."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return clean_text(value, row, column, raw)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    if isinstance(value, datetime):
        if value.time() == clock_time(0, 0):
            return value.date()
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, clock_time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        return str(value)
    return clean_text(str(value), row, column, raw)


def build_table(
    raw: RawSheet,
    *,
    source: SourceInfo,
    sheet: str,
    header_hints: Collection[str] = (),
) -> SourceTable:
    """The table under the header row, with its notices."""
    rows = raw.rows
    if not rows:
        raise ImportFileError(f"Il foglio «{sheet}» è vuoto: scegliere il foglio con i dati.")
    numbers = [number for number, _ in rows]
    by_number = dict(rows)
    # Found before merged values are spread: a title merged over the table's width is then
    # one cell, not a row of repeated texts, and a header merged over two columns names once.
    header_number = _find_header(rows[:HEADER_SEARCH_ROWS], header_hints)
    _spread_merged(raw, numbers, by_number)
    header_index = numbers.index(header_number)
    below = rows[header_index + 1 :]
    first, last = _column_span([rows[header_index], *below])
    width = last - first + 1
    if width > MAX_COLUMNS:
        raise too_many_columns(width)

    header_cells = by_number[header_number]
    headers = _header_names(header_cells, first, last)
    letters = tuple(get_column_letter(first + index + 1) for index in range(width))

    table_rows: list[SourceRow] = []
    for number, cells in below:
        values = tuple(cells[first : last + 1])
        if all(value is None for value in values):
            continue
        if len(values) < width:
            values = values + (None,) * (width - len(values))
        table_rows.append(SourceRow(number, values, hidden=number in raw.hidden_rows))

    hidden_columns = tuple(index for index in range(width) if first + index in raw.hidden_columns)
    notices = _notices(
        raw,
        header_number=header_number,
        first_row=numbers[0],
        first=first,
        last=last,
        headers=headers,
        letters=letters,
        table_rows=table_rows,
        hidden_columns=hidden_columns,
        sheet=sheet,
    )
    return SourceTable(
        source=source,
        sheet=sheet,
        header_row=header_number,
        headers=headers,
        column_letters=letters,
        rows=tuple(table_rows),
        hidden_columns=hidden_columns,
        notices=tuple(notices),
    )


def _spread_merged(
    raw: RawSheet, numbers: list[int], by_number: dict[int, list[CellValue]]
) -> None:
    """A merged range's value (kept by Excel in its first cell only) into each of its cells,
    in the rows that hold something else: a merged range never makes up a row of its own.
    Ranges are cut to the columns that hold values: a hostile range over the whole sheet costs
    no more than the sheet's cells."""
    widest = max((len(cells) for cells in by_number.values()), default=0)
    budget = 2 * len(numbers) * max(widest, 1) + 1_000
    for first_row, first_column, last_row, last_column in raw.merged:
        value = by_number.get(first_row, [])
        value_at = value[first_column] if first_column < len(value) else None
        if value_at is None:
            continue
        end_column = min(last_column, widest - 1)
        start = bisect.bisect_left(numbers, first_row)
        stop = bisect.bisect_right(numbers, last_row)
        for number in numbers[start:stop]:
            cells = by_number[number]
            if len(cells) <= end_column:
                cells.extend([None] * (end_column + 1 - len(cells)))
            for column in range(first_column, end_column + 1):
                cells[column] = value_at
            budget -= end_column + 1 - first_column
            if budget < 0:
                raise ImportFileError(
                    "Il foglio ha celle unite che si sovrappongono: separa le celle unite in "
                    "Excel e riprovare."
                )


def _find_header(candidates: list[tuple[int, list[CellValue]]], hints: Collection[str]) -> int:
    """The header's row number: the row that names most of Trama's fields, when hints are
    given; else the first row of distinct texts with rows under it; else the first row."""
    hint_set = set(hints)
    if hint_set:
        best, best_score = 0, 0
        for number, cells in candidates:
            named = {normalise_header(value) for value in cells if isinstance(value, str)}
            score = len(named & hint_set)
            if score > best_score:
                best, best_score = number, score
        if best_score >= 2 or (best_score == 1 and len(candidates) == 1):
            return best
    widest = max((_filled(cells) for _, cells in candidates), default=0)
    # The last candidate has no row under it among the candidates: never a header by shape.
    for number, cells in candidates[:-1]:
        filled = [value for value in cells if value is not None]
        texts = [value for value in filled if isinstance(value, str)]
        if len(filled) < 2 or len(texts) < 0.8 * len(filled):
            continue
        distinct = {normalise_header(text) for text in texts}
        # Mostly distinct (a header merged over two columns repeats once) and as wide as the
        # widest of the first rows (a title row's few words are not a header).
        if len(distinct) >= 0.8 * len(texts) and len(filled) >= 0.5 * widest:
            return number
    return candidates[0][0]


def _filled(cells: list[CellValue]) -> int:
    return sum(1 for value in cells if value is not None)


def _column_span(rows: Iterable[tuple[int, list[CellValue]]]) -> tuple[int, int]:
    first, last = -1, -1
    for _, cells in rows:
        for index, value in enumerate(cells):
            if value is not None:
                if first < 0 or index < first:
                    first = index
                break
        for index in range(len(cells) - 1, -1, -1):
            if cells[index] is not None:
                last = max(last, index)
                break
    return max(first, 0), max(last, 0)


def _header_names(cells: list[CellValue], first: int, last: int) -> tuple[str, ...]:
    """Each column's name as written; a blank one "Colonna X"; a repeated one (a header merged
    over several columns, or written twice) numbered from its second: "Telefono (2)"."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for column in range(first, last + 1):
        value = cells[column] if column < len(cells) else None
        name = _header_text(value) or f"Colonna {get_column_letter(column + 1)}"
        key = name.casefold()
        if key in seen:
            seen[key] += 1
            name = f"{name} ({seen[key]})"
            while name.casefold() in seen:  # "Telefono (2)" written in the sheet as well
                seen[key] += 1
                name = f"{name.rsplit(' (', 1)[0]} ({seen[key]})"
        seen.setdefault(name.casefold(), 1)
        names.append(name)
    return tuple(names)


def _header_text(value: CellValue) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "VERO" if value else "FALSO"
    return " ".join(str(value).split()) or None


def _notices(
    raw: RawSheet,
    *,
    header_number: int,
    first_row: int,
    first: int,
    last: int,
    headers: tuple[str, ...],
    letters: tuple[str, ...],
    table_rows: list[SourceRow],
    hidden_columns: tuple[int, ...],
    sheet: str,
) -> list[SourceNotice]:
    notices: list[SourceNotice] = []
    if raw.hidden_sheet:
        notices.append(SourceNotice(f"Il foglio «{sheet}» è nascosto in Excel."))
    if header_number > 1:
        span = "Riga 1 saltata" if header_number == 2 else f"Righe 1-{header_number - 1} saltate"
        what = "titolo sopra l'intestazione" if first_row < header_number else "righe vuote"
        notices.append(SourceNotice(f"{span}: {what}.", row=1))
    hidden = [row.number for row in table_rows if row.hidden]
    for start, end in _runs(hidden):
        if start == end:
            message = f"Riga {start} nascosta nel foglio: è letta come le altre, controllare che "
            message += "vada importata."
        else:
            message = f"Righe {start}-{end} nascoste nel foglio: sono lette come le altre, "
            message += "controllare che vadano importate."
        notices.append(SourceNotice(message, row=start))
    for index in hidden_columns:
        notices.append(
            SourceNotice(
                f"Colonna {letters[index]} («{headers[index]}») nascosta nel foglio: è letta "
                "come le altre, controllare che vada importata.",
                column=index,
            )
        )
    row_numbers = {row.number for row in table_rows}
    for first_r, first_c, last_r, last_c in raw.merged:
        if first_c > last or last_c < first:
            continue
        if last_r < header_number or (first_r > header_number and first_r not in row_numbers):
            continue
        ref = f"{get_column_letter(first_c + 1)}{first_r}:{get_column_letter(last_c + 1)}{last_r}"
        if first_r == header_number:
            message = f"Celle unite {ref} nell'intestazione: ogni colonna ha un nome suo."
        else:
            message = f"Celle unite {ref}: il valore della prima cella vale per tutte."
        notices.append(SourceNotice(message, row=first_r, column=max(first_c, first) - first))
    for number, column in raw.formula_cells:
        if number > header_number and first <= column <= last and number in row_numbers:
            notices.append(
                SourceNotice(
                    f"Cella {get_column_letter(column + 1)}{number}: formula senza valore "
                    "calcolato, letta come vuota (aprire il file in Excel, salvarlo e riprovare).",
                    row=number,
                    column=column - first,
                )
            )
    for number, column, length in raw.long_cells:
        if number >= header_number and first <= column <= last:
            notices.append(
                SourceNotice(
                    f"Cella {get_column_letter(column + 1)}{number}: testo di "
                    f"{_thousands(length)} caratteri, tagliato a {_thousands(MAX_CELL_CHARS)}.",
                    row=number,
                    column=column - first,
                )
            )
    return notices


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")
