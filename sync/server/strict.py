"""Request bodies as the server validates them: exactly the JSON types the OpenAPI document says.

The wire models of ``sync.protocol`` are lax (an integer there would pass for a timestamp, "1"
for a revision), which suits the client building them from its own rows; what arrives from the
network must match the published schema instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BeforeValidator, Field, StrictBool, StrictInt, StrictStr

from sync.protocol import (
    HASH_PATTERN,
    MAX_AUDIT_ROWS,
    MAX_BATCH_RECORDS,
    AuditPushRequest,
    PushRequest,
    WireAuditRow,
    WireRecord,
)
from sync.protocol.audit import DETAILS_MAX


def _timestamp_text(value: Any) -> Any:
    if not isinstance(value, str | datetime):
        raise ValueError("an ISO 8601 timestamp string is required")
    return value


def _whole_number(value: Any) -> Any:
    # JSON Schema's integer includes 12.0; a string, a boolean or 12.5 is not one.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("an integer is required")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("an integer is required")
        return int(value)
    return value


class PushedRecord(WireRecord):
    table: StrictStr = Field(min_length=1, max_length=40)
    id: StrictStr = Field(min_length=1, max_length=36)
    revision: StrictInt | None = None
    base_revision: StrictInt | None = None
    owner_site: StrictStr = Field(max_length=32)
    deleted: StrictBool = False
    scope_removed: StrictBool = False
    updated_at: Annotated[AwareDatetime, BeforeValidator(_timestamp_text)]
    updated_by: StrictStr = Field(default="", max_length=64)


class PushBody(PushRequest):
    records: list[PushedRecord] = Field(max_length=MAX_BATCH_RECORDS)  # type: ignore[assignment]


class PushedAuditRow(WireAuditRow):
    id: StrictStr = Field(min_length=1, max_length=36)
    chain_id: StrictStr = Field(min_length=1, max_length=36)
    seq: Annotated[int, BeforeValidator(_whole_number)] = Field(ge=1, le=2**53)
    at: Annotated[AwareDatetime, BeforeValidator(_timestamp_text)]
    operator: StrictStr = Field(max_length=64)
    workstation: StrictStr = Field(default="", max_length=64)
    site: StrictStr = Field(min_length=1, max_length=32)
    action: StrictStr = Field(min_length=1, max_length=60)
    entity: StrictStr = Field(max_length=40)
    entity_id: StrictStr = Field(max_length=36)
    details: StrictStr = Field(default="", max_length=DETAILS_MAX)
    prev_hash: StrictStr = Field(pattern=HASH_PATTERN)
    hash: StrictStr = Field(pattern=HASH_PATTERN)


class AuditPushBody(AuditPushRequest):
    rows: list[PushedAuditRow] = Field(max_length=MAX_AUDIT_ROWS)  # type: ignore[assignment]
