"""The request guard (sync.server.guard): token before body, bounded bodies, rate limits, docs.

The end-to-end proofs against a real server process (300 MB bodies, the server's memory) are
in tests/sync/e2e/test_request_limits.py; here the guard's rules, in process.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest
import uvicorn

from sync.protocol import API_PREFIX
from sync.server import auth
from sync.server.app import DOCS_ENV, app_from_environment, create_app
from sync.server.cli import main
from sync.server.guard import (
    AUTH_LIMIT_ENV,
    ENROLL_LIMIT_ENV,
    MAX_BODY_ENV,
    STORAGE_ENV,
    LimitsError,
    RequestLimits,
)
from tests.sync.server.support import SOMMA, Device, Live, live_server, make_world

SMALL = RequestLimits(max_body_bytes=100_000, enroll_failures="2/hour", auth_failures="3/hour")


@pytest.fixture
def guarded(sqlite_url: str) -> Iterator[Live]:
    with live_server(sqlite_url, limits=SMALL) as live:
        make_world(live.db)
        yield live


def _call(app: Any, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bool]:
    """One request straight into the ASGI app: its status, and whether the body was read."""
    read = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal read
        read = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "client": ("192.0.2.1", 5000), "server": ("127.0.0.1", 80),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }  # fmt: skip
    anyio.run(app, scope, receive, send)
    return status, read


def test_no_token_or_a_wrong_one_is_answered_before_the_body_is_read(sqlite_url: str) -> None:
    app = create_app(sqlite_url)
    try:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eA=="}):
            assert _call(app, f"{API_PREFIX}/push", headers, b"{}") == (401, False)
        # Every path needs a token but meta and enroll: a route added later is closed too.
        assert _call(app, "/anything", {}, b"") == (401, False)
    finally:
        app.state.db.dispose()


def test_the_guard_hands_the_caller_on_and_the_route_does_not_ask_again(
    guarded: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = Device(guarded, SOMMA)
    try:

        def second_lookup(*_args: object) -> auth.Caller:
            raise AssertionError("current_caller queried the database again")

        monkeypatch.setattr(auth, "authenticate", second_lookup)
        assert device.http.get("/pull").status_code == 200
    finally:
        device.close()


def test_bodies_over_the_limit_are_refused_whatever_their_encoding(guarded: Live) -> None:
    device = Device(guarded, SOMMA)
    try:
        big = b"[" + b" " * 100_001 + b"]"
        assert device.http.post("/push", content=big).status_code == 413

        def chunked() -> Iterator[bytes]:
            for _ in range(20):
                yield b" " * 10_000

        assert device.http.post("/push", content=chunked()).status_code == 413
        bomb = gzip.compress(b" " * 1_000_000)
        answer = device.http.post("/push", content=bomb, headers={"Content-Encoding": "gzip"})
        assert answer.status_code == 413
        assert answer.json() == {"detail": "Richiesta troppo grande."}
        answer = device.http.post("/push", content=b"x", headers={"Content-Encoding": "br"})
        assert answer.status_code == 415
        answer = device.http.post(
            "/push", content=b"not gzip", headers={"Content-Encoding": "gzip"}
        )
        assert answer.status_code == 400
        assert answer.json() == {"detail": "Corpo della richiesta illeggibile."}
    finally:
        device.close()


def test_failed_enrollments_then_429_in_italian_with_retry_after(guarded: Live) -> None:
    with httpx.Client(base_url=f"{guarded.url}{API_PREFIX}") as client:
        for _ in range(2):
            answer = client.post(
                "/enroll", json={"code": "AAAA-BBBB-CCCC-DDDD", "device_name": "x"}
            )
            assert answer.status_code == 401
        answer = client.post("/enroll", json={"code": "AAAA-BBBB-CCCC-DDDD", "device_name": "x"})
    assert answer.status_code == 429
    assert 3500 <= int(answer.headers["Retry-After"]) <= 3600
    assert answer.json() == {
        "detail": "Troppi tentativi di attivazione non riusciti da questo indirizzo: riprovare "
        "tra 60 minuti."
    }
    # A blocked address does not get to try a good code: the device cannot enroll from here.
    with pytest.raises(AssertionError, match="Troppi tentativi"):
        Device(guarded, SOMMA)


def test_failed_authentications_then_429_but_a_valid_token_passes(guarded: Live) -> None:
    device = Device(guarded, SOMMA)
    try:
        with httpx.Client(base_url=f"{guarded.url}{API_PREFIX}") as client:
            codes = [
                client.get("/pull", headers={"Authorization": f"Bearer bad{n}"}).status_code
                for n in range(4)
            ]
            assert codes == [401, 401, 401, 429]
            assert client.get("/digest").status_code == 429  # no token: a failure too
        assert device.http.get("/pull").status_code == 200
    finally:
        device.close()


def test_the_api_pages_are_served_only_when_asked_for(sqlite_url: str) -> None:
    with live_server(sqlite_url) as live:
        make_world(live.db)
        device = Device(live, SOMMA)
        try:
            for path in ("/docs", "/redoc", "/openapi.json"):
                assert httpx.get(f"{live.url}{path}").status_code == 401
                # Even for a known device, there is nothing there.
                answer = device.http.get(f"{live.url}{path}")
                assert answer.status_code == 404, path
        finally:
            device.close()
    with live_server(sqlite_url, docs=True) as live:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert httpx.get(f"{live.url}{path}").status_code == 200, path


def test_limits_from_the_environment_and_their_errors() -> None:
    assert RequestLimits.from_environment({}) == RequestLimits()
    limits = RequestLimits.from_environment(
        {MAX_BODY_ENV: "2000000", ENROLL_LIMIT_ENV: "5/hour", AUTH_LIMIT_ENV: "9 per minute"}
    )
    assert limits == RequestLimits(2_000_000, "5/hour", "9 per minute")
    assert RequestLimits.from_environment(limits.environment()) == limits
    for bad in (
        {MAX_BODY_ENV: "lots"},
        {MAX_BODY_ENV: "10"},
        {ENROLL_LIMIT_ENV: "often"},
        {AUTH_LIMIT_ENV: "0/minute"},
        {STORAGE_ENV: "nowhere://"},
    ):
        with pytest.raises(LimitsError):
            RequestLimits.from_environment(bad)


@pytest.fixture
def serve_environment(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``trama-server serve`` up to uvicorn.run, which records what the workers would get."""
    for name in (MAX_BODY_ENV, ENROLL_LIMIT_ENV, AUTH_LIMIT_ENV, STORAGE_ENV, DOCS_ENV):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("TRAMA_SERVER_DB", "")
    seen: dict[str, Any] = {}

    def run(*_args: object, **_options: object) -> None:
        seen.update(os.environ)

    monkeypatch.setattr(uvicorn, "run", run)
    return seen


def test_serve_hands_its_options_to_the_workers(
    serve_environment: dict[str, Any], sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["serve", "--db", sqlite_url, "--port", "0", "--docs",
                   "--max-body-bytes", "5000000", "--enroll-limit", "4/hour"])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    assert serve_environment[DOCS_ENV] == "1"
    assert serve_environment[MAX_BODY_ENV] == "5000000"
    assert serve_environment[ENROLL_LIMIT_ENV] == "4/hour"
    assert serve_environment[AUTH_LIMIT_ENV] == "30/minute"
    # What a worker builds from them.
    app = app_from_environment()
    try:
        assert app.docs_url == "/docs"
    finally:
        app.state.db.dispose()


def test_serve_refuses_a_bad_limit_with_a_message(
    serve_environment: dict[str, Any], sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["serve", "--db", sqlite_url, "--port", "0", "--auth-failure-limit", "many"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("trama-server: Limite delle autenticazioni non riuscite non valido")
    assert "Traceback" not in err
    assert not serve_environment  # nothing was started
