"""This data folder's own settings (``local_setting``): keys and plain reads and writes.

The services read and write them through the ORM (desktop.services.installation), the sync
client through a raw connection in its own units of work; both name the keys from here.
"""

from __future__ import annotations

from desktop.store.raw import Connection

# Which site the folder belongs to: a setting until enrollment with the provincial server
# writes the one the server names (sync.client.enroll).
SITE_CODE = "site.code"
SITE_KIND = "site.kind"
SITE_NAME = "site.name"
# Who is working on this PC.
OPERATOR = "operator.username"
OPERATOR_NAME = "operator.full_name"
# This PC's series of referral numbers, written at enrollment (desktop.domain.referral_numbers).
NUMBER_SERIES = "referral.number_series"
# When the user confirmed having kept the recovery key (UTC, ISO 8601); until then the key is
# shown at every start (desktop.store.recovery).
RECOVERY_KEY_CONFIRMED_AT = "store.recovery_key_confirmed_at"
# This folder's audit chain (sync.protocol.audit): its id, made with the first audit row, and
# a new one after a restore (the restored rows end where the backup did).
AUDIT_CHAIN = "audit.chain_id"
# The last row of the chain the provincial server has acknowledged (sync.client).
AUDIT_PUSHED_SEQ = "audit.pushed_seq"


def audit_pushed_key(chain_id: str) -> str:
    """The setting holding the last row of ``chain_id`` the server acknowledged: a folder has
    several chains after a restore or an enrollment (sync.client.audit)."""
    return f"{AUDIT_PUSHED_SEQ}:{chain_id}"


def get_setting(connection: Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM local_setting WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_setting(connection: Connection, key: str, value: str) -> None:
    connection.execute(
        "INSERT INTO local_setting (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete_setting(connection: Connection, key: str) -> None:
    connection.execute("DELETE FROM local_setting WHERE key = ?", (key,))
