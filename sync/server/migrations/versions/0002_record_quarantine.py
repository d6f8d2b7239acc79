"""Record quarantine: an administrator takes a bad record out of circulation.

Revision ID: 0002_record_quarantine
Revises: 0001_baseline
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_record_quarantine"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy on SQLite): every existing record is not quarantined.
    op.add_column(
        "record",
        sa.Column("quarantined", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("record", sa.Column("quarantine_reason", sa.String(500), nullable=True))
    op.add_column("record", sa.Column("quarantined_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("the server's schema is never downgraded: restore a backup")
