"""Referrals (segnalazioni), their status events, the CPI's handling and path actions.

Ownership follows DESIGN.md §3: the referral's data belongs to the sending site; its handling
(taking in charge, outcome) and path actions belong to the CPI it is addressed to; each status
event belongs to the site that made the transition. ``Referral.status`` is the latest event's
``to_status``, kept on the row so that lists can filter and sort by it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.codes import (
    ActionItemStatus,
    ActionState,
    ContractType,
    DisabilityCategory,
    EmployerType,
    GuaranteeStatus,
    HiringMode,
    Outcome,
    PathActionType,
    PlanParty,
    ProfilingClass,
    ReferralStatus,
    ReviewOutcome,
    SocialReferralStatus,
    Track,
    Urgency,
)
from desktop.store.base import Base, Code, Synced


class Referral(Synced, Base):
    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_status_changed", "status", "status_changed_at"),
        Index("ix_referral_job_centre_status", "job_centre_id", "status"),
        # Partial and covering: the referral list counts and walks by date from it alone.
        Index(
            "ix_referral_listed",
            "created_on",
            "track",
            "status",
            "job_centre_id",
            "sending_site",
            "restricted",
            "person_id",
            "number",
            # Monitoraggio measures from the sending date and joins the handling by id.
            "sent_on",
            "id",
            sqlite_where=text("deleted = 0"),
        ),
        # With what a search checks on each referral it finds: no row read for a non-match.
        Index("ix_referral_person_id", "person_id", "deleted", "restricted", "number"),
        # Partial and covering: a CPI's start page counts the referrals waiting to be taken in
        # charge, and reads the first, from it alone (0012).
        Index(
            "ix_referral_awaiting",
            "status",
            "job_centre_id",
            "sent_on",
            "restricted",
            "person_id",
            "number",
            "track",
            "id",
            sqlite_where=text("deleted = 0 AND status IN ('sent', 'received')"),
        ),
        # Partial: a sender's drafts whose privacy notice is not yet handed over, few (0012).
        Index(
            "ix_referral_without_notice",
            "sending_site",
            "status",
            "created_on",
            "restricted",
            "person_id",
            "number",
            "track",
            "id",
            sqlite_where=text(
                "deleted = 0 AND status IN ('draft', 'returned') AND privacy_notice_on IS NULL"
            ),
        ),
        # The few referrals a list never shows: a search's count subtracts them (listing_sql).
        Index(
            "ix_referral_hidden",
            "deleted",
            "restricted",
            sqlite_where=text("deleted = 1 OR restricted = 1"),
        ),
    )

    # "2026/000123", drawn on each PC: not unique once synced (migration 0003 says why).
    number: Mapped[str] = mapped_column(String(20), index=True)
    track: Mapped[Track] = mapped_column(Code(Track), index=True)
    status: Mapped[ReferralStatus] = mapped_column(Code(ReferralStatus), index=True)
    status_changed_at: Mapped[datetime] = mapped_column(index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    sending_site: Mapped[str] = mapped_column(String(32), index=True)
    referring_service: Mapped[str] = mapped_column(String(200), default="")
    referring_operator: Mapped[str] = mapped_column(String(200), default="")
    job_centre_id: Mapped[str] = mapped_column(ForeignKey("job_centre.id"), index=True)
    # True when the operator chose a CPI other than the one competent for the residence.
    job_centre_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[Urgency] = mapped_column(Code(Urgency), default=Urgency.NORMAL)
    created_on: Mapped[date] = mapped_column(index=True)
    sent_on: Mapped[date | None] = mapped_column(default=None)
    privacy_notice_on: Mapped[date | None] = mapped_column(default=None)
    attachments: Mapped[list[str]] = mapped_column(default=list)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    restriction_reason: Mapped[str] = mapped_column(Text, default="")

    # NEET track
    out_of_work_since: Mapped[date | None] = mapped_column(default=None)
    out_of_education_since: Mapped[date | None] = mapped_column(default=None)
    early_school_leaver: Mapped[bool | None] = mapped_column(Boolean, default=None)
    guarantee_adhesion_on: Mapped[date | None] = mapped_column(default=None)
    guarantee_status: Mapped[GuaranteeStatus | None] = mapped_column(
        Code(GuaranteeStatus), default=None
    )
    profiling_class: Mapped[ProfilingClass | None] = mapped_column(
        Code(ProfilingClass), default=None
    )
    gol_path: Mapped[int | None] = mapped_column(Integer, default=None)
    needs: Mapped[list[str]] = mapped_column(default=list)
    other_services: Mapped[list[str]] = mapped_column(default=list)

    # CMD track: category and percentage only, never diagnoses (GDPR art. 5 and 9).
    disability_category: Mapped[DisabilityCategory | None] = mapped_column(
        Code(DisabilityCategory), default=None
    )
    disability_percentage: Mapped[int | None] = mapped_column(Integer, default=None)
    assessment_on: Mapped[date | None] = mapped_column(default=None)
    l68_registration_on: Mapped[date | None] = mapped_column(default=None)
    doc_assessment_seen: Mapped[bool] = mapped_column(Boolean, default=False)
    doc_assessment_on: Mapped[date | None] = mapped_column(default=None)
    doc_functional_diagnosis_seen: Mapped[bool] = mapped_column(Boolean, default=False)
    doc_functional_diagnosis_on: Mapped[date | None] = mapped_column(default=None)
    doc_final_report_seen: Mapped[bool] = mapped_column(Boolean, default=False)
    doc_final_report_on: Mapped[date | None] = mapped_column(default=None)
    # When the referral was anonymised (retention); None while identifiable. Last, as the
    # migration that added it left it in the table.
    anonymised_on: Mapped[date | None] = mapped_column(default=None)
    # CMD as the law splits it (0008). ``assessment_on`` is the civil-invalidity verbale's date,
    # ``invalidity_revision_on`` when it is to be revised; ``doc_assessment_*`` the L. 68/1999
    # verbale (accertamento ai fini del collocamento mirato). Placement indications are codes
    # of tasks and supports, and a short note the minutes' privacy check screens: no diagnosis.
    invalidity_revision_on: Mapped[date | None] = mapped_column(default=None)
    compatible_tasks: Mapped[list[str]] = mapped_column(default=list)
    placement_supports: Mapped[list[str]] = mapped_column(default=list)
    placement_notes: Mapped[str] = mapped_column(Text, default="")


class ReferralEvent(Synced, Base):
    """One lifecycle transition: who, when (UTC), from, to, why."""

    __tablename__ = "referral_event"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    at: Mapped[datetime]
    operator: Mapped[str] = mapped_column(String(64))
    site: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[ReferralStatus | None] = mapped_column(Code(ReferralStatus))
    to_status: Mapped[ReferralStatus] = mapped_column(Code(ReferralStatus))
    note: Mapped[str] = mapped_column(Text, default="")


class ReferralHandling(Synced, Base):
    """The CPI's side of a referral: taking in charge, outcome and follow-up."""

    __tablename__ = "referral_handling"
    __table_args__ = (
        # Covering for Monitoraggio's response times, outcomes and referents (migration 0009).
        Index(
            "ix_referral_handling_monitored",
            "referral_id",
            "deleted",
            "received_on",
            "taken_in_charge_on",
            "outcome",
            "referent_id",
        ),
    )

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), unique=True)
    received_on: Mapped[date | None] = mapped_column(default=None)
    taken_in_charge_on: Mapped[date | None] = mapped_column(default=None)
    referent_id: Mapped[str | None] = mapped_column(ForeignKey("referent.id"), default=None)
    outcome: Mapped[Outcome | None] = mapped_column(Code(Outcome), default=None)
    outcome_on: Mapped[date | None] = mapped_column(default=None)
    contract_type: Mapped[ContractType | None] = mapped_column(Code(ContractType), default=None)
    counts_in_l68_quota: Mapped[bool | None] = mapped_column(Boolean, default=None)
    employer_type: Mapped[EmployerType | None] = mapped_column(Code(EmployerType), default=None)
    outcome_notes: Mapped[str] = mapped_column(Text, default="")
    follow_up_due_on: Mapped[date | None] = mapped_column(default=None)
    follow_up_done_on: Mapped[date | None] = mapped_column(default=None)
    follow_up_notes: Mapped[str] = mapped_column(Text, default="")
    # When the CPI removed its free text about the person (retention); None until then.
    anonymised_on: Mapped[date | None] = mapped_column(default=None)
    # The patto di servizio personalizzato (art. 20 D.Lgs. 150/2015) and, for a hire under
    # L. 68/1999, how it was made (0008).
    service_pact_on: Mapped[date | None] = mapped_column(default=None)
    hiring_mode: Mapped[HiringMode | None] = mapped_column(Code(HiringMode), default=None)


