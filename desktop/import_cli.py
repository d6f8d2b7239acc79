"""``trama import referrals|persons FILE``: an office's spreadsheet brought in from the command
line, with the same dry run, report and commit as the app's wizard (issue 19).

Kept beside ``desktop/cli.py`` (which parses and dispatches), as the report command is; heavy
imports stay inside the functions. The dry run always comes first; without ``--dry-run`` the
rows are committed only when none waits for a decision about a possible duplicate person
(or ``--accept-similar`` says to import those as new persons).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_support import UserError, data_dir_option, existing_data_dir

if TYPE_CHECKING:
    from desktop.services.imports.model import ImportPlan
    from sync.protocol.cli_parser import ItalianArgumentParser

IMPORT_KINDS = {"referrals": "segnalazioni", "persons": "persone"}
ERRORS_SHOWN = 10


def add_import_command(commands: argparse._SubParsersAction[ItalianArgumentParser]) -> None:
    command = commands.add_parser(
        "import",
        help="importa segnalazioni o persone da un file Excel o CSV",
        description="Importa in questo archivio le righe di un file Excel (.xlsx, .xlsm, .xls) "
        "o CSV: referrals (segnalazioni, ciascuna con la sua persona) o persons (persone). "
        "Prima fa sempre una prova e ne stampa il riepilogo (righe da creare, da aggiornare, "
        "invariate, scartate, con i primi errori per riga e colonna); con --dry-run si ferma "
        "lì. Importare di nuovo lo stesso file non crea nulla; un file corretto aggiorna solo "
        "le righe cambiate. Il report (--report) è un file Excel con le righe del file, "
        "l'esito e gli errori di ciascuna: contiene dati personali, va custodito.",
    )
    command.add_argument(
        "kind", choices=tuple(IMPORT_KINDS), metavar="TIPO", help="referrals oppure persons"
    )
    command.add_argument("file", type=Path, metavar="FILE", help="il file da importare")
    data_dir_option(command)
    command.add_argument(
        "--dry-run", action="store_true", help="solo la prova: nulla viene scritto nell'archivio"
    )
    command.add_argument(
        "--report", type=Path, metavar="REPORT.xlsx", help="scrive il report della prova in Excel"
    )
    command.add_argument(
        "--mapping",
        type=Path,
        metavar="MAPPING.json",
        help="una mappatura delle colonne salvata (predefinito: quella suggerita dalle "
        "intestazioni)",
    )
    command.add_argument(
        "--sheet", metavar="NOME", help="il foglio da leggere (predefinito: il primo visibile)"
    )
    command.add_argument(
        "--accept-similar",
        action="store_true",
        help="importa come nuove le persone simili a una già presente (stessa data di nascita, "
        "nome quasi uguale)",
    )


def run_import(args: argparse.Namespace) -> int:
    """The command's body: prints the summary; 0 when done, 1 when nothing was imported."""
    text, code = import_file(
        args.kind,
        args.file,
        args.data_dir,
        dry_run=args.dry_run,
        report=args.report,
        mapping=args.mapping,
        sheet=args.sheet,
        accept_similar=args.accept_similar,
    )
    sys.stdout.write(text + "\n")
    return code


