"""The ``trama`` command line (DESIGN.md §6): a contract that tests and scripts depend on.

Every user mistake ends with one clear line on stderr and a non-zero exit, never a traceback.
Heavy modules (Qt, openpyxl, the demo generator) are imported only by the command that needs
them, so ``trama --version`` and the GUI start quickly.
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.privacy_cli import add_audit_commands, add_retention_command, audit_verify, retention
from sync.protocol.cli_parser import ItalianArgumentParser

if TYPE_CHECKING:
    from desktop.store.restore import Restored

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
}
# What `trama print` says it printed.
PRINTED = {
    "referral": "scheda di segnalazione",
    "informativa": "informativa sul trattamento dei dati",
    "minutes": "verbale",
    "attendance": "foglio presenze",
    "agenda": "ordine del giorno",
    "project": "scheda progetto",
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
        raise argparse.ArgumentTypeError(f"non è un numero intero: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"non può essere negativo: {text}")
    return value


DATA_DIR_HELP = "la cartella dati di Trama"
DATA_DIR = "CARTELLA"


def _data_dir_option(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "--data-dir", type=Path, required=required, metavar=DATA_DIR, help=DATA_DIR_HELP
    )


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
    _data_dir_option(seed)
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
    _data_dir_option(export)
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
        "dell'attivazione) per 'referral'; un numero di segnalazione o l'identificativo di una "
        "persona per 'informativa'; per gli altri l'identificativo del record, come nella prima "
        "colonna di 'trama export'. Una persona o segnalazione limitata (art. 18 GDPR) non è "
        "mai stampata.",
    )
    printing.add_argument(
        "kind",
        choices=tuple(PRINT_KINDS),
        metavar="TIPO",
        help=f"uno tra {', '.join(PRINT_KINDS)}",
    )
    printing.add_argument("identifier", metavar="ID", help="il record da stampare")
    _data_dir_option(printing)
    printing.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="il file FILE.pdf"
    )

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
    _data_dir_option(sync)
    recover = commands.add_parser(
        "recover",
        help="apre una cartella dati con la chiave di recupero e la rimette nel portachiavi",
        description="Quando il portachiavi ha perso la chiave di una cartella dati (un nuovo "
        "profilo di Windows, un computer reinstallato, una cartella spostata), apre la cartella "
        "con la chiave di recupero stampata alla sua creazione e la custodisce di nuovo nel "
        "portachiavi. La chiave si legge dal terminale senza mostrarla, altrimenti dalla prima "
        "riga dello standard input.",
    )
    _data_dir_option(recover)
    recover.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="legge la chiave di recupero da questo file (per gli script)",
    )
    _add_backup_commands(commands)
    check = commands.add_parser(
        "check",
        help="verifica ogni pagina dell'archivio di una cartella dati (esce con 0 se integro)",
        description="Rilegge tutto l'archivio: il controllo di SQLCipher di ogni pagina e il "
        "controllo di integrità di SQLite. Esce con 0 se l'archivio è integro, con 1 se ci sono "
        "problemi (il resoconto indica l'ultima copia di sicurezza da ripristinare).",
    )
    _data_dir_option(check)
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


def _add_backup_commands(commands: argparse._SubParsersAction[ItalianArgumentParser]) -> None:
    backup = commands.add_parser(
        "backup",
        help="fa una copia di sicurezza cifrata dell'archivio di una cartella dati",
        description="Fa una copia di sicurezza cifrata dell'archivio (anche con Trama aperto). "
        "Si apre con la chiave della cartella o con la sua chiave di recupero. Senza -o va "
        "nella cartella delle copie configurata (backup_dir; predefinita: la cartella 'backups' "
        "della cartella dati), dove le copie automatiche più vecchie oltre backup_keep sono "
        "eliminate.",
    )
    _data_dir_option(backup)
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="il file da scrivere (mai sovrascritto; predefinito: vedi sopra)",
    )
    restore = commands.add_parser(
        "restore",
        help="mette una copia di sicurezza al posto dell'archivio di una cartella dati",
        description="Sostituisce l'archivio di una cartella dati con una copia di sicurezza, "
        "dopo averla verificata e aver salvato l'archivio che sostituisce. La copia si apre con "
        "la chiave della cartella, altrimenti con la chiave di recupero (chiesta sullo standard "
        "input o letta da --recovery-key-file). Le modifiche fatte dopo la copia e mai inviate "
        "al server sono perse; una cartella attivata riceve di nuovo tutto ciò che il server ha "
        "alla sincronizzazione successiva. Rifiutato mentre Trama è aperto sulla cartella.",
    )
    restore.add_argument(
        "backup_file", type=Path, metavar="FILE", help="la copia di sicurezza da ripristinare"
    )
    _data_dir_option(restore)
    restore.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="un file che contiene la chiave di recupero (per gli script)",
    )


def _existing_data_dir(path: Path) -> Path:
    from desktop.store.engine import database_path  # noqa: PLC0415
    from desktop.store.migrate import store_existed  # noqa: PLC0415

    if not path.is_dir():
        raise UserError(f"La cartella dati {path} non esiste.")
    # A store that was here and is gone is refused by open_store, with the backup to restore.
    if not database_path(path).exists() and not store_existed(path):
        raise UserError(
            f"Nella cartella {path} non ci sono dati di Trama (manca il file "
            f"{database_path(path).name})."
        )
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
    store = open_store(_existing_data_dir(data_dir), create=False)
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


# The application's lock on a data folder (desktop.ui.crash.instance_lock, a QLockFile): its
# first lines are the holder's PID, program and host name. Read here without Qt.
APP_LOCK_FILE = "trama.lock"


def _application_holding(data_dir: Path) -> str | None:
    """Who holds the folder's application lock ("processo 123", "computer X"), or None.

    QLockFile's own checks are reproduced: a lock whose process no longer runs on this PC is
    stale. A lock taken on another computer (a shared folder) cannot be checked from here and
    counts as held."""
    import socket  # noqa: PLC0415

    try:
        lines = (data_dir / APP_LOCK_FILE).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        return "?"
    fields = lines.splitlines()
    pid_text = fields[0].strip() if fields else ""
    if not pid_text.isdigit():
        return None  # not a lock QLockFile would honour either
    host = fields[2].strip() if len(fields) > 2 else ""
    if host and host != socket.gethostname():
        return f"computer {host}"
    pid = int(pid_text)
    if pid != os.getpid() and _process_runs(pid):
        return f"processo {pid}"
    return None


@contextmanager
def _holding_the_folder(data_dir: Path) -> Iterator[None]:
    """Hold the application's lock on ``data_dir`` for the block, written as QLockFile writes
    it (PID, program, host, machine and boot ids), so that Trama started meanwhile finds the
    folder in use. Where a field differs from Qt's own reading (an unusual system), Qt takes
    the lock for stale, as it would without this one; the file is removed only if still ours."""
    import socket  # noqa: PLC0415

    from desktop.store.files import make_private_dir  # noqa: PLC0415

    make_private_dir(data_dir)
    path = data_dir / APP_LOCK_FILE
    content = (
        f"{os.getpid()}\n{_program_name()}\n{socket.gethostname()}\n"
        f"{_first_line('/etc/machine-id', '/var/lib/dbus/machine-id')}\n"
        f"{_first_line('/proc/sys/kernel/random/boot_id')}\n"
    ).encode()
    path.unlink(missing_ok=True)  # stale: _application_holding found no running holder
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    try:
        yield
    finally:
        try:
            if path.read_bytes() == content:
                path.unlink()
        except OSError:
            pass


def _program_name() -> str:
    """What QLockFile records as the program: the running executable's file name."""
    try:
        return Path("/proc/self/exe").readlink().name
    except OSError:
        return Path(sys.executable).name


