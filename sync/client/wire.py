"""Reading pull pages fast: ``json.loads`` and checks of the envelope, not full validation.

A first pull brings hundreds of thousands of records; pydantic's validation of each record's
``data`` dict costs more than writing the row. The envelope (table, id, revision, flags,
timestamp) is checked here; ``data`` values are checked by the codec as they are converted.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sync.client.errors import ProtocolViolationError
from sync.protocol import PullPage, WireRecord

_BAD = "Il server ha inviato dati non validi ({}): riprovare più tardi o aggiornare Trama."


def _fail(what: str) -> ProtocolViolationError:
    return ProtocolViolationError(_BAD.format(what))


def _text(item: dict[str, Any], key: str, limit: int, *, required: bool = True) -> str:
    value = item.get(key, None if required else "")
    if not isinstance(value, str) or len(value) > limit or (required and not value):
        raise _fail(f"campo {key}")
    return value


def _revision(item: dict[str, Any], key: str) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(f"campo {key}")
    return value


def _flag(item: dict[str, Any], key: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise _fail(f"campo {key}")
    return value


def _moment(value: Any) -> datetime:
    if not isinstance(value, str):
        raise _fail("campo updated_at")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _fail("campo updated_at") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def record(item: Any) -> WireRecord:
    if not isinstance(item, dict):
        raise _fail("record")
    data = item.get("data", {})
    if not isinstance(data, dict):
        raise _fail("campo data")
    return WireRecord.model_construct(
        table=_text(item, "table", 40),
        id=_text(item, "id", 36),
        revision=_revision(item, "revision"),
        base_revision=_revision(item, "base_revision"),
        owner_site=_text(item, "owner_site", 32, required=False),
        deleted=_flag(item, "deleted"),
        scope_removed=_flag(item, "scope_removed"),
        updated_at=_moment(item.get("updated_at")),
        updated_by=_text(item, "updated_by", 64, required=False),
        data=data,
    )


def parse_page(raw: bytes) -> PullPage:
    try:
        value = json.loads(raw)
    except ValueError:
        raise _fail("pagina illeggibile") from None
    if not isinstance(value, dict) or not isinstance(value.get("records"), list):
        raise _fail("pagina")
    cursor, more = value.get("next_cursor"), value.get("has_more")
    if not isinstance(cursor, int) or isinstance(cursor, bool) or not isinstance(more, bool):
        raise _fail("cursore")
    return PullPage.model_construct(
        records=[record(item) for item in value["records"]], next_cursor=cursor, has_more=more
    )
