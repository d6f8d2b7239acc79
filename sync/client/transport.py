"""HTTP to the provincial server: gzip bodies, verified TLS, bounded retries, cancellation.

Retries follow the usual rules for a batch client: connection failures (also a connection cut
mid-response) and 500/502/503/504/429 are retried a bounded number of times with exponential
backoff and full jitter; a ``Retry-After`` on 429/503 sets the wait instead. Everything else
(401, 403, 404, 422, 426) is an answer, raised at once as a typed error. Only idempotent calls
are retried after the request may have reached the server: a push is (its batch id is the
idempotency key), an enrollment is not (its one-time code is consumed).

TLS verification is always on: a configured CA bundle, else the OS trust store through
``truststore`` when installed, else certifi's bundle. Plain ``http://`` is accepted only for a
server on this very machine (tests, ``trama --demo``): a token never crosses a network in clear.
A certificate that is not accepted is not retried: it is a ``CertificateError`` saying how to
make the Province's CA trusted, since "server unreachable" would send people to check the
network instead.
"""

from __future__ import annotations

import importlib
import logging
import random
import ssl
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from desktop.config import CA_BUNDLE, ENVIRONMENT
from sync.client.errors import (
    AuthenticationError,
    CertificateError,
    OfflineError,
    ProtocolViolationError,
    RequestRefusedError,
    ServerError,
    SyncCancelledError,
    VersionRefusedError,
)
from sync.protocol import API_PREFIX, client_headers

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # tries in all, the first one included
    base_delay: float = 0.5  # seconds; doubled at every retry, then jittered
    max_delay: float = 30.0
    max_retry_after: float = 300.0  # a server asking for more is waited on for this long


