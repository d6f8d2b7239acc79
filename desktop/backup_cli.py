"""``trama recover``, ``trama backup`` and ``trama restore``: the folder's key and its backups
on the command line (the application's Backup page does the same with windows). Imports stay
inside functions, as in ``desktop.cli``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_support import UserError, data_dir_option, os_reason

if TYPE_CHECKING:
    from desktop.store.restore import Restored
    from sync.protocol.cli_parser import ItalianArgumentParser


def add_key_and_backup_commands(
    commands: argparse._SubParsersAction[ItalianArgumentParser],
) -> None:
    recover = commands.add_parser(
        "recover",
        help="apre una cartella dati con la chiave di recupero e la rimette nel portachiavi",
        description="Quando il portachiavi ha perso la chiave di una cartella dati (un nuovo "
        "profilo di Windows, un computer reinstallato, una cartella spostata), apre la cartella "
        "con la chiave di recupero stampata alla sua creazione e la custodisce di nuovo nel "
        "portachiavi. La chiave si legge dal terminale senza mostrarla, altrimenti dalla prima "
        "riga dello standard input.",
    )
    data_dir_option(recover)
    recover.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="legge la chiave di recupero da questo file (per gli script)",
    )
    backup = commands.add_parser(
        "backup",
        help="fa una copia di sicurezza cifrata dell'archivio di una cartella dati",
        description="Fa una copia di sicurezza cifrata dell'archivio (anche con Trama aperto). "
        "Si apre con la chiave della cartella o con la sua chiave di recupero. Senza -o va "
        "nella cartella delle copie configurata (backup_dir; predefinita: la cartella 'backups' "
        "della cartella dati), dove le copie automatiche più vecchie oltre backup_keep sono "
        "eliminate.",
    )
    data_dir_option(backup)
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
    data_dir_option(restore)
    restore.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="un file che contiene la chiave di recupero (per gli script)",
    )


# The application's lock on a data folder (desktop.ui.crash.instance_lock, a QLockFile): its
# first lines are the holder's PID, program and host name. Read here without Qt.
APP_LOCK_FILE = "trama.lock"


def application_holding(data_dir: Path) -> str | None:
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
    path.unlink(missing_ok=True)  # stale: application_holding found no running holder
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


def backup(data_dir: Path, output: Path | None) -> str:
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


def restore(backup_file: Path, data_dir: Path, recovery_key_file: Path | None) -> str:
    if not backup_file.is_file():
        raise UserError(f"La copia di sicurezza {backup_file} non esiste.")
    holder = application_holding(data_dir) if data_dir.is_dir() else None
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
        recovery_key = keys.key_from_recovery_text(_read_recovery_key(recovery_key_file))
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
    from desktop.documents.formatting import on_date  # noqa: PLC0415

    when = ""
    if restored.taken_at is not None:
        local = restored.taken_at.astimezone()
        when = f" {on_date('di', local.date())} alle {local:%H:%M}"
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


def _read_recovery_key(key_file: Path | None) -> str:
    """The recovery key from a file, a terminal (no echo) or the first line of stdin."""
    if key_file is not None:
        try:
            text = key_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            if isinstance(error, FileNotFoundError):
                reason = "il file non esiste"
            elif isinstance(error, OSError):
                reason = os_reason(error)
            else:
                reason = "non è un file di testo"
            raise UserError(
                f"Il file della chiave di recupero {key_file} non si può leggere: {reason}."
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


def recover(data_dir: Path, key_file: Path | None) -> str:
    from desktop.store.recovery import folder_to_recover, recover_folder  # noqa: PLC0415

    path = folder_to_recover(data_dir)  # before the key is asked for: nothing to type in vain
    key = recover_folder(data_dir, _read_recovery_key(key_file))
    return (
        f"La chiave di recupero apre l'archivio {path} ed è di nuovo custodita nel portachiavi "
        f"di questo utente (impronta {key.fingerprint()}): Trama si apre normalmente."
    )
