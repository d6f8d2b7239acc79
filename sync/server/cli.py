"""``trama-server``: run the provincial server and administer it (DESIGN.md §6).

Every command takes ``--db URL`` (default: ``$TRAMA_SERVER_DB``, else ``trama-server.sqlite`` in
the user's data folder); PostgreSQL URLs look like ``postgresql+psycopg://user:pw@host/db``.
Bad input gives a message on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from sync.protocol.cli_parser import ItalianArgumentParser
from sync.server import admin, migrate, quarantine
from sync.server.app import DB_ENV, DOCS_ENV
from sync.server.db import ServerDB, default_db_url
from sync.server.guard import (
    AUTH_LIMIT_ENV,
    ENROLL_LIMIT_ENV,
    MAX_BODY_ENV,
    STORAGE_ENV,
    LimitsError,
    RequestLimits,
)
from sync.server.reference_import import FORMATS_HELP as IMPORT_FORMATS_HELP

EXIT_USAGE = 2


class CliError(Exception):
    pass


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=os.environ.get(DB_ENV) or default_db_url(),
        metavar="URL",
        help=f"indirizzo del database (predefinito: ${DB_ENV}, altrimenti un file SQLite nella "
        "cartella dati dell'utente)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = ItalianArgumentParser(
        prog="trama-server", description="Il server provinciale di Trama."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMANDO", title="comandi")

    migrate_ = commands.add_parser(
        "migrate", help="porta il database allo schema di questa versione (lo fa anche serve)"
    )
    _db_option(migrate_)

    serve = commands.add_parser("serve", help="avvia il server HTTP")
    _db_option(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", metavar="INDIRIZZO", help="predefinito: 127.0.0.1"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8750,
        metavar="PORTA",
        help="predefinita: 8750; 0: una porta libera qualsiasi (stampata)",
    )
    serve.add_argument("--workers", type=int, default=1, metavar="N", help="processi di lavoro")
    serve.add_argument(
        "--log-level",
        default="info",
        metavar="LIVELLO",
        help="dettaglio del registro: debug, info, warning, error (predefinito: info)",
    )
    serve.add_argument(
        "--docs",
        action="store_true",
        help="pubblica /docs, /redoc e /openapi.json (spento se non indicato)",
    )
    # The limits of docs/SERVER.md, "Limiti delle richieste": an option wins over its variable.
    serve.add_argument(
        "--max-body-bytes", type=int, metavar="N",
        help=f"corpo massimo di una richiesta, letto o decompresso (predefinito: ${MAX_BODY_ENV}, "
        "altrimenti 16000000)",
    )  # fmt: skip
    serve.add_argument(
        "--enroll-limit", metavar="RATE",
        help=f"attivazioni fallite per indirizzo del client (predefinito: ${ENROLL_LIMIT_ENV}, "
        "altrimenti '10/15 minutes')",
    )  # fmt: skip
    serve.add_argument(
        "--auth-failure-limit", metavar="RATE",
        help=f"autenticazioni fallite per indirizzo del client (predefinito: ${AUTH_LIMIT_ENV}, "
        "altrimenti '30/minute')",
    )  # fmt: skip
    serve.add_argument(
        "--rate-limit-storage", metavar="URI",
        help=f"dove stanno i contatori (predefinito: ${STORAGE_ENV}, altrimenti 'memory://', "
        "per processo)",
    )  # fmt: skip

    site = commands.add_parser("site", help="sedi (Ambiti, CPI, Provincia)")
    site_commands = site.add_subparsers(
        dest="site_command", metavar="add|list", required=True, title="comandi"
    )
    add = site_commands.add_parser("add", help="crea una sede")
    add.add_argument(
        "--kind",
        required=True,
        choices=["ambito", "cpi", "provincia", "ets"],
        help="tipo di sede (ets: un ente del Terzo settore della rete)",
    )
    add.add_argument(
        "--code", required=True, metavar="CODICE", help="per esempio AMB-SOMMA, CPI-VARESE"
    )
    add.add_argument("--name", required=True, metavar="NOME", help="il nome della sede")
    add.add_argument(
        "--ambito", metavar="CODICE", help="il codice dell'Ambito, se non è quello della sede"
    )
    add.add_argument(
        "--job-centre", metavar="CODICE", help="il codice del CPI, se non è quello della sede"
    )
    _db_option(add)
    listing = site_commands.add_parser("list", help="elenca le sedi")
    _db_option(listing)

    code = commands.add_parser("enroll-code", help="un codice di attivazione monouso per una sede")
    code.add_argument("site_code", metavar="CODICE_SEDE", help="il codice della sede")
    code.add_argument(
        "--days", type=int, default=admin.ENROLLMENT_DAYS,
        metavar="GIORNI",
        help=f"validità in giorni, 1-{admin.MAX_ENROLLMENT_DAYS} (predefinita "
        f"{admin.ENROLLMENT_DAYS})",
    )  # fmt: skip
    _db_option(code)

    demo = commands.add_parser("init-demo", help="dati di riferimento, sedi e codici dimostrativi")
    demo.add_argument("--json", action="store_true", help="stampa sedi e codici in JSON")
    _db_option(demo)

    device = commands.add_parser("device", help="dispositivi attivati")
    device_commands = device.add_subparsers(
        dest="device_command", metavar="list|revoke", title="comandi"
    )
    device_commands.required = True
    _db_option(device_commands.add_parser("list", help="elenca i dispositivi"))
    revoke = device_commands.add_parser("revoke", help="revoca il token di un dispositivo")
    revoke.add_argument("device_id", metavar="ID_DISPOSITIVO", help="come lo mostra 'device list'")
    _db_option(revoke)

    record = commands.add_parser(
        "record",
        help="un record: mostrarlo, metterlo in quarantena (non servito a nessuno), rilasciarlo",
    )
    record_commands = record.add_subparsers(
        dest="record_command",
        metavar="show|quarantine|release|check",
        required=True,
        title="comandi",
    )
    check = record_commands.add_parser(
        "check",
        help="elenca i record salvati che un invio oggi rifiuterebbe (per metterli in quarantena)",
    )
    _db_option(check)
    for name, text in (
        ("show", "stampa il record"),
        ("quarantine", "toglie il record dalla circolazione: gli uffici che lo hanno lo scartano"),
        ("release", "rimette in circolazione un record in quarantena"),
    ):
        action = record_commands.add_parser(name, help=text)
        action.add_argument("record_id", metavar="ID", help="l'identificativo del record")
        action.add_argument(
            "--table",
            metavar="TABELLA",
            help="la tabella del record, se più record hanno lo stesso ID",
        )
        if name == "quarantine":
            action.add_argument(
                "--reason", default="", metavar="MOTIVO", help="il motivo (lo mostra 'record show')"
            )
        _db_option(action)

    audit = commands.add_parser("audit", help="i registri delle operazioni degli uffici")
    audit_commands = audit.add_subparsers(
        dest="audit_command", metavar="verify", required=True, title="comandi"
    )
    verify = audit_commands.add_parser(
        "verify", help="ripercorre ogni catena salvata e indica ogni riga modificata o mancante"
    )
    verify.add_argument(
        "--site", metavar="CODICE", help="solo le catene di questa sede (il suo codice)"
    )
    _db_option(verify)

    reference = commands.add_parser(
        "reference",
        help="dati di riferimento",
        description=IMPORT_FORMATS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    reference_commands = reference.add_subparsers(
        dest="reference_command", metavar="import", title="comandi"
    )
    reference_commands.required = True
    import_ = reference_commands.add_parser(
        "import",
        help="importa un file CSV (comuni, Ambiti, CPI, referenti, rubrica, operatori, "
        "conservazione, profili delle sedi)",
        description=IMPORT_FORMATS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    import_.add_argument("file", metavar="FILE.csv", type=Path, help="il file da importare")
    _db_option(import_)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return _run(args)
    except (admin.AdminError, migrate.SchemaError, quarantine.QuarantineError, CliError) as error:
        print(f"trama-server: {error}", file=sys.stderr)
        return 1
    except ArgumentError as error:
        print(f"trama-server: indirizzo del database non valido: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        print(f"trama-server: database non raggiungibile: {reason}", file=sys.stderr)
        return 1
    except ImportError as error:
        print(f"trama-server: manca un componente ({error.name}): installare trama[server]",
              file=sys.stderr)  # fmt: skip
        return 1
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        return _serve(args)
    if args.command == "migrate":
        return _migrate(args.db)
    db = _open(args.db)
    try:
        if args.command == "site" and args.site_command == "add":
            site = admin.add_site(
                db, args.kind, args.code, args.name,
                ambito_code=args.ambito, job_centre_code=args.job_centre,
            )  # fmt: skip
            print(f"Sede creata: {site.code} ({site.kind.value}) {site.name}")
        elif args.command == "site":
            for info in admin.list_sites(db):
                print(f"{info.code}\t{info.kind.value}\t{info.name}")
        elif args.command == "enroll-code":
            code = admin.issue_enrollment_code(db, args.site_code, days=args.days)
            print(f"Codice di attivazione monouso per {args.site_code}, valido {args.days} giorni:")
            print(code)
        elif args.command == "init-demo":
            _init_demo(db, as_json=args.json)
        elif args.command == "device":
            _device(db, args)
        elif args.command == "record":
            return _record(db, args)
        elif args.command == "audit":
            return _audit_verify(db, args.site)
        elif args.command == "reference":
            from sync.server.reference_import import import_file  # noqa: PLC0415

            if not args.file.is_file():
                raise CliError(f"il file {args.file} non esiste")
            kind, count = import_file(db, args.file)
            print(f"Importato {args.file.name} ({kind}): {count} righe.")
    finally:
        db.dispose()
    return 0


def _open(url: str) -> ServerDB:
    return admin.open_db(url)


def _migrate(url: str, report: TextIO | None = None) -> int:
    db = ServerDB(url)
    try:
        done = migrate.upgrade(db)
    finally:
        db.dispose()
    where = migrate.shown(url)
    if done.baseline_recognised:
        message = f"Database aggiornato: schema della prima versione → {done.after}: {where}"
    elif not done.changed:
        message = f"Database già aggiornato (schema {done.after}): {where}"
    elif done.before is None:
        message = f"Database aggiornato: creato con lo schema {done.after}: {where}"
    else:
        message = f"Database aggiornato: schema {done.before} → {done.after}: {where}"
    print(message, file=report or sys.stdout)
    return 0


def _init_demo(db: ServerDB, *, as_json: bool) -> None:
    from sync.server.demo import init_demo  # noqa: PLC0415 - only this command reads the rows

    sites = init_demo(db)
    if as_json:
        payload = {
            "sites": [
                {"code": s.code, "kind": s.kind.value, "name": s.name, "enrollment_code": code}
                for s, code in sites
            ]
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for site, code in sites:
        print(f"{site.code:<18} {site.kind.value:<10} {code}  {site.name}")


def _record(db: ServerDB, args: argparse.Namespace) -> int:
    if args.record_command == "check":
        from sync.server.check import stored_problems  # noqa: PLC0415 - this command only

        problems = 0
        for finding in stored_problems(db):
            problems += 1
            print(finding.line())
        if not problems:
            print("Nessun record da correggere: ogni record rispetta le regole attuali.")
            return 0
        print(
            f"{problems} record non rispettano le regole attuali: metterli in quarantena con "
            "'trama-server record quarantine ID --table TABELLA'."
        )
        return 1
    if args.record_command == "quarantine":
        found = quarantine.quarantine(db, args.record_id, args.table, args.reason)
        print(f"Record {found.table} {found.id} messo in quarantena: gli uffici che lo hanno lo "
              "toglieranno alla prossima sincronizzazione.")  # fmt: skip
    elif args.record_command == "release":
        found = quarantine.release(db, args.record_id, args.table)
        print(f"Record {found.table} {found.id} rilasciato: torna agli uffici che lo vedono.")
    else:
        print("\n".join(quarantine.show(db, args.record_id, args.table).lines()))
    return 0


def _audit_verify(db: ServerDB, site: str | None) -> int:
    from sync.server.audit import verify_stored  # noqa: PLC0415 - this command only

    try:
        report = verify_stored(db, site)
    except LookupError as error:
        raise CliError(f"sede sconosciuta: {site}") from error
    where = f" della sede {site}" if site else ""
    for problem in report.problems:
        print(problem.line())
    if report.problems:
        print(
            f"Registro degli accessi{where} ALTERATO: {len(report.problems)} problemi in "
            f"{report.chains} catene ({report.rows} righe)."
        )
        return 1
    print(f"Registro degli accessi{where} integro: {report.rows} righe in {report.chains} catene.")
    return 0


def _device(db: ServerDB, args: argparse.Namespace) -> None:
    if args.device_command == "revoke":
        row = admin.revoke_device(db, args.device_id)
        print(f"Dispositivo {row.id} ({row.site_code}, {row.name}) revocato.")
        return
    rows = admin.list_devices(db)
    if not rows:
        print("Nessun dispositivo attivato.")
    for row in rows:
        state = f"revocato {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "attivo"
        seen = f"{row.last_seen_at:%Y-%m-%d %H:%M}" if row.last_seen_at else "mai"
        print(f"{row.id}\t{row.site_code}\t{row.name}\t{state}\tultimo contatto: {seen}")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn  # noqa: PLC0415 - only this command needs it

    if args.workers < 1:
        raise CliError("--workers deve essere almeno 1")
    if not 0 <= args.port < 65536:
        raise CliError("--port non valida")
    # The workers read their settings from the environment: checked here, before anything
    # else, so that a bad value is a message from this command, not a traceback from a worker.
    limits = _request_limits(args)
    # Migrated once here, before any worker starts: the workers never race to change the schema,
    # and a database newer than this code stops the command before anything listens.
    # On stderr: the first line of stdout says where the server listens.
    _migrate(args.db, report=sys.stderr)
    os.environ[DB_ENV] = args.db
    os.environ.update(limits.environment())
    os.environ[DOCS_ENV] = "1" if args.docs else "0"
    port = args.port or _free_port(args.host)
    # The first line of output says where the server listens (useful with --port 0).
    print(f"trama-server: http://{args.host}:{port}", flush=True)
    uvicorn.run(
        "sync.server.app:app_from_environment",
        factory=True,
        host=args.host,
        port=port,
        workers=args.workers,
        log_level=args.log_level,
        proxy_headers=True,
    )
    return 0


def _request_limits(args: argparse.Namespace) -> RequestLimits:
    try:
        limits = RequestLimits.from_environment()
        limits = RequestLimits(
            max_body_bytes=(
                args.max_body_bytes if args.max_body_bytes is not None else limits.max_body_bytes
            ),
            enroll_failures=args.enroll_limit or limits.enroll_failures,
            auth_failures=args.auth_failure_limit or limits.auth_failures,
            storage=args.rate_limit_storage or limits.storage,
        )
        limits.check()
    except LimitsError as error:
        raise CliError(str(error)) from error
    return limits


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


if __name__ == "__main__":
    sys.exit(main())
