"""The dry run's report: the original rows with "Esito" and "Errori" columns (helper C).

An XLSX the user opens, fixes and imports again: a first sheet "Riepilogo" (the file, the
sheet, the day, the counts per verdict, the columns left out, what the reading noticed), then
the file's own header and rows as they were read, each with its verdict and every issue
("Colonna C (Data di nascita): …"); a cell with an error is filled red, one with a warning
yellow, with the message as the cell's comment. Every text is written as text: a cell that
starts with "=" in the file never becomes a live formula here. Written beside the target and
renamed at the end, like the exports (``desktop.services.spreadsheet``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.domain.audit_actions import AuditAction
from desktop.services.audit import record_audit
from desktop.services.context import Actor
from desktop.services.imports.fields import import_fields
from desktop.services.imports.model import (
    CellIssue,
    ImportKind,
    ImportPlan,
    RowPlan,
    RowVerdict,
    Severity,
)
from desktop.services.spreadsheet import XLSX_DATE_FORMAT, XLSX_TIME_FORMAT
from desktop.store.engine import Store

SUMMARY_SHEET = "Riepilogo"
ROWS_SHEET = "Righe"
VERDICT_HEADER = "Esito"
ISSUES_HEADER = "Errori"
CHANGES_HEADER = "Modifiche"
ROW_HEADER = "Riga del file"
ERROR_FILL = "FFC7CE"  # Excel's own "bad" red
WARNING_FILL = "FFEB9C"  # and its "neutral" yellow
DECIDE = "Da decidere"
VERDICT_LABELS = {
    RowVerdict.CREATE: "Da creare",
    RowVerdict.UPDATE: "Da aggiornare",
    RowVerdict.UNCHANGED: "Invariata",
    RowVerdict.SKIPPED: "Scartata",
}
# Fields a row may change that the catalogue does not list under their own name.
EXTRA_LABELS = {
    "birthplace_code": "Luogo di nascita",
    "birthplace_name": "Luogo di nascita",
    "concluded_on": "Data di conclusione",
    "created_on": "Data della segnalazione",
    "sent_on": "Data di invio",
}
# What a spreadsheet would read as the start of a formula (CSV injection's characters too).
FORMULA_STARTS = ("=", "+", "-", "@")
KIND_LABELS = {ImportKind.PERSONS: "Persone", ImportKind.REFERRALS: "Segnalazioni"}


def verdict_label(row: RowPlan) -> str:
    """How the report and the command line name a row's verdict."""
    if row.verdict is RowVerdict.SKIPPED and row.near_match is not None and not row.errors:
        return DECIDE
    return VERDICT_LABELS[row.verdict]


def field_labels(kind: ImportKind) -> dict[str, str]:
    return {**EXTRA_LABELS, **{item.key: item.label for item in import_fields(kind)}}


def issue_text(plan: ImportPlan, issue: CellIssue, labels: Mapping[str, str]) -> str:
    """ "Colonna C (Data di nascita): …", or the message alone for the row as a whole."""
    table = plan.table
    if issue.column is None or issue.column >= len(table.headers):
        return issue.message
    letter = table.column_letters[issue.column] if issue.column < len(table.column_letters) else ""
    name = labels.get(issue.field or "", table.headers[issue.column])
    # The readers' messages begin with the field's label: said once, in the parenthesis.
    message = issue.message.removeprefix(f"{name}: ")
    return f"Colonna {letter} ({name}): {message}"


def save_report(store: Store, path: Path, plan: ImportPlan, *, actor: Actor) -> None:
    """``write_report``, audited as an export: the report repeats the file's personal data and
    names the persons of the store a row may be (the near matches), so it is a copy of
    special-category data leaving Trama, as any export is."""
    write_report(path, plan)
    near = sum(1 for row in plan.rows if row.near_match is not None)
    with store.write() as session:
        record_audit(
            session,
            actor=actor,
            action=AuditAction.EXPORT,
            entity=plan.kind.audit_entity,
            entity_id="",
            details=(
                f"import_report; kind={plan.kind.value}; format=xlsx; rows={len(plan.rows)}; "
                f"near_matches={near}; source_sha256={plan.table.source.sha256}"
            ),
        )