class PathAction(Synced, Base):
    """An action of the activation path (orientamento, tirocinio, formazione, ...)."""

    __tablename__ = "path_action"
    __table_args__ = (
        # Partial and covering: the start page finds a site's due actions from it alone (0012).
        Index(
            "ix_path_action_due",
            "owner_site",
            "state",
            "end_on",
            "start_on",
            "referral_id",
            "action_type",
            "id",
            sqlite_where=text("deleted = 0 AND state IN ('planned', 'running')"),
        ),
    )

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    action_type: Mapped[PathActionType] = mapped_column(Code(PathActionType))
    state: Mapped[ActionState] = mapped_column(Code(ActionState), default=ActionState.PLANNED)
    start_on: Mapped[date | None] = mapped_column(default=None)
    end_on: Mapped[date | None] = mapped_column(default=None)
    provider_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"), default=None)
    funding: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[int | None] = mapped_column(Integer, default=None)
    outcome_notes: Mapped[str] = mapped_column(Text, default="")


# The joint activation plan (percorso congiunto, 0008) of a referral taken in charge. Each row
# belongs to the site that wrote it (the sender, the CPI, or a Third Sector body enrolled as a
# site), so two parties never edit the same row and sync never conflicts across sites; whoever
# sees the referral sees the plan.


