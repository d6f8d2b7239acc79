"""What a request may cost before the application sees it (issue 12): the request guard.

One ASGI middleware, in front of the routes, that

- authenticates before reading any body: every path but ``meta``, ``enroll`` (and the API pages
  when ``--docs`` is on) needs a device token, checked against the database in a worker thread
  and handed on in the scope (``auth.CALLER_SCOPE_KEY``), so a caller without one is answered
  401 and not a byte of its body is read;
- reads the body itself, counting the bytes actually received whatever the transfer encoding
  (``Content-Length`` or chunked) and the content encoding (identity or gzip, inflated with the
  bounded ``gunzip``), and answers 413 as soon as the limit is passed, before buffering more;
- limits, per client address, failed enrollment attempts and failed authentications with the
  ``limits`` library, answering 429 with ``Retry-After``.

Refusals made here carry ``Connection: close``: the server then closes the connection instead
of draining the rest of an unwanted body.

Failures are what is counted, not attempts: a whole office behind one address enrolls its PCs
and syncs without ever meeting a limit, while an address guessing codes or tokens is slowed
down. A blocked address may still enroll nothing (the check comes before the code is tried),
but a valid device token always passes: offices share addresses (NAT, the Province's reverse
proxy), and one revoked PC or one stranger must not lock the others out. Tokens are 256-bit
random values, so what protects them is their length; the limit bounds the noise.

The counters live in the storage named by ``storage`` (``limits``' URI notation); the default,
``memory://``, is per worker process.
"""

from __future__ import annotations

import logging
import math
import os
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import anyio.to_thread
from limits import RateLimitItem, parse
from limits.errors import ConfigurationError
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy.exc import OperationalError
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import API_PREFIX, MAX_BODY_BYTES, BodyTooLarge, gunzip
from sync.server.auth import CALLER_SCOPE_KEY, ApiError, Caller, authenticate
from sync.server.db import ServerDB

log = logging.getLogger(__name__)

MAX_BODY_ENV = "TRAMA_SERVER_MAX_BODY_BYTES"
ENROLL_LIMIT_ENV = "TRAMA_SERVER_ENROLL_LIMIT"
AUTH_LIMIT_ENV = "TRAMA_SERVER_AUTH_FAILURE_LIMIT"
STORAGE_ENV = "TRAMA_SERVER_RATE_LIMIT_STORAGE"

DEFAULT_ENROLL_LIMIT = "10/15 minutes"
DEFAULT_AUTH_LIMIT = "30/minute"
DEFAULT_STORAGE = "memory://"
# What a request that needs no token may send: an enrollment is a code and a PC's name.
PUBLIC_BODY_BYTES = 64 * 1024
# A limit so small that no push fits would only turn every sync into a 413.
MIN_BODY_BYTES = 64 * 1024

ENROLL_PATH = f"{API_PREFIX}/enroll"
PUBLIC_PATHS = frozenset({f"{API_PREFIX}/meta", ENROLL_PATH})
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})

_CLOSE = {"Connection": "close"}


class LimitsError(ValueError):
    """A limit setting that cannot be used, said in Italian for ``trama-server``'s stderr."""


