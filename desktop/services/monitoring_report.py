"""Issuing the "Report di monitoraggio" (PDF) and writing its tables to Excel (XLSX).

The dashboard comes ready from the monitoring services (``desktop.services.monitoring``: the
PC's own counts, or the Province's from the server); here it is only laid out. The PDF is
issued like every other document (``desktop.services.documents.record_issue``: its SHA-256
recorded, the issue and the print audited) once its file is written; the workbook holds the
same tables as the PDF (``desktop.documents.monitoring_report.chart_table``), numbers as
numbers, withheld cells as the text "<5", dates as dates.

Both files are written beside the target and renamed at the end: a failure leaves neither a
file cut short nor an older file spoiled, and records nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.documents import DocumentType
from desktop.documents.charts import NO_VALUE_TEXT, SUPPRESSED_TEXT
from desktop.documents.formatting import local_datetime
from desktop.documents.monitoring_report import (
    AUDIENCES,
    TITLE,
    UNIT_WORDS,
    WITHHELD_LEGEND,
    MonitoringReportInput,
    build_monitoring_report,
    chart_table,
    filter_words,
    needs_withheld_legend,
    period_words,
    quarter_words,
)
from desktop.documents.page import issue_time
from desktop.domain.audit_actions import AuditAction, AuditEntity
from desktop.domain.monitoring import Dashboard, Unit, Value
from desktop.services.audit import record_access
from desktop.services.context import Actor
from desktop.services.documents import IssuedPdf, record_issue
from desktop.services.documents.data import issuer_for
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.installation import current_actor
from desktop.services.spreadsheet import XLSX_DATE_FORMAT, XLSX_TIME_FORMAT, safe_text
from desktop.store.engine import Store

NOTES_MAX = 4000  # characters: about a page of the report
# Excel's own limits and forbidden characters for a sheet's name.
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
NUMBER_FORMATS = {
    Unit.COUNT: "#,##0",
    Unit.DAYS: "0.0",
    Unit.EURO_CENTS: '"€" #,##0.00',
    Unit.PERCENT: "0.0%",
}
COVER_SHEET = "Copertina"
SUMMARY_SHEET = "Sintesi"


def suggested_file_name(dashboard: Dashboard, extension: str) -> str:
    """ "report-monitoraggio-2026-07-01-2026-09-30-ambito-di-saronno.pdf": what "save as"
    proposes."""
    flt = dashboard.filter
    body = re.sub(r"[^0-9a-z]+", "-", dashboard.site_name.lower()).strip("-")[:40]
    stem = f"report-monitoraggio-{flt.start.isoformat()}-{flt.end.isoformat()}"
    return f"{stem}-{body}.{extension}" if body else f"{stem}.{extension}"


def _check_output(output: Path, extension: str) -> None:
    """Refuse, before any work, an output that could not be written as asked."""
    if output.suffix.lower() != f".{extension}":
        raise ValidationError(
            {"output": f"Il file deve finire in .{extension} ({output.name} non va bene)."}
        )
    if not output.parent.is_dir():
        raise ValidationError({"output": f"La cartella {output.parent} non esiste."})
    if output.is_dir():
        raise ValidationError({"output": f"{output} è una cartella: indicare il nome di un file."})
    # The file's own read-only mark counts even for an account that could override it (the
    # new file is renamed over the old one, which a read-only mark would not stop).
    if output.exists() and (
        not os.access(output, os.W_OK) or not output.stat().st_mode & stat.S_IWUSR
    ):
        raise ValidationError(
            {
                "output": f"Il file {output} è in sola lettura: scegliere un altro nome, oppure "
                "togliere la sola lettura al file."
            }
        )


def _write_atomically(output: Path, write: Any) -> None:
    """``write(partial)`` then rename over ``output``; a failure removes the partial file and
    is said in Italian."""
    from desktop.store import failures  # noqa: PLC0415

    partial = output.with_name(output.name + ".part")
    try:
        write(partial)
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        named = failures.classify(error, output)
        if named is not None:
            raise ServiceError(str(named)) from error
        raise ServiceError(
            f"Il file {output} non si può scrivere (forse è aperto in un altro programma): "
            "chiuderlo o scegliere un altro nome, poi riprovare."
        ) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


# --- the PDF ------------------------------------------------------------------------------------


def render_monitoring_report(
    store: Store,
    dashboard: Dashboard,
    notes: str = "",
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> IssuedPdf:
    """The report's PDF, not yet recorded as issued (for a preview)."""
    if len(notes) > NOTES_MAX:
        raise ValidationError(
            {"notes": f"Le note sono troppo lunghe: al massimo {NOTES_MAX} caratteri."}
        )
    actor = actor or current_actor(store)
    now = now or issue_time()
    data = MonitoringReportInput(
        issuer=issuer_for(store, actor),
        dashboard=dashboard,
        created_at=now,
        issued_by=actor.shown_as,
        notes=notes.strip(),
    )
    pdf = build_monitoring_report(data)
    return IssuedPdf(
        document_type=DocumentType.MONITORING_REPORT,
        record_id="",  # about no one record: counts of many
        file_name=suggested_file_name(dashboard, "pdf"),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=now,
    )


