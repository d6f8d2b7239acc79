"""The sync wire format shared by the client engine and the provincial server (DESIGN.md §3).

JSON over HTTP under ``/api/v1``, gzip bodies both ways (plain JSON is accepted too). Every call
but ``enroll`` carries ``Authorization: Bearer <token>`` and the ``X-Trama-*`` headers below.
Changes to this module are additive only: a field removed or renamed is a new protocol version.

``WireRecord.data`` holds the row's domain columns (never the bookkeeping columns in
``BOOKKEEPING_COLUMNS``) as JSON values: dates and datetimes as ISO strings (datetimes in UTC),
enumerations as their codes, lists as lists.

Semantics both sides rely on:

- Push: receipts come in the order of the request's records. ``accepted`` carries the record's
  new revision (a record identical to the server's current version is accepted with the
  existing revision and not stored again, so a resend after a lost receipt is harmless);
  ``conflict`` carries ``server_record`` (``base_revision`` was stale: merge and push again with
  ``base_revision = server_record.revision``); ``rejected`` carries an Italian ``message``.
  Replaying a ``batch_id`` with the same records returns the stored receipts. On a push,
  ``owner_site`` and ``revision`` are informational: the server decides ownership (DESIGN.md §3)
  and answers with revisions; records are applied parents first whatever their order.
- Pull: records come in ascending server order; store ``next_cursor`` (opaque) with the page.
  A record may come again with a new ``revision`` and unchanged data when its audience changed.
  A ``scope_removed`` record has empty ``data``: drop the local row without treating it as a
  delete. Across pages a child may arrive before its parent (the parent was edited later), so
  apply pages without relying on foreign-key order between pages.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import uuid
import zlib
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from sync.protocol.audit import DETAILS_MAX
from sync.protocol.codes import SiteKind
from sync.protocol.record_schema_data import CLIENT_SCHEMAS

PROTOCOL_VERSION = 1
MIN_PROTOCOL = 1
MAX_PROTOCOL = 1
API_PREFIX = "/api/v1"

HEADER_PROTOCOL = "X-Trama-Protocol"
HEADER_APP_VERSION = "X-Trama-App-Version"
HEADER_SCHEMA = "X-Trama-Schema"

MAX_BATCH_RECORDS = 250
# Uncompressed JSON size a client aims for per push; the server refuses bodies over MAX_BODY_BYTES.
MAX_BATCH_BYTES = 1_000_000
MAX_BODY_BYTES = 16_000_000
DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 2000
# Aggregates below this count are withheld from the Province (statistical disclosure control).
SUPPRESSION_THRESHOLD = 5
# The office application's schema revisions (desktop/store/migrate.py) whose clients the server
# accepts, oldest first: the server learns them from the written record schema, not by importing
# the desktop (a new desktop migration reaches it with ``python -m sync.client.record_schema``;
# tests/sync/test_protocol.py compares them).
ACCEPTED_CLIENT_SCHEMAS: tuple[str, ...] = CLIENT_SCHEMAS

# Every synced table, parents before children, so a page or batch applied in this order never
# meets a dangling foreign key. Checked against desktop.store.models by tests/sync.
SYNCED_TABLES: tuple[str, ...] = (
    "ambito",
    "municipality",
    "job_centre",
    "site",
    "operator",
    "organization",
    "contact",
    "referent",
    "job_centre_catchment",
    "retention_rule",
    "referral_route",
    "person",
    "referral",
    "referral_event",
    "referral_handling",
    "path_action",
    "plan_goal",
    "plan_action",
    "joint_interview",
    "plan_review",
    "privacy_acknowledgement",
    "social_referral",
    "social_referral_reply",
    "project",
    "project_partner",
    "project_funding",
    "project_activity",
    "project_indicator",
    "project_beneficiary",
    "meeting",
    "meeting_participant",
    "agenda_item",
    "action_item",
)
# Rows that stay on the PC: settings, the audit trail, the log of documents it issued.
LOCAL_TABLES: frozenset[str] = frozenset(
    {
        "local_setting",
        "audit_entry",
        "issued_document",
        "alembic_version",
        "referral_search",
        # Where each imported record came from (desktop.services.imports): this PC's files.
        "imported_row",
    }
)
# The client's own sync bookkeeping (outbox, bases, conflicts, log) is named sync_*.
CLIENT_TABLE_PREFIX = "sync_"


def is_local_table(name: str) -> bool:
    """A table that never travels: the PC's settings, audit, and sync bookkeeping."""
    return name in LOCAL_TABLES or name.startswith(CLIENT_TABLE_PREFIX)