def import_file(
    kind: str,
    file: Path,
    data_dir: Path,
    *,
    dry_run: bool = False,
    report: Path | None = None,
    mapping: Path | None = None,
    sheet: str | None = None,
    accept_similar: bool = False,
) -> tuple[str, int]:
    """The summary to print and the exit code; a user's mistake raises UserError."""
    from desktop.services.imports import fields, sources  # noqa: PLC0415
    from desktop.services.imports.commit import commit_import  # noqa: PLC0415
    from desktop.services.imports.model import (  # noqa: PLC0415
        ImportFileError,
        ImportKind,
        NearMatchDecision,
    )
    from desktop.services.imports.plan import dry_run as plan_import  # noqa: PLC0415
    from desktop.services.imports.report import save_report  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    import_kind = ImportKind(kind)
    if not file.is_file():
        raise UserError(f"Il file {file} non esiste.")
    if report is not None:
        if report.suffix.lower() != ".xlsx":
            raise UserError("Il report si scrive in Excel: il suo nome deve finire in .xlsx.")
        if not report.parent.is_dir():
            raise UserError(f"La cartella {report.parent} non esiste: indicarne una esistente.")
    try:
        info = sources.inspect_source(file)
        if sheet is not None and sheet not in {item.name for item in info.sheets}:
            names = ", ".join(f"«{item.name}»" for item in info.sheets)
            raise UserError(f"Il file non ha un foglio «{sheet}»: i suoi fogli sono {names}.")
        table = sources.read_table(file, sheet, source=info)
        chosen = (
            fields.load_mapping(mapping)
            if mapping is not None
            else fields.suggest_mapping(import_kind, table.headers)
        )
    except ImportFileError as error:
        raise UserError(str(error)) from error
    if not table.rows:
        raise UserError(
            f"Nel foglio «{table.sheet}» non ci sono righe sotto l'intestazione: nulla da "
            "importare."
        )
    if chosen.kind is not import_kind:
        raise UserError(
            f"La mappatura {mapping} è per le {IMPORT_KINDS[chosen.kind.value]}, non per le "
            f"{IMPORT_KINDS[kind]}."
        )
    store = open_store(existing_data_dir(data_dir), create=False)
    try:
        actor = current_actor(store)
        plan = plan_import(store, table, chosen, actor=actor)
        lines = summary_lines(plan)
        if report is not None:
            save_report(store, report, plan, actor=actor)
            lines.append(f"Report della prova scritto in {report}: contiene dati personali.")
        if dry_run:
            lines.append("Prova di importazione: nulla è stato scritto nell'archivio.")
            return "\n".join(lines), 0
        waiting = [row for row in plan.rows if row.near_match is not None and not row.errors]
        if waiting and not accept_similar:
            lines.append(
                f"{len(waiting)} righe riguardano forse persone già presenti (righe "
                f"{_numbers(row.number for row in waiting)}): decidere nel programma "
                "(Strumenti → Importa da Excel…) oppure ripetere con --accept-similar per "
                "importarle come nuove. Nulla è stato scritto."
            )
            return "\n".join(lines), 1
        decisions = {row.number: NearMatchDecision.NEW_PERSON for row in waiting}
        outcome = commit_import(store, plan, actor=actor, decisions=decisions)
        if outcome.created + outcome.updated == 0:
            lines.append("Nulla da importare: nessuna riga nuova o cambiata senza errori.")
            return "\n".join(lines), 1
        lines.append(
            f"Importazione completata: {outcome.created} create, {outcome.updated} aggiornate, "
            f"{outcome.unchanged} invariate, {outcome.skipped} scartate."
        )
        return "\n".join(lines), 0
    finally:
        store.dispose()


def _numbers(numbers: object) -> str:
    listed = list(numbers)  # type: ignore[call-overload]
    shown = ", ".join(str(n) for n in listed[:ERRORS_SHOWN])
    return shown + (" …" if len(listed) > ERRORS_SHOWN else "")


def summary_lines(plan: ImportPlan) -> list[str]:
    """The dry run in a few Italian lines: counts per verdict, the first errors, the columns
    left out and the required fields no column fills."""
    from desktop.services.imports.model import RowVerdict  # noqa: PLC0415
    from desktop.services.imports.report import (  # noqa: PLC0415
        DECIDE,
        field_labels,
        issue_text,
        verdict_label,
    )

    table = plan.table
    decide = sum(1 for row in plan.rows if verdict_label(row) == DECIDE)
    lines = [
        f"File {table.source.name}, foglio «{table.sheet}»: {len(plan.rows)} righe lette.",
        f"Da creare: {plan.count(RowVerdict.CREATE)}; da aggiornare: "
        f"{plan.count(RowVerdict.UPDATE)}; invariate: {plan.count(RowVerdict.UNCHANGED)}; "
        f"scartate: {plan.count(RowVerdict.SKIPPED) - decide}; da decidere: {decide}.",
    ]
    if plan.missing:
        lines.append(
            "Nessuna colonna per: " + ", ".join(plan.missing) + ". Nessuna riga può essere "
            "importata: indicare la colonna nella mappatura."
        )
    if plan.unmapped:
        lines.append("Colonne non importate: " + ", ".join(plan.unmapped) + ".")
    labels = field_labels(plan.kind)
    errors = [(row.number, issue) for row in plan.rows for issue in row.errors]
    warnings = [(row.number, issue) for row in plan.rows for issue in row.warnings]
    for title, issues in (("Errori", errors), ("Avvisi", warnings)):
        if not issues:
            continue
        shown = issues[:ERRORS_SHOWN]
        more = f", i primi {len(shown)}" if len(issues) > len(shown) else ""
        lines.append(f"{title} ({len(issues)}{more}):")
        lines.extend(
            f"  riga {number}{_joined(issue_text(plan, issue, labels))}" for number, issue in shown
        )
    return lines


def _joined(text: str) -> str:
    """After "riga N": ", colonna D (...): ..." for a cell, ": ..." for the row as a whole."""
    text = _lower_first(text)
    return f", {text}" if text.startswith("colonna ") else f": {text}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text.startswith("Colonna ") else text