def issue_monitoring_report(
    store: Store,
    dashboard: Dashboard,
    notes: str,
    output: Path,
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> IssuedPdf:
    """Write the report's PDF to ``output`` and record it as issued (SHA-256, audit).

    ``actor`` defaults to this PC's (``current_actor``). Nothing is written or recorded when the
    notes are too long or the output cannot be written.
    """
    _check_output(output, "pdf")
    actor = actor or current_actor(store)
    document = render_monitoring_report(store, dashboard, notes, actor=actor, now=now)
    _write_atomically(output, lambda path: path.write_bytes(document.pdf))
    # Recorded once the file exists: what is recorded as issued was really issued.
    return record_issue(store, actor=actor, document=document)


# --- the workbook -------------------------------------------------------------------------------


def cell_value(value: Value, unit: Unit) -> float | int | str:
    """A value as the workbook holds it: a number in its unit (euro, not cents; a share for a
    percentage, shown "12,5%"), or the text the report prints for a withheld or missing one."""
    if value.suppressed:
        return SUPPRESSED_TEXT
    if value.amount is None:
        return NO_VALUE_TEXT
    if unit is Unit.COUNT:
        return round(value.amount)
    if unit is Unit.EURO_CENTS:
        return round(value.amount) / 100
    if unit is Unit.PERCENT:
        return value.amount / 100
    return value.amount


def _allowed(match: re.Match[str]) -> str:
    """What a character Excel refuses in a sheet's name becomes: a slash a dash, the rest
    nothing ("Per Ambito: [NEET/CMD]" → "Per Ambito NEET-CMD")."""
    return "-" if match.group(0) in "/\\" else ""


def _shortened(text: str, most: int) -> str:
    """The text within ``most`` characters, cut after a whole word with an ellipsis."""
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:·-") + "…"


def sheet_names(dashboard: Dashboard) -> list[str]:
    """A sheet's name per chart, in the dashboard's order: its title, within Excel's limits,
    made unique by a number (Excel compares names without regard to case)."""
    taken = {COVER_SHEET.lower(), SUMMARY_SHEET.lower()}
    names = []
    for chart in dashboard.charts():
        plain = SHEET_NAME_FORBIDDEN.sub(_allowed, chart.title)
        base = re.sub(r"\s+", " ", plain).strip("' ") or "Tabella"
        name = _shortened(base, SHEET_NAME_MAX)
        number = 1
        while name.lower() in taken:
            number += 1
            suffix = f" ({number})"
            name = _shortened(base, SHEET_NAME_MAX - len(suffix)) + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def _local(moment: datetime) -> datetime:
    return local_datetime(moment).replace(tzinfo=None)


def _cover_rows(dashboard: Dashboard, now: datetime) -> list[tuple[str, object]]:
    flt = dashboard.filter
    rows: list[tuple[str, object]] = [
        ("Ente", dashboard.site_name),
        ("Oggetto", AUDIENCES[dashboard.audience]),
        ("Dal", flt.start),
        ("Al", flt.end),
        ("Periodo", quarter_words(flt.start, flt.end) or period_words(flt.start, flt.end)),
    ]
    rows += [(f"Filtro: {name}", value) for name, value in filter_words(dashboard)]
    rows += [
        ("Fonte dei dati", dashboard.source or "non indicata"),
        ("Dati aggiornati al", _local(dashboard.generated_at)),
        ("File creato il", _local(now)),
    ]
    rows += [("Nota", note) for note in dashboard.notes if note.strip()]
    if needs_withheld_legend(dashboard):
        rows.append(("Legenda", WITHHELD_LEGEND))
    return rows


def _write_workbook(path: Path, dashboard: Dashboard, now: datetime) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - heavy; only Excel exports need it
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    bold = Font(bold=True)
    title_font = Font(bold=True, size=14)
    workbook = Workbook()
    cover = workbook.active
    cover.title = COVER_SHEET
    cover.append([TITLE])
    cover["A1"].font = title_font
    cover.append([])
    for label, value in _cover_rows(dashboard, now):
        cover.append([label, safe_text(value) if isinstance(value, str) else value])
        cell = cover.cell(row=cover.max_row, column=2)
        cover.cell(row=cover.max_row, column=1).font = bold
        if isinstance(value, datetime):
            cell.number_format = f"{XLSX_DATE_FORMAT} {XLSX_TIME_FORMAT}"
        elif not isinstance(value, str):
            cell.number_format = XLSX_DATE_FORMAT
        cell.alignment = Alignment(horizontal="left", wrap_text=isinstance(value, str))
    cover.column_dimensions["A"].width = 22
    cover.column_dimensions["B"].width = 90

    summary = workbook.create_sheet(SUMMARY_SHEET)
    summary.append(["Sezione", "Indicatore", "Valore", "Unità", "Nota"])
    for cell in summary[1]:
        cell.font = bold
    for part in dashboard.sections:
        for figure in part.figures:
            summary.append(
                [
                    safe_text(part.title),
                    safe_text(figure.label),
                    cell_value(figure.value, figure.unit),
                    UNIT_WORDS[figure.unit],
                    safe_text(figure.note),
                ]
            )
            summary.cell(row=summary.max_row, column=3).number_format = NUMBER_FORMATS[figure.unit]
    summary.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (34, 40, 16, 12, 40), strict=True):
        summary.column_dimensions[letter].width = width

    sections = {chart.key: part.title for part in dashboard.sections for chart in part.charts}
    for chart, name in zip(dashboard.charts(), sheet_names(dashboard), strict=True):
        sheet = workbook.create_sheet(name)
        table = chart_table(chart)
        sheet.append([safe_text(chart.title)])
        sheet["A1"].font = title_font
        sheet.append([safe_text(f"{sections[chart.key]} · unità: {UNIT_WORDS[chart.unit]}")])
        sheet.append([safe_text(chart.note)] if chart.note else [])
        sheet.append([safe_text(text) for text in table.header])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = bold
        if not table.rows:
            sheet.append(["Nessun dato nel periodo scelto."])
        for label, values in table.rows:
            sheet.append([safe_text(label), *(cell_value(v, chart.unit) for v in values)])
            for column in range(2, len(values) + 2):
                cell = sheet.cell(row=sheet.max_row, column=column)
                cell.number_format = NUMBER_FORMATS[chart.unit]
                cell.alignment = Alignment(horizontal="right")
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
        sheet.column_dimensions["A"].width = min(
            60, max([len(table.header[0]) + 2, *(len(label) + 2 for label, _ in table.rows)])
        )
        for column, title in enumerate(table.header[1:], start=2):
            sheet.column_dimensions[get_column_letter(column)].width = max(12, len(title) + 2)
    workbook.save(path)


def write_monitoring_workbook(
    dashboard: Dashboard,
    output: Path,
    *,
    store: Store | None = None,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> None:
    """Write the report's tables to ``output`` (.xlsx): a cover sheet, the summary figures and
    a sheet per chart. With ``store`` the export is audited (as ``actor``, by default this
    PC's), as every export is."""
    _check_output(output, "xlsx")
    now = now or issue_time()
    _write_atomically(output, lambda path: _write_workbook(path, dashboard, now))
    if store is not None:
        charts = sum(1 for _chart in dashboard.charts())
        record_access(
            store,
            actor=actor or current_actor(store),
            action=AuditAction.EXPORT,
            entity=AuditEntity.REFERRAL_LIST,
            entity_id="",
            details=f"kind=monitoring; format=xlsx; audience={dashboard.audience.value}; "
            f"tables={charts}",
        )