# Owned by the Province's site, readable by everyone.
REFERENCE_TABLES: frozenset[str] = frozenset(
    {
        "ambito",
        "municipality",
        "job_centre",
        "site",
        "operator",
        "job_centre_catchment",
        "referent",
        "retention_rule",
        "referral_route",
    }
)
# The network directory: owned by the site that created a row, readable by everyone.
DIRECTORY_TABLES: frozenset[str] = frozenset({"organization", "contact"})
# Owned by the CPI the referral is addressed to.
HANDLING_TABLES: frozenset[str] = frozenset({"referral_handling", "path_action"})
# The joint activation plan of a referral: each row owned by the site that wrote it (any site
# that sees the referral may add its own), seen by whoever sees the referral.
JOINT_PLAN_TABLES: frozenset[str] = frozenset(
    {"plan_goal", "plan_action", "joint_interview", "plan_review"}
)
# A CPI's referral to an Ambito's social services, and the Ambito's replies to it.
SOCIAL_REFERRAL_TABLES: frozenset[str] = frozenset({"social_referral", "social_referral_reply"})
BOOKKEEPING_COLUMNS: frozenset[str] = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "updated_by",
        "owner_site",
        "server_revision",
        "dirty",
        "deleted",
    }
)

# Reference rows created on the server get identifiers derived from their natural key, so that a
# PC that loaded the same comune offline can recognise it.
REFERENCE_NAMESPACE = uuid.UUID("6f1d3c52-8a7e-4c36-9a43-4b1f5e0d2a71")


def reference_id(table: str, natural_key: str) -> str:
    """The stable identifier of a reference row, e.g. ``reference_id("municipality", "012001")``."""
    return str(uuid.uuid5(REFERENCE_NAMESPACE, f"{table}:{natural_key}"))


def retention_rule_id(record_kind: str, track: str | None, closing: str) -> str:
    """The stable identifier of the retention rule for a kind, track (None: any) and closing
    ("": any): the demo configurations and ``trama-server reference import`` agree on it."""
    return reference_id("retention_rule", retention_rule_key(record_kind, track, closing))


def retention_rule_key(record_kind: str, track: str | None, closing: str) -> str:
    return f"{record_kind}:{track or ''}:{closing}"


class WireModel(BaseModel):
    # Unknown fields are ignored so that an additive change never breaks the other side.
    model_config = ConfigDict(extra="ignore")


class MetaResponse(WireModel):
    protocol_version: int
    server_version: str
    min_protocol: int
    max_protocol: int
    accepted_schemas: list[str]
    message: str = ""


class EnrollRequest(WireModel):
    code: str = Field(min_length=1, max_length=64)
    device_name: str = Field(min_length=1, max_length=200)


class SiteInfo(WireModel):
    code: str
    kind: SiteKind
    name: str
    job_centre_code: str | None = None
    ambito_code: str | None = None
    # The ``site`` reference row describing this site, once pulled.
    record_id: str | None = None


class EnrollResponse(WireModel):
    token: str
    device_id: str
    site: SiteInfo
    # This device's ordinal among every device the server ever enrolled (1, 2, ...): the
    # series of the referral numbers it draws ("2026/P0002/000123"), so two PCs never draw
    # the same number. Null from a server that predates it.
    device_number: int | None = None


class WireRecord(WireModel):
    table: str = Field(min_length=1, max_length=40)
    id: str = Field(min_length=1, max_length=36)
    # The server's revision of this version; null on a push.
    revision: int | None = None
    # The revision the client's change was made on; null for a new record.
    base_revision: int | None = None
    owner_site: str = Field(max_length=32)
    deleted: bool = False
    # The row left this site's scope (e.g. re-addressed to another CPI): drop it locally, it was
    # not deleted.
    scope_removed: bool = False
    updated_at: AwareDatetime
    updated_by: str = Field(default="", max_length=64)
    data: dict[str, Any] = Field(default_factory=dict)


class PushRequest(WireModel):
    batch_id: uuid.UUID
    records: list[WireRecord] = Field(max_length=MAX_BATCH_RECORDS)


