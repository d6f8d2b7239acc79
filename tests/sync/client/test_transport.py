"""HTTP with retries: what is retried, how long it waits, what is an answer, cancellation."""

from __future__ import annotations

import gzip
import ipaddress
import ssl
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client.errors import (
    AuthenticationError,
    CertificateError,
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


def test_a_rate_limit_longer_than_the_wait_is_said_at_once() -> None:
    detail = (
        "Troppi tentativi di attivazione non riusciti da questo indirizzo: riprovare tra 15 minuti."
    )
    script = Script(
        httpx.Response(429, headers={"Retry-After": "900"}, json={"detail": detail}), _ok()
    )
    with script.transport() as transport, pytest.raises(ServerError) as refused:
        transport.post("/enroll", b"{}", MetaResponse, idempotent=False)
    assert str(refused.value) == detail
    assert script.waits == [] and len(script.requests) == 1


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


# -- a certificate that is not accepted -----------------------------------------------------------


def _self_signed(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (its own CA), and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    usage = x509.KeyUsage(
        digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
        key_encipherment=False, data_encipherment=False, key_agreement=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _Meta(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = META.model_dump_json().encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass  # quiet: the refused handshakes are the point of these tests


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real HTTPS server on 127.0.0.1 with a self-signed certificate: its URL and the cert."""
    cert, key = _self_signed(tmp_path, "provincia-ca")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Meta)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _tls_transport(url: str, waits: list[float], ca_bundle: Path | None = None) -> Transport:
    return Transport(
        url, app_version="1.0", schema="head", ca_bundle=ca_bundle, sleep=waits.append,
        retry=RetryPolicy(attempts=3),
    )  # fmt: skip


def test_a_certificate_not_trusted_is_said_to_be_one_with_its_fix(
    tls_server: tuple[str, Path],
) -> None:
    url, _cert = tls_server
    waits: list[float] = []
    with _tls_transport(url, waits) as transport, pytest.raises(CertificateError) as refused:
        transport.get("/meta", MetaResponse)
    message = str(refused.value)
    assert message.startswith("Il certificato del server 127.0.0.1 non è stato accettato (")
    assert "self-signed certificate" in message or "self signed certificate" in message
    assert "non raggiungibile" not in message
    assert "archivio dei certificati del sistema" in message
    assert "chiave ca_bundle della sezione [trama], o variabile TRAMA_CA_BUNDLE" in message
    assert refused.value.outcome == "certificate"
    assert transport.requests_sent == 1 and waits == []  # not retried: it would fail again


def test_the_fix_it_names_works_and_a_wrong_bundle_is_named(
    tls_server: tuple[str, Path], tmp_path: Path
) -> None:
    url, cert = tls_server
    waits: list[float] = []
    # The Province's CA as the configured bundle: the server is trusted.
    with _tls_transport(url, waits, ca_bundle=cert) as transport:
        assert transport.get("/meta", MetaResponse) == META
    # Another CA in the bundle: the message names the configured file.
    other, _key = _self_signed(tmp_path, "altra-ca")
    with (
        _tls_transport(url, waits, ca_bundle=other) as transport,
        pytest.raises(CertificateError) as refused,
    ):
        transport.get("/meta", MetaResponse)
    assert f"Il file dei certificati configurato ({other})" in str(refused.value)
