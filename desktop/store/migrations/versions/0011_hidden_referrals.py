"""The referrals a list never shows (tombstoned or restricted), in a small partial index: a
search counts its matches in the search index alone and subtracts these (issue 20)

Revision ID: 0011_hidden_referrals
Revises: 0010_imports
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_hidden_referrals"
down_revision: str | None = "0010_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_referral_hidden",
        "referral",
        ["deleted", "restricted"],
        sqlite_where=sa.text("deleted = 1 OR restricted = 1"),
    )


def downgrade() -> None:
    op.drop_index("ix_referral_hidden", table_name="referral")
