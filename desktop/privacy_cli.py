"""The privacy commands of ``trama``: ``audit verify`` and ``retention`` (DESIGN.md §6).

Kept beside ``desktop/cli.py`` (which parses and dispatches) so that the command line's
accountability tools live in one file; imports stay inside functions, as there.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.protocol.cli_parser import ItalianArgumentParser

EXIT_FAILURE = 1
SHOWN_PROBLEMS = 50


def add_audit_commands(commands: argparse._SubParsersAction[ItalianArgumentParser]) -> None:
    audit = commands.add_parser(
        "audit",
        help="verifica il registro degli accessi di una cartella dati",
        description="Il registro degli accessi annota chi ha fatto o consultato che cosa, da "
        "quale computer. 'verify' ne ripercorre la catena di impronte: esce con 0 se ogni riga "
        "è come è stata scritta, con 1 indicando ogni riga modificata o tolta.",
    )
    actions = audit.add_subparsers(
        dest="audit_command", metavar="AZIONE", title="azioni", required=True
    )
    verify = actions.add_parser(
        "verify",
        help="verifica che nessuna riga del registro sia stata modificata o tolta",
        description="Verifica che nessuna riga del registro degli accessi sia stata modificata "
        "o tolta.",
    )
    verify.add_argument(
        "--data-dir", type=Path, required=True, metavar="CARTELLA", help="la cartella dati"
    )


def audit_verify(data_dir: Path) -> int:
    from desktop.services.audit import verify_audit  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(data_dir, create=False)
    try:
        check = verify_audit(store)
    finally:
        store.dispose()
    if check.intact:
        print(
            f"trama: registro degli accessi integro: {check.rows} righe "
            f"in {check.chains} {'catena' if check.chains == 1 else 'catene'}."
        )
        return 0
    print(
        f"trama: registro degli accessi alterato: {len(check.problems)} "
        f"{'problema' if len(check.problems) == 1 else 'problemi'} su {check.rows} righe.",
        file=sys.stderr,
    )
    for problem in check.problems[:SHOWN_PROBLEMS]:
        print(f"  - catena {problem.chain_id[:8]}: {problem.message}", file=sys.stderr)
    if len(check.problems) > SHOWN_PROBLEMS:
        print(f"  ... e altri {len(check.problems) - SHOWN_PROBLEMS}.", file=sys.stderr)
    return EXIT_FAILURE


# -- retention ----------------------------------------------------------------------------------

_CONFIRM_WORDS = frozenset({"sì", "si", "s"})


def add_retention_command(commands: argparse._SubParsersAction[ItalianArgumentParser]) -> None:
    retention = commands.add_parser(
        "retention",
        help="elenca, o anonimizza, i record oltre il periodo di conservazione",
        description="I record oltre il periodo di conservazione stabilito dalla Provincia "
        "(docs/PRIVACY.md). --dry-run li elenca e non modifica nulla; altrimenti il referente "
        "privacy della sede (l'account con quel ruolo) conferma con --yes o scrivendo «sì», e i "
        "record sono anonimizzati. Esce con 0 a lavoro fatto, con 1 indicandone il motivo.",
    )
    retention.add_argument(
        "--data-dir", type=Path, required=True, metavar="CARTELLA", help="la cartella dati"
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="elenca soltanto, senza modificare nulla"
    )
    retention.add_argument("--yes", action="store_true", help="conferma senza chiedere")


def retention(data_dir: Path, *, dry_run: bool, yes: bool, today: date | None = None) -> int:
    from desktop.domain.errors import NotAllowedError  # noqa: PLC0415
    from desktop.domain.permissions import DENIED, Permission, may  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.services.retention import anonymise, list_due  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    today = today or date.today()
    store = open_store(data_dir, create=False)
    try:
        actor = current_actor(store)
        if not may(actor, Permission.RUN_RETENTION):
            raise NotAllowedError(
                f"{DENIED[Permission.RUN_RETENTION]} L'account {actor.operator} non ha questo "
                "ruolo nella configurazione della sede."
            )
        due = list_due(store, actor=actor, today=today)
        held = [record for record in due if record.held]
        print(_due_report(due, today))
        if dry_run:
            return 0
        if len(held) == len(due):
            if due:
                print("trama: tutti i record sono limitati (art. 18 GDPR): nulla da anonimizzare.")
            # Still cleans what older versions of records anonymised elsewhere left behind.
            anonymise(store, actor=actor, record_ids=(), today=today)
            return 0
        if not yes and not _confirmed(len(due) - len(held)):
            print(
                "trama: anonimizzazione non confermata: nulla è stato modificato.", file=sys.stderr
            )
            return EXIT_FAILURE

        def progress(done: int, total: int) -> None:
            print(f"\rAnonimizzazione: {done} di {total}", end="", flush=True)

        result = anonymise(
            store,
            actor=actor,
            record_ids=[record.record_id for record in due],
            today=today,
            progress=progress,
        )
    finally:
        store.dispose()
    print()
    left = "record limitato lasciato" if result.held == 1 else "record limitati lasciati"
    held_note = f"; {result.held} {left} com'era (art. 18 GDPR)" if result.held else ""
    print(
        f"trama: {'anonimizzata' if result.referrals == 1 else 'anonimizzate'} "
        f"{result.referrals} {'segnalazione' if result.referrals == 1 else 'segnalazioni'} e "
        f"{result.persons} {'persona' if result.persons == 1 else 'persone'}{held_note}."
    )
    return 0


def _due_report(due: list[Any], today: date) -> str:
    from desktop.documents.labels import it_label  # noqa: PLC0415
    from desktop.domain.codes import Outcome, ReferralStatus  # noqa: PLC0415

    if not due:
        return f"Nessun record ha superato il periodo di conservazione al {_it_date(today)}."
    held = sum(1 for record in due if record.held)
    lines = [
        f"Record oltre il periodo di conservazione al {_it_date(today)}: {len(due)}"
        + (f", di cui {held} limitati (art. 18 GDPR) e non anonimizzabili." if held else "."),
        "",
    ]
    for record in due:
        if record.record_kind == "person":
            what, track, closing = "Persona senza segnalazioni da conservare", "", ""
        else:
            what = f"Segnalazione {record.number}"
            track = it_label(record.track) if record.track else ""
            # A referral status, or the CPI's outcome when a rule names it.
            if record.closing in {outcome.value for outcome in Outcome}:
                closing = f"conclusa con esito «{it_label(Outcome(record.closing))}»"
            else:
                closing = it_label(ReferralStatus(record.closing)).lower()
        parts = [what]
        if track:
            parts.append(track)
        if closing:
            parts.append(closing)
        period = (
            f"chiusa il {_it_date(record.closed_on)}"
            if record.record_kind == "referral"
            else f"dal {_it_date(record.closed_on)}"
        )
        months = (
            "anonimizzata dall'ente inviante" if record.months == 0 else f"{record.months} mesi"
        )
        line = f"- {', '.join(parts)}: {period}, da anonimizzare dal {_it_date(record.due_on)} "
        line += f"({months}{', proposta da decidere' if record.needs_decision else ''})"
        if record.held:
            line += " [LIMITATA: conservata finché la limitazione non è revocata]"
        lines.append(line)
    return "\n".join(lines)


def _confirmed(count: int) -> bool:
    if not sys.stdin.isatty():
        print(
            "trama: per anonimizzare senza un terminale aggiungere --yes.",
            file=sys.stderr,
        )
        return False
    answer = input(
        f"Anonimizzare {count} record? L'operazione non si può annullare. Scrivere «sì» per "
        "confermare: "
    )
    return answer.strip().lower() in _CONFIRM_WORDS


def _it_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")