@dataclass(frozen=True)
class Timeouts:
    connect: float = 10.0
    read: float = 120.0  # a page of 2,000 records from a busy server
    write: float = 60.0


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; refuses clear HTTP to another machine."""
    try:
        parts = urlsplit(url.strip())
        # Reading them parses them: a bad IPv6 bracket or port raises ValueError here.
        scheme, hostname, _port = parts.scheme, parts.hostname, parts.port
    except ValueError:
        scheme, hostname = "", None
    if (
        scheme not in ("http", "https")
        or not hostname
        or any(char.isspace() for char in url.strip())
    ):
        raise RequestRefusedError(
            f"Indirizzo del server non valido: «{url}». Indicare ad esempio "
            "https://sync.provincia.va.it",
            status=0,
        )
    if scheme == "http" and hostname not in LOOPBACK_HOSTS:
        raise RequestRefusedError(
            "Il collegamento al server deve essere cifrato: usare un indirizzo https://. "
            "(http:// è ammesso solo per un server su questo stesso computer.)",
            status=0,
        )
    return url.strip().rstrip("/")


def tls_context(ca_bundle: Path | None = None) -> ssl.SSLContext:
    """A verifying context: the CA bundle given, else the OS store, else certifi."""
    if ca_bundle is not None:
        if not ca_bundle.is_file():
            raise RequestRefusedError(f"Il file dei certificati {ca_bundle} non esiste.", status=0)
        return ssl.create_default_context(cafile=str(ca_bundle))
    return _default_context()


@cache
def _default_context() -> ssl.SSLContext:
    # Loading a trust store takes a fifth of a second: once per process, not once per sync.
    try:
        truststore: Any = importlib.import_module("truststore")
    except ImportError:
        import certifi  # noqa: PLC0415 - httpx depends on it

        return ssl.create_default_context(cafile=certifi.where())
    context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return context


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """``Retry-After`` as seconds from ``now``: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _certificate_refusal(error: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification failure behind a connection error, if that was it."""
    seen: set[int] = set()
    current: BaseException | None = error
    # httpx wraps httpcore's error, which wraps the ssl module's: walk the chain.
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""


class Transport:
    """One server, one device token; used by one thread at a time.

    ``sleep(seconds)`` and ``clock()`` are injected by tests; the default sleep wakes up as
    soon as ``cancel`` is set.
    """

    def __init__(
        self,
        base_url: str,
        *,
        app_version: str,
        schema: str,
        token: str | None = None,
        ca_bundle: Path | None = None,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        cancel: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], datetime] | None = None,
        rng: random.Random | None = None,
        http_transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.ca_bundle = ca_bundle
        self.retry = retry or RetryPolicy()
        self.cancel = cancel or threading.Event()
        self._sleep = sleep or self._wait
        self._clock = clock or (lambda: datetime.now(UTC))
        self._rng = rng or random.Random()
        limits = timeouts or Timeouts()
        secure = self.base_url.startswith("https://")
        self._client = httpx.Client(
            base_url=self.base_url + API_PREFIX,
            headers=client_headers(app_version, schema, token),
            timeout=httpx.Timeout(
                connect=limits.connect, read=limits.read, write=limits.write, pool=limits.connect
            ),
            # Plain HTTP (loopback only) never uses it; httpx builds one either way.
            verify=tls_context(ca_bundle) if secure else _default_context(),
            transport=http_transport,
            follow_redirects=False,
            trust_env=False,  # no proxy or .netrc credentials picked up behind our back
        )
        self.requests_sent = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- calls -----------------------------------------------------------------------------

    def get(
        self, path: str, model: type[ModelT], params: Mapping[str, Any] | None = None
    ) -> ModelT:
        response = self._send("GET", path, params=params, idempotent=True)
        return self._parse(response, model)

    def get_bytes(self, path: str, params: Mapping[str, Any] | None = None) -> bytes:
        """The raw JSON body of a GET, for callers that parse it themselves."""
        return self._send("GET", path, params=params, idempotent=True).content

    def post(self, path: str, body: bytes, model: type[ModelT], *, idempotent: bool) -> ModelT:
        """POST a gzip JSON ``body``."""
        response = self._send(
            "POST",
            path,
            content=body,
            headers={"Content-Encoding": "gzip"},
            idempotent=idempotent,
        )
        return self._parse(response, model)

    @staticmethod
    def _parse(response: httpx.Response, model: type[ModelT]) -> ModelT:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as error:
            raise ProtocolViolationError(
                "Il server ha inviato una risposta non valida per questa versione di Trama "
                f"({model.__name__}): riprovare più tardi o aggiornare Trama."
            ) from error

    # -- retries ---------------------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        self.cancel.wait(seconds)

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelledError("Sincronizzazione annullata.")

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.retry.max_delay, self.retry.base_delay * 2**attempt)
        return self._rng.uniform(0, ceiling)

    def _send(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool,
        params: Mapping[str, Any] | None = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        last_problem = ""
        for attempt in range(self.retry.attempts):
            self._check_cancel()
            delay: float | None = None
            try:
                self.requests_sent += 1
                # The whole body is read here: a connection cut mid-body is retried too.
                response = self._client.request(
                    method, path, params=params, content=content, headers=headers
                )
            except httpx.ConnectError as error:
                refusal = _certificate_refusal(error)
                if refusal is not None:
                    # Retrying cannot help: the same certificate would be refused again.
                    raise CertificateError(self._certificate_message(refusal)) from error
                last_problem = f"connessione non riuscita ({error.__class__.__name__})"
            except httpx.TransportError as error:
                if not idempotent:
                    raise OfflineError(
                        "La connessione con il server si è interrotta durante l'operazione: "
                        "verificare la rete e riprovare."
                    ) from error
                last_problem = f"connessione interrotta ({error.__class__.__name__})"
            else:
                if response.status_code < 400:
                    return response
                if response.status_code not in RETRYABLE_STATUS:
                    raise self._answer_error(response)
                last_problem = f"il server ha risposto {response.status_code}"
                if response.status_code in (429, 503):
                    delay = retry_after_seconds(response.headers.get("Retry-After"), self._clock())
                    if (
                        response.status_code == 429
                        and delay is not None
                        and delay > self.retry.max_retry_after
                    ):
                        # A rate limit longer than we would wait (too many failed enrollments
                        # from this address): the server's message says when, so say it now.
                        raise ServerError(
                            _detail(response)
                            or "Troppi tentativi non riusciti: riprovare più tardi."
                        )
                    if delay is not None:
                        delay = min(delay, self.retry.max_retry_after)
                if response.status_code == 500 and not idempotent:
                    raise self._answer_error(response)
            if attempt + 1 == self.retry.attempts:
                break
            wait = delay if delay is not None else self._backoff(attempt)
            log.info("%s %s: %s; retrying in %.1f s", method, path, last_problem, wait)
            self._sleep(wait)
        self._check_cancel()
        if last_problem.startswith("conn"):
            raise OfflineError(
                f"Il server {self.base_url} non è raggiungibile ({last_problem}): verificare la "
                "connessione di rete. I dati restano su questo computer e saranno inviati alla "
                "prossima sincronizzazione."
            )
        raise ServerError(
            f"Il server non è al momento disponibile ({last_problem}). I dati restano su "
            "questo computer; riprovare più tardi."
        )

    def _certificate_message(self, refusal: ssl.SSLCertVerificationError) -> str:
        host = urlsplit(self.base_url).hostname
        reason = refusal.verify_message or refusal.reason or str(refusal)
        if self.ca_bundle is not None:
            fix = (
                f"Il file dei certificati configurato ({self.ca_bundle}) non contiene "
                "l'autorità di certificazione (CA) che ha firmato il certificato del server: "
                "chiedere alla Provincia il file giusto e indicarlo nella configurazione di "
                f"Trama (chiave {CA_BUNDLE} della sezione [trama], o variabile "
                f"{ENVIRONMENT[CA_BUNDLE]})."
            )
        else:
            fix = (
                "Per risolvere: installare il certificato dell'autorità di certificazione (CA) "
                "della Provincia nell'archivio dei certificati del sistema, oppure indicare il "
                f"file della CA nella configurazione di Trama (chiave {CA_BUNDLE} della sezione "
                f"[trama], o variabile {ENVIRONMENT[CA_BUNDLE]})."
            )
        return (
            f"Il certificato del server {host} non è stato accettato ({reason}): il "
            "collegamento non è sicuro e nessun dato è stato inviato. " + fix + " Se il "
            "problema continua, rivolgersi all'assistenza informatica della Provincia."
        )

    @staticmethod
    def _answer_error(response: httpx.Response) -> Exception:
        status = response.status_code
        detail = _detail(response)
        if status == 401:
            return AuthenticationError(
                "Il server non riconosce questo computer (registrazione revocata o non valida). "
                "Chiedere alla Provincia un nuovo codice di registrazione e ripetere la "
                "registrazione." + (f" Dettaglio: {detail}" if detail else "")
            )
        if status == 426:
            return VersionRefusedError(
                detail or "Il server richiede una versione più recente di Trama: aggiornarla."
            )
        if status == 403:
            message = detail or "Il server non consente questa operazione a questa sede."
        elif status == 404:
            message = detail or "Il record richiesto non esiste o non è visibile a questa sede."
        else:
            message = detail or f"Il server ha rifiutato la richiesta (errore {status})."
        return RequestRefusedError(message, status=status)
