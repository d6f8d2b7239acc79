"""Sync bookkeeping: base versions, batches in flight, conflicts, rejections, log; outbox
indexes; referral numbers no longer unique on a PC

Revision ID: 0003_sync_bookkeeping
Revises: 0002_list_indexes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_sync_bookkeeping"
down_revision: str | None = "0002_list_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here on purpose: a migration must not change when the models do.
SYNCED_TABLES = (
    "ambito", "municipality", "job_centre", "site", "operator", "organization", "contact",
    "referent", "job_centre_catchment", "person", "referral", "referral_event",
    "referral_handling", "path_action", "privacy_acknowledgement", "project", "project_partner",
    "project_funding", "project_activity", "project_indicator", "project_beneficiary", "meeting",
    "meeting_participant", "agenda_item", "action_item",
)  # fmt: skip


# Referral numbers are drawn on each PC ("2026/000123"): two PCs of one Ambito, or two Ambiti
# writing to one CPI, draw the same number, and sync brings both rows to the same PC. Unique,
# the second would stop every sync there. The constraint is a table constraint: SQLite drops
# it only by rebuilding the table (sqlite.org/lang_altertable.html §7), keeping every rowid,
# which the referral search index (referral_search, 0001) is keyed by.
UNIQUE_NUMBER = ", \n\tCONSTRAINT uq_referral_number UNIQUE (number)"


def _relax_referral_number() -> None:
    connection = op.get_bind()
    table_sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'referral'"
    ).scalar_one()
    if UNIQUE_NUMBER not in table_sql:
        raise RuntimeError("unexpected referral table definition: not rebuilt")
    rebuilt = table_sql.replace(UNIQUE_NUMBER, "").replace(
        "CREATE TABLE referral (", "CREATE TABLE _referral_rebuilt (", 1
    )
    # Indexes and triggers go with the old table; they are made again as they were.
    companions = [
        sql
        for (sql,) in connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'referral' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    ]
    columns = ", ".join(
        f'"{row[1]}"' for row in connection.exec_driver_sql("PRAGMA table_info(referral)")
    )
    connection.exec_driver_sql(rebuilt)
    connection.exec_driver_sql(
        f"INSERT INTO _referral_rebuilt (rowid, {columns}) SELECT rowid, {columns} FROM referral"
    )
    connection.exec_driver_sql("DROP TABLE referral")
    # Legacy rename: the person trigger of 0001 names "referral", absent for this one moment.
    connection.exec_driver_sql("PRAGMA legacy_alter_table=ON")
    connection.exec_driver_sql("ALTER TABLE _referral_rebuilt RENAME TO referral")
    connection.exec_driver_sql("PRAGMA legacy_alter_table=OFF")
    for sql in companions:
        connection.exec_driver_sql(sql)
    op.create_index("ix_referral_number", "referral", ["number"])


# The base of a three-way merge is the row as last synced. Rather than keeping a copy of every
# row, the copy is taken when a synced row first changes here: a clean row (dirty = 0) is
# always exactly the server's version at its server_revision.
BOOKKEEPING = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "server_revision", "dirty",
    "deleted",
)  # fmt: skip


def _base_capture_triggers() -> None:
    connection = op.get_bind()
    for table in SYNCED_TABLES:
        columns = [
            row[1]
            for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')
            if row[1] not in BOOKKEEPING
        ]
        pairs = ", ".join(f"'{name}', old.\"{name}\"" for name in columns)
        op.execute(
            f'CREATE TRIGGER sync_base_{table} BEFORE UPDATE OF dirty ON "{table}" '
            "FOR EACH ROW WHEN old.dirty = 0 AND new.dirty = 1 "
            "AND old.server_revision IS NOT NULL BEGIN "
            "INSERT OR REPLACE INTO sync_base (table_name, record_id, revision, data) "
            f"VALUES ('{table}', old.id, old.server_revision, json_object({pairs})); END"
        )


def upgrade() -> None:
    _relax_referral_number()
    op.create_table(
        "sync_base",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_base")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "sync_batch",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_sync_batch")),
    )
    op.create_table(
        "sync_batch_item",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("row_updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_batch_item")),
    )
    op.create_index("ix_sync_batch_item_batch_id", "sync_batch_item", ["batch_id"])
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=80), nullable=False),
        sa.Column("local_value", sa.Text(), nullable=False),
        sa.Column("remote_value", sa.Text(), nullable=False),
        sa.Column("base_value", sa.Text(), nullable=False),
        sa.Column("remote_revision", sa.Integer(), nullable=False),
        sa.Column("remote_updated_by", sa.String(length=64), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_index("ix_sync_conflict_record", "sync_conflict", ["table_name", "record_id"])
    op.create_table(
        "sync_rejection",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("row_updated_at", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("rejected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_rejection")),
    )
    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("elapsed_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_log")),
    )
    op.create_index("ix_sync_log_at", "sync_log", ["at"])
    for table in SYNCED_TABLES:
        op.create_index(
            f"ix_{table}_dirty", table, ["dirty"], sqlite_where=sa.text("dirty = 1")
        )
    _base_capture_triggers()


def downgrade() -> None:
    for table in SYNCED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS sync_base_{table}")
    # Numbers are not made unique again: synced copies may legitimately share one.
    op.drop_index("ix_referral_number", table_name="referral")
    for table in SYNCED_TABLES:
        op.drop_index(f"ix_{table}_dirty", table_name=table)
    op.drop_index("ix_sync_log_at", table_name="sync_log")
    op.drop_table("sync_log")
    op.drop_table("sync_rejection")
    op.drop_index("ix_sync_conflict_record", table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_index("ix_sync_batch_item_batch_id", table_name="sync_batch_item")
    op.drop_table("sync_batch_item")
    op.drop_table("sync_batch")
    op.drop_table("sync_base")
