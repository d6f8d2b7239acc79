"""The ``trama`` command line (DESIGN.md §6): a contract that tests and scripts depend on.

Every user mistake ends with one clear line on stderr and a non-zero exit, never a traceback.
Heavy modules (Qt, openpyxl, the demo generator) are imported only by the command that needs
them, so ``trama --version`` and the GUI start quickly.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__

EXPORT_KINDS = ("referrals", "persons", "projects", "meetings")
# `trama print KIND`: the code of desktop.documents.DocumentType it prints.
PRINT_KINDS = {
    "referral": "referral_form",
    "informativa": "privacy_notice",
    "minutes": "minutes",
    "attendance": "attendance_sheet",
    "agenda": "agenda",
    "project": "project_sheet",
}
EXIT_USAGE = 2
EXIT_FAILURE = 1
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


class UserError(Exception):
    """A mistake in what was asked; the message is printed as it is."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trama",
        description="Trama: referrals, co-design projects and meeting minutes "
        "for the labour-inclusion network of the Province of Varese.",
    )
    parser.add_argument("--version", action="version", version=f"trama {__version__}")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: the user's)")
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway data folder filled with demo data"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    seed = commands.add_parser("seed-demo", help="fill a data folder with demo data")
    seed.add_argument("--data-dir", type=Path, required=True)
    seed.add_argument("--referrals", type=_positive_int, default=300)
    seed.add_argument("--seed", type=_positive_int, default=1)

    export = commands.add_parser("export", help="export records to CSV or Excel")
    export.add_argument("kind", choices=EXPORT_KINDS)
    export.add_argument("--data-dir", type=Path, required=True)
    export.add_argument("-o", "--output", type=Path, required=True, help="FILE.csv or FILE.xlsx")

    printing = commands.add_parser(
        "print",
        help="print a document (referral form, privacy notice, minutes, ...) to a PDF file",
        description="Print a document to a PDF file and record it as issued. ID is the "
        "referral number (2026/P0002/000123, or 2026/000123 before enrollment) for "
        "'referral'; a referral number or a person id for "
        "'informativa'; for the others the record id, as in the first column of "
        "'trama export'. A restricted person or referral (GDPR art. 18) is never printed.",
    )
    printing.add_argument("kind", choices=tuple(PRINT_KINDS))
    printing.add_argument("identifier", metavar="ID")
    printing.add_argument("--data-dir", type=Path, required=True)
    printing.add_argument("-o", "--output", type=Path, required=True, help="FILE.pdf")

    enroll = commands.add_parser("enroll", help="register a data folder with the provincial server")
    enroll.add_argument(
        "--data-dir", type=Path, help="data folder (default: as configured, else the user's)"
    )
    enroll.add_argument(
        "--server", help="the server's address (https://...; default: server_url as configured)"
    )
    enroll.add_argument("--code", required=True, help="the one-time enrollment code")
    enroll.add_argument("--device-name", help="how the server lists this PC")
    enroll.add_argument(
        "--ca-bundle", type=Path, help="PEM file of the CA to trust (default: as configured)"
    )

    sync = commands.add_parser("sync", help="one sync with the provincial server")
    sync.add_argument("--data-dir", type=Path, required=True)
    commands.add_parser(
        "self-test",
        help="check this installation (database, documents, keyring) in a temporary folder",
    )
    return parser


def _existing_data_dir(path: Path) -> Path:
    from desktop.store.engine import database_path  # noqa: PLC0415

    if not path.is_dir():
        raise UserError(f"data folder not found: {path}")
    if not database_path(path).exists():
        raise UserError(f"no Trama data in {path} (expected {database_path(path).name})")
    return path


def _seed_demo(data_dir: Path, *, referrals: int, seed: int) -> str:
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(data_dir)
    try:
        # It installs the demo configuration itself, unless the folder is enrolled.
        summary = seed_demo(store, referrals=referrals, seed=seed)
    finally:
        store.dispose()
    return f"{referrals} referrals seeded in {data_dir} ({summary.elapsed_seconds:.1f} s)"


