"""Accountability: the audit trail hash-chained and append-only, with the workstation;
operators' roles; retention rules; when a record was anonymised

Revision ID: 0006_accountability
Revises: 0005_set_aside
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from sync.protocol.audit import GENESIS, row_hash

revision: str = "0006_accountability"
down_revision: str | None = "0005_set_aside"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOOKKEEPING = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "server_revision", "dirty",
    "deleted",
)  # fmt: skip
# Tables whose columns change here: their merge-base triggers (0003) are made again with them.
CHANGED_SYNCED = ("operator", "person", "referral", "referral_handling", "retention_rule")
CHAIN_SETTING = "audit.chain_id"
APPEND_ONLY = (
    "CREATE TRIGGER audit_entry_no_{what} BEFORE {verb} ON audit_entry BEGIN "
    "SELECT RAISE(ABORT, 'audit_entry is append-only'); END"
)


def _base_capture_trigger(table: str) -> None:
    # The same trigger as 0003's, naming today's columns (a copy: scripts stay self-contained).
    connection = op.get_bind()
    columns = [
        row[1]
        for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')
        if row[1] not in BOOKKEEPING
    ]
    pairs = ", ".join(f"'{name}', old.\"{name}\"" for name in columns)
    op.execute(f"DROP TRIGGER IF EXISTS sync_base_{table}")
    op.execute(
        f'CREATE TRIGGER sync_base_{table} BEFORE UPDATE OF dirty ON "{table}" '
        "FOR EACH ROW WHEN old.dirty = 0 AND new.dirty = 1 "
        "AND old.server_revision IS NOT NULL BEGIN "
        "INSERT OR REPLACE INTO sync_base (table_name, record_id, revision, data) "
        f"VALUES ('{table}', old.id, old.server_revision, json_object({pairs})); END"
    )


def _chain_existing_rows() -> None:
    """Number and hash the rows written before the chain existed, oldest first, as one chain."""
    connection = op.get_bind()
    rows = connection.exec_driver_sql(
        "SELECT id, at, operator, site, action, entity, entity_id, details "
        "FROM audit_entry ORDER BY at, id"
    ).fetchall()
    if not rows:
        return  # the chain begins with the first row written (desktop.services.audit)
    chain_id = str(uuid.uuid4())
    connection.exec_driver_sql(
        "INSERT OR REPLACE INTO local_setting (key, value) VALUES (?, ?)", (CHAIN_SETTING, chain_id)
    )
    previous = GENESIS
    for seq, (row_id, at, operator, site, action, entity, entity_id, details) in enumerate(
        rows, start=1
    ):
        stamp = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        row = {
            "chain_id": chain_id,
            "seq": seq,
            "at": stamp.replace(tzinfo=UTC),
            "operator": operator,
            "workstation": "",
            "site": site,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": details,
            "prev_hash": previous,
        }
        digest = row_hash(row)
        connection.exec_driver_sql(
            "UPDATE audit_entry SET chain_id = ?, seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (chain_id, seq, previous, digest, row_id),
        )
        previous = digest


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch_op:
        batch_op.add_column(
            sa.Column("workstation", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("chain_id", sa.String(length=36), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("hash", sa.String(length=64), nullable=False, server_default="")
        )
    _chain_existing_rows()
    op.create_index("uq_audit_entry_chain_seq", "audit_entry", ["chain_id", "seq"], unique=True)
    op.execute(APPEND_ONLY.format(what="update", verb="UPDATE"))
    op.execute(APPEND_ONLY.format(what="delete", verb="DELETE"))

    with op.batch_alter_table("operator") as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=40), nullable=False, server_default="social_worker")
        )
    for table in ("person", "referral", "referral_handling"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("anonymised_on", sa.Date(), nullable=True))

    op.create_table(
        "retention_rule",
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("track", sa.String(length=40), nullable=True),
        sa.Column("closing", sa.String(length=40), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("needs_decision", sa.Boolean(), nullable=False),
        sa.Column("basis", sa.String(length=400), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_rule")),
    )
    op.create_index("ix_retention_rule_owner_site", "retention_rule", ["owner_site"])
    op.create_index(
        "ix_retention_rule_dirty", "retention_rule", ["dirty"], sqlite_where=sa.text("dirty = 1")
    )
    for table in CHANGED_SYNCED:
        _base_capture_trigger(table)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS sync_base_retention_rule")
    op.drop_table("retention_rule")
    for table in ("person", "referral", "referral_handling"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("anonymised_on")
    with op.batch_alter_table("operator") as batch_op:
        batch_op.drop_column("role")
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    op.drop_index("uq_audit_entry_chain_seq", "audit_entry")
    with op.batch_alter_table("audit_entry") as batch_op:
        for column in ("hash", "prev_hash", "seq", "chain_id", "workstation"):
            batch_op.drop_column(column)
    for table in ("operator", "person", "referral", "referral_handling"):
        _base_capture_trigger(table)
