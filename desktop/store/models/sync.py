"""Bookkeeping of batch sync with the provincial server (DESIGN.md §3); never synced itself.

The outbox is the ``dirty`` marker that every service sets on a row in the same transaction as
the change; these tables hold the rest: the base version of each record for three-way merges,
batches in flight (kept so a retry after a crash resends the very same batch), field conflicts
waiting for a person, records the server refused, records from the server this PC could not
apply (set aside), and a log of syncs without personal data.
The sync cursor and the enrollment live in ``local_setting``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.base import Base, new_id, utcnow
from desktop.store.models.directory import Contact, Organization
from desktop.store.models.meeting import ActionItem, AgendaItem, Meeting, MeetingParticipant
from desktop.store.models.person import Person, PrivacyAcknowledgement
from desktop.store.models.project import (
    Project,
    ProjectActivity,
    ProjectBeneficiary,
    ProjectFunding,
    ProjectIndicator,
    ProjectPartner,
)
from desktop.store.models.reference import (
    Ambito,
    JobCentre,
    JobCentreCatchment,
    Municipality,
    Operator,
    Referent,
    ReferralRoute,
    RetentionRule,
    Site,
)
from desktop.store.models.referral import (
    JointInterview,
    PathAction,
    PlanAction,
    PlanGoal,
    PlanReview,
    Referral,
    ReferralEvent,
    ReferralHandling,
    SocialReferral,
    SocialReferralReply,
)


class SyncBase(Base):
    """The last version of a record that this PC and the server agreed on (its base).

    ``data`` is a JSON object of the record's domain columns as SQLite stores them.
    """

    __tablename__ = "sync_base"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - read by SQLAlchemy

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)


class SyncBatch(Base):
    """A push batch written before it is sent: after a crash the same bytes go again."""

    __tablename__ = "sync_batch"

    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # the gzip request body
    record_count: Mapped[int] = mapped_column(Integer)


class SyncBatchItem(Base):
    """A record travelling in a batch ("uploading"), with its ``updated_at`` when it left.

    A receipt finds the row changed since (an edit during upload) and leaves it dirty.
    """

    __tablename__ = "sync_batch_item"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), index=True)
    row_updated_at: Mapped[str] = mapped_column(String(32))


class SyncConflict(Base):
    """One field changed both here and elsewhere since the base: a person chooses.

    Values are JSON of what SQLite stores; the row keeps the local value until resolved.
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_record", "table_name", "record_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(80))
    local_value: Mapped[str] = mapped_column(Text)
    remote_value: Mapped[str] = mapped_column(Text)
    base_value: Mapped[str] = mapped_column(Text)
    remote_revision: Mapped[int] = mapped_column(Integer)
    remote_updated_by: Mapped[str] = mapped_column(String(64), default="")
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    # "local", "remote", "value" (typed by a person) or "converged" (both sides agreed later)
    resolution: Mapped[str] = mapped_column(String(20), default="")


class SyncRejection(Base):
    """A record the server refused; it is not sent again until it changes here."""

    __tablename__ = "sync_rejection"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    row_updated_at: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text, default="")
    rejected_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncSetAside(Base):
    """A record from the server that this PC could not apply, kept with the reason.

    The rest of its page applies and the cursor moves on; the record is tried again at every
    sync until it applies (or a newer version of it does). ``record`` is the JSON the server
    sent, ``revision`` its revision.
    """

    __tablename__ = "sync_set_aside"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int | None] = mapped_column(Integer, default=None)
    record: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_tried_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class SyncLogEntry(Base):
    """What one stage of a sync did: counts and an Italian message, never personal data."""

    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    direction: Mapped[str] = mapped_column(String(10))  # push, pull, check, sync
    records: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(20))  # ok, offline, refused, failed, ...
    message: Mapped[str] = mapped_column(Text, default="")
    elapsed_ms: Mapped[int] = mapped_column(Integer, default=0)


# The tables whose rows travel; tests/sync checks this against sync.protocol.SYNCED_TABLES
# (the store may not import sync: DESIGN.md §1).
SYNCED_MODELS = (
    Ambito, Municipality, JobCentre, Site, Operator, Organization, Contact, Referent,
    JobCentreCatchment, RetentionRule, ReferralRoute, Person, Referral, ReferralEvent,
    ReferralHandling, PathAction, PlanGoal, PlanAction, JointInterview, PlanReview,
    PrivacyAcknowledgement, SocialReferral, SocialReferralReply, Project, ProjectPartner,
    ProjectFunding, ProjectActivity, ProjectIndicator, ProjectBeneficiary, Meeting,
    MeetingParticipant, AgendaItem, ActionItem,
)  # fmt: skip

# The outbox is read by probing these small partial indexes: a sync with nothing to send
# must not scan 100,000 referrals to find that out.
for _model in SYNCED_MODELS:
    Index(
        f"ix_{_model.__tablename__}_dirty",
        _model.__table__.c.dirty,
        sqlite_where=text("dirty = 1"),
    )
