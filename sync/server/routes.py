"""The HTTP API under ``/api/v1`` (wire models in ``sync.protocol``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from sync import protocol
from sync.protocol import (
    AggregatesResponse,
    AuditPage,
    AuditPushResponse,
    DigestResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
    MetaResponse,
    PullPage,
    PushResponse,
    WireRecord,
)
from sync.protocol.monitoring_wire import MonitoringResponse
from sync.server import admin
from sync.server.aggregates import aggregates
from sync.server.audit import push_audit, read_audit
from sync.server.auth import ApiError, Caller, current_caller, require_province
from sync.server.db import ServerDB
from sync.server.monitoring import monitoring, parse_period
from sync.server.pull import digest, pull_page_json, read_record
from sync.server.push import apply_push
from sync.server.strict import AuditPushBody, PushBody

SERVER_VERSION = "0.1.0"
MAX_CURSOR = 2**62


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error("Unreadable body (e.g. corrupt gzip)"),
    413: _error("Body too large"),
    415: _error("Unsupported Content-Encoding"),
    422: _error("Invalid request"),
    426: _error("Unsupported protocol or schema version"),
    429: _error("Too many failed enrollments or authentications from this address (Retry-After)"),
    503: _error("Busy: retry after the Retry-After header's seconds"),
}
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _error("Unknown or revoked device token"),
    403: _error("Not allowed for this site"),
}


def version_gate(
    # Left out of the OpenAPI document: they are the version gate's, not a request's data, and
    # a fuzzer sending every possible value would only ever meet the documented 426.
    x_trama_protocol: Annotated[str | None, Header(include_in_schema=False)] = None,
    x_trama_schema: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Refuse a client speaking another protocol, or one with a schema this server does not know."""
    if x_trama_protocol is not None:
        try:
            version = int(x_trama_protocol)
        except ValueError:
            version = -1
        if not protocol.MIN_PROTOCOL <= version <= protocol.MAX_PROTOCOL:
            raise ApiError(426, _meta().message or "Versione del protocollo non supportata.")
    if x_trama_schema is not None and x_trama_schema not in protocol.ACCEPTED_CLIENT_SCHEMAS:
        raise ApiError(
            426,
            "La versione dell'applicazione è più recente di quella del server provinciale: "
            "la sincronizzazione riprenderà quando il server sarà aggiornato.",
        )


def _meta() -> MetaResponse:
    return MetaResponse(
        protocol_version=protocol.PROTOCOL_VERSION,
        server_version=SERVER_VERSION,
        min_protocol=protocol.MIN_PROTOCOL,
        max_protocol=protocol.MAX_PROTOCOL,
        accepted_schemas=list(protocol.ACCEPTED_CLIENT_SCHEMAS),
        message=(
            f"Il server provinciale accetta il protocollo di sincronizzazione "
            f"{protocol.MIN_PROTOCOL}-{protocol.MAX_PROTOCOL}: aggiornare Trama."
        ),
    )


def _db(request: Request) -> ServerDB:
    db: ServerDB = request.app.state.db
    return db


Db = Annotated[ServerDB, Depends(_db)]
AuthorisedCaller = Annotated[Caller, Depends(current_caller)]

router = APIRouter(prefix=protocol.API_PREFIX, responses=COMMON_RESPONSES)


@router.get("/meta", response_model=MetaResponse, tags=["sync"])
def meta() -> MetaResponse:
    """Versions this server speaks; a client calls it first and refuses loudly if incompatible."""
    return _meta()


@router.post(
    "/enroll",
    response_model=EnrollResponse,
    dependencies=[Depends(version_gate)],
    responses={401: _error("Invalid, used or expired enrollment code")},
    tags=["sync"],
)
def enroll(body: EnrollRequest, db: Db) -> EnrollResponse:
    """Exchange a one-time enrollment code for a device token (shown once, stored hashed)."""
    try:
        return admin.enroll(db, body.code, _printable(body.device_name))
    except admin.AdminError as error:
        raise ApiError(401, str(error), {"WWW-Authenticate": "Bearer"}) from error


@router.post(
    "/push",
    response_model=PushResponse,
    dependencies=[Depends(version_gate)],
    responses=AUTH_RESPONSES,
    tags=["sync"],
)
def push(body: PushBody, caller: AuthorisedCaller, db: Db) -> PushResponse:
    """Apply a batch; a retry under the same ``batch_id`` returns the same receipts."""
    return apply_push(db, caller, body)


