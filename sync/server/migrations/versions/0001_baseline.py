"""Baseline: the server schema of the first release, as ``create_all`` made it (be9bcfe).

A database made by that release has these tables and no ``alembic_version``:
``sync.server.migrate`` recognises it and stamps it with this revision instead of running it.

Revision ID: 0001_baseline
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "push_batch",
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("batch_id", sa.String(36), nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("receipts", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "batch_id", name="pk_push_batch"),
    )
    op.create_table(
        "record",
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("owner_site", sa.String(32), nullable=False),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("natural_key", sa.String(64), nullable=True),
        sa.Column("referral_id", sa.String(36), nullable=True),
        sa.Column("person_id", sa.String(36), nullable=True),
        sa.Column("job_centre_id", sa.String(36), nullable=True),
        sa.Column("status", sa.String(40), nullable=True),
        sa.Column("track", sa.String(40), nullable=True),
        sa.Column("month", sa.String(7), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "id", name="pk_record"),
        sa.UniqueConstraint("revision", name="uq_record_revision"),
    )
    op.create_index("ix_record_public_revision", "record", ["is_public", "revision"])
    op.create_index("ix_record_referral_id", "record", ["referral_id"])
    op.create_index("ix_record_table_code", "record", ["table_name", "natural_key"])
    op.create_index("ix_record_person_id", "record", ["person_id"])
    op.create_table(
        "record_grant",
        sa.Column("site_code", sa.String(32), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("site_code", "table_name", "record_id", name="pk_record_grant"),
    )
    op.create_index("ix_record_grant_site_revision", "record_grant", ["site_code", "revision"])
    op.create_index("ix_record_grant_record", "record_grant", ["table_name", "record_id"])
    counter = op.create_table(
        "revision_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_revision_counter"),
    )
    op.bulk_insert(counter, [{"id": 1, "last_revision": 0}])
    op.create_table(
        "server_site",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("ambito_code", sa.String(32), nullable=True),
        sa.Column("job_centre_code", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_server_site"),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("site_code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_device"),
        sa.ForeignKeyConstraint(
            ["site_code"], ["server_site.code"], name="fk_device_site_code_server_site"
        ),
        sa.UniqueConstraint("token_hash", name="uq_device_token_hash"),
    )
    op.create_index("ix_device_site_code", "device", ["site_code"])
    op.create_table(
        "enrollment_code",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("site_code", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name="pk_enrollment_code"),
        sa.ForeignKeyConstraint(
            ["site_code"], ["server_site.code"], name="fk_enrollment_code_site_code_server_site"
        ),
    )
    op.create_index("ix_enrollment_code_site_code", "enrollment_code", ["site_code"])


def downgrade() -> None:
    raise NotImplementedError("the server's schema is never downgraded: restore a backup")
