"""The ``trama`` command line (DESIGN.md §6): a contract that tests and scripts depend on.

Every user mistake ends with one clear line on stderr and a non-zero exit, never a traceback.
Heavy modules (Qt, openpyxl, the demo generator) are imported only by the command that needs
them, so ``trama --version`` and the GUI start quickly.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.backup_cli import add_key_and_backup_commands, backup, recover, restore
from desktop.cli_support import (
    DATA_DIR,
    UserError,
    data_dir_option,
    existing_data_dir,
    os_reason,
)
from desktop.import_cli import add_import_command, run_import
from desktop.privacy_cli import add_audit_commands, add_retention_command, audit_verify, retention
from desktop.report_cli import add_report_command, report_monitoring
from sync.protocol.cli_parser import ItalianArgumentParser

if TYPE_CHECKING:
    pass

EXPORT_KINDS = ("referrals", "persons", "projects", "meetings")
# What `trama export` says it wrote, for one row and for several.
EXPORTED = {
    "referrals": ("segnalazione esportata", "segnalazioni esportate"),
    "persons": ("persona esportata", "persone esportate"),
    "projects": ("progetto esportato", "progetti esportati"),
    "meetings": ("incontro esportato", "incontri esportati"),
}
# `trama print KIND`: the code of desktop.documents.DocumentType it prints.
PRINT_KINDS = {
    "referral": "referral_form",
    "informativa": "privacy_notice",
    "minutes": "minutes",
    "attendance": "attendance_sheet",
    "agenda": "agenda",
    "project": "project_sheet",
    "plan": "joint_plan",
}
# What `trama print` says it printed.
PRINTED = {
    "referral": "scheda di segnalazione",
    "informativa": "informativa sul trattamento dei dati",
    "minutes": "verbale",
    "attendance": "foglio presenze",
    "agenda": "ordine del giorno",
    "project": "scheda progetto",
    "plan": "progetto personalizzato condiviso",
}
EXIT_USAGE = 2
EXIT_FAILURE = 1
DEMO_REFERRALS = 300  # `trama --demo`: enough to page and search, made in a second or two
# Libraries of the `desktop` extra (pyproject.toml): a server installed with `.[server]` has the
# `trama` command too, and must say what is missing instead of failing on an import.
DESKTOP_LIBRARIES = {
    "PySide6": "PySide6",
    "reportlab": "reportlab",
    "openpyxl": "openpyxl",
    "keyring": "keyring",
    "codicefiscale": "python-codicefiscale",
    "httpx": "httpx",
    "truststore": "truststore",
    "sqlcipher3": "sqlcipher3",
}

log = logging.getLogger(__name__)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"non è un numero intero: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"non può essere negativo: {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = ItalianArgumentParser(
        prog="trama",
        description="Trama: segnalazioni, progetti di co-progettazione e verbali degli incontri "
        "per la rete dell'inclusione lavorativa della Provincia di Varese. Senza comando apre "
        "l'applicazione.",
    )
    parser.add_argument("--version", action="version", version=f"trama {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar=DATA_DIR,
        help="la cartella dati (predefinita: quella dell'utente)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="apre una cartella dati temporanea con dati dimostrativi",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMANDO", title="comandi")

    seed = commands.add_parser(
        "seed-demo",
        help="riempie una cartella dati con dati dimostrativi",
        description="Riempie una cartella dati con dati dimostrativi inventati.",
    )
    data_dir_option(seed)
    seed.add_argument(
        "--referrals",
        type=_positive_int,
        default=300,
        metavar="N",
        help="quante segnalazioni (predefinito: 300)",
    )
    seed.add_argument(
        "--seed",
        type=_positive_int,
        default=1,
        metavar="N",
        help="il seme dei dati casuali: lo stesso seme dà gli stessi dati (predefinito: 1)",
    )

    export = commands.add_parser(
        "export",
        help="esporta i record in CSV o Excel",
        description="Esporta in un file CSV (separato da punto e virgola) o Excel i record di "
        "un tipo: referrals (segnalazioni), persons (persone), projects (progetti), meetings "
        "(incontri). Intestazioni e valori in italiano, date come date, sedi per nome. Codice "
        "fiscale, dati di nascita, indirizzo, telefono ed e-mail solo con --include-sensitive "
        "(l'esportazione è registrata come esportazione con dati particolari). Persone e "
        "segnalazioni limitate (art. 18 GDPR) non sono mai esportate.",
    )
    export.add_argument(
        "kind", choices=EXPORT_KINDS, metavar="TIPO", help=f"uno tra {', '.join(EXPORT_KINDS)}"
    )
    data_dir_option(export)
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="il file da scrivere: FILE.csv o FILE.xlsx",
    )
    export.add_argument(
        "--include-sensitive",
        action="store_true",
        help="include codice fiscale, dati di nascita, indirizzo, telefono ed e-mail",
    )

    printing = commands.add_parser(
        "print",
        help="stampa un documento (scheda di segnalazione, informativa, verbale...) in PDF",
        description="Stampa un documento in un file PDF e lo registra come emesso. ID è il "
        "numero della segnalazione (2026/P0002/000123, oppure 2026/000123 prima "
        "dell'attivazione) per 'referral' e 'plan'; un numero di segnalazione o "
        "l'identificativo di una persona per 'informativa'; per gli altri l'identificativo "
        "del record, come nella prima colonna di 'trama export'. Una persona o segnalazione "
        "limitata (art. 18 GDPR) non è mai stampata.",
    )
    printing.add_argument(
        "kind",
        choices=tuple(PRINT_KINDS),
        metavar="TIPO",
        help=f"uno tra {', '.join(PRINT_KINDS)}",
    )
    printing.add_argument("identifier", metavar="ID", help="il record da stampare")
    data_dir_option(printing)
    printing.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="il file FILE.pdf"
    )
    add_report_command(commands)
    add_import_command(commands)

    enroll = commands.add_parser(
        "enroll",
        help="registra una cartella dati presso il server provinciale",
        description="Registra una cartella dati presso il server provinciale con un codice "
        "di attivazione monouso.",
    )
    enroll.add_argument(
        "--data-dir",
        type=Path,
        metavar=DATA_DIR,
        help="la cartella dati (predefinita: quella configurata, altrimenti quella dell'utente)",
    )
    enroll.add_argument(
        "--server",
        metavar="INDIRIZZO",
        help="l'indirizzo del server (https://...; predefinito: server_url della configurazione)",
    )
    enroll.add_argument(
        "--code", required=True, metavar="CODICE", help="il codice di attivazione monouso"
    )
    enroll.add_argument(
        "--device-name", metavar="NOME", help="il nome con cui il server elenca questo computer"
    )
    enroll.add_argument(
        "--ca-bundle",
        type=Path,
        metavar="FILE",
        help="file PEM dell'autorità di certificazione di cui fidarsi (predefinito: come "
        "configurato)",
    )

    sync = commands.add_parser(
        "sync",
        help="una sincronizzazione con il server provinciale",
        description="Invia al server provinciale le modifiche di questo computer e riceve "
        "quelle delle altre sedi.",
    )
    data_dir_option(sync)
    add_key_and_backup_commands(commands)
    check = commands.add_parser(
        "check",
        help="verifica ogni pagina dell'archivio di una cartella dati (esce con 0 se integro)",
        description="Rilegge tutto l'archivio: il controllo di SQLCipher di ogni pagina e il "
        "controllo di integrità di SQLite. Esce con 0 se l'archivio è integro, con 1 se ci sono "
        "problemi (il resoconto indica l'ultima copia di sicurezza da ripristinare).",
    )
    data_dir_option(check)
    add_audit_commands(commands)
    add_retention_command(commands)
    commands.add_parser(
        "self-test",
        help="verifica questa installazione (archivio, documenti, portachiavi) in una cartella "
        "temporanea",
        description="Verifica questa installazione (archivio, documenti, portachiavi) in una "
        "cartella temporanea, senza toccare i dati.",
    )
    return parser


def _seed_demo(data_dir: Path, *, referrals: int, seed: int) -> str:
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(data_dir)
    try:
        # It installs the demo configuration itself, unless the folder is enrolled.
        summary = seed_demo(store, referrals=referrals, seed=seed)
    finally:
        store.dispose()
    seconds = f"{summary.elapsed_seconds:.1f}".replace(".", ",")
    return f"{referrals} segnalazioni dimostrative create in {data_dir} ({seconds} s)"


def _check_output(output: Path) -> None:
    """Refuse, before any work, an output the command could not write."""
    if not output.parent.is_dir():
        raise UserError(f"La cartella {output.parent} non esiste: indicare una cartella esistente.")
    if output.is_dir():
        raise UserError(f"{output} è una cartella: indicare il nome di un file.")
    # The file's own read-only mark counts even for an account that could override it.
    if output.exists() and (
        not os.access(output, os.W_OK) or not output.stat().st_mode & stat.S_IWUSR
    ):
        raise UserError(
            f"Il file {output} è in sola lettura: scegliere un altro nome, oppure togliere la "
            "sola lettura al file."
        )


def _output_failure(error: OSError, output: Path) -> UserError | None:
    """An OS error in writing the output file, said in Italian; None for other files'."""
    from desktop.store import failures  # noqa: PLC0415

    written = {str(output), str(output.with_name(output.name + ".part"))}
    if error.filename is None or str(error.filename) not in written:
        return None
    named = failures.classify(error, output)
    if named is not None:
        return UserError(str(named))
    return UserError(
        f"Il file {output} non si può scrivere (forse è aperto in un altro programma, come "
        "Excel): chiuderlo o scegliere un altro nome, poi riprovare."
    )


