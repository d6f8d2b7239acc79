"""Sending this folder's audit trail to the provincial server, a stage of its own after the push.

The audit rows (``audit_entry``, hash-chained: ``sync.protocol.audit``) go to ``POST /audit``,
never as records. Per chain the server's acknowledgement is kept in ``local_setting``
(``audit_pushed_key``): the rows after it are sent, oldest first, in batches; the server answers
where its copy of the chain now ends. A chain the server refuses (a row removed or edited here,
another site's rows) is reported in Italian and tried again at the next sync; it stops neither
the other chains nor the records' sync, which go on whatever the audit's fate.

A folder writes a new chain after a restore (its rows end where the backup did, while the
server may hold the old chain's later rows: ``desktop.store.restore``) and after an enrollment
(a chain belongs to the device that first sends it). Rows that name another site than the
folder's (written before an enrollment that changed the site) stay on this PC: the server
accepts from a site only its own rows.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.store.audit_chain import append_audit
from desktop.store.raw import Connection
from desktop.store.settings import AUDIT_CHAIN, AUDIT_PUSHED_SEQ, audit_pushed_key
from sync.client import db as local
from sync.client.errors import RequestRefusedError, SyncCancelledError, SyncError
from sync.client.progress import ProgressCallback, Stage, SyncProgress, check_cancel
from sync.client.transport import Transport
from sync.protocol import (
    MAX_AUDIT_ROWS,
    AuditPushRequest,
    AuditPushResponse,
    WireAuditRow,
    gzip_json,
)

# How a refusal starts in the sync log (sync.client.engine), for the status to find it.
AUDIT_REFUSED = "Registro degli accessi non inviato: "
_COLUMNS = (
    "id, chain_id, seq, at, operator, workstation, site, action, entity, entity_id, details, "
    "prev_hash, hash"
)


@dataclass
class AuditPushResult:
    sent: int = 0  # rows the server acknowledged in this sync
    unsent: int = 0  # rows of this site still to be acknowledged after it
    problems: list[str] = field(default_factory=list)  # Italian, one per chain not sent


def pushed_seq(connection: Connection, chain_id: str) -> int:
    value = local.get_setting(connection, audit_pushed_key(chain_id))
    return int(value) if value and value.isdigit() else 0


def unsent_rows(connection: Connection, site: str) -> int:
    """Rows of ``site``'s chains the server has not acknowledged."""
    total = 0
    for chain_id, _last in _chains(connection, site):
        (count,) = connection.execute(
            "SELECT count(*) FROM audit_entry WHERE chain_id = ? AND seq > ?",
            (chain_id, pushed_seq(connection, chain_id)),
        ).fetchone()
        total += int(count)
    return total


def _chains(connection: Connection, site: str) -> list[tuple[str, int]]:
    """This site's chains (by their first row) and their last row, the current chain last.

    A folder has a few chains and may have a million rows: each chain is found with one step
    of the (chain_id, seq) index, never with a scan, since the status bar asks at every sync.
    """
    current = local.get_setting(connection, AUDIT_CHAIN) or ""
    found: list[tuple[str, int]] = []
    chain_id = ""
    while True:
        row = connection.execute(
            "SELECT chain_id FROM audit_entry WHERE chain_id > ? ORDER BY chain_id LIMIT 1",
            (chain_id,),
        ).fetchone()
        if row is None:
            break
        chain_id = str(row[0])
        first = connection.execute(
            "SELECT site FROM audit_entry WHERE chain_id = ? ORDER BY seq LIMIT 1", (chain_id,)
        ).fetchone()
        last = connection.execute(
            "SELECT max(seq) FROM audit_entry WHERE chain_id = ?", (chain_id,)
        ).fetchone()
        if first is not None and first[0] == site and last[0] is not None:
            found.append((chain_id, int(last[0])))
    return sorted(found, key=lambda item: (item[0] == current, item[0]))


def start_new_chain(connection: Connection) -> str:
    """Make the next audit row begin a new chain (``desktop.services.audit`` reads the id)."""
    chain_id = str(uuid.uuid4())
    local.set_setting(connection, AUDIT_CHAIN, chain_id)
    return chain_id


def append_audit_row(
    connection: Connection,
    *,
    operator: str,
    workstation: str,
    site: str,
    action: str,
    entity: str,
    entity_id: str,
    details: str = "",
) -> None:
    """Append a row to this folder's chain from a raw unit of work (the caller's ``atomic``,
    which holds the write lock), as ``desktop.services.audit.record_audit`` does in the ORM."""
    append_audit(
        lambda sql, parameters: connection.execute(sql, parameters).fetchall(),
        operator=operator,
        workstation=workstation,
        site=site,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details,
    )


def push_audit(
    connection: Connection,
    transport: Transport,
    *,
    site: str,
    cancel: threading.Event,
    progress: ProgressCallback,
    batch_rows: int = MAX_AUDIT_ROWS,
) -> AuditPushResult:
    """Send every row of ``site``'s chains the server has not acknowledged (see the module)."""
    result = AuditPushResult()
    if not site:
        return result
    for chain_id, last in _chains(connection, site):
        after = pushed_seq(connection, chain_id)
        while after < last:
            check_cancel(cancel)
            try:
                rows = _rows(connection, chain_id, after, batch_rows)
            except ValueError:  # a pydantic ValidationError, or a time that does not parse
                # Only a data file edited by hand holds such a row: the server would refuse it.
                result.problems.append(
                    f"una riga della catena {chain_id} dopo la n. {after} non è leggibile "
                    "(il file dei dati è stato modificato a mano)."
                )
                break
            if not rows:
                break
            try:
                answer = transport.post(
                    "/audit",
                    gzip_json(AuditPushRequest(rows=rows)),
                    AuditPushResponse,
                    idempotent=True,  # a resend of held rows is accepted again
                )
            except SyncCancelledError:
                raise
            except RequestRefusedError as error:
                result.problems.append(str(error))
                break
            except SyncError as error:
                # Offline or busy now: the records are synced, the audit goes next time.
                result.problems.append(str(error))
                return _settled(result, connection, site)
            held = next((c for c in answer.chains if c.chain_id == chain_id), None)
            acknowledged = held.last_seq if held is not None else rows[-1].seq
            with local.atomic(connection):
                local.set_setting(connection, audit_pushed_key(chain_id), str(acknowledged))
                if chain_id == local.get_setting(connection, AUDIT_CHAIN):
                    local.set_setting(connection, AUDIT_PUSHED_SEQ, str(acknowledged))
            result.sent += max(0, acknowledged - after)
            if acknowledged <= after:
                break  # the server holds no more than before: do not loop
            after = acknowledged
            progress(
                SyncProgress(
                    Stage.PUSH, result.sent, None,
                    f"Invio del registro degli accessi: {result.sent} righe",
                )
            )  # fmt: skip
    return _settled(result, connection, site)


def _settled(result: AuditPushResult, connection: Connection, site: str) -> AuditPushResult:
    result.unsent = unsent_rows(connection, site)
    return result


def _rows(connection: Connection, chain_id: str, after: int, limit: int) -> list[WireAuditRow]:
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM audit_entry WHERE chain_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        (chain_id, after, limit),
    ).fetchall()
    names = [name.strip() for name in _COLUMNS.split(",")]
    wire: list[WireAuditRow] = []
    for row in rows:
        values = dict(zip(names, row, strict=True))
        # Stored as SQLite keeps it (naive UTC text): hashed as written (sync.protocol.audit).
        stamp = values["at"]
        moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp))
        values["at"] = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        wire.append(WireAuditRow.model_validate(values))
    return wire