@router.get(
    "/pull",
    response_model=PullPage,
    dependencies=[Depends(version_gate)],
    responses=AUTH_RESPONSES,
    tags=["sync"],
)
def pull(
    caller: AuthorisedCaller,
    db: Db,
    after: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=protocol.MAX_PULL_LIMIT)] = protocol.DEFAULT_PULL_LIMIT,
) -> Response:
    """Changes visible to the caller's site after ``after``, in revision order."""
    # Serialised by hand from the stored JSON: the page is built from trusted rows and can be
    # large (sync.server.pull).
    return Response(pull_page_json(db, caller, after, limit), media_type="application/json")


@router.get(
    "/records/{table}/{record_id}",
    response_model=WireRecord,
    dependencies=[Depends(version_gate)],
    responses={**AUTH_RESPONSES, 404: _error("No such record visible to this site")},
    tags=["sync"],
)
def get_record(
    table: Annotated[str, Path(max_length=40)],
    record_id: Annotated[str, Path(max_length=36)],
    caller: AuthorisedCaller,
    db: Db,
) -> WireRecord:
    """One record, if the caller's site may see it (else 404, whether it exists or not)."""
    found = None
    if table in protocol.SYNCED_TABLES and _printable(record_id) == record_id:
        found = read_record(db, caller, table, record_id)
    if found is None:
        raise ApiError(404, "Record inesistente o non visibile a questa sede.")
    return found


@router.get(
    "/digest",
    response_model=DigestResponse,
    dependencies=[Depends(version_gate)],
    responses=AUTH_RESPONSES,
    tags=["sync"],
)
def scope_digest(caller: AuthorisedCaller, db: Db) -> DigestResponse:
    """Count and digest of the caller's scope, for the end-of-sync drift check."""
    return digest(db, caller)


@router.get(
    "/aggregates",
    response_model=AggregatesResponse,
    dependencies=[Depends(version_gate)],
    responses=AUTH_RESPONSES,
    tags=["province"],
)
def referral_aggregates(caller: AuthorisedCaller, db: Db) -> AggregatesResponse:
    """Referral counts for the Province's site only; counts under 5 are suppressed."""
    require_province(caller)
    return aggregates(db)


@router.get(
    "/monitoring",
    response_model=MonitoringResponse,
    dependencies=[Depends(version_gate)],
    responses={**AUTH_RESPONSES, 422: _error("Malformed, reversed or too long period")},
    tags=["province"],
)
def referral_monitoring(
    caller: AuthorisedCaller,
    db: Db,
    # Plain strings, checked by parse_period: its refusals are Italian sentences.
    start: Annotated[str | None, Query(description="First day, YYYY-MM-DD")] = None,
    end: Annotated[
        str | None, Query(description="Last day, YYYY-MM-DD (five years at most)")
    ] = None,
) -> MonitoringResponse:
    """The Province's monitoring tables over the whole quarters of the period, protected by
    primary and secondary suppression (sync.server.disclosure)."""
    require_province(caller)
    first, last = parse_period(start, end)
    return monitoring(db, first, last)


@router.post(
    "/audit",
    response_model=AuditPushResponse,
    dependencies=[Depends(version_gate)],
    responses={
        **AUTH_RESPONSES,
        409: _error("The rows do not continue the chain the server holds (gap, fork, tamper)"),
    },
    tags=["audit"],
)
def audit_push(body: AuditPushBody, caller: AuthorisedCaller, db: Db) -> AuditPushResponse:
    """Rows of the caller's audit chains, each continuing what the server holds (or identical
    to a row it holds); refused whole, with nothing stored, otherwise."""
    return push_audit(db, caller, body)


# Its own path, not a GET beside the POST of /audit: a 405 there would name only one method.
@router.get(
    "/audit/rows",
    response_model=AuditPage,
    dependencies=[Depends(version_gate)],
    responses=AUTH_RESPONSES,
    tags=["audit"],
)
def audit_read(
    caller: AuthorisedCaller,
    db: Db,
    site: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    after: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=protocol.MAX_AUDIT_LIMIT)] = protocol.DEFAULT_AUDIT_LIMIT,
) -> AuditPage:
    """The audit rows of the caller's site (any site's for the Province's), in order of arrival."""
    return read_audit(db, caller, site, after, limit)


def _printable(value: str) -> str:
    # PostgreSQL refuses NUL in text, and control characters have no place in a name or id.
    return "".join(char for char in value if char.isprintable())
