"""Writing a table of records to a CSV or Excel file the way an Italian office reads it.

Shared by every export (the referral list's in the app, ``trama export``): Excel gets real
date cells shown gg/mm/aaaa, a bold frozen header with a filter and columns as wide as their
content; CSV is UTF-8 with a BOM and ``;`` between fields, as Excel with an Italian locale
opens it, with dates written gg/mm/aaaa. Both are written beside the target and renamed at
the end, so a failed or cancelled export never leaves half a file nor spoils an older one.
Rows are streamed: 100,000 need little memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

XLSX_DATE_FORMAT = "DD/MM/YYYY"
XLSX_TIME_FORMAT = "HH:MM"
# Column widths are fitted to the header and the first rows (the sheet is streamed: its
# widths are written before its rows), between these bounds, in characters.
WIDTH_SAMPLE_ROWS = 500
MIN_WIDTH = 8
MAX_WIDTH = 50

Row = Sequence[Any]


def export_details(kind: str, file_format: str, rows: int, groups: str) -> str:
    """An export's audit details: codes and counts only, never a name."""
    return f"kind={kind}; format={file_format}; rows={rows}; columns={groups}"


def is_excel(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def write_table(path: Path, *, sheet_title: str, header: Sequence[str], rows: Iterable[Row]) -> int:
    """Write ``header`` and ``rows`` to ``path`` (.xlsx for Excel, else CSV); returns the rows.

    Values may be text, numbers, dates, times or None; anything else is written as text.
    """
    partial = path.with_name(path.name + ".part")
    try:
        if is_excel(path):
            count = _write_xlsx(partial, sheet_title, header, rows)
        else:
            count = _write_csv(partial, header, rows)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


def safe_text(value: str) -> str:
    # A leading formula character would run as a formula in a spreadsheet (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")  # the decimal comma Italian Excel reads
    if isinstance(value, int):
        return value
    return safe_text(str(value))


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Row]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(value) for value in row])
            count += 1
    return count


def _shown_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date | time):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _widths(header: Sequence[str], sample: Sequence[Row]) -> list[int]:
    widths = [len(title) + 3 for title in header]  # room for the filter's button
    for row in sample:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _shown_width(value) + 2)
    return [max(MIN_WIDTH, min(MAX_WIDTH, width)) for width in widths]


def _write_xlsx(path: Path, sheet_title: str, header: Sequence[str], rows: Iterable[Row]) -> int:
    from openpyxl import Workbook  # noqa: PLC0415 - heavy; only Excel exports need it
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    source: Iterator[Row] = iter(rows)
    sample = list(islice(source, WIDTH_SAMPLE_ROWS))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])  # Excel's limit for a sheet's name
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_widths(header, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    titles = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    count = 0
    try:
        for row in _chained(sample, source):
            sheet.append([_xlsx_cell(sheet, value, WriteOnlyCell) for value in row])
            count += 1
    except BaseException:
        # openpyxl streams the sheet into a temporary file: close it now, and remove it, rather
        # than leave both to the garbage collector.
        sheet.close()
        stream = getattr(getattr(sheet, "_writer", None), "out", None)
        if isinstance(stream, str) and stream:
            Path(stream).unlink(missing_ok=True)
        raise
    # Written after the rows (the sheet's tail): the filter covers the header and every row.
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{count + 1}"
    workbook.save(path)
    return count


def _chained(first: list[Row], rest: Iterator[Row]) -> Iterator[Row]:
    yield from first
    first.clear()  # the sample is no longer needed once written
    yield from rest


def _xlsx_cell(sheet: Any, value: Any, cell_class: Any) -> Any:
    if isinstance(value, datetime):
        cell = cell_class(sheet, value=value.replace(tzinfo=None))
        cell.number_format = XLSX_DATE_FORMAT + " " + XLSX_TIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = cell_class(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    if isinstance(value, time):
        cell = cell_class(sheet, value=value)
        cell.number_format = XLSX_TIME_FORMAT
        return cell
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, int | float) or value is None:
        return value
    return safe_text(str(value))
