"""What ``trama --demo`` prepares: a throwaway folder with demo data, opened at once, then
enrolled with a local demo server in the background when one can be started
(``desktop.demo.server``).

The window must open within seconds, and the demo server takes far longer to start (three
Python processes). So ``new_demo_folder`` only makes and marks the folder (at once: the app
shows its progress window next), then ``seed`` fills it, off the GUI thread, as the Ambito it
will be enrolled for (its own referrals only, with the CPI's side of them as this PC would have
received it); ``go_online`` then, in a background thread, starts the server, enrolls the folder
(which renumbers its referrals into the PC's series) and syncs it once: the reference data come
from the server over the same rows, the Ambito's records go up; a sync conflict is then left to
resolve, and the app (``desktop.ui.app``) begins its own syncs. If the server cannot be
started or reached, the demo stays offline (with its conflict): the app always opens.

The folder is thrown away when the demo ends (``discard``). One left by a run that was killed
is removed by the next ``trama --demo`` (``clean_stale_demo_folders``): only folders of the
temporary folder named ``trama-demo-*``, marked as demo folders (``desktop.store.keys``), whose
owning process (recorded in the folder) is gone.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from desktop.demo.server import DEMO_SITE, DemoServer, DemoServerError, start_demo_server

log = logging.getLogger(__name__)

DEMO_PREFIX = "trama-demo-"
# Locked by the process that made the folder for as long as it lives (an OS lock: the system
# lets go of it when the process ends, however it ends); the next start's clean-up tries it.
OWNER_FILE = "DEMO-ONLY-owner.lock"
# A demo folder of an older Trama (no owner file; they were left on purpose) untouched this long
# has no demo running on it.
_UNOWNED_STALE_S = 24 * 3600.0
# QLockFile's file, held while the app runs on a folder (desktop.ui.crash.instance_lock).
_APP_LOCK_FILE = "trama.lock"
# How long closing the demo waits for a server still starting (it is then stopped).
_CLOSE_WAIT_S = 180.0


class Stage(StrEnum):
    """Where going online is, for the window's progress indicator."""

    WAITING = "waiting"  # seeded, not yet asked to go online
    STARTING_SERVER = "starting_server"
    SYNCING = "syncing"
    DONE = "done"  # online or offline: see ``online``


@dataclass(eq=False)
class DemoSession:
    data_dir: Path
    server: DemoServer | None = None
    # Why the demo is offline ("" when it is online or still going), for the command line.
    offline_reason: str = ""
    stage: Stage = Stage.WAITING
    online: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)
    _closing: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _owner: OwnerLock | None = None

    def go_online(
        self,
        *,
        on_online: Callable[[str], None] | None = None,
        on_offline: Callable[[str], None] | None = None,
    ) -> None:
        """Start the demo server, enroll and sync, in a background thread; the callbacks
        say how it went (from that thread)."""
        OPEN_SESSIONS.append(self)
        self._thread = threading.Thread(
            target=self._go_online, args=(on_online, on_offline), name="demo-server", daemon=True
        )
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until going online has ended either way; True if it ended."""
        return self.finished.wait(timeout)

    def seed(self, *, referrals: int, seed: int) -> None:
        """Fill the folder with demo data (seconds: the app runs this off the GUI thread)."""
        _seed(self, referrals=referrals, seed=seed, to_enroll=not self.offline_reason)

    def close(self) -> None:
        """Stop the demo server; the folder stays (``discard`` removes it)."""
        self._closing.set()
        if self._thread is not None:
            self._thread.join(_CLOSE_WAIT_S)
        if self in OPEN_SESSIONS:
            OPEN_SESSIONS.remove(self)
        if self.server is not None:
            self.server.stop()
            self.server = None

    def discard(self) -> None:
        """Stop the demo server and remove the throwaway folder, the server's with it."""
        self.close()
        if self._owner is not None:
            self._owner.release()  # Windows removes no file that is open
            self._owner = None
        remove_demo_folder(self.data_dir)

    def _go_online(
        self,
        on_online: Callable[[str], None] | None,
        on_offline: Callable[[str], None] | None,
    ) -> None:
        from sync.client.errors import SyncError  # noqa: PLC0415

        try:
            self.stage = Stage.STARTING_SERVER
            self.server = start_demo_server(self.data_dir, stop=self._closing)
            if self._closing.is_set():
                raise DemoServerError("the demo ended before its server was up")
            self.stage = Stage.SYNCING
            _enroll_and_sync(self.data_dir, self.server)
        except Exception as error:  # whatever it was, the demo stays offline
            if self._closing.is_set():  # the demo ended meanwhile: its folder goes too
                log.info("the demo ended while going online: %s", error)
                return
            self.offline_reason = str(error) or type(error).__name__
            expected = isinstance(error, DemoServerError | SyncError | OSError)
            log.warning(
                "demo server not available, the demo stays offline: %s",
                self.offline_reason,
                exc_info=not expected,
            )
            _add_conflict(self.data_dir)
            if on_offline is not None:
                on_offline(self.offline_reason)
        else:
            self.online.set()
            if on_online is not None:
                on_online(self.server.url)
        finally:
            self.stage = Stage.DONE
            self.finished.set()
        # The server is this thread's child, and ends with it (Linux's parent-death signal
        # follows the thread that started it): the thread lives as long as the demo.
        self._closing.wait()


# Sessions going or gone online in this process, until closed: what a caller with no handle
# on its session (the command line's test of ``trama --demo``) can wait on.
OPEN_SESSIONS: list[DemoSession] = []


