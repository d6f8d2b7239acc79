"""Co-design projects (co-progettazione, art. 55 D.Lgs. 117/2017)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.codes import (
    ActivityStatus,
    FundingSource,
    IndicatorKind,
    PartnerRole,
    ProceedingBodyKind,
    ProjectStatus,
    ProjectTarget,
)
from desktop.store.base import Base, Code, Synced


class Project(Synced, Base):
    __tablename__ = "project"

    title: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str] = mapped_column(String(40), default="")
    internal_code: Mapped[str] = mapped_column(String(40), default="")
    cup: Mapped[str] = mapped_column(String(15), default="")
    ambito_id: Mapped[str | None] = mapped_column(ForeignKey("ambito.id"), default=None)
    proceeding_body_kind: Mapped[ProceedingBodyKind | None] = mapped_column(
        Code(ProceedingBodyKind), default=None
    )
    proceeding_body_name: Mapped[str] = mapped_column(String(200), default="")
    rup_name: Mapped[str] = mapped_column(String(200), default="")
    notice_number: Mapped[str] = mapped_column(String(40), default="")
    notice_on: Mapped[date | None] = mapped_column(default=None)
    start_decision: Mapped[str] = mapped_column(String(80), default="")
    start_decision_on: Mapped[date | None] = mapped_column(default=None)
    approval_decision: Mapped[str] = mapped_column(String(80), default="")
    approval_decision_on: Mapped[date | None] = mapped_column(default=None)
    agreement_on: Mapped[date | None] = mapped_column(default=None)
    agreement_repertory: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[ProjectStatus] = mapped_column(
        Code(ProjectStatus), default=ProjectStatus.CO_PROGRAMMING
    )
    target: Mapped[ProjectTarget] = mapped_column(Code(ProjectTarget), default=ProjectTarget.NEET)
    expected_beneficiaries: Mapped[int | None] = mapped_column(Integer, default=None)
    start_on: Mapped[date | None] = mapped_column(default=None)
    end_on: Mapped[date | None] = mapped_column(default=None)
    description: Mapped[str] = mapped_column(Text, default="")


class ProjectPartner(Synced, Base):
    __tablename__ = "project_partner"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"))
    role: Mapped[PartnerRole] = mapped_column(Code(PartnerRole))
    resources_description: Mapped[str] = mapped_column(Text, default="")
    # Euro cents: co-design is co-funding, and money must add up exactly.
    resources_value_cents: Mapped[int] = mapped_column(Integer, default=0)
    joined_on: Mapped[date | None] = mapped_column(default=None)
    left_on: Mapped[date | None] = mapped_column(default=None)


class ProjectFunding(Synced, Base):
    __tablename__ = "project_funding"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    source: Mapped[FundingSource] = mapped_column(Code(FundingSource))
    amount_cents: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(String(300), default="")


class ProjectActivity(Synced, Base):
    __tablename__ = "project_activity"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    responsible_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"), default=None)
    start_on: Mapped[date | None] = mapped_column(default=None)
    end_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[ActivityStatus] = mapped_column(
        Code(ActivityStatus), default=ActivityStatus.PLANNED
    )


class ProjectIndicator(Synced, Base):
    __tablename__ = "project_indicator"

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    kind: Mapped[IndicatorKind] = mapped_column(Code(IndicatorKind), default=IndicatorKind.MANUAL)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="")
    baseline: Mapped[float | None] = mapped_column(default=None)
    target: Mapped[float | None] = mapped_column(default=None)
    value: Mapped[float | None] = mapped_column(default=None)


class ProjectBeneficiary(Synced, Base):
    """A link to a referral: never a copy of the person's data."""

    __tablename__ = "project_beneficiary"
    __table_args__ = (UniqueConstraint("project_id", "referral_id"),)

    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"), index=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
