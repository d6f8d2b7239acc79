"""The whole domain as SQLAlchemy tables; importing this package registers every table."""

from desktop.store.base import Base
from desktop.store.models.directory import Contact, Organization
from desktop.store.models.local import AuditEntry, IssuedDocument, LocalSetting
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
from desktop.store.models.sync import (
    SyncBase,
    SyncBatch,
    SyncBatchItem,
    SyncConflict,
    SyncLogEntry,
    SyncRejection,
    SyncSetAside,
)

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Ambito",
    "AuditEntry",
    "Base",
    "Contact",
    "IssuedDocument",
    "JobCentre",
    "JobCentreCatchment",
    "JointInterview",
    "LocalSetting",
    "Meeting",
    "MeetingParticipant",
    "Municipality",
    "Operator",
    "Organization",
    "PathAction",
    "Person",
    "PlanAction",
    "PlanGoal",
    "PlanReview",
    "PrivacyAcknowledgement",
    "Project",
    "ProjectActivity",
    "ProjectBeneficiary",
    "ProjectFunding",
    "ProjectIndicator",
    "ProjectPartner",
    "Referent",
    "Referral",
    "ReferralEvent",
    "ReferralHandling",
    "ReferralRoute",
    "RetentionRule",
    "Site",
    "SocialReferral",
    "SocialReferralReply",
    "SyncBase",
    "SyncBatch",
    "SyncBatchItem",
    "SyncConflict",
    "SyncLogEntry",
    "SyncRejection",
    "SyncSetAside",
]
