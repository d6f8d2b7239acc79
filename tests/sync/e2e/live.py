"""A real server process and office PCs around it, for end-to-end tests and benchmarks."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from desktop.services.context import Actor
from desktop.services.installation import current_actor
from desktop.store.engine import Store
from desktop.store.migrate import open_store
from sync.client import db as local
from sync.client.digest import local_scope
from sync.client.engine import SyncEngine, SyncResult, open_transport
from sync.client.enroll import enroll
from sync.protocol import DigestResponse
from sync.server import admin

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_serving(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll /meta until it answers; the wait between polls ends early if the server dies."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/meta", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        try:
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"the server exited with {process.returncode}")
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT} s")


@dataclass
class LiveServer:
    url: str
    db_url: str
    kinds: dict[str, str]  # site code → kind
    _codes: dict[str, str] = field(default_factory=dict)
    pid: int = 0  # the server process (its RSS is measured by the request-cost tests)

    def enrollment_code(self, site: str) -> str:
        code = self._codes.pop(site, None)
        if code is not None:
            return code
        db = admin.open_db(self.db_url)
        try:
            return admin.issue_enrollment_code(db, site)
        finally:
            db.engine.dispose()

    def query(self, sql: str, **params: Any) -> list[Any]:
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return list(connection.execute(text(sql), params))
        finally:
            engine.dispose()

    def sites(self, kind: str) -> list[str]:
        return sorted(code for code, site_kind in self.kinds.items() if site_kind == kind)


def _server_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "sync.server.cli", *arguments]


@contextmanager
def running_server(db_url: str, folder: Path, *serve_options: str) -> Iterator[LiveServer]:
    """``trama-server init-demo`` then ``serve`` on a free port, stopped at the end."""
    demo = subprocess.run(
        _server_command("init-demo", "--db", db_url, "--json"),
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    sites = json.loads(demo.stdout)["sites"]
    port = free_port()
    with (folder / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            _server_command(
                "serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(port), *serve_options
            ),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(url, process)
            yield LiveServer(
                url=url,
                db_url=db_url,
                kinds={site["code"]: site["kind"] for site in sites},
                _codes={site["code"]: site["enrollment_code"] for site in sites},
                pid=process.pid,
            )
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Office:
    """One PC: a data folder enrolled for a site, synced with the real engine."""

    def __init__(self, data_dir: Path, server: LiveServer) -> None:
        self.data_dir = data_dir
        self.server = server
        self.store: Store = open_store(data_dir)
        self.site = ""

    def enroll(self, site: str) -> Office:
        enroll(
            self.store,
            server_url=self.server.url,
            code=self.server.enrollment_code(site),
            device_name=f"PC {self.data_dir.name}",
        )
        self.site = site
        return self

    def sync(self, **options: Any) -> SyncResult:
        return SyncEngine(self.store, **options).run()

    @property
    def actor(self) -> Actor:
        return current_actor(self.store)

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self.store.raw_read() as connection:
            return connection.execute(sql, params).fetchall()

    def value(self, sql: str, *params: Any) -> Any:
        return self.rows(sql, *params)[0][0]

    def change(self, table: str, *record_ids: str, **values: Any) -> None:
        """Local changes as a service makes them: the values, dirty, a new ``updated_at``."""
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        with local.transaction(self.store) as connection:
            connection.executemany(
                f'UPDATE "{table}" SET {assignments}, dirty = 1, updated_at = ? WHERE id = ?',
                [(*values.values(), local.now_text(), record_id) for record_id in record_ids],
            )

    def agrees_with_server(self) -> bool:
        """The local scope's count and digest equal the server's, computed afresh."""
        connection = local.connect(self.store)
        try:
            with local.atomic(connection):
                local.delete_setting(connection, local.LOCAL_DIGEST)
            mine = local_scope(connection)
        finally:
            connection.close()
        with open_transport(self.store) as transport:
            theirs = transport.get("/digest", DigestResponse)
        return mine == (theirs.count, theirs.digest)

    def close(self) -> None:
        self.store.dispose()
