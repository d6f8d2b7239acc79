"""A first pull into an empty folder builds its indexes once at the end (sync.client.bulk), and
leaves the folder exactly as a pull row by row would, also when it stops halfway."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable, Iterator

import pytest

from desktop.demo.seed import seed_demo
from desktop.store.migrate import open_store
from sync.client import bulk
from sync.client.engine import SyncEngine
from sync.client.errors import SyncCancelledError
from sync.client.progress import Stage, SyncProgress
from tests.sync.e2e.live import Office

Offices = Callable[[str], Office]
SCHEMA = (
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
)
SEARCH = (
    "SELECT r.rowid, r.number || ' ' || p.fiscal_code || ' ' || p.search_name "
    "FROM referral r JOIN person p ON p.id = r.person_id ORDER BY r.rowid"
)


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str]]:
    store = open_store(tmp_path_factory.mktemp("schema"))
    try:
        with store.raw_read() as connection:
            return connection.execute(SCHEMA).fetchall()
    finally:
        store.dispose()


SITE = "AMB-VARESE"
_seeds = itertools.count(71)


@pytest.fixture
def sender(office: Offices) -> Iterator[Office]:
    """A PC of the site with its referrals on the server (each test adds its own)."""
    pc = office(SITE)
    pc.sync()
    seed_demo(pc.store, referrals=60, seed=next(_seeds))
    pc.sync()
    yield pc


def _assert_whole(pc: Office, sender: Office, schema: list[tuple[str, str, str]]) -> None:
    assert pc.rows(SCHEMA) == schema
    assert pc.rows("SELECT rowid, body FROM referral_search ORDER BY rowid") == pc.rows(SEARCH)
    assert pc.rows("SELECT id, status, status_changed_at FROM referral ORDER BY id") == (
        sender.rows("SELECT id, status, status_changed_at FROM referral ORDER BY id")
    )
    assert pc.value("SELECT count(*) FROM local_setting WHERE key = ?", bulk.BULK_SETTING) == 0
    assert pc.agrees_with_server()


def test_a_first_pull_leaves_the_indexes_search_and_statuses_as_row_by_row(
    office: Offices,
    sender: Office,
    fresh_schema: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dropped: list[int] = []
    original = bulk.start

    def watching(connection: sqlite3.Connection) -> None:
        original(connection)
        dropped.append(1)

    monkeypatch.setattr(bulk, "start", watching)
    fresh = office(SITE)
    result = fresh.sync(pull_limit=100)

    assert dropped == [1]  # the bulk path was taken, once
    assert result.received >= 60 and result.pending == 0
    _assert_whole(fresh, sender, fresh_schema)
    # Once a folder has data, a pull is row by row again.
    with fresh.store.raw_read() as connection:
        assert not bulk.can_start(connection)


def test_a_first_pull_cancelled_halfway_leaves_the_folder_whole(
    office: Offices, sender: Office, fresh_schema: list[tuple[str, str, str]]
) -> None:
    cancel = threading.Event()

    def progress(report: SyncProgress) -> None:
        if report.stage is Stage.PULL and report.done >= 200:
            cancel.set()

    fresh = office(SITE)
    with pytest.raises(SyncCancelledError):
        fresh.sync(pull_limit=100, progress=progress, cancel=cancel)
    # Restored at once, although the pull did not end: the app may open the folder now.
    assert fresh.rows(SCHEMA) == fresh_schema
    assert fresh.rows("SELECT rowid, body FROM referral_search ORDER BY rowid") == fresh.rows(
        SEARCH
    )

    fresh.sync(pull_limit=100)  # goes on row by row from the saved cursor
    _assert_whole(fresh, sender, fresh_schema)


def test_a_first_pull_killed_before_restoring_is_finished_by_the_next_sync(
    office: Offices,
    sender: Office,
    fresh_schema: list[tuple[str, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Killed(BaseException):
        """Stands for SIGKILL: nothing after it runs (the restore is switched off too)."""

    pages = 0
    apply_page = SyncEngine._apply_page

    def dying(self: SyncEngine, *args: object, **kwargs: object) -> None:
        nonlocal pages
        pages += 1
        if pages == 3:
            raise Killed
        apply_page(self, *args, **kwargs)  # type: ignore[arg-type]

    fresh = office(SITE)
    monkeypatch.setattr(SyncEngine, "_apply_page", dying)
    monkeypatch.setattr(bulk, "finish", lambda connection: None)
    with pytest.raises(Killed):
        fresh.sync(pull_limit=100)
    monkeypatch.undo()
    with fresh.store.raw_read() as connection:
        assert bulk.in_bulk(connection)
    assert fresh.rows(SCHEMA) != fresh_schema  # as a killed process leaves it

    fresh.sync(pull_limit=100)
    _assert_whole(fresh, sender, fresh_schema)
