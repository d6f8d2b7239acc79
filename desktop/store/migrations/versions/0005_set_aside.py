"""Records from the server that this PC could not apply, set aside with the reason

Revision ID: 0005_set_aside
Revises: 0004_listed_referrals
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_set_aside"
down_revision: str | None = "0004_listed_referrals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_set_aside",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_tried_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_set_aside")),
    )


def downgrade() -> None:
    op.drop_table("sync_set_aside")