def _export(kind: str, data_dir: Path, output: Path, *, include_sensitive: bool) -> str:
    from desktop.services.export import export_records  # noqa: PLC0415
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise UserError(
            f"Formato di esportazione sconosciuto ({output.suffix or 'nessuna estensione'}): il "
            "file deve finire in .csv o .xlsx."
        )
    _check_output(output)
    store = open_store(existing_data_dir(data_dir), create=False)
    try:
        # Audited as the OS account: every export is (issue 15). The file is written beside
        # the output and renamed at the end: a failure leaves no file cut short.
        count = export_records(
            store,
            actor=current_actor(store),
            kind=kind,
            path=output,
            include_sensitive=include_sensitive,
        )
    except OSError as error:
        said = _output_failure(error, output)
        if said is None:
            raise
        raise said from error
    finally:
        store.dispose()
    return f"{count} {EXPORTED[kind][0 if count == 1 else 1]} in {output}."


def _enroll(
    data_dir: Path | None,
    *,
    server: str | None,
    code: str,
    device_name: str | None,
    ca_bundle: Path | None,
) -> str:
    from desktop.config import CA_BUNDLE, DATA_DIR, SERVER_URL, load_configuration  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from sync.client.enroll import enroll  # noqa: PLC0415

    # Flags first, then the environment and the configuration files (DESIGN.md §5): IT's
    # installer writes the server and the CA once per PC.
    config = load_configuration({DATA_DIR: data_dir, SERVER_URL: server, CA_BUNDLE: ca_bundle})
    data_dir = config.data_dir
    server = config.server_url
    ca_bundle = config.ca_bundle
    if not server:
        raise UserError(
            "Nessun server indicato: usare --server, oppure impostare server_url nella "
            "configurazione."
        )
    store = open_store(data_dir)
    try:
        done = enroll(
            store, server_url=server, code=code, device_name=device_name, ca_bundle=ca_bundle
        )
    finally:
        store.dispose()
    if config.site_code and config.site_code != done.site_code.upper():
        print(
            f"trama: attenzione: il server ha attivato questo computer per la sede "
            f"{done.site_name} ({done.site_code}), ma la configurazione "
            f"({config.source('site_code')}) indica {config.site_code}.",
            file=sys.stderr,
        )
    return (
        f"Cartella {data_dir} attivata presso {done.server_url} per la sede {done.site_name} "
        f"({done.site_code}); dispositivo {done.device_id}."
    )


