"""A site's open path actions by state and due dates, in a small partial covering index: the start
page "Da fare" finds a CPI's due actions without reading each of its path actions (issue 20)

Revision ID: 0012_due_path_actions
Revises: 0011_hidden_referrals
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_due_path_actions"
down_revision: str | None = "0011_hidden_referrals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Planned actions are due when they start, running ones when they end (desktop.services.worklist).
# Running ones are the many (a tirocinio runs for months): the read seeks their range of end
# dates, checks the few planned ones' start in the index, and takes the referral and type from it.
DUE_COLUMNS = ["owner_site", "state", "end_on", "start_on", "referral_id", "action_type", "id"]


def upgrade() -> None:
    op.create_index(
        "ix_path_action_due",
        "path_action",
        DUE_COLUMNS,
        sqlite_where=sa.text("deleted = 0 AND state IN ('planned', 'running')"),
    )


def downgrade() -> None:
    op.drop_index("ix_path_action_due", table_name="path_action")
