"""What ``trama --demo`` prepares: a throwaway folder with demo data, opened at once, then
enrolled with a local demo server in the background when one can be started
(``desktop.demo.server``).

The window must open within seconds, and the demo server takes far longer to start (three
Python processes). So the folder is seeded first as the Ambito it will be enrolled for (its
own referrals only, with the CPI's side of them as this PC would have received it);
``go_online`` then, in a background thread, starts the server, enrolls the folder (which
renumbers its referrals into the PC's series) and syncs it once: the reference data come from
the server over the same rows, the Ambito's records go up; a sync conflict is then left to
resolve, and the app (``desktop.ui.app``) begins its own syncs. If the server cannot be
started or reached, the demo stays offline (with its conflict): the app always opens.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.demo.server import DEMO_SITE, DemoServer, DemoServerError, start_demo_server

log = logging.getLogger(__name__)

DEMO_PREFIX = "trama-demo-"
# How long closing the demo waits for a server still starting (it is then stopped).
_CLOSE_WAIT_S = 180.0


@dataclass(eq=False)
class DemoSession:
    data_dir: Path
    server: DemoServer | None = None
    # Why the demo is offline ("" when it is online or still going), for the command line.
    offline_reason: str = ""
    online: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)
    _closing: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

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

    def close(self) -> None:
        """Stop the demo server; the folder is left for the user to look at."""
        self._closing.set()
        if self._thread is not None:
            self._thread.join(_CLOSE_WAIT_S)
        if self in OPEN_SESSIONS:
            OPEN_SESSIONS.remove(self)
        if self.server is not None:
            self.server.stop()
            self.server = None

    def _go_online(
        self,
        on_online: Callable[[str], None] | None,
        on_offline: Callable[[str], None] | None,
    ) -> None:
        from sync.client.errors import SyncError  # noqa: PLC0415

        try:
            self.server = start_demo_server(self.data_dir)
            _enroll_and_sync(self.data_dir, self.server)
        except Exception as error:  # whatever it was, the demo stays offline
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
            self.finished.set()
        # The server is this thread's child, and ends with it (Linux's parent-death signal
        # follows the thread that started it): the thread lives as long as the demo.
        self._closing.wait()


# Sessions going or gone online in this process, until closed: what a caller with no handle
# on its session (the command line's test of ``trama --demo``) can wait on.
OPEN_SESSIONS: list[DemoSession] = []


def open_demo(*, referrals: int, seed: int, with_server: bool = True) -> DemoSession:
    """A new demo folder, seeded; with ``with_server`` it is ready to ``go_online``."""
    data_dir = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    from desktop.store.keys import mark_demo_folder  # noqa: PLC0415

    mark_demo_folder(data_dir)  # fake data on any PC, keyring or not: see desktop.store.keys
    if with_server:
        from sync.client.credentials import mark_demo_folder as mark_token_file  # noqa: PLC0415

        mark_token_file(data_dir)
    session = DemoSession(data_dir, offline_reason="" if with_server else "not asked for")
    _seed(session, referrals=referrals, seed=seed, to_enroll=with_server)
    return session


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
