"""``trama check``: the whole store read back and verified, page by page.

Two verdicts, because they catch different damage:

- SQLCipher's ``PRAGMA cipher_integrity_check`` verifies the HMAC of every page: any byte
  changed on disk (a failing sector, a copy cut short, garbage written in the middle) shows as
  a page whose HMAC fails, even where SQLite's structure would still look plausible;
- SQLite's ``PRAGMA integrity_check`` walks every table and index: pages that decrypt but do
  not fit together (a page lost, an index not matching its table).

The store is opened as every command opens it (``open_store``: the key, a missing or foreign
file, a newer schema are named there) but without the start-up check's time budget: this
check has all the time it needs. The report is in Italian, for the command line; the driver's
own lines go to the log only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store import backups, failures, raw
from desktop.store.engine import database_path
from desktop.store.errors import DamagedStoreError, StoreError

if TYPE_CHECKING:
    from desktop.store.keys import StoreKey

log = logging.getLogger(__name__)

_PAGE = re.compile(r"\bpage (\d+)")
# Pages named in the report: enough for IT to see the extent, never a screenful.
_PAGES_SHOWN = 12


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What the check found: no problems is a sound store."""

    path: Path
    problems: tuple[str, ...] = ()
    damaged_pages: tuple[int, ...] = ()
    latest_backup: Path | None = None
    size_bytes: int = 0

    @property
    def sound(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The report for a person, in Italian."""
        size = f"{self.size_bytes / (1024 * 1024):.1f} MB"
        if self.sound:
            return (
                f"Archivio {self.path} ({size}): verifica completata, nessun problema. "
                "Ogni pagina è integra (controllo crittografico) e la struttura è coerente."
            )
        lines = [
            f"Archivio {self.path} ({size}): la verifica ha trovato "
            + ("un problema." if len(self.problems) == 1 else f"{len(self.problems)} problemi.")
        ]
        if self.damaged_pages:
            shown = ", ".join(str(page) for page in self.damaged_pages[:_PAGES_SHOWN])
            more = len(self.damaged_pages) - _PAGES_SHOWN
            lines.append(
                f"Pagine danneggiate: {len(self.damaged_pages)} ({shown}"
                + (f" e altre {more}" if more > 0 else "")
                + ")."
            )
        lines.append(str(failures.damaged(self.path)))
        return "\n".join(lines)


def _pages(lines: list[str]) -> list[int]:
    return [int(found) for line in lines for found in _PAGE.findall(line)]


def _rows(connection: raw.Connection, pragma: str) -> list[str]:
    return [str(row[0]) for row in connection.execute(pragma)]


def check_store(data_dir: Path) -> CheckReport:
    """Verify every page and the structure of the folder's store.

    Raises a ``StoreError`` when the store cannot be checked at all (no store, no key, another
    program's file); damage is reported, not raised."""
    from desktop.store.migrate import open_store  # noqa: PLC0415 - migrate imports the store

    path = database_path(data_dir)
    problems: list[str] = []
    pages: list[int] = []
    try:
        store = open_store(data_dir, create=False, check_budget_s=None)
    except DamagedStoreError as error:
        # So damaged that the schema cannot be read: the page check may still say where.
        log.error("the store could not be opened for the check: %s", type(error).__name__)
        problems.append("l'archivio non si apre")
        key = _key_for(data_dir)
        if key is not None:
            pages = _cipher_pages(path, key, problems)
        return _report(data_dir, path, problems, pages)
    try:
        with failures.named(path):
            connection = raw.connect(path, store.key, pragmas=False)
        try:
            pages = _cipher_pages_on(connection, problems)
            try:
                integrity = _rows(connection, "PRAGMA integrity_check")
            except raw.DatabaseError as error:
                named = failures.classify(error, path)
                if not isinstance(named, DamagedStoreError):
                    raise (named or error) from error
                integrity = [f"integrity_check interrupted: {error}"]
            if integrity != ["ok"]:
                details = [line for row in integrity for line in row.splitlines() if line]
                log.error("integrity_check: %d problems; first: %s", len(details), details[:5])
                problems.extend(details)
        finally:
            connection.close()
    finally:
        store.dispose()
    return _report(data_dir, path, problems, pages)


def _key_for(data_dir: Path) -> StoreKey | None:
    from desktop.store import keys  # noqa: PLC0415

    return keys.load_key(data_dir)


def cipher_damaged_pages(path: Path, key: StoreKey) -> list[int]:
    """The pages of ``path`` whose HMAC fails under ``key`` (none for a sound store)."""
    return _cipher_pages(path, key, [])


def _cipher_pages(path: Path, key: StoreKey, problems: list[str]) -> list[int]:
    try:
        connection = raw.connect(path, key, pragmas=False)
    except (raw.DatabaseError, StoreError):
        return []
    try:
        return _cipher_pages_on(connection, problems)
    except raw.DatabaseError:
        return []
    finally:
        connection.close()


def _cipher_pages_on(connection: raw.Connection, problems: list[str]) -> list[int]:
    """The pages whose HMAC fails (SQLCipher reports nothing for a sound store)."""
    found = _rows(connection, "PRAGMA cipher_integrity_check")
    if found:
        log.error("cipher_integrity_check: %d problems; first: %s", len(found), found[:5])
    problems.extend(found)
    return _pages(found)


def _report(data_dir: Path, path: Path, problems: list[str], pages: list[int]) -> CheckReport:
    latest = backups.latest_backup(backups.default_backup_dir(data_dir))
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return CheckReport(
        path=path,
        problems=tuple(problems),
        damaged_pages=tuple(sorted(set(pages))),
        latest_backup=None if latest is None else latest.path,
        size_bytes=size,
    )
