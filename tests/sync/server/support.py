"""Helpers for the server's tests: a live server on 127.0.0.1, a small world, wire records."""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import uvicorn
from sqlalchemy import create_engine

from desktop.store.migrate import HEAD_REVISION
from sync.protocol import (
    API_PREFIX,
    PullPage,
    PushRequest,
    PushResponse,
    WireRecord,
    client_headers,
    gzip_json,
    reference_id,
)
from sync.server import admin
from sync.server.app import create_app
from sync.server.db import ServerBase, ServerDB
from sync.server.scope import WriteSet

SOMMA, VARESE_AMBITO = "AMB-SOMMA", "AMB-VARESE"
GALLARATE, VARESE_CPI = "CPI-GALLARATE", "CPI-VARESE"
PROVINCE = "PROVINCIA-VA"
CENTRE_ID = {code: reference_id("job_centre", code) for code in (GALLARATE, VARESE_CPI)}


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self.ready.set()


@dataclass
class Live:
    url: str
    db: ServerDB


@contextmanager
def live_server(db_url: str, **options: Any) -> Iterator[Live]:
    """The real application served by uvicorn in a thread, on a free port of 127.0.0.1.

    ``options`` go to ``create_app`` (``docs=True``, ``limits=RequestLimits(...)``).
    """
    app = create_app(db_url, **options)
    # uvicorn binds the port itself: sockets handed over lose TCP_NODELAY, and every
    # keep-alive request would then wait 40 ms for a delayed ACK.
    for _attempt in range(5):
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="critical", lifespan="off"
        )
        server = _Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.ready.wait(0.05):
            if not thread.is_alive():
                break
        if server.ready.is_set():
            break
        thread.join(30)  # the port was taken meanwhile: try another
    else:
        raise RuntimeError("the test server could not bind a port")
    try:
        yield Live(f"http://127.0.0.1:{port}", app.state.db)
    finally:
        server.should_exit = True
        thread.join(30)
        app.state.db.dispose()


def empty_database(url: str) -> None:
    """Drop the server's tables (a shared test PostgreSQL database between tests)."""
    engine = create_engine(url)
    try:
        ServerBase.metadata.drop_all(engine)
        # The next test's migration must find an empty database, not a stamped one.
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    finally:
        engine.dispose()


def make_world(db: ServerDB) -> None:
    """Two Ambiti, two CPIs and the Province, with the reference rows they point at."""
    with db.write() as session, session.no_autoflush:
        writes = WriteSet(session)
        for code in (GALLARATE, VARESE_CPI):
            admin.put_reference(
                writes, "job_centre", {"code": code, "name": f"CPI {code[4:].title()}"},
                natural_key=code, record_id=CENTRE_ID[code],
            )  # fmt: skip
        for code in (SOMMA, VARESE_AMBITO):
            admin.put_reference(writes, "ambito", {"code": code, "name": code}, natural_key=code)
        writes.settle()
    admin.add_site(db, "provincia", PROVINCE, "Provincia di Varese")
    admin.add_site(db, "ambito", SOMMA, "Ambito di Somma Lombardo")
    admin.add_site(db, "ambito", VARESE_AMBITO, "Ambito di Varese")
    admin.add_site(db, "cpi", GALLARATE, "CPI di Gallarate")
    admin.add_site(db, "cpi", VARESE_CPI, "CPI di Varese")