class PlanGoal(Synced, Base):
    """A shared goal of the plan."""

    __tablename__ = "plan_goal"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    reached_on: Mapped[date | None] = mapped_column(default=None)


class PlanAction(Synced, Base):
    """Who does what by when: an action of the plan with its responsible party."""

    __tablename__ = "plan_action"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    goal_id: Mapped[str | None] = mapped_column(ForeignKey("plan_goal.id"), default=None)
    description: Mapped[str] = mapped_column(Text, default="")
    responsible_party: Mapped[PlanParty] = mapped_column(Code(PlanParty))
    # The Third Sector provider (or any body of the directory) when the party is one.
    responsible_organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organization.id"), default=None
    )
    responsible_name: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None] = mapped_column(default=None)
    done_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[ActionItemStatus] = mapped_column(
        Code(ActionItemStatus), default=ActionItemStatus.OPEN
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class JointInterview(Synced, Base):
    """A colloquio congiunto: the person met by more than one body together."""

    __tablename__ = "joint_interview"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    # "Nome Cognome (ente)" of each participant but the person.
    participants: Mapped[list[str]] = mapped_column(default=list)
    person_present: Mapped[bool] = mapped_column(Boolean, default=True)
    summary: Mapped[str] = mapped_column(Text, default="")


class PlanReview(Synced, Base):
    """A periodic review of the plan, with its outcome and the next one."""

    __tablename__ = "plan_review"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referral.id"), index=True)
    review_on: Mapped[date]
    outcome: Mapped[ReviewOutcome] = mapped_column(Code(ReviewOutcome))
    notes: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[date | None] = mapped_column(default=None)


class SocialReferral(Synced, Base):
    """A CPI's referral of a person to the social services of an Ambito (0008).

    Its own simple lifecycle (``SocialReferralStatus``): the CPI drafts, sends or withdraws it
    on this row; the Ambito answers with ``SocialReferralReply`` rows of its own, so that
    neither side writes the other's row. The status shown is the latest reply's, if any.
    """

    __tablename__ = "social_referral"

    number: Mapped[str] = mapped_column(String(20), default="")
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    sending_site: Mapped[str] = mapped_column(String(32), index=True)
    ambito_id: Mapped[str] = mapped_column(ForeignKey("ambito.id"), index=True)
    # The CPI's referral this one comes from, when there is one. Not a foreign key: the Ambito
    # that receives the social referral does not see the CPI's referral (and must not), so on
    # its PC the id names nothing; only the CPI's own PC follows it.
    referral_id: Mapped[str | None] = mapped_column(String(36), default=None)
    status: Mapped[SocialReferralStatus] = mapped_column(
        Code(SocialReferralStatus), default=SocialReferralStatus.DRAFT
    )
    created_on: Mapped[date]
    sent_on: Mapped[date | None] = mapped_column(default=None)
    referring_operator: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[list[str]] = mapped_column(default=list)
    urgency: Mapped[Urgency] = mapped_column(Code(Urgency), default=Urgency.NORMAL)
    withdrawn_note: Mapped[str] = mapped_column(Text, default="")


class SocialReferralReply(Synced, Base):
    """The Ambito's answer to a social referral: taken in charge, declined or closed."""

    __tablename__ = "social_referral_reply"

    social_referral_id: Mapped[str] = mapped_column(ForeignKey("social_referral.id"), index=True)
    status: Mapped[SocialReferralStatus] = mapped_column(Code(SocialReferralStatus))
    replied_on: Mapped[date]
    operator: Mapped[str] = mapped_column(String(64), default="")
    site: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
