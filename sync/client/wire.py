"""Reading pull pages fast: ``json.loads`` and checks of the envelope, not full validation.

A first pull brings hundreds of thousands of records; pydantic's validation of each record's
``data`` dict costs more than writing the row, and even building a model without validation
(``model_construct``) cost a tenth of a first pull. The envelope (table, id, revision, flags,
timestamp) is checked here into a plain tuple; ``data`` values are checked by the codec as they
are converted. A timestamp in the server's usual form stays text: the codec slices it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple, Protocol

from sync.client.errors import ProtocolViolationError

_BAD = "Il server ha inviato dati non validi ({}): riprovare più tardi o aggiornare Trama."


class ServerRecord(Protocol):
    """What the client reads of a record from the server: a pulled ``PulledRecord`` or a
    ``sync.protocol.WireRecord`` (as a conflict receipt carries it)."""

    @property
    def table(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def revision(self) -> int | None: ...
    @property
    def owner_site(self) -> str: ...
    @property
    def deleted(self) -> bool: ...
    @property
    def scope_removed(self) -> bool: ...
    @property
    def updated_at(self) -> datetime | str: ...
    @property
    def updated_by(self) -> str: ...
    @property
    def data(self) -> Mapping[str, Any]: ...


class PulledRecord(NamedTuple):
    """One record of a pull page, its envelope checked (fields as in ``WireRecord``)."""

    table: str
    id: str
    revision: int | None
    base_revision: int | None
    owner_site: str
    deleted: bool
    scope_removed: bool
    updated_at: datetime | str  # ISO 8601 in UTC ("...+00:00"), kept as the server sent it
    updated_by: str
    data: dict[str, Any]


class Page(NamedTuple):
    records: list[PulledRecord]
    next_cursor: int
    has_more: bool


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


def _moment(value: Any) -> datetime | str:
    # The server's own form ("2026-11-27T09:44:26.123456+00:00" or without the fraction),
    # checked by shape here and by the codec's slicing; anything else is parsed in full.
    if (
        isinstance(value, str)
        and len(value) in (25, 32)
        and value[10:11] == "T"
        and value.endswith("+00:00")
        and value[:4].isdigit()
    ):
        return value
    if not isinstance(value, str):
        raise _fail("campo updated_at")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _fail("campo updated_at") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def record(item: Any) -> PulledRecord:
    if not isinstance(item, dict):
        raise _fail("record")
    data = item.get("data", {})
    if not isinstance(data, dict):
        raise _fail("campo data")
    return PulledRecord(
        _text(item, "table", 40),
        _text(item, "id", 36),
        _revision(item, "revision"),
        _revision(item, "base_revision"),
        _text(item, "owner_site", 32, required=False),
        _flag(item, "deleted"),
        _flag(item, "scope_removed"),
        _moment(item.get("updated_at")),
        _text(item, "updated_by", 64, required=False),
        data,
    )


def parse_page(raw: bytes) -> Page:
    try:
        value = json.loads(raw)
    except ValueError:
        raise _fail("pagina illeggibile") from None
    if not isinstance(value, dict) or not isinstance(value.get("records"), list):
        raise _fail("pagina")
    cursor, more = value.get("next_cursor"), value.get("has_more")
    if not isinstance(cursor, int) or isinstance(cursor, bool) or not isinstance(more, bool):
        raise _fail("cursore")
    return Page([record(item) for item in value["records"]], cursor, more)