def _sync(data_dir: Path) -> str:
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from sync.client.engine import SyncEngine  # noqa: PLC0415

    store = open_store(existing_data_dir(data_dir), create=False)
    try:
        result = SyncEngine(store).run()
    finally:
        store.dispose()
    if result.set_aside:
        # A warning, not a failure: the rest of the data synced, and the records set aside are
        # tried again at every sync (sync.client.set_aside).
        count = (
            "1 record ricevuto dal server è stato messo da parte"
            if result.set_aside == 1
            else f"{result.set_aside} record ricevuti dal server sono stati messi da parte"
        )
        print(
            f"trama: attenzione: {count} perché non applicabili su questo computer; "
            "saranno ritentati alla prossima sincronizzazione (registro di sincronizzazione "
            "nell'applicazione).",
            file=sys.stderr,
        )
    return result.message


def _print(kind: str, identifier: str, data_dir: Path, output: Path) -> str:
    from desktop.documents import DocumentType  # noqa: PLC0415 - ReportLab only when printing
    from desktop.services.documents import (  # noqa: PLC0415
        record_issue,
        render_document,
        resolve_record_id,
    )
    from desktop.services.installation import current_actor  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    if output.suffix.lower() != ".pdf":
        raise UserError(
            f"Formato di stampa sconosciuto ({output.suffix or 'nessuna estensione'}): il file "
            "deve finire in .pdf."
        )
    _check_output(output)
    store = open_store(existing_data_dir(data_dir), create=False)
    try:
        actor = current_actor(store)
        document_type = DocumentType(PRINT_KINDS[kind])
        record_id = resolve_record_id(store, document_type, identifier)
        document = render_document(
            store, actor=actor, document_type=document_type, record_id=record_id
        )
        _write_output(output, document.pdf)
        # Recorded once the file exists: what is recorded as issued was really issued.
        issued = record_issue(store, actor=actor, document=document)
    finally:
        store.dispose()
    return (
        f"Documento stampato in {output}: {PRINTED[kind]} {identifier} (SHA-256 {issued.sha256})."
    )


