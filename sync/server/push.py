"""Applying a pushed batch: idempotent, ownership-checked, one receipt per record."""

from __future__ import annotations

import json
from typing import Any

from sync.protocol import (
    HANDLING_TABLES,
    JOINT_PLAN_TABLES,
    SYNCED_TABLES,
    PushRequest,
    PushResponse,
    Receipt,
    ReceiptStatus,
    WireRecord,
    payload_hash,
)
from sync.protocol.records import InvalidData, check_data, references
from sync.protocol.site_profile import logo_problem
from sync.server.auth import ApiError, Caller, route_denial, touch_device, write_denial
from sync.server.db import Device, PushBatch, ServerDB
from sync.server.erasure import anonymising, forget_old_copies, zero_what_is_freed
from sync.server.quarantine import QUARANTINED
from sync.server.references import PendingRecord, reference_denial
from sync.server.scope import InvalidRecord, Rec, WriteSet

_ORDER = {name: index for index, name in enumerate(SYNCED_TABLES)}


def to_wire(record: Any) -> WireRecord:
    """A stored record (row, ORM instance or ``Rec``) as the wire carries it."""
    return WireRecord.model_construct(
        base_revision=None,
        scope_removed=False,
        table=record.table_name,
        id=record.id,
        revision=record.revision,
        owner_site=record.owner_site,
        deleted=record.deleted,
        updated_at=record.updated_at,
        updated_by=record.updated_by,
        data=record.data,
    )


def apply_push(db: ServerDB, caller: Caller, request: PushRequest) -> PushResponse:
    fingerprint = payload_hash(request)
    batch_id = str(request.batch_id)
    erasing = anonymising(request.records)
    with db.write() as session, session.no_autoflush:
        stored = session.get(PushBatch, (caller.device_id, batch_id))
        if stored is not None:
            if stored.payload_hash != fingerprint:
                raise ApiError(
                    422,
                    "Lo stesso identificativo di lotto è stato usato per dati diversi: "
                    "il lotto non è stato applicato.",
                )
            receipts = [Receipt.model_validate(item) for item in json.loads(stored.receipts)]
            return PushResponse(batch_id=request.batch_id, receipts=receipts)
        device = session.get(Device, caller.device_id)
        if device is None or device.revoked_at is not None:
            raise ApiError(401, "Dispositivo revocato.", {"WWW-Authenticate": "Bearer"})
        touch_device(device)
        if erasing:
            zero_what_is_freed(session, is_sqlite=db.is_sqlite)
        writes = WriteSet(session)
        existing = writes.load(
            (wire.table, wire.id) for wire in request.records if _placeable(wire) is None
        )
        # What the batch points at, read in a few queries rather than one per reference.
        writes.load(_referenced(request.records))
        # Records of this batch not on the server yet, which its other records may point at.
        new_here = _NewRecord(caller.site.code)
        pending: dict[tuple[str, str], PendingRecord] = {
            (wire.table, wire.id): new_here
            for wire in request.records
            if (wire.table, wire.id) not in existing
        }
        results: dict[int, Receipt] = {}
        accepted: dict[int, Rec] = {}
        seen: set[tuple[str, str]] = set()
        # Parents first, so that a handling row finds the referral sent in the same batch.
        order = sorted(range(len(request.records)), key=lambda i: _rank(request.records[i]))
        for index in order:
            wire = request.records[index]
            key = (wire.table, wire.id)
            outcome = _apply_one(
                writes, caller, wire, existing.get(key), repeated=key in seen, pending=pending
            )
            seen.add(key)
            # Settled: accepted, it is in ``writes``; refused, nothing may point at it.
            pending.pop(key, None)
            if isinstance(outcome, Receipt):
                results[index] = outcome
            else:
                accepted[index] = outcome
        writes.settle()
        if erasing:
            forget_old_copies(session, accepted.values(), to_wire=to_wire)
        for index, record in accepted.items():
            wire = request.records[index]
            results[index] = Receipt(
                table=wire.table, id=wire.id, status=ReceiptStatus.ACCEPTED,
                revision=record.revision,
            )  # fmt: skip
        receipts = [results[index] for index in range(len(request.records))]
        session.add(
            PushBatch(
                device_id=caller.device_id,
                batch_id=batch_id,
                payload_hash=fingerprint,
                receipts=json.dumps([r.model_dump(mode="json") for r in receipts]),
            )
        )
    return PushResponse(batch_id=request.batch_id, receipts=receipts)


def _referenced(records: list[WireRecord]) -> list[tuple[str, str]]:
    keys = []
    for wire in records:
        if wire.table not in _ORDER:
            continue
        for rule in references(wire.table):
            target = wire.data.get(rule.name)
            if isinstance(target, str) and len(target) <= 36 and target.isprintable():
                keys.append((rule.references or "", target))
    return keys