def write_report(path: Path, plan: ImportPlan) -> None:
    partial = path.with_name(path.name + ".part")
    try:
        _write(partial, plan)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _write(path: Path, plan: ImportPlan) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - heavy; only the report needs it
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.comments import Comment  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    labels = field_labels(plan.kind)
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    fills = {
        Severity.ERROR: PatternFill("solid", start_color=ERROR_FILL, end_color=ERROR_FILL),
        Severity.WARNING: PatternFill("solid", start_color=WARNING_FILL, end_color=WARNING_FILL),
    }
    wrap = Alignment(wrap_text=True, vertical="top")

    def cell(sheet: Any, value: Any) -> Any:
        written = WriteOnlyCell(sheet, value=_plain(value))
        if isinstance(value, datetime):
            written.number_format = XLSX_DATE_FORMAT + " " + XLSX_TIME_FORMAT
        elif isinstance(value, date):
            written.number_format = XLSX_DATE_FORMAT
        elif isinstance(value, str):
            written.data_type = "s"  # text stays text: never a formula in the report
        return written

    def plain(sheet: Any, value: Any) -> Any:
        """A cell with nothing to style goes as its value (a fifth of the time of a cell
        object); a date or a text that could read as a formula needs the object."""
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str) and value[:1] not in FORMULA_STARTS:
            return value
        return cell(sheet, value)

    summary = book.create_sheet(SUMMARY_SHEET)
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 90
    for label, value in _summary_lines(plan):
        title = cell(summary, label)
        title.font = bold
        summary.append([title, cell(summary, value)])

    sheet = book.create_sheet(ROWS_SHEET)
    headers = [*plan.table.headers, VERDICT_HEADER, ISSUES_HEADER, CHANGES_HEADER, ROW_HEADER]
    for index, header in enumerate(headers, start=1):
        width = 60 if header == ISSUES_HEADER else max(12, min(40, len(header) + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    titles = []
    for header in headers:
        title = cell(sheet, header)
        title.font = bold
        titles.append(title)
    sheet.append(titles)
    plans = {row.number: row for row in plan.rows}
    width = len(plan.table.headers)
    for source in plan.table.rows:
        row = plans.get(source.number)
        values = list(source.cells[:width]) + [None] * (width - len(source.cells))
        by_column: dict[int, list[CellIssue]] = {}
        for issue in row.issues if row is not None else ():
            if issue.column is not None and issue.column < width:
                by_column.setdefault(issue.column, []).append(issue)
        cells = [
            cell(sheet, value) if index in by_column else plain(sheet, value)
            for index, value in enumerate(values)
        ]
        if row is None:
            sheet.append(cells)
            continue
        for column, issues in by_column.items():
            worst = (
                Severity.ERROR
                if any(i.severity is Severity.ERROR for i in issues)
                else Severity.WARNING
            )
            cells[column].fill = fills[worst]
            cells[column].comment = Comment("\n".join(i.message for i in issues), "Trama")
        verdict: Any = verdict_label(row)
        if row.errors or row.warnings:
            verdict = cell(sheet, verdict)
            verdict.fill = fills[Severity.ERROR if row.errors else Severity.WARNING]
        issues_cell: Any = None
        if row.issues:
            issues_cell = cell(sheet, "\n".join(issue_text(plan, i, labels) for i in row.issues))
            issues_cell.alignment = wrap
        changes = ", ".join(dict.fromkeys(labels.get(name, name) for name in row.changes))
        sheet.append([*cells, verdict, issues_cell, plain(sheet, changes), source.number])
    book.save(path)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _summary_lines(plan: ImportPlan) -> list[tuple[str, Any]]:
    source = plan.table.source
    decide = sum(1 for row in plan.rows if verdict_label(row) == DECIDE)
    lines: list[tuple[str, Any]] = [
        ("File", source.name),
        ("Foglio", plan.table.sheet),
        ("Contenuto", KIND_LABELS[plan.kind]),
        ("Data della prova", plan.planned_on or date.today()),
        ("Impronta del file (SHA-256)", source.sha256),
        ("Righe lette", len(plan.rows)),
        ("Da creare", plan.count(RowVerdict.CREATE)),
        ("Da aggiornare", plan.count(RowVerdict.UPDATE)),
        ("Invariate", plan.count(RowVerdict.UNCHANGED)),
        ("Scartate", plan.count(RowVerdict.SKIPPED) - decide),
        (DECIDE, decide),
        ("Colonne non importate", ", ".join(plan.unmapped) or "nessuna"),
    ]
    if plan.missing:
        lines.append(
            (
                "Campi obbligatori senza colonna",
                ", ".join(plan.missing) + ": nessuna riga può essere importata.",
            )
        )
    notices = _notices(plan)
    lines.append(("Avvisi della lettura", notices[0] if notices else "nessuno"))
    lines.extend(("", notice) for notice in notices[1:])
    return lines


def _notices(plan: ImportPlan) -> Sequence[str]:
    # The reader's notices name their own rows and cells ("Riga 9 nascosta nel foglio…").
    return [notice.message for notice in plan.table.notices]
