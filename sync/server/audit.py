"""The offices' audit trails on the server: received, kept apart, read back, verified.

Each data folder writes a hash chain of audit rows (``sync.protocol.audit``) and pushes it here
(``POST /audit``). The rows go to ``audit_row``, never to ``record``: no pull, digest, aggregate
or record view reads them. A push is taken whole or refused whole (a 4xx with an Italian
message, nothing stored) when any row:

- names a site other than the caller's, or belongs to a chain another site or device began
  (a chain belongs to whoever pushed its first row);
- differs from the row the server already holds at its number (a fork, or a row rewritten
  after it was sent); a row identical to the one held is accepted again, so a resend after a
  lost answer is harmless;
- does not continue the chain the server holds: a row missing (a gap), a broken link, a hash
  that is not the row's (``chain_problems``).

Reading (``GET /audit/rows``) is for the owning site and the Province's site; operators' roles are
not known here (the office shows the audit to its privacy officer only). ``trama-server audit
verify`` walks every stored chain (``verify_stored``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import (
    AuditChainState,
    AuditPage,
    AuditPushRequest,
    AuditPushResponse,
    StoredAuditRow,
    WireAuditRow,
)
from sync.protocol.audit import GENESIS, ChainProblem, chain_problems
from sync.protocol.codes import SiteKind
from sync.server.auth import ApiError, Caller, touch_device
from sync.server.db import AuditRow, Device, ServerDB, ServerSite

_SHOWN_PROBLEMS = 5
_VERIFY_CHUNK = 5000


def _values(row: WireAuditRow) -> dict[str, Any]:
    """A pushed row as ``row_hash`` and ``chain_problems`` read it."""
    return row.model_dump()


def stored_values(row: AuditRow) -> dict[str, Any]:
    """A stored row as ``row_hash`` and ``chain_problems`` read it."""
    return {
        "id": row.row_id,
        "chain_id": row.chain_id,
        "seq": row.seq,
        "at": row.at,
        "operator": row.operator,
        "workstation": row.workstation,
        "site": row.site_code,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "details": row.details,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def _refused(status: int, message: str) -> ApiError:
    return ApiError(
        status, f"Registro degli accessi non accettato: {message} Nulla è stato salvato."
    )


def _check_storable(row: WireAuditRow) -> None:
    """Refuse what could not be stored exactly as hashed: NUL in a text (PostgreSQL refuses it),
    a time that has no UTC equivalent."""
    for name, value in row.model_dump().items():
        if isinstance(value, str) and "\x00" in value:
            raise ApiError(422, f"Richiesta non valida: {name} contiene caratteri non ammessi.")
    try:
        row.at.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        raise ApiError(422, "Richiesta non valida: at non è una data utilizzabile.") from error


def push_audit(db: ServerDB, caller: Caller, request: AuditPushRequest) -> AuditPushResponse:
    """Store the rows that continue their chains; refuse the whole push otherwise."""
    chains: dict[str, list[WireAuditRow]] = {}
    site = caller.site.code
    for row in request.rows:
        _check_storable(row)
        if row.site != site:
            raise _refused(
                403,
                f"la riga n. {row.seq} della catena {row.chain_id} è della sede {row.site}, e "
                f"questa sede ({site}) può inviare solo il proprio registro.",
            )
        chains.setdefault(row.chain_id, []).append(row)
    states: list[AuditChainState] = []
    with db.write() as session:
        device = session.get(Device, caller.device_id)
        if device is None or device.revoked_at is not None:
            raise ApiError(401, "Dispositivo revocato.", {"WWW-Authenticate": "Bearer"})
        touch_device(device)
        for chain_id, rows in chains.items():
            rows.sort(key=lambda row: row.seq)
            states.append(_take_chain(session, caller, chain_id, rows))
    return AuditPushResponse(chains=states)


def _take_chain(
    session: Session, caller: Caller, chain_id: str, rows: list[WireAuditRow]
) -> AuditChainState:
    owner = session.execute(
        select(AuditRow.site_code, AuditRow.device_id)
        .where(AuditRow.chain_id == chain_id)
        .order_by(AuditRow.seq)
        .limit(1)
    ).first()
    if owner is not None and owner.site_code != caller.site.code:
        raise _refused(
            403,
            f"la catena {chain_id} appartiene a un'altra sede e non può esserle aggiunto nulla.",
        )
    if owner is not None and owner.device_id != caller.device_id:
        raise _refused(
            403,
            f"la catena {chain_id} è stata iniziata da un altro computer di questa sede: ogni "
            "computer invia solo il proprio registro.",
        )
    last = session.execute(
        select(AuditRow.seq, AuditRow.hash)
        .where(AuditRow.chain_id == chain_id)
        .order_by(AuditRow.seq.desc())
        .limit(1)
    ).first()
    held_seq, held_hash = (0, GENESIS) if last is None else (int(last.seq), str(last.hash))
    again = [row for row in rows if row.seq <= held_seq]
    if again:
        held = {
            stored.seq: stored
            for stored in session.scalars(
                select(AuditRow).where(
                    AuditRow.chain_id == chain_id, AuditRow.seq.in_([row.seq for row in again])
                )
            )
        }
        for row in again:
            stored = held.get(row.seq)
            if stored is None or _values(row) != stored_values(stored):
                raise _refused(
                    409,
                    f"la riga n. {row.seq} della catena {chain_id} è diversa da quella già "
                    "ricevuta: il registro è stato modificato dopo l'invio, o due copie della "
                    "stessa cartella dati scrivono la stessa catena.",
                )
    new = [row for row in rows if row.seq > held_seq]
    problems = chain_problems(
        [_values(row) for row in new], after_seq=held_seq, after_hash=held_hash
    )
    if problems:
        shown = "; ".join(problem.message for problem in problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        raise _refused(
            409,
            f"la catena {chain_id} non prosegue quella ricevuta finora (ultima riga n. "
            f"{held_seq}): {shown}" + (f" (e altri {more} problemi)." if more > 0 else ""),
        )
    for row in new:
        session.add(
            AuditRow(
                site_code=caller.site.code,
                device_id=caller.device_id,
                row_id=row.id,
                chain_id=row.chain_id,
                seq=row.seq,
                at=row.at,
                operator=row.operator,
                workstation=row.workstation,
                action=row.action,
                entity=row.entity,
                entity_id=row.entity_id,
                details=row.details,
                prev_hash=row.prev_hash,
                hash=row.hash,
            )
        )
    if new:
        held_seq, held_hash = new[-1].seq, new[-1].hash
    return AuditChainState(
        chain_id=chain_id, site=caller.site.code, last_seq=held_seq, last_hash=held_hash
    )


def read_audit(db: ServerDB, caller: Caller, site: str | None, after: int, limit: int) -> AuditPage:
    """The rows of ``site`` (default: the caller's) received after ``after``, oldest first."""
    wanted = site or caller.site.code
    if wanted != caller.site.code and caller.site.kind != SiteKind.PROVINCIA:
        raise ApiError(
            403,
            "Il registro degli accessi di una sede è visibile solo alla sede stessa e alla "
            "Provincia.",
        )
    with db.read() as session:
        found = [
            StoredAuditRow(**stored_values(row), received_at=row.received_at, position=row.id)
            for row in session.scalars(
                select(AuditRow)
                .where(AuditRow.site_code == wanted, AuditRow.id > after)
                .order_by(AuditRow.id)
                .limit(limit + 1)
            )
        ]
    rows = found[:limit]
    return AuditPage(
        rows=rows, next_cursor=rows[-1].position if rows else after, has_more=len(found) > limit
    )


@dataclass(frozen=True)
class StoredProblem:
    site: str
    problem: ChainProblem

    def line(self) -> str:
        return f"sede {self.site}, catena {self.problem.chain_id}: {self.problem.message}"


@dataclass(frozen=True)
class VerifyReport:
    rows: int
    chains: int
    problems: list[StoredProblem]


def verify_stored(db: ServerDB, site: str | None = None) -> VerifyReport:
    """Walk every stored chain (of ``site``, or all) and name each edited or missing row."""
    if site is not None:
        with db.read() as session:
            if session.get(ServerSite, site) is None:
                raise LookupError(site)
    problems: list[StoredProblem] = []
    rows = chains = 0
    current: tuple[str, str] | None = None
    batch: list[dict[str, Any]] = []

    def close_chain() -> None:
        if current is not None:
            problems.extend(StoredProblem(current[1], found) for found in chain_problems(batch))

    for row in _stored_rows(db, site):
        rows += 1
        if current is None or row["chain_id"] != current[0]:
            close_chain()
            batch, current = [], (row["chain_id"], row["site"])
            chains += 1
        batch.append(row)
    close_chain()
    return VerifyReport(rows=rows, chains=chains, problems=problems)


def _stored_rows(db: ServerDB, site: str | None) -> Iterator[dict[str, Any]]:
    """Every stored row in (chain, seq) order, read in chunks, as ``stored_values``."""
    after: tuple[str, int] = ("", 0)
    while True:
        query = (
            select(AuditRow)
            .where(
                (AuditRow.chain_id > after[0])
                | ((AuditRow.chain_id == after[0]) & (AuditRow.seq > after[1]))
            )
            .order_by(AuditRow.chain_id, AuditRow.seq)
            .limit(_VERIFY_CHUNK)
        )
        if site is not None:
            query = query.where(AuditRow.site_code == site)
        with db.read() as session:
            chunk = [stored_values(row) for row in session.scalars(query)]
        if not chunk:
            return
        yield from chunk
        after = (chunk[-1]["chain_id"], chunk[-1]["seq"])