def _check(data_dir: Path) -> int:
    from desktop.store.check import check_store  # noqa: PLC0415

    report = check_store(existing_data_dir(data_dir))
    if report.sound:
        print(f"trama: {report.summary()}")
        return 0
    print(f"trama: {report.summary()}", file=sys.stderr)
    return EXIT_FAILURE


def _write_output(output: Path, content: bytes) -> None:
    """Write a document the user asked for; a file cut short (a full disk) is removed, and the
    failure names the output's own folder."""
    from desktop.store import failures  # noqa: PLC0415

    try:
        output.write_bytes(content)
    except OSError as error:
        output.unlink(missing_ok=True)
        named = failures.classify(error, output)
        if named is None:
            raise
        raise named from error


def _run_app(data_dir: Path | None, *, demo: bool) -> int:
    if demo:
        return _run_demo()
    from desktop.config import DATA_DIR, load_configuration  # noqa: PLC0415
    from desktop.ui.app import run  # noqa: PLC0415

    exit_code: int = run(load_configuration({DATA_DIR: data_dir}).data_dir, demo=demo)
    return exit_code


def _run_demo() -> int:
    """A throwaway folder with demo data, opened at once; a demo server on 127.0.0.1 starts in
    the background and the folder syncs with it (offline, said on stderr and in the log, if it
    cannot start); the server stops and the folder is removed when the app ends. Folders that
    killed runs left behind are removed first (desktop.demo.session)."""
    from desktop.demo.session import clean_stale_demo_folders, new_demo_folder  # noqa: PLC0415

    for stale in clean_stale_demo_folders():
        log.info("stale demo folder removed: %s", stale)
    session = new_demo_folder()
    try:
        print(f"cartella dati dimostrativa: {session.data_dir}", file=sys.stderr)

        def prepare() -> None:  # off the GUI thread, with a progress window on screen
            session.seed(referrals=DEMO_REFERRALS, seed=1)
            session.go_online(
                on_online=lambda url: print(f"server dimostrativo: {url}", file=sys.stderr),
                on_offline=lambda reason: print(
                    "server dimostrativo non disponibile, la dimostrazione funziona senza rete: "
                    f"{reason}",
                    file=sys.stderr,
                ),
            )

        from desktop.ui.app import run  # noqa: PLC0415

        exit_code: int = run(session.data_dir, demo=True, prepare=prepare)
    finally:
        session.discard()
    return exit_code


