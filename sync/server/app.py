"""The ASGI application: ``create_app(db_url)``; gzip both ways, Italian JSON errors."""

from __future__ import annotations

import logging
import os
import zlib

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import MAX_BODY_BYTES, BodyTooLarge, gunzip
from sync.server.admin import open_db
from sync.server.auth import ApiError
from sync.server.db import ServerDB
from sync.server.routes import SERVER_VERSION, router

log = logging.getLogger(__name__)


DB_ENV = "TRAMA_SERVER_DB"


def app_from_environment() -> FastAPI:
    """The factory each ``trama-server serve`` worker calls (the schema already exists)."""
    return create_app(os.environ[DB_ENV], create_schema=False)


def create_app(db_url: str, *, create_schema: bool = True) -> FastAPI:
    app = FastAPI(
        title="Trama provincial server",
        version=SERVER_VERSION,
        description="Batch sync of the Trama offices with the Province of Varese.",
    )
    app.state.db = open_db(db_url) if create_schema else ServerDB(db_url)
    app.include_router(router)
    app.add_middleware(GzipRequestMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, error: ApiError) -> JSONResponse:
        return JSONResponse({"detail": error.detail}, error.status, headers=error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _describe(error)}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else "Richiesta non valida."
        return JSONResponse({"detail": detail}, error.status_code, headers=error.headers)

    @app.exception_handler(OperationalError)
    async def busy(_request: Request, error: OperationalError) -> JSONResponse:
        # Usually a lock wait that ran out on SQLite: the client's retry will get through.
        log.warning("database unavailable: %s", error.orig)
        return JSONResponse(
            {"detail": "Server momentaneamente occupato: riprovare tra poco."},
            503,
            headers={"Retry-After": "2"},
        )

    return app


def _describe(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(step) for step in item.get("loc", ()) if step != "body")
        parts.append(f"{where}: {item.get('msg', '')}" if where else str(item.get("msg", "")))
    return "Richiesta non valida: " + "; ".join(parts)


class GzipRequestMiddleware:
    """Inflate ``Content-Encoding: gzip`` request bodies, within ``MAX_BODY_BYTES``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        encoding = (headers.get("content-encoding") or "identity").strip().lower()
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
            await _refuse(scope, receive, send, 413, "Richiesta troppo grande.")
            return
        if encoding == "identity":
            await self.app(scope, receive, send)
            return
        if encoding != "gzip":
            await _refuse(scope, receive, send, 415, "Codifica del corpo non supportata.")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                await _refuse(scope, receive, send, 413, "Richiesta troppo grande.")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        try:
            body = gunzip(b"".join(chunks))
        except BodyTooLarge:
            await _refuse(scope, receive, send, 413, "Richiesta troppo grande.")
            return
        except (ValueError, zlib.error, EOFError):
            await _refuse(scope, receive, send, 400, "Corpo della richiesta illeggibile.")
            return
        raw_headers = [
            (name, value)
            for name, value in scope["headers"]
            if name.lower() not in (b"content-encoding", b"content-length")
        ]
        raw_headers.append((b"content-length", str(len(body)).encode()))
        delivered = False

        async def inflated() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app({**scope, "headers": raw_headers}, inflated, send)


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
    await JSONResponse({"detail": detail}, status)(scope, receive, send)