def _export(kind: str, data_dir: Path, output: Path) -> str:
    from desktop.services.export import export_records  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise UserError(f"unknown export format {output.suffix or '(none)'}: use .csv or .xlsx")
    if not output.parent.is_dir():
        raise UserError(f"output folder not found: {output.parent}")
    store = open_store(_existing_data_dir(data_dir), create=False)
    try:
        count = export_records(store, kind=kind, path=output)
    finally:
        store.dispose()
    return f"{count} {kind} exported to {output}"


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
        raise UserError("no server given: use --server, or set server_url in the configuration")
    store = open_store(data_dir)
    try:
        done = enroll(
            store, server_url=server, code=code, device_name=device_name, ca_bundle=ca_bundle
        )
    finally:
        store.dispose()
    if config.site_code and config.site_code != done.site_code.upper():
        print(
            f"trama: warning: the server enrolled this PC for site {done.site_code}, but the "
            f"configuration ({config.source('site_code')}) says {config.site_code}",
            file=sys.stderr,
        )
    return (
        f"{data_dir} enrolled with {done.server_url} for site {done.site_code} "
        f"({done.site_kind}: {done.site_name}); device {done.device_id}"
    )


def _sync(data_dir: Path) -> str:
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from sync.client.engine import SyncEngine  # noqa: PLC0415

    store = open_store(_existing_data_dir(data_dir), create=False)
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
        raise UserError(f"unknown print format {output.suffix or '(none)'}: use .pdf")
    if not output.parent.is_dir():
        raise UserError(f"output folder not found: {output.parent}")
    store = open_store(_existing_data_dir(data_dir), create=False)
    try:
        actor = current_actor(store)
        document_type = DocumentType(PRINT_KINDS[kind])
        record_id = resolve_record_id(store, document_type, identifier)
        document = render_document(
            store, actor=actor, document_type=document_type, record_id=record_id
        )
        output.write_bytes(document.pdf)
        # Recorded once the file exists: what is recorded as issued was really issued.
        issued = record_issue(store, actor=actor, document=document)
    finally:
        store.dispose()
    return f"{kind} {identifier} printed to {output} (SHA-256 {issued.sha256})"


def _run_app(data_dir: Path | None, *, demo: bool) -> int:
    if demo:
        return _run_demo()
    from desktop.config import DATA_DIR, load_configuration  # noqa: PLC0415
    from desktop.ui.app import run  # noqa: PLC0415

    exit_code: int = run(load_configuration({DATA_DIR: data_dir}).data_dir, demo=demo)
    return exit_code


def _run_demo() -> int:
    """A throwaway folder with demo data, synced with a demo server on 127.0.0.1 that stops
    when the app does; offline (said on stderr and in the log) if the server cannot start."""
    from desktop.demo.session import open_demo  # noqa: PLC0415

    session = open_demo(referrals=300, seed=1)
    try:
        print(f"demo data folder: {session.data_dir}", file=sys.stderr)
        if session.server is not None:
            print(f"demo server: {session.server.url} (site AMB-SOMMA)", file=sys.stderr)
        else:
            print(
                f"demo server not available, the demo runs offline: {session.offline_reason}",
                file=sys.stderr,
            )
        from desktop.ui.app import run  # noqa: PLC0415

        exit_code: int = run(session.data_dir, demo=True)
    finally:
        session.close()
    return exit_code


def _self_test() -> int:
    from desktop.selftest import SelfTestError, run_self_test  # noqa: PLC0415

    try:
        report = run_self_test()
    except SelfTestError as error:
        print(f"trama {__version__} self-test FAILED at {error}", file=sys.stderr)
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
        print(f"trama: warning: no log file: {error.strerror or error}", file=sys.stderr)
        return
    log.info("trama %s started: %s", __version__, command or "application")


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
    try:
        if args.command == "seed-demo":
            print(_seed_demo(args.data_dir, referrals=args.referrals, seed=args.seed))
        elif args.command == "export":
            print(_export(args.kind, args.data_dir, args.output))
        elif args.command == "print":
            print(_print(args.kind, args.identifier, args.data_dir, args.output))
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
        else:
            return _run_app(args.data_dir, demo=args.demo)
    except (UserError, StoreError, ServiceError, ConfigError) as error:
        print(f"trama: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as error:
        print(f"trama: {error.strerror or error}: {error.filename or ''}".rstrip(), file=sys.stderr)
        return EXIT_FAILURE
    return 0


if __name__ == "__main__":
    sys.exit(main())