def new_demo_folder(*, with_server: bool = True) -> DemoSession:
    """A new, empty demo folder, marked as such and as this process's (``seed`` fills it)."""
    data_dir = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    from desktop.store.keys import mark_demo_folder  # noqa: PLC0415

    owner = OwnerLock(data_dir / OWNER_FILE)
    if not owner.acquire():  # a new folder of ours: nobody else can hold it
        raise OSError(f"the demo folder {data_dir} could not be locked")
    mark_demo_folder(data_dir)  # fake data on any PC, keyring or not: see desktop.store.keys
    if with_server:
        from sync.client.credentials import mark_demo_folder as mark_token_file  # noqa: PLC0415

        mark_token_file(data_dir)
    return DemoSession(
        data_dir, offline_reason="" if with_server else "not asked for", _owner=owner
    )


def remove_demo_folder(data_dir: Path) -> bool:
    """Remove a demo folder (never anything that is not one); False if it could not be."""
    from desktop.store.keys import is_demo_folder  # noqa: PLC0415

    if data_dir.is_symlink() or not data_dir.name.startswith(DEMO_PREFIX):
        return False
    if not is_demo_folder(data_dir):
        return not data_dir.exists()
    failures: list[str] = []
    shutil.rmtree(data_dir, onerror=lambda _f, path, _e: failures.append(path))
    if failures:  # a file still open (Windows), say: the next start tries again
        log.warning("demo folder %s not wholly removed (%d entries left)", data_dir, len(failures))
        return False
    log.info("demo folder %s removed", data_dir)
    return True


def clean_stale_demo_folders(root: Path | None = None) -> list[Path]:
    """Remove the demo folders that killed runs left in ``root`` (the temporary folder);
    returns those removed. A folder is removed only if it is named as a demo folder, marked as
    one, and the process that made it (or, for an older Trama's, the app that held it) is gone."""
    from desktop.store.keys import is_demo_folder  # noqa: PLC0415

    root = Path(tempfile.gettempdir()) if root is None else root
    removed: list[Path] = []
    try:
        candidates = sorted(root.glob(DEMO_PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        try:
            if folder.is_symlink() or not folder.is_dir() or not is_demo_folder(folder):
                continue
            if _owner_alive(folder):
                continue
        except OSError:
            continue  # another account's, or going away meanwhile: not ours to judge
        if remove_demo_folder(folder):
            removed.append(folder)
    return removed


class OwnerLock:
    """An exclusive OS lock on a file (``flock``, or ``msvcrt.locking`` on Windows), held
    while the file is open: per open file, so a second opening in the same process is refused
    too. Never waits."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("a+b")

    def acquire(self) -> bool:
        try:
            if sys.platform == "win32":
                import msvcrt  # noqa: PLC0415

                self._file.seek(0)
                msvcrt.locking(self._file.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl  # noqa: PLC0415

                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def release(self) -> None:
        self._file.close()  # the lock goes with the open file


def _owner_alive(folder: Path) -> bool:
    """Whether the process that owns a demo folder may still be running (when in doubt: yes)."""
    owner_file = folder / OWNER_FILE
    if owner_file.is_file():
        probe = OwnerLock(owner_file)
        try:
            return not probe.acquire()
        finally:
            probe.release()
    # An older Trama's folder, left on purpose when it closed: its lock file is there while
    # the app runs on it (or if it was killed: then it stays, as before).
    if (folder / _APP_LOCK_FILE).exists():
        return True
    return time.time() - folder.stat().st_mtime < _UNOWNED_STALE_S


def _seed(session: DemoSession, *, referrals: int, seed: int, to_enroll: bool) -> None:
    from desktop.demo.conflicts import add_demo_conflict  # noqa: PLC0415
    from desktop.demo.seed import seed_demo  # noqa: PLC0415 - heavy, only here
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(session.data_dir)
    try:
        # seed_demo installs the demo configuration itself (a second install costs a third of
        # a second before the window).
        # The CPI's side too (received, taken in charge, path, outcome), as this Ambito's PC
        # would have received it: without it the demo showed only drafts, sent and withdrawn.
        seed_demo(store, referrals=referrals, seed=seed, cpi_history=True, to_enroll=to_enroll)
        if not to_enroll:
            add_demo_conflict(store)
    finally:
        store.dispose()


def _enroll_and_sync(data_dir: Path, server: DemoServer) -> None:
    """Enroll the folder and sync it once (reference data down, the Ambito's records up), then
    leave the conflict: after the push, so that it stands on the server's versions as its base
    and holds back only its own two records. The app starts its own syncs once this is done
    (``finished``): two syncs of one folder must never run at once."""
    from desktop.demo.conflicts import add_demo_conflict  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from sync.client.engine import SyncEngine  # noqa: PLC0415
    from sync.client.enroll import enroll  # noqa: PLC0415

    store = open_store(data_dir)
    try:
        enroll(
            store,
            server_url=server.url,
            code=server.enrollment_codes[DEMO_SITE],
            device_name="PC dimostrativo",
        )
        result = SyncEngine(store).run()
        log.info("demo's first sync: %s", result.message)
        add_demo_conflict(store)
    finally:
        store.dispose()


def _add_conflict(data_dir: Path) -> None:
    from desktop.demo.conflicts import add_demo_conflict  # noqa: PLC0415
    from desktop.store.migrate import open_store  # noqa: PLC0415

    store = open_store(data_dir)
    try:
        add_demo_conflict(store)
    finally:
        store.dispose()
