"""Writes ``sync/protocol/record_schema_data.py``, the shape of every synced table's ``data``.

The desktop's ORM models are where a table's columns are declared; the server may not import
them (it installs without the desktop), so their wire shape is written out as plain data that
both sides load through ``sync.protocol.records``. ``tests/sync/test_record_schema.py`` fails
when the models and the written file disagree; then run::

    python -m sync.client.record_schema
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from desktop.store.base import Code
from desktop.store.codec import Kind, column_kind
from desktop.store.migrate import SCHEMA_REVISIONS
from desktop.store.models import Base
from sync.protocol import BOOKKEEPING_COLUMNS, SYNCED_TABLES
from sync.protocol.codes import CompatibleTask, Need, OtherService, PlacementSupport

TARGET = Path(__file__).resolve().parent.parent / "protocol" / "record_schema_data.py"
# Text columns without a declared length: the longest text any form accepts (minutes' text).
LONG_TEXT = 20_000
# JSON list columns: what their items are (the ORM only knows "JSON").
LIST_ITEMS: dict[tuple[str, str], type[StrEnum] | int] = {
    ("referral", "needs"): Need,
    ("referral", "other_services"): OtherService,
    ("referral", "attachments"): 200,
    ("meeting", "attachments"): 200,
    ("referral", "compatible_tasks"): CompatibleTask,
    ("referral", "placement_supports"): PlacementSupport,
    ("joint_interview", "participants"): 300,
    ("social_referral", "needs"): 120,  # free words: social needs have no code list yet
}
LIST_MAX_ITEMS = 100
# Columns naming a site by its code rather than by a foreign key.
SITE_CODE_COLUMNS: frozenset[tuple[str, str]] = frozenset(
    {
        ("referral", "sending_site"),
        ("referral_event", "site"),
        ("social_referral", "sending_site"),
        ("social_referral_reply", "site"),
    }
)

_HEADER = '''"""Written by ``python -m sync.client.record_schema`` from the desktop's models.

``TABLES[table][field]`` describes one field of a synced record's ``data`` (see
``sync.protocol.records``): ``kind``, ``nullable``, ``required`` (no default: a record must
carry it), ``max_length``, ``codes`` (the allowed enumeration values), ``references`` (the
table whose id it holds), ``items`` (a list's item rules) and ``site`` (a site's code).
"""

from typing import Any

TABLES: dict[str, dict[str, dict[str, Any]]] = '''


_REVISIONS_NOTE = """\
# The desktop schema revisions whose records have this shape, oldest first: the server accepts
# their clients (sync.protocol.ACCEPTED_CLIENT_SCHEMAS)."""


def _field(table: str, column: sa.Column[Any]) -> dict[str, Any]:
    kind = column_kind(column)
    spec: dict[str, Any] = {"kind": "list" if kind is Kind.JSON else kind.value}
    spec["nullable"] = bool(column.nullable)
    spec["required"] = not column.nullable and column.default is None
    column_type: Any = column.type
    if isinstance(column_type, Code):
        spec["codes"] = sorted(member.value for member in column_type.enum)
    elif kind is Kind.TEXT:
        length = getattr(column_type, "length", None)
        spec["max_length"] = length or LONG_TEXT
    if kind is Kind.JSON:
        items = LIST_ITEMS[(table, column.name)]
        if isinstance(items, int):
            spec["items"] = {"max_length": items}
        else:
            spec["items"] = {"codes": sorted(member.value for member in items)}
        spec["max_items"] = LIST_MAX_ITEMS
    targets = [key.column.table.name for key in column.foreign_keys]
    if targets:
        spec["references"] = targets[0]
    if (table, column.name) in SITE_CODE_COLUMNS:
        spec["site"] = True
    return spec


def build() -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced table's fields, in ``SYNCED_TABLES`` order."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for name in SYNCED_TABLES:
        table = Base.metadata.tables[name]
        tables[name] = {
            column.name: _field(name, column)
            for column in table.columns
            if column.name not in BOOKKEEPING_COLUMNS
        }
    return tables


def render() -> str:
    # One line per field, so that a table reads as a list of its columns (the file is left out
    # of ruff's formatting and line length: it is data, written here).
    lines = ["{"]
    for table, fields in build().items():
        lines.append(f"    {table!r}: {{")
        lines += [f"        {name!r}: {spec!r}," for name, spec in fields.items()]
        lines.append("    },")
    lines.append("}")
    lines += ["", _REVISIONS_NOTE, "CLIENT_SCHEMAS: tuple[str, ...] = ("]
    lines += [f"    {revision!r}," for revision in SCHEMA_REVISIONS]
    lines.append(")")
    return (_HEADER + "\n".join(lines) + "\n").replace("'", '"')


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"scritto {TARGET.name}")  # noqa: T201 - a developer's command
    return 0


if __name__ == "__main__":
    sys.exit(main())
