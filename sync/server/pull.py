"""What a site reads: pages after a cursor, one record, the digest of its scope.

A page merges two ordered streams read in one snapshot: public records, and the site's grants
(active ones carry their record, removed ones become scope removals). Because writers commit in
revision order (see db.py), when a page is the last one the cursor may jump to the highest
revision in the snapshot: nothing below it can still appear.

A quarantined record (sync.server.quarantine) is served to everyone as a scope removal, so that
the sites holding it drop it; it is neither readable by id nor counted in the digest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from json.encoder import encode_basestring as _text
from typing import Any

from sqlalchemy import Text, and_, cast, select
from sqlalchemy.orm import Session

from sync.protocol import DigestResponse, PullPage, WireRecord, scope_digest
from sync.server.auth import Caller, visible
from sync.server.db import Record, RecordGrant, ServerDB, high_water_mark
from sync.server.push import to_wire

_RECORD = tuple(Record.__table__.columns)
_GRANT = (RecordGrant.revision.label("grant_revision"), RecordGrant.removed, RecordGrant.removed_at)
# What the JSON of a page needs, with ``data`` as the stored JSON text: a first pull serves
# hundreds of thousands of records, and parsing each one's data only to print it again (with
# a pydantic model around it) was most of the server's time.
_RAW = (
    Record.table_name, Record.id, Record.revision, Record.owner_site, Record.deleted,
    Record.updated_at, Record.updated_by, cast(Record.data, Text).label("data_text"),
    Record.quarantined, Record.quarantined_at,
)  # fmt: skip


@dataclass(frozen=True)
class _Page:
    rows: list[Any]  # public and granted rows in revision order, at most ``limit``
    next_cursor: int
    has_more: bool


def _read_page(
    db: ServerDB, caller: Caller, after: int, limit: int, columns: tuple[Any, ...]
) -> _Page:
    site = caller.site.code
    with db.read() as session:
        public = session.execute(
            select(*columns)
            .where(Record.is_public.is_(True), Record.revision > after)
            .order_by(Record.revision)
            .limit(limit)
        ).all()
        granted = session.execute(
            select(*columns, *_GRANT)
            .join(
                RecordGrant,
                and_(
                    Record.table_name == RecordGrant.table_name,
                    Record.id == RecordGrant.record_id,
                ),
            )
            .where(RecordGrant.site_code == site, RecordGrant.revision > after)
            .order_by(RecordGrant.revision)
            .limit(limit)
        ).all()
        ceiling = high_water_mark(session)
    stream: list[tuple[int, Any]] = [(row.revision, row) for row in public]
    stream.extend((row.grant_revision, row) for row in granted)
    stream.sort(key=lambda item: item[0])
    has_more = len(stream) > limit or len(public) == limit or len(granted) == limit
    next_cursor = stream[min(limit, len(stream)) - 1][0] if stream else after
    if not has_more:
        next_cursor = max(next_cursor, ceiling)
    return _Page([row for _, row in stream[:limit]], next_cursor, has_more)


def pull_page(db: ServerDB, caller: Caller, after: int, limit: int) -> PullPage:
    page = _read_page(db, caller, after, limit, _RECORD)
    records = [_scope_removal(row) if _withheld(row) else to_wire(row) for row in page.rows]
    return PullPage.model_construct(
        records=records, next_cursor=page.next_cursor, has_more=page.has_more
    )


def pull_page_json(db: ServerDB, caller: Caller, after: int, limit: int) -> bytes:
    """The page of ``pull_page`` as the JSON the pull call answers, built from stored text."""
    page = _read_page(db, caller, after, limit, _RAW)
    records = ",".join(
        _scope_removal_json(row) if _withheld(row) else _record_json(row) for row in page.rows
    )
    more = "true" if page.has_more else "false"
    return (
        f'{{"records":[{records}],"next_cursor":{page.next_cursor},"has_more":{more}}}'
    ).encode()


def _record_json(row: Any) -> str:
    return (
        f'{{"table":{_text(row.table_name)},"id":{_text(row.id)},"revision":{row.revision},'
        f'"base_revision":null,"owner_site":{_text(row.owner_site)},'
        f'"deleted":{"true" if row.deleted else "false"},"scope_removed":false,'
        f'"updated_at":"{row.updated_at.isoformat()}","updated_by":{_text(row.updated_by)},'
        f'"data":{row.data_text or "{}"}}}'
    )


def _withheld(row: Any) -> bool:
    """Served as a scope removal: the site's grant was removed, or the record is quarantined."""
    return bool(getattr(row, "removed", False) or row.quarantined)


def _removal_revision(row: Any) -> int:
    # A public row has no grant: its own revision orders it in the public stream.
    revision: int = getattr(row, "grant_revision", None) or row.revision
    return revision


def _removed_at(row: Any) -> datetime:
    moment: datetime | None = getattr(row, "removed_at", None)
    if not getattr(row, "removed", False):
        moment = row.quarantined_at
    return moment or datetime.now(UTC)


def _scope_removal_json(row: Any) -> str:
    removed_at = _removed_at(row).isoformat()
    return (
        f'{{"table":{_text(row.table_name)},"id":{_text(row.id)},'
        f'"revision":{_removal_revision(row)},"base_revision":null,'
        f'"owner_site":{_text(row.owner_site)},"deleted":false,"scope_removed":true,'
        f'"updated_at":"{removed_at}","updated_by":"","data":{{}}}}'
    )


def _scope_removal(row: Any) -> WireRecord:
    return WireRecord.model_construct(
        table=row.table_name,
        id=row.id,
        revision=_removal_revision(row),
        base_revision=None,
        owner_site=row.owner_site,
        deleted=False,
        scope_removed=True,
        updated_at=_removed_at(row),
        updated_by="",
        data={},
    )


def get_visible(session: Session, caller: Caller, table: str, record_id: str) -> Record | None:
    return session.scalar(
        select(Record).where(
            Record.table_name == table, Record.id == record_id, visible(caller.site.code)
        )
    )


def read_record(db: ServerDB, caller: Caller, table: str, record_id: str) -> WireRecord | None:
    with db.read() as session:
        record = get_visible(session, caller, table, record_id)
        if record is None or record.quarantined:
            return None
        return to_wire(record)


def digest(db: ServerDB, caller: Caller) -> DigestResponse:
    site = caller.site.code
    with db.read() as session:
        ceiling = high_water_mark(session)
        # A sync with nothing to do still ends with a drift check: while no revision has been
        # committed since, a site's digest is the one computed last time by this worker.
        cached = db.digests.get(site)
        if cached is not None and cached.revision == ceiling:
            return cached
        lines = [
            (table, record_id, revision)
            for table, record_id, revision in session.execute(
                select(Record.table_name, Record.id, Record.revision).where(
                    Record.is_public.is_(True),
                    Record.deleted.is_(False),
                    Record.quarantined.is_(False),
                )
            )
        ]
        lines.extend(
            (table, record_id, revision)
            for table, record_id, revision in session.execute(
                select(Record.table_name, Record.id, Record.revision)
                .join(
                    RecordGrant,
                    and_(
                        Record.table_name == RecordGrant.table_name,
                        Record.id == RecordGrant.record_id,
                    ),
                )
                .where(
                    RecordGrant.site_code == site,
                    RecordGrant.removed.is_(False),
                    Record.deleted.is_(False),
                    Record.quarantined.is_(False),
                )
            )
        )
    answer = DigestResponse(count=len(lines), digest=scope_digest(lines), revision=ceiling)
    db.digests[site] = answer
    return answer
