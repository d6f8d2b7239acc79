"""Storage failures made real, for the CLI and GUI tests of issue 14.

Each failure is the condition itself, not a mock of the code that meets it:

- **damage**: 64 kB of random bytes written in the middle of an encrypted store big enough
  (200 demo referrals, about 2 MB) for the middle to hold data pages;
- **a full disk**: the child process may not write files beyond a size (``RLIMIT_FSIZE``, set
  in ``preexec_fn`` with ``SIGXFSZ`` ignored), below what the write needs and not a multiple of
  a page, so that SQLite's write is cut short and the next one refused (``EFBIG``); SQLite then
  reports an I/O error, which the store tells apart by the limit it reached;
- **a read-only folder**: the suite runs as root here and in CI, and root writes wherever it
  likes whatever the modes say. The child keeps root's uid (it must still run the Python under
  ``/root``) but loses, before ``exec``, the capabilities that let root ignore modes
  (``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``, ``CAP_FOWNER``: dropped from the bounding set
  with ``prctl(PR_CAPBSET_DROP)``, so the new program never gets them): a 0500 folder is then
  as read-only for it as for any user. A user who is not root needs no more than the mode.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.store import backups, keys
from desktop.store.engine import database_path
from desktop.store.migrate import backup_database

GARBAGE_BYTES = 64 * 1024
# Enough referrals for a store of about 2 MB: its middle is data, not the schema.
SEEDED_REFERRALS = 200
_PR_CAPBSET_DROP = 24
_CAPABILITIES_OVER_MODES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_folder(source: Path, target: Path) -> Path:
    """A new data folder ``target`` with a copy of ``source``'s store and its key (in the
    test's keyring, which the children share); not opened."""
    key = keys.load_key(source)
    assert key is not None
    target.mkdir(parents=True)
    target.chmod(0o700)
    keys.save_key(target, key)
    backup_database(database_path(source), database_path(target), key)
    return target


def take_backup(data_dir: Path) -> Path:
    key = keys.load_key(data_dir)
    path = database_path(data_dir)
    return backups.take_backup(
        path, key, backups.default_backup_dir(data_dir), reason=backups.MANUAL
    ).path


def damage(path: Path) -> None:
    """64 kB of random bytes in the middle of the file, as a failing disk or a bad copy."""
    size = path.stat().st_size
    assert size > 4 * GARBAGE_BYTES, "seed more data: the damage must fall on data pages"
    with path.open("r+b") as handle:
        handle.seek(size // 2 - GARBAGE_BYTES // 2)
        handle.write(os.urandom(GARBAGE_BYTES))


def file_size_limit(limit: int) -> Callable[[], None]:
    """``preexec_fn`` for a child that may not write files beyond ``limit`` bytes."""

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return limited


def modes_bind_root() -> None:
    """``preexec_fn``: a root child obeys file modes as any user does (see the docstring)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _CAPABILITIES_OVER_MODES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def trama(
    *args: str,
    preexec_fn: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
    script: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``trama ARGS`` in a child process (or ``script`` given ARGS), as a user runs it."""
    command = [sys.executable, *(["-m", "desktop"] if script is None else ["-c", script])]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
        preexec_fn=preexec_fn,
        env=env,
    )


# A big store's start-up check runs out of its time budget before reaching the damage: the
# command then meets it on a later page. This child stands for that store by skipping the
# check, and runs `trama ARGS` otherwise unchanged.
UNCHECKED_TRAMA = """
import sys
import desktop.store.migrate as migrate
opened = migrate.open_store
def unchecked(data_dir, *, create=True, check_budget_s=None):
    return opened(data_dir, create=create, check_budget_s=None)
migrate.open_store = unchecked
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def seed_template(folder: Path) -> Path:
    """A data folder with ``SEEDED_REFERRALS`` demo referrals (its key in the keyring)."""
    from desktop.demo.seed import seed_demo  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from tests.conftest import TODAY, kept_recovery_key  # noqa: PLC0415

    store = open_store(folder)
    try:
        seed_demo(store, referrals=SEEDED_REFERRALS, seed=3, today=TODAY, processes=0)
    finally:
        store.dispose()
    kept_recovery_key(folder)
    return folder


def referral_hit_by_damage(damaged: Path, sound: Path) -> str:
    """The number of a referral whose own row, or its person's, sits on a damaged page of the
    store of ``damaged`` (a copy of ``sound``): printing it must meet the damage."""
    from desktop.store import raw  # noqa: PLC0415

    key = keys.load_key(sound)
    connection = raw.connect(database_path(sound), key)
    try:
        referrals = connection.execute("SELECT id, number, person_id FROM referral").fetchall()
    finally:
        connection.close()
    connection = raw.connect(database_path(damaged), keys.load_key(damaged))
    try:
        for referral_id, number, person_id in referrals:
            try:
                connection.execute("SELECT * FROM referral WHERE id = ?", (referral_id,)).fetchall()
                connection.execute("SELECT * FROM person WHERE id = ?", (person_id,)).fetchall()
            except raw.DatabaseError:
                return str(number)
    finally:
        connection.close()
    raise AssertionError("the damage hit no referral: damage the store elsewhere")