def _first_line(*candidates: str) -> str:
    for candidate in candidates:
        try:
            return Path(candidate).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
    return ""


def _process_runs(pid: int) -> bool:

    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(code.value == 259)  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _size_text(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _backup(data_dir: Path, output: Path | None) -> str:
    from desktop.store import failures, keys  # noqa: PLC0415
    from desktop.store import restore as restoring  # noqa: PLC0415
    from desktop.store.engine import database_path  # noqa: PLC0415

    path = database_path(data_dir)
    if not data_dir.is_dir():
        raise UserError(f"La cartella dati {data_dir} non esiste.")
    if not path.is_file() or path.stat().st_size == 0:
        raise UserError(f"Nella cartella {data_dir} non c'è un archivio di Trama da copiare.")
    if failures.plain_on_disk(path):
        raise UserError(
            f"L'archivio {path} non è ancora cifrato: aprirlo una volta con Trama, che lo cifra "
            "e ne fa subito una copia di sicurezza."
        )
    key = keys.load_key(data_dir)
    if key is None:
        raise failures.missing_key(data_dir, path)
    if output is not None:
        if output.exists():
            raise UserError(
                f"Il file {output} esiste già: scegliere un altro nome (una copia di sicurezza "
                "non ne sovrascrive mai un'altra)."
            )
        if not output.parent.is_dir():
            raise UserError(f"La cartella {output.parent} non esiste.")
    target = restoring.back_up(path, key, output=output)
    return (
        f"Copia di sicurezza salvata: {target} ({_size_text(target)}). Si apre con la chiave "
        "di questa cartella o con la sua chiave di recupero stampata."
    )


def _recovery_key_text(recovery_key_file: Path | None) -> str:
    import getpass  # noqa: PLC0415

    if recovery_key_file is not None:
        try:
            return recovery_key_file.read_text(encoding="utf-8-sig").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(
                f"Il file della chiave di recupero {recovery_key_file} non si può leggere: "
                f"{_os_reason(error) if isinstance(error, OSError) else 'non è un file di testo'}."
            ) from error
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("Chiave di recupero (come sul foglio stampato): ")
    return (sys.stdin.readline() if sys.stdin is not None else "").strip()


def _restore(backup_file: Path, data_dir: Path, recovery_key_file: Path | None) -> str:
    if not backup_file.is_file():
        raise UserError(f"La copia di sicurezza {backup_file} non esiste.")
    holder = _application_holding(data_dir) if data_dir.is_dir() else None
    if holder is not None:
        raise UserError(
            f"Trama è aperto su questa cartella dati ({data_dir}, {holder}): chiuderlo e "
            "ripetere il ripristino, oppure ripristinare dalla pagina Backup dell'applicazione. "
            f"Se Trama non è aperto da nessuna parte, eliminare il file {APP_LOCK_FILE} della "
            "cartella. Nulla è stato modificato."
        )
    with _holding_the_folder(data_dir):
        return _restore_with_a_key(backup_file, data_dir, recovery_key_file)


def _restore_with_a_key(backup_file: Path, data_dir: Path, recovery_key_file: Path | None) -> str:
    """The folder's key, else the recovery key (asked, or read from its file)."""
    from desktop.store import keys  # noqa: PLC0415
    from desktop.store import restore as restoring  # noqa: PLC0415
    from desktop.store.errors import WrongKeyError  # noqa: PLC0415
    from sync.client.restored import prepare_restored_copy  # noqa: PLC0415

    folder_key = keys.load_key(data_dir)
    restored = None
    if folder_key is not None and recovery_key_file is None:
        try:
            restored = restoring.restore_backup(
                backup_file, data_dir, folder_key, prepare=prepare_restored_copy
            )
        except WrongKeyError:
            restored = None
    if restored is None:
        if recovery_key_file is None:
            print(
                "trama: la chiave di questa cartella non apre la copia di sicurezza (o la "
                "cartella non ha una chiave nel portachiavi): serve la chiave di recupero "
                "stampata per l'archivio da cui la copia è stata fatta.",
                file=sys.stderr,
            )
        text = _recovery_key_text(recovery_key_file)
        if not text:
            raise UserError("Nessuna chiave di recupero data: il ripristino non è stato eseguito.")
        recovery_key = keys.key_from_recovery_text(text)
        try:
            restored = restoring.restore_backup(
                backup_file, data_dir, recovery_key, prepare=prepare_restored_copy
            )
        except WrongKeyError as error:
            raise UserError(
                f"Nemmeno la chiave di recupero data apre la copia di sicurezza {backup_file}: è "
                "la chiave di un altro archivio, oppure il file non è una copia di sicurezza di "
                "Trama. Nulla è stato modificato."
            ) from error
    return _restored_message(restored, data_dir)


def _restored_message(restored: Restored, data_dir: Path) -> str:
    when = ""
    if restored.taken_at is not None:
        local = restored.taken_at.astimezone()
        when = f" del {local:%d/%m/%Y} alle {local:%H:%M}"
    parts = [f"Archivio di {data_dir} ripristinato dalla copia {restored.backup}{when}."]
    if restored.safety_copy is not None:
        parts.append(f"L'archivio sostituito è stato salvato in {restored.safety_copy}.")
    if restored.set_aside is not None:
        parts.append(
            f"L'archivio sostituito non si leggeva: è stato spostato in {restored.set_aside}."
        )
    if restored.key_changed:
        parts.append(
            "La cartella ora usa la chiave di cifratura della copia (conservata nel portachiavi): "
            "vale il foglio con la chiave di recupero dell'archivio da cui la copia è stata fatta."
        )
    if restored.enrolled:
        parts.append(
            "ATTENZIONE: le modifiche fatte dopo quella copia e mai inviate al server sono perse. "
            "Alla prossima sincronizzazione Trama riceve di nuovo dal server tutti i dati della "
            "sede e invia quelli della copia non ancora inviati. Sincronizzare prima di registrare "
            "nuove segnalazioni, perché i numeri seguano quelli già assegnati."
        )
    else:
        parts.append("ATTENZIONE: le modifiche fatte dopo quella copia sono perse.")
    return " ".join(parts)


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
    store = open_store(_existing_data_dir(data_dir), create=False)
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


def _read_recovery_key(key_file: Path | None) -> str:
    """The recovery key from a file, a terminal (no echo) or the first line of stdin."""
    if key_file is not None:
        try:
            text = key_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            if isinstance(error, FileNotFoundError):
                reason = "il file non esiste"
            elif isinstance(error, OSError):
                reason = _os_reason(error)
            else:
                reason = "non è un file di testo"
            raise UserError(
                f"Impossibile leggere la chiave di recupero dal file {key_file}: {reason}."
            ) from None
        lines = [line for line in text.splitlines() if line.strip()]
        text = lines[0] if lines else ""
    elif sys.stdin is not None and sys.stdin.isatty():
        import getpass  # noqa: PLC0415

        try:
            text = getpass.getpass("Chiave di recupero (56 caratteri, come sul foglio): ")
        except (EOFError, KeyboardInterrupt):
            raise UserError("Recupero annullato: nulla è stato modificato.") from None
    else:
        text = sys.stdin.readline() if sys.stdin is not None else ""
    if not text.strip():
        raise UserError("Nessuna chiave di recupero ricevuta: nulla è stato modificato.")
    return text


def _recover(data_dir: Path, key_file: Path | None) -> str:
    from desktop.store.recovery import folder_to_recover, recover_folder  # noqa: PLC0415

    path = folder_to_recover(data_dir)  # before the key is asked for: nothing to type in vain
    key = recover_folder(data_dir, _read_recovery_key(key_file))
    return (
        f"La chiave di recupero apre l'archivio {path} ed è di nuovo custodita nel portachiavi "
        f"di questo utente (impronta {key.fingerprint()}): Trama si apre normalmente."
    )


def _check(data_dir: Path) -> int:
    from desktop.store.check import check_store  # noqa: PLC0415

    report = check_store(_existing_data_dir(data_dir))
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
    """A throwaway folder with demo data, synced with a demo server on 127.0.0.1 that stops
    when the app does; offline (said on stderr and in the log) if the server cannot start."""
    from desktop.demo.session import open_demo  # noqa: PLC0415

    session = open_demo(referrals=300, seed=1)
    try:
        print(f"cartella dati dimostrativa: {session.data_dir}", file=sys.stderr)
        if session.server is not None:
            print(f"server dimostrativo: {session.server.url}", file=sys.stderr)
        else:
            print(
                "server dimostrativo non disponibile, la dimostrazione funziona senza rete: "
                f"{session.offline_reason}",
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
            f"trama: attenzione: il file di registro non si può scrivere: {_os_reason(error)}",
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
            print(_recover(args.data_dir, args.recovery_key_file))
        elif args.command == "backup":
            print(_backup(args.data_dir, args.output))
        elif args.command == "restore":
            print(_restore(args.backup_file, args.data_dir, args.recovery_key_file))
        elif args.command == "check":
            return _check(args.data_dir)
        elif args.command == "audit":
            return audit_verify(_existing_data_dir(args.data_dir))
        elif args.command == "retention":
            return retention(_existing_data_dir(args.data_dir), dry_run=args.dry_run, yes=args.yes)
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


# The OS's reasons, in Italian: its own words (strerror) follow the system's language.
_OS_REASONS = {
    errno.ENOENT: "non esiste",
    errno.EACCES: "permesso negato",
    errno.EPERM: "operazione non permessa",
    errno.EISDIR: "è una cartella",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.ENOSPC: "il disco è pieno",
    errno.EROFS: "il disco è in sola lettura",
    errno.EEXIST: "esiste già",
    errno.ENAMETOOLONG: "il nome è troppo lungo",
}


def _os_reason(error: OSError) -> str:
    return _OS_REASONS.get(error.errno or 0, "errore del sistema operativo")


def _os_failure(error: OSError) -> str:
    """An OS error as the user reads it: what could not be done to which file, in Italian."""
    reason = _os_reason(error)
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
