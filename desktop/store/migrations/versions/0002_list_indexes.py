"""Indexes for sorting and filtering the referral list over 100,000 rows

Revision ID: 0002_list_indexes
Revises: 0001_initial
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_list_indexes"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_referral_status_changed_at", "referral", ["status_changed_at"])
    op.create_index("ix_person_birth_date", "person", ["birth_date"])
    op.create_index(
        "ix_person_restricted",
        "person",
        ["restricted"],
        sqlite_where=sa.text("restricted = 1"),
    )
    op.create_index("ix_job_centre_name", "job_centre", ["name"])


def downgrade() -> None:
    op.drop_index("ix_job_centre_name", table_name="job_centre")
    op.drop_index("ix_person_restricted", table_name="person")
    op.drop_index("ix_person_birth_date", table_name="person")
    op.drop_index("ix_referral_status_changed_at", table_name="referral")
