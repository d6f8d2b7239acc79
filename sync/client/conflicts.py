"""Conflicts a person resolves field by field (DESIGN.md §3.5).

Values are given in wire form (JSON values: ISO dates, codes, true/false), the same form a
``CustomValue`` is typed in. Resolving writes the chosen value into the row as a new local
change (audited), so the next sync sends it on top of the other side's version; once no field
of the record is left in conflict, the record is sent again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from desktop.domain.actor import Actor
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.domain.identity import workstation
from desktop.store.codec import Kind, codec
from desktop.store.engine import Store
from sync.client import db as local
from sync.client.audit import append_audit_row
from sync.client.merge import DELETED_FIELD


@dataclass(frozen=True)
class CustomValue:
    """A value typed by a person instead of either side's (wire form)."""

    value: Any


Choice = Literal["local", "remote"] | CustomValue


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table: str
    record_id: str
    record_label: str  # what the UI names the record by (a referral's number, a person's name)
    field: str
    kind: str  # the field's codec kind: text, integer, date, boolean, ... ("boolean" for deleted)
    local_value: Any  # wire form
    remote_value: Any
    base_value: Any
    remote_revision: int
    remote_updated_by: str
    detected_at: datetime
    resolved_at: datetime | None
    resolution: str


_LABELS = {
    "referral": "SELECT number FROM referral WHERE id = ?",
    "person": "SELECT last_name || ' ' || first_name FROM person WHERE id = ?",
    "organization": "SELECT name FROM organization WHERE id = ?",
    "contact": "SELECT last_name || ' ' || first_name FROM contact WHERE id = ?",
    "project": "SELECT title FROM project WHERE id = ?",
    "meeting": "SELECT number || ' ' || title FROM meeting WHERE id = ?",
}


def _wire(table: str, field: str, stored: str) -> Any:
    value = json.loads(stored)
    if field == DELETED_FIELD:
        return None if value is None else bool(value)
    return codec(table).wire_value(field, value)


def _kind(table: str, field: str) -> str:
    if field == DELETED_FIELD:
        return Kind.BOOLEAN.value
    table_codec = codec(table)
    return table_codec.kinds[table_codec.columns.index(field)].value


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def list_conflicts(store: Store, *, include_resolved: bool = False) -> list[ConflictRow]:
    """Open conflicts (and, on request, resolved ones), grouped by record, oldest first."""
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows: list[ConflictRow] = []
    with local.reading(store) as connection:
        for (
            conflict_id, table, record_id, field, mine, theirs, base, revision, by, detected,
            resolved, resolution,
        ) in connection.execute(
            "SELECT id, table_name, record_id, field, local_value, remote_value, base_value, "
            "remote_revision, remote_updated_by, detected_at, resolved_at, resolution "
            f"FROM sync_conflict {where} ORDER BY table_name, record_id, detected_at, field"
        ).fetchall():  # fmt: skip
            label_sql = _LABELS.get(table)
            label_row = (
                connection.execute(label_sql, (record_id,)).fetchone() if label_sql else None
            )
            rows.append(
                ConflictRow(
                    id=conflict_id,
                    table=table,
                    record_id=record_id,
                    record_label=str(label_row[0]) if label_row and label_row[0] else record_id,
                    field=field,
                    kind=_kind(table, field),
                    local_value=_wire(table, field, mine),
                    remote_value=_wire(table, field, theirs),
                    base_value=_wire(table, field, base),
                    remote_revision=revision,
                    remote_updated_by=by,
                    detected_at=_time(detected) or datetime.now(UTC),
                    resolved_at=_time(resolved),
                    resolution=resolution,
                )
            )
    return rows


def resolve_conflict(
    store: Store, conflict_id: str, choice: Choice, *, actor: Actor | None = None
) -> None:
    """Keep this PC's value, take the other one, or set a typed ``CustomValue``.

    Raises ``NotFoundError`` for an unknown or already resolved conflict and ``ValidationError``
    for a value the field cannot hold; nothing changes then.
    """
    connection = local.connect(store, foreign_keys=False)
    try:
        with local.atomic(connection):
            found = connection.execute(
                "SELECT table_name, record_id, field, local_value, remote_value "
                "FROM sync_conflict WHERE id = ? AND resolved_at IS NULL",
                (conflict_id,),
            ).fetchone()
            if found is None:
                raise NotFoundError("Il conflitto indicato non esiste o è già stato risolto.")
            table, record_id, field, mine, theirs = found
            value, resolution = _chosen(table, field, choice, mine, theirs)
            now = local.now_text()
            operator = actor.operator if actor else ""
            column = "deleted" if field == DELETED_FIELD else field
            connection.execute(
                f'UPDATE "{table}" SET "{column}" = ?, dirty = 1, updated_at = ?, '
                "updated_by = CASE WHEN ? = '' THEN updated_by ELSE ? END WHERE id = ?",
                (value, now, operator, operator, record_id),
            )
            connection.execute(
                "UPDATE sync_conflict SET resolved_at = ?, resolution = ? WHERE id = ?",
                (now, resolution, conflict_id),
            )
            connection.execute("DELETE FROM local_setting WHERE key = ?", (local.LOCAL_DIGEST,))
            if actor is not None:
                append_audit_row(
                    connection,
                    operator=actor.operator,
                    workstation=actor.workstation or workstation(),
                    site=actor.site_code,
                    action="resolve_conflict",
                    entity=table,
                    entity_id=record_id,
                    details=f"{field}: {resolution}",
                )
    finally:
        connection.close()


def _chosen(table: str, field: str, choice: Choice, mine: str, theirs: str) -> tuple[Any, str]:
    if choice == "local":
        return json.loads(mine), "local"
    if choice == "remote":
        return json.loads(theirs), "remote"
    if not isinstance(choice, CustomValue):
        raise ValueError(f"unknown choice {choice!r}")
    if field == DELETED_FIELD:
        return int(bool(choice.value)), "value"
    table_codec = codec(table)
    try:
        value = table_codec.sql_value(field, choice.value)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            {field: "Il valore indicato non è valido per questo campo."}
        ) from error
    if value is None and not table_codec.nullable[table_codec.columns.index(field)]:
        raise ValidationError({field: "Il campo non può essere vuoto."})
    return value, "value"
