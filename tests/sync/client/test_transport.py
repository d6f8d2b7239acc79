"""HTTP with retries: what is retried, how long it waits, what is an answer, cancellation."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from sync.client.errors import (
    AuthenticationError,
    OfflineError,
    RequestRefusedError,
    ServerError,
    SyncCancelledError,
    VersionRefusedError,
)
from sync.client.transport import RetryPolicy, Transport, retry_after_seconds, tls_context
from sync.protocol import MetaResponse, gzip_json

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
META = MetaResponse(
    protocol_version=1, server_version="t", min_protocol=1, max_protocol=1, accepted_schemas=[]
)
Handler = Callable[[httpx.Request], httpx.Response]


class Script:
    """Answers in turn; records every request and every wait instead of sleeping."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.waits: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def transport(self, **options: object) -> Transport:
        return Transport(
            "http://127.0.0.1:9",
            app_version="1.0",
            schema="head",
            token="secret",
            http_transport=httpx.MockTransport(self),
            sleep=self.waits.append,
            clock=lambda: NOW,
            **options,  # type: ignore[arg-type]
        )


def _ok() -> httpx.Response:
    return httpx.Response(200, content=META.model_dump_json())


def test_a_call_carries_the_protocol_headers_and_the_token() -> None:
    script = Script(_ok())
    with script.transport() as transport:
        assert transport.get("/meta", MetaResponse) == META
    request = script.requests[0]
    assert request.url.path == "/api/v1/meta"
    assert request.headers["Authorization"] == "Bearer secret"
    assert request.headers["X-Trama-Protocol"] == "1"
    assert request.headers["X-Trama-Schema"] == "head"


def test_a_post_sends_its_body_gzip_encoded() -> None:
    script = Script(_ok())
    with script.transport() as transport:
        transport.post("/push", gzip_json({"a": 1}), MetaResponse, idempotent=True)
    request = script.requests[0]
    assert request.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(request.content) == b'{"a": 1}'


def test_server_errors_and_cut_connections_are_retried_with_growing_waits() -> None:
    script = Script(
        httpx.Response(500),
        httpx.ConnectError("refused"),
        httpx.RemoteProtocolError("peer closed connection without sending complete message"),
        httpx.Response(502),
        _ok(),
    )
    with script.transport(retry=RetryPolicy(attempts=6, base_delay=1.0)) as transport:
        assert transport.get("/meta", MetaResponse) == META
    assert len(script.requests) == 5
    ceilings = [1.0, 2.0, 4.0, 8.0]
    assert all(0 <= wait <= ceiling for wait, ceiling in zip(script.waits, ceilings, strict=True))


def test_retry_after_sets_the_wait_on_429_and_503() -> None:
    later = "Fri, 27 Nov 2026 09:00:30 GMT"
    script = Script(
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(503, headers={"Retry-After": later}),
        _ok(),
    )
    with script.transport() as transport:
        transport.get("/meta", MetaResponse)
    assert script.waits == [7.0, 30.0]


def test_a_huge_retry_after_is_capped() -> None:
    script = Script(httpx.Response(503, headers={"Retry-After": "86400"}), _ok())
    with script.transport(retry=RetryPolicy(max_retry_after=120)) as transport:
        transport.get("/meta", MetaResponse)
    assert script.waits == [120]


def test_retry_after_parsing() -> None:
    assert retry_after_seconds("12", NOW) == 12
    assert retry_after_seconds("Fri, 27 Nov 2026 08:59:00 GMT", NOW) == 0
    assert retry_after_seconds("soon", NOW) is None
    assert retry_after_seconds(None, NOW) is None


def test_after_the_last_attempt_the_error_says_offline_or_unavailable() -> None:
    script = Script(*[httpx.ConnectError("refused")] * 3)
    with (
        script.transport(retry=RetryPolicy(attempts=3)) as transport,
        pytest.raises(OfflineError, match="non è raggiungibile"),
    ):
        transport.get("/meta", MetaResponse)
    assert len(script.waits) == 2
    script = Script(*[httpx.Response(503)] * 3)
    with (
        script.transport(retry=RetryPolicy(attempts=3)) as transport,
        pytest.raises(ServerError, match="non è al momento disponibile"),
    ):
        transport.get("/meta", MetaResponse)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, AuthenticationError),
        (426, VersionRefusedError),
        (403, RequestRefusedError),
        (404, RequestRefusedError),
        (422, RequestRefusedError),
    ],
)
def test_answers_are_not_retried(status: int, error: type[Exception]) -> None:
    script = Script(httpx.Response(status, json={"detail": "Dettaglio dal server."}))
    with script.transport() as transport, pytest.raises(error):
        transport.get("/meta", MetaResponse)
    assert len(script.requests) == 1


def test_a_call_that_is_not_idempotent_is_not_repeated_once_it_may_have_arrived() -> None:
    script = Script(httpx.ReadError("reset"))
    with script.transport() as transport, pytest.raises(OfflineError, match="interrotta"):
        transport.post("/enroll", b"", MetaResponse, idempotent=False)
    assert len(script.requests) == 1
    # A refused connection never reached the server: that one is retried.
    script = Script(httpx.ConnectError("refused"), _ok())
    with script.transport() as transport:
        transport.post("/enroll", b"", MetaResponse, idempotent=False)
    assert len(script.requests) == 2


def test_cancelling_stops_at_the_next_wait() -> None:
    cancel = threading.Event()
    script = Script(httpx.Response(503), _ok())
    transport = script.transport(cancel=cancel)
    script.waits = _Cancelling(cancel)  # type: ignore[assignment]
    transport._sleep = script.waits.append
    with pytest.raises(SyncCancelledError), transport:
        transport.get("/meta", MetaResponse)
    assert len(script.requests) == 1


class _Cancelling(list[float]):
    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self.cancel = cancel

    def append(self, wait: float) -> None:
        super().append(wait)
        self.cancel.set()


def test_the_default_wait_wakes_up_when_cancelled() -> None:
    cancel = threading.Event()
    cancel.set()
    transport = Transport("http://127.0.0.1:9", app_version="1", schema="s", cancel=cancel)
    with transport:
        transport._wait(3600)
        with pytest.raises(SyncCancelledError):
            transport.get("/meta", MetaResponse)


def test_clear_http_is_refused_for_another_machine() -> None:
    with pytest.raises(RequestRefusedError, match="https://"):
        Transport("http://sync.example.org", app_version="1", schema="s")
    with pytest.raises(RequestRefusedError, match="non valido"):
        Transport("ftp://sync.example.org", app_version="1", schema="s")


@pytest.mark.parametrize(
    "typed", ["http://[bad", "https://sync.example.org:porta", "https://sync example.org", ""]
)
def test_a_mistyped_address_is_refused_with_a_message(typed: str) -> None:
    with pytest.raises(RequestRefusedError, match="non valido"):
        Transport(typed, app_version="1", schema="s")


def test_tls_always_verifies(tmp_path: Path) -> None:
    context = tls_context()
    assert context.verify_mode.name == "CERT_REQUIRED"
    assert context.check_hostname
    with pytest.raises(RequestRefusedError, match="non esiste"):
        tls_context(tmp_path / "missing.pem")
