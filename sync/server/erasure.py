"""The server keeps no identifying copy of an anonymised record (retention, docs/PRIVACY.md).

An office anonymises its records and pushes them as ordinary changes: ``record`` holds one
version of each record, so the push overwrites the old data. Two other places may still hold
it: the stored receipts of earlier batches (``push_batch``), whose conflict receipts carry the
server's version of the record as it was then, so that a retry gets the same answer; and, on
SQLite, the bytes of the overwritten row left in free space. A batch that anonymises turns
``secure_delete`` on for its transaction's connection before writing, and rewrites those old
receipts with the record as it now is (what a retry should merge with anyway).

PostgreSQL keeps an overwritten row version until VACUUM reclaims it; the Province's database
administration (autovacuum, and how long database backups are kept) decides how soon it goes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.protocol import WireRecord
from sync.server.db import PushBatch
from sync.server.scope import Rec

# The tables whose rows say when they were anonymised (the desktop's ``anonymised_on``).
ANONYMISABLE = frozenset({"person", "referral", "referral_handling"})
# How a stored receipt with the server's version reads (json.dumps' default separators).
_WITH_SERVER_RECORD = '%"server_record": {%'


def anonymising(records: Iterable[WireRecord]) -> bool:
    """True when a pushed batch anonymises a record."""
    return any(
        record.table in ANONYMISABLE and bool(record.data.get("anonymised_on"))
        for record in records
    )


def zero_what_is_freed(session: Session, *, is_sqlite: bool) -> None:
    """On SQLite: this transaction's connection zeroes the bytes it frees (the old versions of
    the rows it overwrites)."""
    if is_sqlite:
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")


def forget_old_copies(
    session: Session, written: Iterable[Rec], *, to_wire: Callable[[Rec], WireRecord]
) -> int:
    """Rewrite the stored receipts that carry an older version of a record just written;
    returns how many batches were rewritten."""
    now = {(record.table_name, record.id): record for record in written}
    if not now:
        return 0
    rewritten = 0
    rows = session.execute(
        select(PushBatch.device_id, PushBatch.batch_id, PushBatch.receipts).where(
            PushBatch.receipts.like(_WITH_SERVER_RECORD)
        )
    ).all()
    for device_id, batch_id, stored in rows:
        receipts: list[dict[str, Any]] = json.loads(stored)
        changed = False
        for receipt in receipts:
            current = now.get((str(receipt.get("table")), str(receipt.get("id"))))
            if current is None or not receipt.get("server_record"):
                continue
            receipt["server_record"] = to_wire(current).model_dump(mode="json")
            changed = True
        if changed:
            session.execute(
                update(PushBatch)
                .where(PushBatch.device_id == device_id, PushBatch.batch_id == batch_id)
                .values(receipts=json.dumps(receipts))
            )
            rewritten += 1
    return rewritten