class Device:
    """One enrolled PC talking to the live server."""

    def __init__(self, live: Live, site: str, *, gzip: bool = True) -> None:
        code = admin.issue_enrollment_code(live.db, site)
        # Plain HTTP to 127.0.0.1: no certificate store to load for every test device.
        self.http = httpx.Client(
            base_url=f"{live.url}{API_PREFIX}",
            headers=client_headers("0.1.0", HEAD_REVISION),
            timeout=60,
            verify=False,
        )
        answer = self.http.post("/enroll", json={"code": code, "device_name": f"PC {site}"})
        assert answer.status_code == 200, answer.text
        self.token: str = answer.json()["token"]
        self.device_id: str = answer.json()["device_id"]
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        self.site = site
        self.gzip = gzip

    def close(self) -> None:
        self.http.close()

    def push_raw(self, request: PushRequest) -> httpx.Response:
        if self.gzip:
            return self.http.post(
                "/push", content=gzip_json(request), headers={"Content-Encoding": "gzip"}
            )
        return self.http.post("/push", content=request.model_dump_json())

    def push(self, *records: WireRecord, batch_id: uuid.UUID | None = None) -> PushResponse:
        request = PushRequest(batch_id=batch_id or uuid.uuid4(), records=list(records))
        answer = self.push_raw(request)
        assert answer.status_code == 200, answer.text
        return PushResponse.model_validate_json(answer.content)

    def pull(self, after: int = 0, limit: int = 500) -> PullPage:
        answer = self.http.get("/pull", params={"after": after, "limit": limit})
        assert answer.status_code == 200, answer.text
        return PullPage.model_validate_json(answer.content)

    def pull_all(self, after: int = 0, limit: int = 500) -> tuple[list[WireRecord], int]:
        records: list[WireRecord] = []
        while True:
            page = self.pull(after, limit)
            records.extend(page.records)
            after = page.next_cursor
            if not page.has_more:
                return records, after

    def private(self, after: int = 0) -> dict[tuple[str, str], WireRecord]:
        """The last version of every non-reference record pulled after ``after``."""
        records, _ = self.pull_all(after)
        return {
            (r.table, r.id): r for r in records if r.table not in ("site", "job_centre", "ambito")
        }

    def get(self, table: str, record_id: str) -> httpx.Response:
        return self.http.get(f"/records/{table}/{record_id}")


def wire(
    table: str, owner: str, data: dict[str, Any], *, record_id: str | None = None,
    base: int | None = None, deleted: bool = False,
) -> WireRecord:  # fmt: skip
    return WireRecord(
        table=table,
        id=record_id or str(uuid.uuid4()),
        base_revision=base,
        owner_site=owner,
        deleted=deleted,
        updated_at=datetime.now(UTC),
        updated_by="m.bianchi",
        data=data,
    )


def person(owner: str = SOMMA, **data: Any) -> WireRecord:
    return wire(
        "person", owner, {"fiscal_code": "RSSMRA99A01L682X", "last_name": "Rossi",
                          "first_name": "Mario", "search_name": "rossi mario", "sex": "M",
                          "birth_date": "1999-01-01", **data},
    )  # fmt: skip


def referral(
    person_record: WireRecord, centre: str = GALLARATE, status: str = "sent", **data: Any
) -> WireRecord:
    return wire(
        "referral",
        person_record.owner_site,
        {
            "number": f"2026/{uuid.uuid4().int % 1_000_000:06d}",
            "track": "neet",
            "status": status,
            "status_changed_at": "2026-03-14T09:30:00+00:00",
            "person_id": person_record.id,
            "job_centre_id": CENTRE_ID[centre],
            "sending_site": person_record.owner_site,
            "created_on": "2026-03-14",
            "reason": "Orientamento al lavoro",
            **data,
        },
    )


def handling(referral_record: WireRecord, owner: str = GALLARATE, **data: Any) -> WireRecord:
    return wire("referral_handling", owner, {"referral_id": referral_record.id, **data})


def event(referral_record: WireRecord, owner: str, to_status: str) -> WireRecord:
    return wire(
        "referral_event", owner,
        {"referral_id": referral_record.id, "to_status": to_status, "site": owner,
         "at": "2026-03-14T10:00:00+00:00", "operator": "m.bianchi"},
    )  # fmt: skip


def changed(record: WireRecord, revision: int | None, **data: Any) -> WireRecord:
    """The next local version of a record, made on ``revision``."""
    return record.model_copy(
        update={"base_revision": revision, "data": {**record.data, **data},
                "updated_at": datetime.now(UTC)}
    )  # fmt: skip
