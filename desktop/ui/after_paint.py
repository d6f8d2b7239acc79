"""What the main window reads once its first screen is painted, off the GUI thread.

The first screen needs neither the ORM nor the sync client: the status bar's operator and
site, the role that opens the privacy officer's entries, whether this site may send referrals,
the side bar's name for social referrals and the sync status all do. Importing them and
reading them took about two seconds of the GUI thread under load (issue 20): here one job on
the thread pool (``desktop.ui.background``) imports those modules and reads those facts, and
the window only puts the plain results on screen. The sync page itself is built when first
shown (``desktop.ui.sync.area``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.store.engine import Store
from desktop.ui.background import BackgroundTask

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from desktop.domain.actor import Actor
    from sync.client.api import SyncStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartupReads:
    actor: Actor
    site: str  # the site's name, for the status bar
    may_send: bool  # a route in force lets this site send referrals
    sync_status: SyncStatus


def read_actor_and_site(store: Store) -> tuple[Actor, str]:
    """The operator at this PC and its site's name."""
    from desktop.services.installation import SITE_NAME, actor_in, get_settings  # noqa: PLC0415
    from desktop.services.sites import site_name, site_names  # noqa: PLC0415

    settings = get_settings(store)
    with store.read() as session:
        actor = actor_in(session, settings)
    return actor, settings.get(SITE_NAME) or site_name(site_names(store), actor.site_code)


def read_startup_facts(store: Store) -> StartupReads:
    """The reads themselves (any thread): they import the ORM and the sync client too."""
    # The sync controller's own imports (httpx, the engine), for when the window makes it.
    import desktop.ui.sync.controller  # noqa: F401, PLC0415
    from desktop.services.routes import sendable_tracks  # noqa: PLC0415
    from sync.client.api import sync_status  # noqa: PLC0415

    actor, site = read_actor_and_site(store)
    return StartupReads(
        actor=actor,
        site=site,
        may_send=bool(sendable_tracks(store, actor.site_kind)),
        sync_status=sync_status(store),
    )


def load_after_first_paint(
    window: QObject, store: Store, apply: Callable[[StartupReads], None]
) -> BackgroundTask:
    """Start the reads; ``apply`` puts them on screen, on the GUI thread. A failure is logged
    and leaves the window as it is (each entry reads again when used)."""
    task = BackgroundTask(lambda _cancelled, _progress: read_startup_facts(store), parent=window)
    task.finished.connect(apply)
    task.failed.connect(
        lambda error: log.error("start-up reads failed: %s", type(error).__name__, exc_info=error)
    )
    task.start()
    return task
