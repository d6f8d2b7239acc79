"""``trama report monitoring``: the quarterly "Report di monitoraggio" as a PDF or an Excel
workbook, from the command line (DESIGN.md §6).

Kept beside ``desktop/cli.py`` (which parses and dispatches), as the backup and privacy commands
are; heavy imports stay inside the functions. The figures are the ones this PC's Monitoraggio
page shows: counted on its own store for an Ambito, a Third Sector body or a CPI, read from the
provincial server for the Province.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_support import UserError, data_dir_option, existing_data_dir

if TYPE_CHECKING:
    from desktop.domain.monitoring import Dashboard, MonitoringFilter
    from desktop.store.engine import Store
    from sync.protocol.cli_parser import ItalianArgumentParser

REPORT_FORMATS = (".pdf", ".xlsx")
TRACKS = ("neet", "cmd")
_ITALIAN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def add_report_command(commands: argparse._SubParsersAction[ItalianArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="il report di monitoraggio in PDF o Excel",
        description="Report periodici della rete. 'monitoring': il report di monitoraggio "
        "(copertina, dati di sintesi, grafici e tabelle) dei dati che questo computer vede "
        "nella pagina Monitoraggio.",
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="TIPO", title="tipi", required=True)
    monitoring = kinds.add_parser(
        "monitoring",
        help="il report di monitoraggio di un periodo",
        description="Scrive il report di monitoraggio del periodo in un file PDF (registrato "
        "come documento emesso, con la sua impronta SHA-256) o Excel (le stesse tabelle). "
        "Per un Ambito, un ente del Terzo settore o un CPI i dati sono contati in questo "
        "archivio; per la Provincia sono letti dal server provinciale, che deve rispondere. "
        "Le date si scrivono gg/mm/aaaa oppure aaaa-mm-gg; il periodo le comprende entrambe.",
    )
    data_dir_option(monitoring)
    monitoring.add_argument(
        "--from", dest="start", required=True, metavar="DATA", help="il primo giorno del periodo"
    )
    monitoring.add_argument(
        "--to", dest="end", required=True, metavar="DATA", help="l'ultimo giorno del periodo"
    )
    monitoring.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="il file da scrivere: FILE.pdf o FILE.xlsx",
    )
    monitoring.add_argument(
        "--notes",
        default="",
        metavar="TESTO",
        help="le osservazioni da stampare nel campo note del PDF (senza: righe vuote da "
        "compilare a mano)",
    )
    monitoring.add_argument(
        "--track",
        choices=TRACKS,
        metavar="PERCORSO",
        help="solo un percorso: neet oppure cmd (predefinito: entrambi)",
    )


def parse_date(text: str, option: str) -> date:
    """A day written gg/mm/aaaa or aaaa-mm-gg; anything else is refused with the option named."""
    stripped = text.strip()
    italian = _ITALIAN_DATE.match(stripped)
    iso = _ISO_DATE.match(stripped)
    try:
        if italian is not None:
            day, month, year = (int(part) for part in italian.groups())
            return date(year, month, day)
        if iso is not None:
            year, month, day = (int(part) for part in iso.groups())
            return date(year, month, day)
    except ValueError:
        raise UserError(f"La data di {option} ({text}) non esiste nel calendario.") from None
    raise UserError(
        f"La data di {option} ({text}) non è valida: scriverla gg/mm/aaaa (01/07/2026) oppure "
        "aaaa-mm-gg (2026-07-01)."
    )


def monitoring_dashboard(store: Store, flt: MonitoringFilter) -> Dashboard:
    """The dashboard this PC's Monitoraggio page shows for ``flt``."""
    from desktop.domain.monitoring import Audience  # noqa: PLC0415
    from desktop.services.monitoring import audience_of, local_dashboard  # noqa: PLC0415

    if audience_of(store) is not Audience.PROVINCE:
        return local_dashboard(store, flt)
    from desktop.services.errors import ServiceError  # noqa: PLC0415
    from desktop.services.monitoring.province import fetch_province_dashboard  # noqa: PLC0415

    try:
        return fetch_province_dashboard(store, flt)
    except ServiceError as error:
        # The sync client's errors (they carry the ``outcome`` the sync log records: offline,
        # refused, certificate...) say what went wrong with the server, not that the figures
        # come from it: both are said.
        if not hasattr(error, "outcome"):
            raise
        raise UserError(
            f"Il monitoraggio della Provincia si legge dal server provinciale: {error} "
            "Nessun file è stato scritto."
        ) from error


def report_monitoring(
    data_dir: Path,
    *,
    start: str,
    end: str,
    output: Path,
    notes: str = "",
    track: str | None = None,
) -> str:
    """Write the report; what was written, in one line."""
    from desktop.domain.monitoring import MonitoringFilter  # noqa: PLC0415
    from desktop.services.monitoring_report import (  # noqa: PLC0415
        issue_monitoring_report,
        write_monitoring_workbook,
    )
    from desktop.store.migrate import open_store  # noqa: PLC0415

    extension = output.suffix.lower()
    if extension not in REPORT_FORMATS:
        raise UserError(
            f"Formato del report sconosciuto ({output.suffix or 'nessuna estensione'}): il file "
            "deve finire in .pdf o .xlsx."
        )
    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    if last < first:
        raise UserError(
            f"Il periodo va dal {first:%d/%m/%Y} al {last:%d/%m/%Y}: la data di --to precede "
            "quella di --from."
        )
    if notes.strip() and extension != ".pdf":
        raise UserError("Le note (--notes) si stampano nel PDF: il file Excel non le riporta.")
    if not output.parent.is_dir():
        raise UserError(f"La cartella {output.parent} non esiste: indicare una cartella esistente.")
    store = open_store(existing_data_dir(data_dir), create=False)
    try:
        flt = MonitoringFilter(start=first, end=last, track=track)
        dashboard = monitoring_dashboard(store, flt)
        if extension == ".pdf":
            issued = issue_monitoring_report(store, dashboard, notes, output)
            return f"Report di monitoraggio stampato in {output} (SHA-256 {issued.sha256})."
        write_monitoring_workbook(dashboard, output, store=store)
        return f"Tabelle del report di monitoraggio esportate in {output}."
    finally:
        store.dispose()