def _self_test() -> int:
    from desktop.selftest import SelfTestError, run_self_test  # noqa: PLC0415

    try:
        report = run_self_test()
    except SelfTestError as error:
        print(
            f"trama {__version__}: verifica dell'installazione NON RIUSCITA: {error}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    print(f"trama {__version__} {report.summary()}")
    return 0


def _start_logging(command: str | None) -> None:
    """The log file (README: where to find it), before any work; a log folder that cannot
    be written costs the log, not the work."""
    from desktop.logs import configure_logging, default_log_dir  # noqa: PLC0415

    try:
        configure_logging(default_log_dir())
    except OSError as error:
        print(
            f"trama: attenzione: il file di registro non si può scrivere: {os_reason(error)}",
            file=sys.stderr,
        )
        return
    log.info("trama %s started: %s", __version__, command or "application")


def _data_dir_of(args: argparse.Namespace) -> tuple[Path | None, bool]:
    """The data folder the command works on, and whether it was chosen (a flag, the
    environment, the configuration) rather than the user's default one."""
    given: Path | None = getattr(args, "data_dir", None)
    if given is not None:
        return given, True
    if args.command == "self-test" or (args.demo and args.command is None):
        return None, False
    from desktop.config import DATA_DIR, ConfigError, load_configuration  # noqa: PLC0415

    try:
        config = load_configuration({})
        return config.data_dir, config.source(DATA_DIR) is not None
    except (ConfigError, OSError):
        return None, False  # said by the command itself, which reads the configuration too


def _warn_if_open_to_others(data_dir: Path | None, *, chosen: bool, gui: bool) -> None:
    """A data folder other accounts may enter is said on stderr (the GUI says it itself)."""
    if data_dir is None or gui:
        return
    from desktop.store.failures import open_folder_warning  # noqa: PLC0415

    try:
        warning = open_folder_warning(data_dir, chosen=chosen)
    except OSError:
        return  # a folder that cannot even be looked at is named by the command
    if warning:
        print(f"trama: attenzione: {warning}", file=sys.stderr)


def _failure_message(error: BaseException, data_dir: Path | None) -> str:
    """What the user reads for an error the command did not expect: the storage failure it
    amounts to, or a line pointing to the log (never a traceback, never the driver's words)."""
    from desktop.logs import current_log_file  # noqa: PLC0415
    from desktop.store import failures  # noqa: PLC0415

    if data_dir is not None:
        named = failures.describe(error, data_dir)
        if named is not None:
            log.error("storage failure: %s", type(named).__name__, exc_info=error)
            return str(named)
    log.critical("unexpected error", exc_info=error)
    where = current_log_file()
    return f"errore imprevisto ({type(error).__name__}): il comando non è stato completato. " + (
        f"I dettagli tecnici sono nel file di registro {where}; inviarlo all'assistenza."
        if where is not None
        else "Riprovare; se l'errore si ripete, contattare l'assistenza."
    )


def _unraisable_to_log(unraisable: sys.UnraisableHookArgs) -> None:
    """An error Python cannot raise (in a finaliser: a spreadsheet writer abandoned by a
    failed export) goes to the log, not as a traceback on the user's terminal."""
    error = unraisable.exc_value
    log.warning(
        "ignored error in %r: %s",
        unraisable.object,
        type(error).__name__ if error is not None else unraisable.exc_type.__name__,
        exc_info=(unraisable.exc_type, error, unraisable.exc_traceback)
        if error is not None
        else None,
    )


def missing_desktop_libraries() -> list[str]:
    """The distributions of the `desktop` extra that this installation lacks."""
    if getattr(sys, "frozen", False):
        return []  # the packaged build carries what it imports
    return [
        dist for name, dist in DESKTOP_LIBRARIES.items() if importlib.util.find_spec(name) is None
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    missing = missing_desktop_libraries()
    if missing:
        print(
            "trama: questa installazione non comprende l'applicazione per gli uffici "
            f'(mancano: {", ".join(missing)}). Installarla con: pip install "trama[desktop]" '
            '(da una copia del codice: pip install ".[desktop]").',
            file=sys.stderr,
        )
        return EXIT_FAILURE

    from desktop.config import ConfigError  # noqa: PLC0415
    from desktop.services.errors import ServiceError  # noqa: PLC0415
    from desktop.store.errors import StoreError  # noqa: PLC0415

    _start_logging(args.command)
    if sys.unraisablehook is sys.__unraisablehook__:  # not a test runner's own
        sys.unraisablehook = _unraisable_to_log
    data_dir, chosen = _data_dir_of(args)
    _warn_if_open_to_others(data_dir, chosen=chosen, gui=args.command is None)
    try:
        if args.command == "seed-demo":
            print(_seed_demo(args.data_dir, referrals=args.referrals, seed=args.seed))
        elif args.command == "export":
            print(
                _export(
                    args.kind,
                    args.data_dir,
                    args.output,
                    include_sensitive=args.include_sensitive,
                )
            )
        elif args.command == "print":
            print(_print(args.kind, args.identifier, args.data_dir, args.output))
        elif args.command == "report":
            print(
                report_monitoring(
                    args.data_dir,
                    start=args.start,
                    end=args.end,
                    output=args.output,
                    notes=args.notes,
                    track=args.track,
                )
            )
        elif args.command == "import":
            return run_import(args)
        elif args.command == "enroll":
            print(
                _enroll(
                    args.data_dir,
                    server=args.server,
                    code=args.code,
                    device_name=args.device_name,
                    ca_bundle=args.ca_bundle,
                )
            )
        elif args.command == "self-test":
            return _self_test()
        elif args.command == "sync":
            print(_sync(args.data_dir))
        elif args.command == "recover":
            print(recover(args.data_dir, args.recovery_key_file))
        elif args.command == "backup":
            print(backup(args.data_dir, args.output))
        elif args.command == "restore":
            print(restore(args.backup_file, args.data_dir, args.recovery_key_file))
        elif args.command == "check":
            return _check(args.data_dir)
        elif args.command == "audit":
            return audit_verify(existing_data_dir(args.data_dir))
        elif args.command == "retention":
            return retention(existing_data_dir(args.data_dir), dry_run=args.dry_run, yes=args.yes)
        else:
            return _run_app(args.data_dir, demo=args.demo)
    except StoreError as error:
        from desktop.store import failures  # noqa: PLC0415

        named = None if data_dir is None else failures.describe(error, data_dir)
        print(f"trama: {named or error}", file=sys.stderr)
        return EXIT_FAILURE
    except (UserError, ServiceError, ConfigError) as error:
        print(f"trama: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as error:
        said = None if data_dir is None else _storage_failure(error, data_dir)
        if said is not None:
            print(f"trama: {said}", file=sys.stderr)
        else:
            print(f"trama: {_os_failure(error)}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as error:
        # The driver's or SQLAlchemy's error raised halfway through a command (a damaged page
        # read late, a full disk at the first write), or a bug: said, never shown as a trace.
        print(f"trama: {_failure_message(error, data_dir)}", file=sys.stderr)
        return EXIT_FAILURE
    return 0


def _os_failure(error: OSError) -> str:
    """An OS error as the user reads it: what could not be done to which file, in Italian."""
    reason = os_reason(error)
    where = f" {error.filename}" if error.filename else ""
    return f"impossibile accedere a{where}: {reason}. Il comando non è stato completato."


def _storage_failure(error: OSError, data_dir: Path) -> str | None:
    """A full disk or a folder that cannot be written, when the data folder's disk is the one
    at fault; an output file elsewhere keeps the OS's own words and its name."""
    from desktop.store import failures  # noqa: PLC0415

    if error.filename is not None and Path(str(error.filename)).parent != data_dir:
        return None
    named = failures.describe(error, data_dir)
    return None if named is None else str(named)


if __name__ == "__main__":
    sys.exit(main())
