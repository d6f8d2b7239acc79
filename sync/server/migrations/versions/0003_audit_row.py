"""The offices' audit trails, kept apart from the records (``audit_row``).

Revision ID: 0003_audit_row
Revises: 0002_record_quarantine
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_audit_row"
down_revision = "0002_record_quarantine"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_row",
        # INTEGER on SQLite: only that type is the rowid, which numbers the rows by itself.
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("site_code", sa.String(32), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("chain_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_row"),
    )
    op.create_index("uq_audit_row_chain_seq", "audit_row", ["chain_id", "seq"], unique=True)
    op.create_index("ix_audit_row_site_id", "audit_row", ["site_code", "id"])


def downgrade() -> None:
    raise NotImplementedError("the server's schema is never downgraded: restore a backup")
