"""Referrals as the network makes them: routes the Province configures, the joint activation
plan, CMD data as the law splits it, the person's legal representative, the CPI's patto di
servizio and L. 68 hiring mode, and a CPI's referral to an Ambito's social services

Revision ID: 0008_referral_practice
Revises: 0007_site_profile
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_referral_practice"
down_revision: str | None = "0007_site_profile"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOOKKEEPING = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "server_revision", "dirty",
    "deleted",
)  # fmt: skip
NEW_TABLES = (
    "referral_route",
    "plan_goal",
    "plan_action",
    "joint_interview",
    "plan_review",
    "social_referral",
    "social_referral_reply",
)
PERSON_TEXT = (
    ("representative_name", 200),
    ("representative_tax_code", 16),
    ("representative_phone", 40),
    ("representative_email", 200),
    ("representative_act", 200),
)


def _base_capture_trigger(table: str) -> None:
    # The same trigger as 0003's, naming today's columns (a copy: scripts stay self-contained).
    connection = op.get_bind()
    columns = [
        row[1]
        for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')
        if row[1] not in BOOKKEEPING
    ]
    pairs = ", ".join(f"'{name}', old.\"{name}\"" for name in columns)
    op.execute(f"DROP TRIGGER IF EXISTS sync_base_{table}")
    op.execute(
        f'CREATE TRIGGER sync_base_{table} BEFORE UPDATE OF dirty ON "{table}" '
        "FOR EACH ROW WHEN old.dirty = 0 AND new.dirty = 1 "
        "AND old.server_revision IS NOT NULL BEGIN "
        "INSERT OR REPLACE INTO sync_base (table_name, record_id, revision, data) "
        f"VALUES ('{table}', old.id, old.server_revision, json_object({pairs})); END"
    )


def _new_tables() -> None:
    op.create_table(
        "referral_route",
        sa.Column("sender_kind", sa.String(length=40), nullable=False),
        sa.Column("recipient_kind", sa.String(length=40), nullable=False),
        sa.Column("track", sa.String(length=40), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_route")),
    )
    op.create_index("ix_referral_route_owner_site", "referral_route", ["owner_site"])
    op.create_index(
        "ix_referral_route_dirty", "referral_route", ["dirty"], sqlite_where=sa.text("dirty = 1")
    )
    op.create_table(
        "plan_goal",
        sa.Column(
            "referral_id",
            sa.String(length=36),
            sa.ForeignKey("referral.id", name=op.f("fk_plan_goal_referral_id_referral")),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reached_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_goal")),
    )
    op.create_index("ix_plan_goal_referral_id", "plan_goal", ["referral_id"])
    op.create_index("ix_plan_goal_owner_site", "plan_goal", ["owner_site"])
    op.create_index("ix_plan_goal_dirty", "plan_goal", ["dirty"], sqlite_where=sa.text("dirty = 1"))
    op.create_table(
        "plan_action",
        sa.Column(
            "referral_id",
            sa.String(length=36),
            sa.ForeignKey("referral.id", name=op.f("fk_plan_action_referral_id_referral")),
            nullable=False,
        ),
        sa.Column(
            "goal_id",
            sa.String(length=36),
            sa.ForeignKey("plan_goal.id", name=op.f("fk_plan_action_goal_id_plan_goal")),
            nullable=True,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("responsible_party", sa.String(length=40), nullable=False),
        sa.Column(
            "responsible_organization_id",
            sa.String(length=36),
            sa.ForeignKey(
                "organization.id",
                name=op.f("fk_plan_action_responsible_organization_id_organization"),
            ),
            nullable=True,
        ),
        sa.Column("responsible_name", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action")),
    )
    op.create_index("ix_plan_action_referral_id", "plan_action", ["referral_id"])
    op.create_index("ix_plan_action_owner_site", "plan_action", ["owner_site"])
    op.create_index(
        "ix_plan_action_dirty", "plan_action", ["dirty"], sqlite_where=sa.text("dirty = 1")
    )
    op.create_table(
        "joint_interview",
        sa.Column(
            "referral_id",
            sa.String(length=36),
            sa.ForeignKey("referral.id", name=op.f("fk_joint_interview_referral_id_referral")),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("person_present", sa.Boolean(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_interview")),
    )
    op.create_index("ix_joint_interview_owner_site", "joint_interview", ["owner_site"])
    op.create_index(
        "ix_joint_interview_dirty", "joint_interview", ["dirty"], sqlite_where=sa.text("dirty = 1")
    )
    op.create_index("ix_joint_interview_referral_id", "joint_interview", ["referral_id"])
    op.create_table(
        "plan_review",
        sa.Column(
            "referral_id",
            sa.String(length=36),
            sa.ForeignKey("referral.id", name=op.f("fk_plan_review_referral_id_referral")),
            nullable=False,
        ),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_review")),
    )
    op.create_index("ix_plan_review_owner_site", "plan_review", ["owner_site"])
    op.create_index(
        "ix_plan_review_dirty", "plan_review", ["dirty"], sqlite_where=sa.text("dirty = 1")
    )
    op.create_index("ix_plan_review_referral_id", "plan_review", ["referral_id"])
    op.create_table(
        "social_referral",
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column(
            "person_id",
            sa.String(length=36),
            sa.ForeignKey("person.id", name=op.f("fk_social_referral_person_id_person")),
            nullable=False,
        ),
        sa.Column("sending_site", sa.String(length=32), nullable=False),
        sa.Column(
            "ambito_id",
            sa.String(length=36),
            sa.ForeignKey("ambito.id", name=op.f("fk_social_referral_ambito_id_ambito")),
            nullable=False,
        ),
        sa.Column("referral_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("referring_operator", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("urgency", sa.String(length=40), nullable=False),
        sa.Column("withdrawn_note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_referral")),
    )
    op.create_index("ix_social_referral_owner_site", "social_referral", ["owner_site"])
    op.create_index(
        "ix_social_referral_dirty", "social_referral", ["dirty"], sqlite_where=sa.text("dirty = 1")
    )
    op.create_index("ix_social_referral_person_id", "social_referral", ["person_id"])
    op.create_index("ix_social_referral_ambito_id", "social_referral", ["ambito_id"])
    op.create_index("ix_social_referral_sending_site", "social_referral", ["sending_site"])
    op.create_table(
        "social_referral_reply",
        sa.Column(
            "social_referral_id",
            sa.String(length=36),
            sa.ForeignKey(
                "social_referral.id",
                name=op.f("fk_social_referral_reply_social_referral_id_social_referral"),
            ),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("replied_on", sa.Date(), nullable=False),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("owner_site", sa.String(length=32), nullable=False),
        sa.Column("server_revision", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_referral_reply")),
    )
    op.create_index("ix_social_referral_reply_owner_site", "social_referral_reply", ["owner_site"])
    op.create_index(
        "ix_social_referral_reply_dirty",
        "social_referral_reply",
        ["dirty"],
        sqlite_where=sa.text("dirty = 1"),
    )
    op.create_index(
        "ix_social_referral_reply_social_referral_id",
        "social_referral_reply",
        ["social_referral_id"],
    )


def upgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("representative_kind", sa.String(length=40), nullable=True))
        for name, length in PERSON_TEXT:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
        batch_op.add_column(sa.Column("representative_act_on", sa.Date(), nullable=True))
    with op.batch_alter_table("referral") as batch_op:
        batch_op.add_column(sa.Column("invalidity_revision_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("compatible_tasks", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("placement_supports", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("placement_notes", sa.Text(), nullable=False, server_default="")
        )
    with op.batch_alter_table("referral_handling") as batch_op:
        batch_op.add_column(sa.Column("service_pact_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("hiring_mode", sa.String(length=40), nullable=True))
    _new_tables()
    for table in ("person", "referral", "referral_handling", *NEW_TABLES):
        _base_capture_trigger(table)


def downgrade() -> None:
    for table in reversed(NEW_TABLES):
        op.execute(f"DROP TRIGGER IF EXISTS sync_base_{table}")
        op.drop_table(table)
    with op.batch_alter_table("referral_handling") as batch_op:
        batch_op.drop_column("hiring_mode")
        batch_op.drop_column("service_pact_on")
    with op.batch_alter_table("referral") as batch_op:
        for name in ("placement_notes", "placement_supports", "compatible_tasks"):
            batch_op.drop_column(name)
        batch_op.drop_column("invalidity_revision_on")
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("representative_act_on")
        for name, _length in reversed(PERSON_TEXT):
            batch_op.drop_column(name)
        batch_op.drop_column("representative_kind")
    for table in ("person", "referral", "referral_handling"):
        _base_capture_trigger(table)
