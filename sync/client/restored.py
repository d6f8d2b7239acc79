"""A store put back from a backup, made ready to sync again (``desktop.store.backups``).

A backup is a picture of the store at some moment: its pull cursor says what it had received
then, and its outbox (the ``dirty`` rows, and the batches written before sending) what it had
not sent. Since then the server may have received the same changes from this PC, and others'.
So the restored copy keeps its enrollment (server, device, site, the token in the keyring) but:

- forgets its pull cursor: the next sync starts from zero, which also makes it pull before it
  pushes (``SyncEngine``), so that every unsent row is first merged with what the server has
  now (three-way, as usual: nothing of either side is dropped silently, differences become
  conflicts to resolve) and only then sent, against the server's current revision;
- drops the batches written before sending: resent under their old id, the server would replay
  receipts of long ago and move rows back to old revisions. Their rows are still ``dirty`` and
  go again in new batches, which is what the protocol expects of a PC that never sent them;
- forgets the cached digest and the time of the last drift check, which describe the store
  the backup replaced.

The audit trail begins a new chain (``desktop.store.restore.record_restore``, for every
restore): the old chain's rows the server has not acknowledged are still sent (``audit.py``).
"""

from __future__ import annotations

import logging

from desktop.store.raw import Connection, atomic
from sync.client import db as local
from sync.client.digest import LAST_CHECK

log = logging.getLogger(__name__)

FORGOTTEN_SETTINGS = (local.CURSOR, local.LOCAL_DIGEST, LAST_CHECK)
_BATCH_TABLES = ("sync_batch_item", "sync_batch")


def prepare_restored_copy(connection: Connection) -> bool:
    """Make a restored copy pull everything again and resend its unsent rows afresh (see the
    module's note); returns whether the copy is enrolled with a server."""
    tables = {
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    with atomic(connection):
        for key in FORGOTTEN_SETTINGS:
            local.delete_setting(connection, key)
        # A backup of an old schema may predate the sync tables: it is upgraded at opening.
        for table in _BATCH_TABLES:
            if table in tables:
                connection.execute(f"DELETE FROM {table}")
        enrolled = bool(local.get_setting(connection, local.SERVER_URL))
    log.info("restored copy prepared for sync (enrolled: %s)", enrolled)
    return enrolled