class ReceiptStatus(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # not allowed or invalid: the message says why; do not resend as is
    CONFLICT = "conflict"  # base_revision is stale: merge with server_record and push again


class Receipt(WireModel):
    table: str
    id: str
    status: ReceiptStatus
    revision: int | None = None
    message: str | None = None
    server_record: WireRecord | None = None


class PushResponse(WireModel):
    batch_id: uuid.UUID
    receipts: list[Receipt]


class PullPage(WireModel):
    records: list[WireRecord]
    next_cursor: int
    has_more: bool


class DigestResponse(WireModel):
    """sha256 over the sorted lines ``table:id:revision`` of the site's non-deleted scope."""

    count: int
    digest: str
    # The highest revision the digest covers: compare only after pulling up to it.
    revision: int = 0


class AggregateCount(WireModel):
    key: str
    label: str = ""
    count: int | None
    suppressed: bool = False


class AggregatesResponse(WireModel):
    """Referral counts for the Province; ``count`` is null and ``suppressed`` true under 5."""

    threshold: int = SUPPRESSION_THRESHOLD
    generated_at: datetime
    total: AggregateCount
    by_ambito: list[AggregateCount]
    by_job_centre: list[AggregateCount]
    by_track: list[AggregateCount]
    by_status: list[AggregateCount]
    by_month: list[AggregateCount]


# The audit trail (sync.protocol.audit) travels on its own route, never as records: a site pushes
# its chains' rows (``POST /audit``: rows must continue what the server holds, with no gap; the
# answer says where each chain now ends) and reads them back (``GET /audit/rows``: the caller's own
# site, any site for the Province's).
MAX_AUDIT_ROWS = 500
DEFAULT_AUDIT_LIMIT = 500
MAX_AUDIT_LIMIT = 2000
HASH_PATTERN = "^[0-9a-f]{64}$"


class WireAuditRow(WireModel):
    """One audit row as hashed (``sync.protocol.audit.HASHED_FIELDS``) plus its ``id``."""

    id: str = Field(min_length=1, max_length=36)
    chain_id: str = Field(min_length=1, max_length=36)
    # Bounded where every JSON reader holds an integer exactly (a float's 53 bits).
    seq: int = Field(ge=1, le=2**53)
    at: AwareDatetime
    operator: str = Field(max_length=64)
    workstation: str = Field(default="", max_length=64)
    site: str = Field(min_length=1, max_length=32)
    action: str = Field(min_length=1, max_length=60)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=36)
    details: str = Field(default="", max_length=DETAILS_MAX)
    prev_hash: str = Field(pattern=HASH_PATTERN)
    hash: str = Field(pattern=HASH_PATTERN)


class AuditPushRequest(WireModel):
    rows: list[WireAuditRow] = Field(max_length=MAX_AUDIT_ROWS)


class AuditChainState(WireModel):
    """Where the server's copy of a chain ends (its last row's number and hash)."""

    chain_id: str
    site: str
    last_seq: int
    last_hash: str


class AuditPushResponse(WireModel):
    chains: list[AuditChainState]


class StoredAuditRow(WireAuditRow):
    received_at: AwareDatetime
    # The server's order of arrival: the cursor of ``GET /audit/rows``.
    position: int


class AuditPage(WireModel):
    rows: list[StoredAuditRow]
    next_cursor: int
    has_more: bool


class ErrorResponse(WireModel):
    detail: str


def client_headers(app_version: str, schema: str, token: str | None = None) -> dict[str, str]:
    """The headers every client request carries (the token for all calls but enroll)."""
    headers = {
        HEADER_PROTOCOL: str(PROTOCOL_VERSION),
        HEADER_APP_VERSION: app_version,
        HEADER_SCHEMA: schema,
        "Accept-Encoding": "gzip",
        "Content-Type": "application/json",
    }
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def gzip_json(value: BaseModel | Any) -> bytes:
    """A model or plain JSON value as a gzip body (``Content-Encoding: gzip``)."""
    raw = value.model_dump_json() if isinstance(value, BaseModel) else json.dumps(value)
    # mtime=0: the same payload always compresses to the same bytes.
    return gzip.compress(raw.encode("utf-8"), compresslevel=5, mtime=0)


class BodyTooLarge(ValueError):
    pass


def gunzip(raw: bytes, limit: int = MAX_BODY_BYTES) -> bytes:
    """Decompress a gzip body, refusing one that would inflate beyond ``limit`` bytes."""
    inflater = zlib.decompressobj(wbits=31)
    out = inflater.decompress(raw, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise BodyTooLarge(f"body larger than {limit} bytes")
    if not inflater.eof:
        raise ValueError("truncated gzip body")
    return out


def decode_body(raw: bytes, content_encoding: str | None) -> bytes:
    """The JSON bytes of a body that may be gzip-encoded."""
    if content_encoding is not None and content_encoding.strip().lower() == "gzip":
        return gunzip(raw)
    if len(raw) > MAX_BODY_BYTES:
        raise BodyTooLarge(f"body larger than {MAX_BODY_BYTES} bytes")
    return raw


def ungzip_json(raw: bytes, content_encoding: str | None = "gzip") -> Any:
    return json.loads(decode_body(raw, content_encoding))


def payload_hash(request: PushRequest) -> str:
    """The idempotency fingerprint of a batch: same batch_id and hash means the same batch."""
    records = [record.model_dump(mode="json") for record in request.records]
    canonical = json.dumps(records, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def scope_digest(lines: Iterable[tuple[str, str, int]]) -> str:
    """The drift-check digest over (table, id, revision) triples, in any order."""
    formatted = sorted(f"{table}:{record_id}:{revision}\n" for table, record_id, revision in lines)
    return hashlib.sha256("".join(formatted).encode()).hexdigest()