@dataclass(frozen=True)
class RequestLimits:
    """The configurable limits; rate limits in ``limits``' notation (``10/15 minutes``)."""

    max_body_bytes: int = MAX_BODY_BYTES
    enroll_failures: str = DEFAULT_ENROLL_LIMIT
    auth_failures: str = DEFAULT_AUTH_LIMIT
    storage: str = DEFAULT_STORAGE

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> RequestLimits:
        """The limits each worker reads from ``TRAMA_SERVER_*`` (defaults where unset)."""
        env = os.environ if environ is None else environ
        raw_bytes = env.get(MAX_BODY_ENV, "").strip()
        if raw_bytes and not raw_bytes.isdigit():
            raise LimitsError(f"{MAX_BODY_ENV} deve essere un numero di byte, non «{raw_bytes}».")
        limits = cls(
            max_body_bytes=int(raw_bytes) if raw_bytes else MAX_BODY_BYTES,
            enroll_failures=env.get(ENROLL_LIMIT_ENV, "").strip() or DEFAULT_ENROLL_LIMIT,
            auth_failures=env.get(AUTH_LIMIT_ENV, "").strip() or DEFAULT_AUTH_LIMIT,
            storage=env.get(STORAGE_ENV, "").strip() or DEFAULT_STORAGE,
        )
        limits.check()
        return limits

    def environment(self) -> dict[str, str]:
        """The variables that hand these limits to the workers."""
        return {
            MAX_BODY_ENV: str(self.max_body_bytes),
            ENROLL_LIMIT_ENV: self.enroll_failures,
            AUTH_LIMIT_ENV: self.auth_failures,
            STORAGE_ENV: self.storage,
        }

    def check(self) -> None:
        """Raise LimitsError for a setting a worker could not use (before any worker starts)."""
        if self.max_body_bytes < MIN_BODY_BYTES:
            raise LimitsError(
                f"Il limite del corpo delle richieste deve essere di almeno {MIN_BODY_BYTES} byte."
            )
        _rate(self.enroll_failures, "dei tentativi di attivazione")
        _rate(self.auth_failures, "delle autenticazioni non riuscite")
        _storage(self.storage)


def _rate(text: str, what: str) -> RateLimitItem:
    try:
        item = parse(text)
    except ValueError:
        item = None
    if item is None or item.amount < 1:
        raise LimitsError(
            f"Limite {what} non valido: «{text}». Indicare ad esempio «10/15 minutes» "
            "(numero/periodo: second, minute, hour, day)."
        )
    return item


def _storage(uri: str) -> Storage:
    try:
        storage = storage_from_string(uri)
    except ConfigurationError as error:
        raise LimitsError(f"Archivio dei limiti non utilizzabile «{uri}»: {error}") from error
    if not isinstance(storage, Storage):
        raise LimitsError(f"Archivio dei limiti non utilizzabile «{uri}»: serve uno sincrono.")
    return storage


class RateLimits:
    """Failed enrollments and failed authentications per client address (moving windows)."""

    def __init__(self, limits: RequestLimits) -> None:
        self._limiter = MovingWindowRateLimiter(_storage(limits.storage))
        self.enroll = _rate(limits.enroll_failures, "dei tentativi di attivazione")
        self.auth = _rate(limits.auth_failures, "delle autenticazioni non riuscite")

    def allows(self, item: RateLimitItem, address: str) -> bool:
        return self._limiter.test(item, address)

    def fail(self, item: RateLimitItem, address: str) -> bool:
        """Count one failure; False when the address was already at its limit."""
        return self._limiter.hit(item, address)

    def retry_after(self, item: RateLimitItem, address: str) -> int:
        """Whole seconds until the address may try again (at least one)."""
        reset = self._limiter.get_window_stats(item, address).reset_time
        return max(1, math.ceil(reset - time.time()))


def _in_words(seconds: int) -> str:
    if seconds < 120:
        return "1 secondo" if seconds == 1 else f"{seconds} secondi"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minuti"


