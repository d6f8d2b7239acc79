"""List indexes: listed referrals by date, and searches by name or codice fiscale, covering

Revision ID: 0004_listed_referrals
Revises: 0003_sync_bookkeeping
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_listed_referrals"
down_revision: str | None = "0003_sync_bookkeeping"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every column the list's filters test (desktop.services.referrals.listing_sql), after the date it
# is sorted by: a count reads this index and never the table's much wider rows.
LISTED_COLUMNS = [
    "created_on", "track", "status", "job_centre_id", "sending_site", "restricted", "person_id",
    "number",
]  # fmt: skip


# A short search walks these from a person's name or code to the referral's own checks without
# reading a person's or a referral's row; each widens the index of the same name it replaces.
WIDENED = {
    "ix_person_search_name": ("person", ["search_name"], ["search_name", "id"]),
    "ix_person_fiscal_code": ("person", ["fiscal_code"], ["fiscal_code", "id"]),
    "ix_referral_person_id": (
        "referral",
        ["person_id"],
        ["person_id", "deleted", "restricted", "number"],
    ),
}


def upgrade() -> None:
    op.create_index(
        "ix_referral_listed", "referral", LISTED_COLUMNS, sqlite_where=sa.text("deleted = 0")
    )
    for name, (table, _old, columns) in WIDENED.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, columns, _new) in WIDENED.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)
    op.drop_index("ix_referral_listed", table_name="referral")
