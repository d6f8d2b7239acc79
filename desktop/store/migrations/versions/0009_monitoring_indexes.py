"""Monitoring indexes: the listed referrals' index also covers the sending date and the id, and
the CPI's handling is covered by its dates, outcome and referent

Revision ID: 0009_monitoring_indexes
Revises: 0008_referral_practice
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_monitoring_indexes"
down_revision: str | None = "0008_referral_practice"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTED_COLUMNS = [
    "created_on", "track", "status", "job_centre_id", "sending_site", "restricted", "person_id",
    "number",
]  # fmt: skip
# The Monitoraggio page's pass over a site's referrals (desktop.services.monitoring.sections)
# joins each to its handling by id and measures from ``sent_on``: with both in the index, and
# the handling's dates in one of its own, the page reads no row of either table (issue 18: a
# sender's whole history went from about 1.2 s to about 0.5 s on 100,000 referrals).
MONITORED_COLUMNS = [*LISTED_COLUMNS, "sent_on", "id"]
HANDLING_COLUMNS = [
    "referral_id", "deleted", "received_on", "taken_in_charge_on", "outcome", "referent_id",
]  # fmt: skip


def upgrade() -> None:
    op.drop_index("ix_referral_listed", table_name="referral")
    op.create_index(
        "ix_referral_listed", "referral", MONITORED_COLUMNS, sqlite_where=sa.text("deleted = 0")
    )
    op.create_index("ix_referral_handling_monitored", "referral_handling", HANDLING_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_referral_handling_monitored", table_name="referral_handling")
    op.drop_index("ix_referral_listed", table_name="referral")
    op.create_index(
        "ix_referral_listed", "referral", LISTED_COLUMNS, sqlite_where=sa.text("deleted = 0")
    )
