"""Imports from spreadsheets: where each imported record came from (issue 19)

Revision ID: 0010_imports
Revises: 0009_monitoring_indexes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_imports"
down_revision: str | None = "0009_monitoring_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Local bookkeeping, never synced: no capture trigger, no dirty flag.
    op.create_table(
        "imported_row",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source_key", sa.String(64), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("source_name", sa.String(255), nullable=False),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("row_digest", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_index("uq_imported_row_key", "imported_row", ["kind", "source_key"], unique=True)
    op.create_index("ix_imported_row_source", "imported_row", ["source_sha256", "row_number"])
    op.create_index("ix_imported_row_record", "imported_row", ["record_id"])


def downgrade() -> None:
    op.drop_table("imported_row")