def _rank(wire: WireRecord) -> int:
    return _ORDER.get(wire.table, len(_ORDER))


class _NewRecord:
    """A record first written by this batch: the caller's, whatever it says."""

    def __init__(self, owner_site: str) -> None:
        self.owner_site = owner_site


def _apply_one(
    writes: WriteSet,
    caller: Caller,
    wire: WireRecord,
    existing: Rec | None,
    *,
    repeated: bool,
    pending: dict[tuple[str, str], PendingRecord],
) -> Receipt | Rec:
    def refuse(message: str) -> Receipt:
        return Receipt(
            table=_echo(wire.table), id=_echo(wire.id), status=ReceiptStatus.REJECTED,
            message=message,
        )  # fmt: skip

    problem = _placeable(wire)
    if problem is not None:
        return refuse(problem)
    if repeated:
        return refuse("Record ripetuto nello stesso lotto: inviarlo una volta sola.")
    if existing is not None and existing.quarantined:
        return refuse(QUARANTINED)
    # A tombstone may come without data: it keeps the data already here (WriteSet.put).
    data = existing.data if wire.deleted and not wire.data and existing is not None else wire.data
    try:
        check_data(wire.table, data)
    except InvalidData as error:
        return refuse(str(error))
    if wire.table == "site" and (problem := logo_problem(data.get("logo") or "")) is not None:
        return refuse(f"Il logo della sede {problem}.")
    referral = _referral_of(writes, wire, existing)
    denial = write_denial(caller, wire.table, existing, referral, writes)
    if denial is None:
        denial = route_denial(
            caller, wire.table, data, deleted=wire.deleted, existing=existing, lookup=writes
        )
    if denial is None:
        denial = reference_denial(caller, wire.table, data, writes, pending)
    if denial is not None:
        return refuse(denial)
    if existing is not None:
        unchanged = existing.data == wire.data and existing.deleted == wire.deleted
        if unchanged or (existing.deleted and wire.deleted):
            # Already here (a resend after a lost receipt): nothing to store.
            return Receipt(
                table=wire.table, id=wire.id, status=ReceiptStatus.ACCEPTED,
                revision=existing.revision,
            )  # fmt: skip
        if wire.base_revision != existing.revision:
            return Receipt(
                table=wire.table,
                id=wire.id,
                status=ReceiptStatus.CONFLICT,
                revision=existing.revision,
                message="Il record è stato modificato nel frattempo: unire le modifiche.",
                server_record=to_wire(existing),
            )
    owner = existing.owner_site if existing is not None else caller.site.code
    if wire.table in HANDLING_TABLES:
        owner = caller.site.code
    try:
        return writes.put(
            existing,
            table=wire.table,
            record_id=wire.id,
            owner_site=owner,
            data=_json_only(wire.data),
            deleted=wire.deleted,
            updated_at=wire.updated_at,
            updated_by="".join(char for char in wire.updated_by if char.isprintable()),
        )
    except InvalidRecord as error:
        return refuse(str(error))


def _placeable(wire: WireRecord) -> str | None:
    """Why a record cannot even be looked up, or None."""
    if wire.table not in _ORDER:
        return f"La tabella {wire.table!r} non si sincronizza."
    if not wire.id.isprintable() or not wire.id.isascii():
        return "Identificativo del record non valido."
    return None


def _referral_of(writes: WriteSet, wire: WireRecord, existing: Rec | None) -> Rec | None:
    """The referral a dependent row belongs to (a reply's: the social referral it answers)."""
    if wire.table == "social_referral_reply":
        parent_table, field = "social_referral", "social_referral_id"
    elif wire.table in HANDLING_TABLES or wire.table in _FOLLOWS_REFERRAL:
        parent_table, field = "referral", "referral_id"
    else:
        return None
    referral_id = wire.data.get(field)
    if not isinstance(referral_id, str) and existing is not None:
        referral_id = existing.referral_id
    if not isinstance(referral_id, str) or not referral_id.isascii():
        return None
    if not referral_id.isprintable():
        return None
    return writes.record(parent_table, referral_id)


_FOLLOWS_REFERRAL = JOINT_PLAN_TABLES | {"referral_event"}


def _echo(text: str) -> str:
    # A receipt repeats what it refuses; a string JSON cannot carry (a lone surrogate) is escaped.
    return text if text.isprintable() else text.encode("ascii", "backslashreplace").decode()


def _json_only(data: dict[str, Any]) -> dict[str, Any]:
    # Python's parser lets NaN and Infinity through; they are not JSON, and PostgreSQL says so.
    try:
        json.dumps(data, allow_nan=False)
    except ValueError as error:
        raise InvalidRecord("Valore numerico non valido (NaN o infinito).") from error
    return data
