"""The start page's indexes: a site's open path actions by state and due dates, the referrals
sent or received but not yet taken in charge, and the drafts without their privacy notice, each
in a small partial covering index, so that "Da fare" reads no row of a busy CPI's path actions,
waiting referrals or a sender's drafts to find the few due (issue 20)

Revision ID: 0012_worklist_indexes
Revises: 0011_hidden_referrals
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_worklist_indexes"
down_revision: str | None = "0011_hidden_referrals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Planned actions are due when they start, running ones when they end (desktop.services.worklist).
# Running ones are the many (a tirocinio runs for months): the read seeks their range of end
# dates, checks the few planned ones' start in the index, and takes the referral and type from it.
DUE_COLUMNS = ["owner_site", "state", "end_on", "start_on", "referral_id", "action_type", "id"]
# A CPI's referrals waiting to be taken in charge, and a sender's drafts without their privacy
# notice, with what the page checks (restriction) and shows (number, track) of each. The queries
# repeat these WHERE clauses as they are written: SQLite uses a partial index only then.
AWAITING_COLUMNS = [
    "status", "job_centre_id", "sent_on", "restricted", "person_id", "number", "track", "id",
]  # fmt: skip
WITHOUT_NOTICE_COLUMNS = [
    "sending_site", "status", "created_on", "restricted", "person_id", "number", "track", "id",
]  # fmt: skip


def upgrade() -> None:
    op.create_index(
        "ix_path_action_due",
        "path_action",
        DUE_COLUMNS,
        sqlite_where=sa.text("deleted = 0 AND state IN ('planned', 'running')"),
    )
    op.create_index(
        "ix_referral_awaiting",
        "referral",
        AWAITING_COLUMNS,
        sqlite_where=sa.text("deleted = 0 AND status IN ('sent', 'received')"),
    )
    op.create_index(
        "ix_referral_without_notice",
        "referral",
        WITHOUT_NOTICE_COLUMNS,
        sqlite_where=sa.text(
            "deleted = 0 AND status IN ('draft', 'returned') AND privacy_notice_on IS NULL"
        ),
    )


def downgrade() -> None:
    op.drop_index("ix_referral_without_notice", table_name="referral")
    op.drop_index("ix_referral_awaiting", table_name="referral")
    op.drop_index("ix_path_action_due", table_name="path_action")
