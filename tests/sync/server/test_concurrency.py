"""Concurrent writers and a reader pulling meanwhile: no revision is ever skipped or repeated.

Twice: writers as threads with their own database connections (as several workers would be),
and writers over HTTP against ``trama-server serve --workers 3`` in its own process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from desktop.domain.codes import SiteKind
from desktop.store.migrate import HEAD_REVISION
from sync.protocol import API_PREFIX, PullPage, PushRequest, client_headers
from sync.server import admin
from sync.server.auth import Caller, SiteRef
from sync.server.db import ServerDB
from sync.server.pull import pull_page
from sync.server.push import apply_push
from tests.sync.server.support import GALLARATE, SOMMA, make_world, person, referral

WRITERS = 4
BATCHES = 12
PER_BATCH = 10  # persons, each with a referral


def _batches() -> list[PushRequest]:
    requests = []
    for _ in range(BATCHES):
        records = []
        for _ in range(PER_BATCH):
            someone = person()
            records += [someone, referral(someone, GALLARATE)]
        requests.append(PushRequest(batch_id=uuid.uuid4(), records=records))
    return requests


class Puller:
    """Pulls until told to stop, checking the stream as it goes."""

    def __init__(self, pull: Callable[[int], PullPage]) -> None:
        self.pull = pull
        self.seen: dict[tuple[str, str], int] = {}
        self.revisions: list[int] = []
        self.cursor = 0
        self.pages = 0

    def drain(self) -> None:
        while True:
            page = self.pull(self.cursor)
            self.pages += 1
            for record in page.records:
                revision = record.revision or 0
                assert revision > self.cursor, "a revision at or below the cursor came back"
                self.revisions.append(revision)
                self.seen[(record.table, record.id)] = revision
            self.cursor = page.next_cursor
            if not page.has_more:
                return

    def run_until(self, done: threading.Event) -> None:
        while not done.is_set():
            self.drain()
        self.drain()


def _check(puller: Puller, requests: list[PushRequest], final: dict[tuple[str, str], int]) -> None:
    assert len(puller.revisions) == len(set(puller.revisions)), "a revision came twice"
    pushed = {(r.table, r.id) for request in requests for r in request.records}
    private = {key: rev for key, rev in puller.seen.items() if key[0] in ("person", "referral")}
    assert set(private) == pushed, "a change was never pulled"
    assert private == {key: final[key] for key in pushed}, "a later revision was skipped"


def _run(writers: list[Callable[[], None]], puller: Puller) -> None:
    done = threading.Event()
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except BaseException as error:  # reported by the main thread
                errors.append(error)

        return run

    reader = threading.Thread(target=guarded(lambda: puller.run_until(done)))
    threads = [threading.Thread(target=guarded(w)) for w in writers]
    reader.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join()
    if errors:
        raise errors[0]


def _final_revisions(db: ServerDB) -> dict[tuple[str, str], int]:
    from sqlalchemy import select  # noqa: PLC0415

    from sync.server.db import Record  # noqa: PLC0415

    with db.read() as session:
        return {
            (table, record_id): revision
            for table, record_id, revision in session.execute(
                select(Record.table_name, Record.id, Record.revision)
            )
        }


def test_concurrent_writers_never_make_a_puller_skip(db_url: str) -> None:
    setup = admin.open_db(db_url)
    make_world(setup)
    somma = SiteRef(SOMMA, SiteKind.AMBITO, "Somma", SOMMA, None)
    cpi = SiteRef(GALLARATE, SiteKind.CPI, "Gallarate", None, GALLARATE)
    requests = _batches()
    shares = [requests[i::WRITERS] for i in range(WRITERS)]

    def writer(share: list[PushRequest], index: int) -> Callable[[], None]:
        def run() -> None:
            db = ServerDB(db_url)  # its own connections, as a separate worker would have
            try:
                for request in share:
                    apply_push(db, Caller(f"device-{index}", somma), request)
            finally:
                db.dispose()

        return run

    reader_db = ServerDB(db_url)
    # The CPI's view: every referral and person reaches it through grants, the harder path.
    puller = Puller(lambda after: pull_page(reader_db, Caller("reader", cpi), after, 25))
    try:
        _register_devices(setup, WRITERS)
        _run([writer(share, i) for i, share in enumerate(shares)], puller)
        _check(puller, requests, _final_revisions(setup))
        assert puller.pages > BATCHES  # it really pulled while the writers wrote
    finally:
        reader_db.dispose()
        setup.dispose()


def _register_devices(db: ServerDB, count: int) -> None:
    from sync.server.db import Device  # noqa: PLC0415

    with db.write() as session:
        for index in range(count):
            session.add(Device(id=f"device-{index}", site_code=SOMMA, name="t",
                               token_hash=f"{index:064d}"))  # fmt: skip


@pytest.fixture
def served(db_url: str, tmp_path: Path) -> Iterator[str]:
    """``trama-server serve --workers 3`` in its own process, once its workers are up."""
    db = admin.open_db(db_url)
    make_world(db)
    db.dispose()
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    command = [sys.executable, "-c", "from sync.server.cli import main; raise SystemExit(main())",
               "serve", "--db", db_url, "--port", str(port), "--workers", "3"]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"}, cwd=tmp_path,
    )  # fmt: skip
    assert process.stderr is not None
    started = 0
    for line in process.stderr:
        started += "Application startup complete" in line
        if started == 3:
            break
    assert started == 3, "the workers did not start"
    stderr = process.stderr
    drain = threading.Thread(target=stderr.read, daemon=True)
    drain.start()
    try:
        yield f"http://127.0.0.1:{port}{API_PREFIX}"
    finally:
        process.terminate()
        process.wait(30)
        drain.join(30)
        stderr.close()


@pytest.mark.slow
def test_several_worker_processes_never_make_a_puller_skip(served: str, db_url: str) -> None:
    db = ServerDB(db_url)
    tokens = {}
    try:
        for site in (SOMMA, GALLARATE):
            code = admin.issue_enrollment_code(db, site)
            tokens[site] = admin.enroll(db, code, "PC").token
        requests = _batches()

        def client(site: str) -> httpx.Client:
            headers = client_headers("0.1.0", HEAD_REVISION, tokens[site])
            return httpx.Client(base_url=served, headers=headers, timeout=120, verify=False)

        def writer(share: list[PushRequest]) -> Callable[[], None]:
            def run() -> None:
                with client(SOMMA) as http:
                    for request in share:
                        answer = http.post("/push", content=request.model_dump_json())
                        assert answer.status_code == 200, answer.text

            return run

        reader = client(GALLARATE)

        def pull(after: int) -> PullPage:
            answer = reader.get("/pull", params={"after": after, "limit": 25})
            assert answer.status_code == 200, answer.text
            return PullPage.model_validate_json(answer.content)

        puller = Puller(pull)
        try:
            _run([writer(requests[i::WRITERS]) for i in range(WRITERS)], puller)
        finally:
            reader.close()
        _check(puller, requests, _final_revisions(db))
    finally:
        db.dispose()
