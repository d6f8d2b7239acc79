"""Field-by-field three-way merge against the base version (DESIGN.md §3.5).

A field changed on one side only takes that side's value; a field changed on both sides to
different values is a conflict, recorded for a person to resolve, and the row keeps the local
value meanwhile. Never last-write-wins on one field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.store.base import new_id
from desktop.store.codec import MISSING
from desktop.store.raw import Connection
from sync.client.db import dumps, now_text

DELETED_FIELD = "deleted"


@dataclass(frozen=True)
class FieldConflict:
    field: str
    local: Any
    remote: Any
    base: Any  # None when there is no base (the record was never synced here)


@dataclass(frozen=True)
class MergeResult:
    values: list[Any]  # storage values in column order: the row after the merge
    deleted: bool
    conflicts: tuple[FieldConflict, ...]
    # fields where both sides now agree (an old conflict on them is settled)
    agreed: frozenset[str]
    equals_remote: bool  # nothing of the local change is left to send


def merge(
    columns: Sequence[str],
    *,
    base: Mapping[str, Any] | None,
    local: Sequence[Any],
    local_deleted: bool,
    remote: Sequence[Any],
    remote_deleted: bool,
    derived: frozenset[str] = frozenset(),
) -> MergeResult:
    values: list[Any] = []
    conflicts: list[FieldConflict] = []
    agreed: set[str] = set()
    remote_changed = False
    for index, name in enumerate(columns):
        mine, theirs = local[index], remote[index]
        was = MISSING if base is None else base.get(name, MISSING)
        if mine == theirs or name in derived:
            values.append(mine)
            agreed.add(name)
            continue
        if was is not MISSING and mine == was:
            values.append(theirs)
            remote_changed = True
        elif was is not MISSING and theirs == was:
            values.append(mine)
        else:
            values.append(mine)
            conflicts.append(FieldConflict(name, mine, theirs, None if was is MISSING else was))
    deleted = local_deleted
    if remote_deleted != local_deleted:
        if remote_deleted:
            local_changes = any(
                base is None or base.get(name, MISSING) != local[index]
                for index, name in enumerate(columns)
            )
            # A deletion elsewhere of a record edited here: a person decides.
            if local_changes:
                conflicts.append(FieldConflict(DELETED_FIELD, False, True, False))
            else:
                deleted = True
        elif remote_changed or conflicts:
            # Deleted here, changed elsewhere: keep or delete is a person's choice.
            conflicts.append(FieldConflict(DELETED_FIELD, True, False, False))
    else:
        agreed.add(DELETED_FIELD)
    equals_remote = (
        not conflicts
        and deleted == remote_deleted
        and all(values[i] == remote[i] or columns[i] in derived for i in range(len(columns)))
    )
    return MergeResult(values, deleted, tuple(conflicts), frozenset(agreed), equals_remote)


def record_conflicts(
    connection: Connection,
    *,
    table: str,
    record_id: str,
    result: MergeResult,
    remote_revision: int,
    remote_updated_by: str,
) -> int:
    """Store the merge's conflicts (refreshing open ones on the same field); returns how many
    new fields are in conflict. Open conflicts on fields now agreed are settled."""
    open_fields = {
        field: conflict_id
        for conflict_id, field in connection.execute(
            "SELECT id, field FROM sync_conflict WHERE table_name = ? AND record_id = ? "
            "AND resolved_at IS NULL",
            (table, record_id),
        )
    }
    now = now_text()
    added = 0
    for conflict in result.conflicts:
        values = (
            dumps(conflict.local),
            dumps(conflict.remote),
            dumps(conflict.base),
            remote_revision,
            remote_updated_by,
        )
        if conflict.field in open_fields:
            connection.execute(
                "UPDATE sync_conflict SET local_value = ?, remote_value = ?, base_value = ?, "
                "remote_revision = ?, remote_updated_by = ? WHERE id = ?",
                (*values, open_fields[conflict.field]),
            )
            continue
        added += 1
        connection.execute(
            "INSERT INTO sync_conflict (id, table_name, record_id, field, local_value, "
            "remote_value, base_value, remote_revision, remote_updated_by, detected_at, "
            "resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
            (new_id(), table, record_id, conflict.field, *values, now),
        )
    for field, conflict_id in open_fields.items():
        if field in result.agreed:
            connection.execute(
                "UPDATE sync_conflict SET resolved_at = ?, resolution = 'converged' WHERE id = ?",
                (now, conflict_id),
            )
    return added
