"""Documents a legal office would sign: the site profile (the controller, contacts, DPO, logo)
on the site reference rows; a meeting's convening site and its protocol date

Revision ID: 0007_site_profile
Revises: 0006_accountability
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_site_profile"
down_revision: str | None = "0006_accountability"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOOKKEEPING = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "server_revision", "dirty",
    "deleted",
)  # fmt: skip
SITE_TEXT = (
    ("controller_name", 300),
    ("controller_tax_code", 16),
    ("address", 300),
    ("pec", 200),
    ("email", 200),
    ("phone", 60),
    ("website", 200),
    ("dpo_name", 200),
    ("dpo_email", 200),
    ("dpo_pec", 200),
    ("dpo_phone", 60),
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


def upgrade() -> None:
    with op.batch_alter_table("site") as batch_op:
        for name, length in SITE_TEXT:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
        batch_op.add_column(
            sa.Column("logo", sa.String(length=136_000), nullable=False, server_default="")
        )
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.add_column(
            sa.Column("convening_site", sa.String(length=32), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("protocol_on", sa.Date(), nullable=True))
    for table in ("site", "meeting"):
        _base_capture_trigger(table)


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.drop_column("protocol_on")
        batch_op.drop_column("convening_site")
    with op.batch_alter_table("site") as batch_op:
        batch_op.drop_column("logo")
        for name, _length in reversed(SITE_TEXT):
            batch_op.drop_column(name)
    for table in ("site", "meeting"):
        _base_capture_trigger(table)