class RequestGuard:
    """The ASGI middleware described in the module's docstring."""

    def __init__(
        self, app: ASGIApp, *, db: ServerDB, limits: RequestLimits, docs: bool = False
    ) -> None:
        self.app = app
        self.db = db
        self.max_body_bytes = limits.max_body_bytes
        self.rates = RateLimits(limits)
        self.public = PUBLIC_PATHS | DOCS_PATHS if docs else PUBLIC_PATHS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        address = _client_address(scope)
        path: str = scope["path"]
        if path in self.public:
            limit = PUBLIC_BODY_BYTES
            if path == ENROLL_PATH:
                # Checked before the code is tried: a blocked address learns nothing.
                if not await anyio.to_thread.run_sync(
                    self.rates.allows, self.rates.enroll, address
                ):
                    await self._too_many(scope, send, self.rates.enroll, address, "attivazione")
                    return
                send = self._count_failed_enrollments(send, address)
        else:
            limit = self.max_body_bytes
            caller = await self._authenticate(scope, send, address)
            if caller is None:
                return
            scope = {**scope, CALLER_SCOPE_KEY: caller}
        body = await self._read_body(scope, receive, send, limit)
        if body is None:
            return
        scope, replay = body
        await self.app(scope, replay, send)

    # -- authentication --------------------------------------------------------------------

    async def _authenticate(self, scope: Scope, send: Send, address: str) -> Caller | None:
        token = _bearer_token(Headers(scope=scope))
        try:
            if token is None:
                return authenticate(self.db, None)  # refused at once: no token, no query
            # The database is synchronous: ask it in a worker thread, off the event loop.
            return await anyio.to_thread.run_sync(authenticate, self.db, token)
        except ApiError as error:
            if error.status != 401:
                raise
            if not await anyio.to_thread.run_sync(self.rates.fail, self.rates.auth, address):
                await self._too_many(scope, send, self.rates.auth, address, "accesso")
                return None
            if token is not None:
                log.info("unknown or revoked device token from %s", address)
            await _answer(scope, send, 401, error.detail, {**error.headers})
            return None
        except OperationalError as error:
            log.warning("database unavailable: %s", error.orig)
            await _answer(
                scope, send, 503, "Server momentaneamente occupato: riprovare tra poco.",
                {"Retry-After": "2"},
            )  # fmt: skip
            return None

    def _count_failed_enrollments(self, send: Send, address: str) -> Send:
        """``send``, counting the enrollment as failed when its answer is an error."""

        async def counting(message: Message) -> None:
            if message["type"] == "http.response.start" and 400 <= message["status"] < 500:
                await anyio.to_thread.run_sync(self.rates.fail, self.rates.enroll, address)
            await send(message)

        return counting

    async def _too_many(
        self, scope: Scope, send: Send, item: RateLimitItem, address: str, what: str
    ) -> None:
        seconds = await anyio.to_thread.run_sync(self.rates.retry_after, item, address)
        log.warning("too many failed %s attempts from %s", what, address)
        await _answer(
            scope, send, 429,
            f"Troppi tentativi di {what} non riusciti da questo indirizzo: riprovare tra "
            f"{_in_words(seconds)}.",
            {"Retry-After": str(seconds)},
        )  # fmt: skip

    # -- the body --------------------------------------------------------------------------

    async def _read_body(
        self, scope: Scope, receive: Receive, send: Send, limit: int
    ) -> tuple[Scope, Receive] | None:
        """The scope and a ``receive`` replaying the (inflated) body; None once answered."""
        headers = Headers(scope=scope)
        encoding = (headers.get("content-encoding") or "identity").strip().lower()
        length = headers.get("content-length")
        if length is not None and length.strip().isdigit() and int(length) > limit:
            await _answer(scope, send, 413, _TOO_LARGE)
            return None
        if encoding not in ("identity", "gzip"):
            await _answer(scope, send, 415, "Codifica del corpo non supportata.")
            return None
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return None  # the client went away: nobody to answer
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                # Counted on what arrived, whatever the headers said: chunked bodies too.
                await _answer(scope, send, 413, _TOO_LARGE)
                return None
            if chunk:
                chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        del chunks
        if encoding == "gzip":
            try:
                body = gunzip(body, limit)
            except BodyTooLarge:
                await _answer(scope, send, 413, _TOO_LARGE)
                return None
            except (ValueError, zlib.error, EOFError):
                await _answer(scope, send, 400, "Corpo della richiesta illeggibile.")
                return None
            raw_headers = [
                (name, value)
                for name, value in scope["headers"]
                if name.lower() not in (b"content-encoding", b"content-length")
            ]
            raw_headers.append((b"content-length", str(len(body)).encode()))
            scope = {**scope, "headers": raw_headers}
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return scope, replay


_TOO_LARGE = "Richiesta troppo grande."


def _bearer_token(headers: Headers) -> str | None:
    scheme, _, token = (headers.get("authorization") or "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _client_address(scope: Scope) -> str:
    # Behind the reverse proxy uvicorn puts X-Forwarded-For's address here (proxy_headers).
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def _answer(
    scope: Scope, send: Send, status: int, detail: str, headers: Mapping[str, str] | None = None
) -> None:
    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    response = JSONResponse({"detail": detail}, status, headers={**_CLOSE, **(headers or {})})
    await response(scope, nothing, send)
