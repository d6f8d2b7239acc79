"""Inputs, outputs, limits and the status lifecycle of co-design projects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from desktop.domain.codes import (
    ActivityStatus,
    FundingSource,
    IndicatorKind,
    PartnerRole,
    PathActionType,
    ProceedingBodyKind,
    ProjectStatus,
    ProjectTarget,
    ReferralStatus,
    Track,
)

TITLE_MAX = 300
SHORT_MAX = 40
NAME_MAX = 200
DECISION_MAX = 80
TEXT_MAX = 10_000
NOTES_MAX = 300
UNIT_MAX = 40
EXPECTED_BENEFICIARIES_MAX = 100_000
FUNDING_YEAR_MIN = 2000
FUNDING_YEAR_MAX = 2100

# The lifecycle of DOMAIN.md §3, in order; a project only moves forward along it.
STATUS_ORDER: tuple[ProjectStatus, ...] = (
    ProjectStatus.CO_PROGRAMMING,
    ProjectStatus.NOTICE,
    ProjectStatus.CO_DESIGN_TABLE,
    ProjectStatus.AGREEMENT_SIGNED,
    ProjectStatus.RUNNING,
    ProjectStatus.CONCLUDED,
    ProjectStatus.REPORTED,
)
STATUS_LABELS: Mapping[ProjectStatus, str] = {
    ProjectStatus.CO_PROGRAMMING: "co-programmazione",
    ProjectStatus.NOTICE: "avviso",
    ProjectStatus.CO_DESIGN_TABLE: "tavolo di co-progettazione",
    ProjectStatus.AGREEMENT_SIGNED: "convenzione firmata",
    ProjectStatus.RUNNING: "in corso",
    ProjectStatus.CONCLUDED: "concluso",
    ProjectStatus.REPORTED: "rendicontato",
}
TRAINEESHIP_TYPES = (PathActionType.TRAINEESHIP, PathActionType.INCLUSION_TRAINEESHIP)


@dataclass(frozen=True)
class ProjectInput:
    title: str
    target: ProjectTarget = ProjectTarget.NEET
    acronym: str = ""
    internal_code: str = ""
    cup: str = ""
    ambito_id: str | None = None
    proceeding_body_kind: ProceedingBodyKind | None = None
    proceeding_body_name: str = ""
    rup_name: str = ""
    start_decision: str = ""
    start_decision_on: date | None = None
    notice_number: str = ""
    notice_on: date | None = None
    approval_decision: str = ""
    approval_decision_on: date | None = None
    agreement_on: date | None = None
    agreement_repertory: str = ""
    expected_beneficiaries: int | None = None
    start_on: date | None = None
    end_on: date | None = None
    description: str = ""


PROJECT_FIELDS = tuple(field.name for field in fields(ProjectInput))


@dataclass(frozen=True)
class PartnerInput:
    organization_id: str
    role: PartnerRole = PartnerRole.PARTNER
    resources_description: str = ""
    resources_value_cents: int = 0
    joined_on: date | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class PartnerRow(PartnerInput):
    id: str = ""
    organization_name: str = ""


@dataclass(frozen=True)
class FundingInput:
    source: FundingSource
    amount_cents: int
    year: int
    notes: str = ""


@dataclass(frozen=True)
class FundingRow(FundingInput):
    id: str = ""


@dataclass(frozen=True)
class ActivityInput:
    title: str
    responsible_id: str | None = None
    start_on: date | None = None
    end_on: date | None = None
    status: ActivityStatus = ActivityStatus.PLANNED


@dataclass(frozen=True)
class ActivityRow(ActivityInput):
    id: str = ""
    responsible_name: str = ""


@dataclass(frozen=True)
class IndicatorInput:
    """A manual indicator carries its value; a computed one only baseline and target."""

    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    value: float | None = None
    kind: IndicatorKind = IndicatorKind.MANUAL


@dataclass(frozen=True)
class IndicatorRow(IndicatorInput):
    id: str = ""


@dataclass(frozen=True)
class BeneficiaryRow:
    """What a project shows of a beneficiary: the referral, never the person."""

    referral_id: str
    referral_number: str
    track: Track
    status: ReferralStatus


@dataclass(frozen=True)
class ProjectRow:
    id: str
    title: str
    acronym: str
    cup: str
    status: ProjectStatus
    target: ProjectTarget
    start_on: date | None
    end_on: date | None
    owner_site: str


@dataclass(frozen=True)
class ProjectDetail(ProjectInput):
    id: str = ""
    status: ProjectStatus = ProjectStatus.CO_PROGRAMMING
    ambito_name: str = ""
    owner_site: str = ""
    partners: tuple[PartnerRow, ...] = ()
    funding: tuple[FundingRow, ...] = ()
    activities: tuple[ActivityRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    beneficiaries: tuple[BeneficiaryRow, ...] = ()


@dataclass(frozen=True)
class FundingTotals:
    by_source: Mapping[FundingSource, int]  # cents, in the order of FundingSource
    by_year: Mapping[int, int]  # cents, oldest year first
    total_cents: int
    partner_resources_cents: int  # what partners contribute, in kind too


@dataclass(frozen=True)
class ComputedIndicator:
    """An indicator computed from the linked referrals; ``value`` is None without data.

    ``basis`` is how many referrals (or actions) the value was computed from; baseline and
    target come from the project's indicator row of the same kind, when there is one.
    """

    kind: IndicatorKind
    name: str
    unit: str
    value: float | None
    basis: int
    baseline: float | None = None
    target: float | None = None


COMPUTED_NAMES: Mapping[IndicatorKind, tuple[str, str]] = {
    IndicatorKind.REFERRALS_LINKED: ("Segnalazioni collegate", "segnalazioni"),
    IndicatorKind.MEDIAN_DAYS_TO_TAKING_IN_CHARGE: (
        "Giorni mediani dall'invio alla presa in carico",
        "giorni",
    ),
    IndicatorKind.TRAINEESHIPS_STARTED: ("Tirocini avviati", "tirocini"),
    IndicatorKind.HIRES: ("Assunzioni", "persone"),
    IndicatorKind.DROP_OUTS: ("Rinunce e abbandoni", "persone"),
}
