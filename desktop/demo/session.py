"""What ``trama --demo`` prepares before the window opens: a throwaway folder with demo data,
enrolled with a local demo server when one can be started (``desktop.demo.server``).

Order: server, enrollment, a first sync (the reference data come from the server), the seed
(this Ambito's own referrals, on those reference data, with the CPI's side of them as this PC
would have received it), a sync that sends them, then a sync conflict left to resolve. If the server
cannot be started or reached before the seed, the folder is thrown away and a new one is seeded
offline: the app always opens. Blocking; called from the command line, not the GUI thread.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.demo.server import DEMO_SITE, DemoServer, DemoServerError, start_demo_server

if TYPE_CHECKING:
    from desktop.store.engine import Store

log = logging.getLogger(__name__)

DEMO_PREFIX = "trama-demo-"


@dataclass
class DemoSession:
    data_dir: Path
    server: DemoServer | None
    # Why the demo is offline ("" when it is online), for the line the command line prints.
    offline_reason: str = ""

    def close(self) -> None:
        """Stop the demo server; the folder is left for the user to look at."""
        if self.server is not None:
            self.server.stop()
            self.server = None


def open_demo(*, referrals: int, seed: int, with_server: bool = True) -> DemoSession:
    """A new demo folder, seeded, online with a local demo server if at all possible."""
    from sync.client.errors import SyncError  # noqa: PLC0415

    data_dir = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    server: DemoServer | None = None
    reason = "not asked for"
    if with_server:
        try:
            server = _go_online(data_dir)
            reason = ""
        except Exception as error:  # whatever it was, the demo opens offline
            reason = str(error) or type(error).__name__
            expected = isinstance(error, DemoServerError | SyncError | OSError)
            log.warning(
                "demo server not available, the demo opens offline: %s",
                reason,
                exc_info=not expected,
            )
            shutil.rmtree(data_dir, ignore_errors=True)  # ours, half enrolled: start afresh
            data_dir = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    from desktop.store.keys import mark_demo_folder  # noqa: PLC0415

    mark_demo_folder(data_dir)  # fake data on any PC, keyring or not: see desktop.store.keys
    session = DemoSession(data_dir, server, reason)
    try:
        _seed(session, referrals=referrals, seed=seed)
    except BaseException:
        session.close()  # never a server left behind by a demo that did not open
        raise
    return session


def _seed(session: DemoSession, *, referrals: int, seed: int) -> None:
    from desktop.demo.conflicts import add_demo_conflict  # noqa: PLC0415
    from desktop.demo.seed import seed_demo  # noqa: PLC0415 - heavy, only here
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from sync.client.errors import SyncError  # noqa: PLC0415

    server = session.server
    store = open_store(session.data_dir)
    try:
        if server is None:
            from desktop.demo.reference import install_demo_reference  # noqa: PLC0415

            install_demo_reference(store)
        # The CPI's side too (received, taken in charge, path, outcome), as this Ambito's PC
        # would have received it: without it the demo showed only drafts, sent and withdrawn.
        seed_demo(store, referrals=referrals, seed=seed, cpi_history=True)
        if server is not None:
            try:
                _sync(store, "send the seeded referrals")
            except SyncError as error:
                # Online all the same: the app's own syncs send them later.
                log.warning("the demo's first push failed: %s", error)
        # After the push, so that the conflict stands on the server's versions as its base.
        add_demo_conflict(store)
    finally:
        store.dispose()


def _go_online(data_dir: Path) -> DemoServer:
    from desktop.store.migrate import open_store  # noqa: PLC0415
    from sync.client.credentials import mark_demo_folder  # noqa: PLC0415
    from sync.client.enroll import enroll  # noqa: PLC0415

    server = start_demo_server(data_dir)
    try:
        mark_demo_folder(data_dir)
        store = open_store(data_dir)
        try:
            enroll(
                store,
                server_url=server.url,
                code=server.enrollment_codes[DEMO_SITE],
                device_name="PC dimostrativo",
            )
            _sync(store, "receive the reference data")
        finally:
            store.dispose()
    except BaseException:
        server.stop()
        raise
    return server


def _sync(store: Store, purpose: str) -> None:
    from sync.client.engine import SyncEngine  # noqa: PLC0415

    result = SyncEngine(store).run()
    log.info("demo sync to %s: %s", purpose, result.message)
