"""The ASGI application: ``create_app(db_url)``; gzip both ways, Italian JSON errors.

What a request may cost (authentication before the body, body size, rate limits) is decided in
front of the routes by ``sync.server.guard``.
"""

from __future__ import annotations

import logging
import os
import threading

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from sync.server.admin import open_db
from sync.server.auth import ApiError
from sync.server.db import ServerDB
from sync.server.guard import RequestGuard, RequestLimits
from sync.server.monitoring import warm
from sync.server.routes import SERVER_VERSION, router

log = logging.getLogger(__name__)


DB_ENV = "TRAMA_SERVER_DB"
DOCS_ENV = "TRAMA_SERVER_DOCS"


def app_from_environment() -> FastAPI:
    """The factory each ``trama-server serve`` worker calls (the schema already exists)."""
    app = create_app(
        os.environ[DB_ENV],
        create_schema=False,
        docs=os.environ.get(DOCS_ENV, "") == "1",
        limits=RequestLimits.from_environment(),
    )
    # The Province's monitoring tables are counted from a snapshot each worker keeps: read it
    # while the worker waits for its first requests, not during the Province's first one.
    threading.Thread(
        target=warm, args=(app.state.db,), name="monitoring-snapshot", daemon=True
    ).start()
    return app


def create_app(
    db_url: str,
    *,
    create_schema: bool = True,
    docs: bool = False,
    limits: RequestLimits | None = None,
) -> FastAPI:
    """The application; ``docs`` serves /docs, /redoc and /openapi.json (off: not public)."""
    app = FastAPI(
        title="Trama provincial server",
        version=SERVER_VERSION,
        description="Batch sync of the Trama offices with the Province of Varese.",
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.db = open_db(db_url) if create_schema else ServerDB(db_url)
    app.include_router(router)
    # Added last, so outermost: a refusal made by the guard is gzip-compressed like any answer.
    app.add_middleware(RequestGuard, db=app.state.db, limits=limits or RequestLimits(), docs=docs)
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
