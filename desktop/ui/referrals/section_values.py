"""What each section of the referral editor holds, as plain values.

Sections give these out (``values()``) and take them in (``set_values()``), so the editor and
its work read and fill a form without knowing which widget shows which field. Each ``of``
reads the values of a stored record (None: a new referral).
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Self

from desktop.domain.codes import (
    DisabilityCategory,
    GuaranteeStatus,
    ProfilingClass,
)
from desktop.services.referrals.handling import FollowUpInput, HandlingInput
from desktop.services.referrals.records import OutcomeInput, ReferralDetail
from desktop.ui.persons.form import PersonValues

# The person tab gives the person form's values, which every host of that form shares.
__all__ = [
    "CmdValues",
    "HandlingValues",
    "NeetValues",
    "PersonValues",
    "TabValues",
]


@dataclass(frozen=True)
class TabValues:
    """Values of a tab that are fields of ``ReferralInput`` under the same names."""

    @classmethod
    def copied(cls, referral: ReferralDetail) -> Self:
        """The tab's fields as the stored referral holds them."""
        names = (field.name for field in dataclasses.fields(cls))
        return cls(**{name: getattr(referral, name) for name in names})

    def fields(self) -> dict[str, Any]:
        """As keyword arguments of ``ReferralInput``."""
        return asdict(self)


@dataclass(frozen=True)
class NeetValues(TabValues):
    """The NEET tab: the fields of ``ReferralInput`` of the Garanzia Giovani track."""

    out_of_work_since: date | None = None
    out_of_education_since: date | None = None
    early_school_leaver: bool | None = None
    guarantee_adhesion_on: date | None = None
    guarantee_status: GuaranteeStatus | None = None
    profiling_class: ProfilingClass | None = None
    gol_path: int | None = None
    needs: tuple[str, ...] = ()
    other_services: tuple[str, ...] = ()

    @classmethod
    def of(cls, referral: ReferralDetail | None) -> NeetValues:
        return cls() if referral is None else cls.copied(referral)


@dataclass(frozen=True)
class CmdValues(TabValues):
    """The CMD tab: category, percentage and dates only, never diagnoses (GDPR art. 5, 9)."""

    disability_category: DisabilityCategory | None = None
    disability_percentage: int | None = None
    assessment_on: date | None = None
    invalidity_revision_on: date | None = None
    l68_registration_on: date | None = None
    doc_assessment_seen: bool = False
    doc_assessment_on: date | None = None
    doc_functional_diagnosis_seen: bool = False
    doc_functional_diagnosis_on: date | None = None
    doc_final_report_seen: bool = False
    doc_final_report_on: date | None = None
    compatible_tasks: tuple[str, ...] = ()
    placement_supports: tuple[str, ...] = ()
    placement_notes: str = ""

    @classmethod
    def of(cls, referral: ReferralDetail | None) -> CmdValues:
        return cls() if referral is None else cls.copied(referral)


@dataclass(frozen=True)
class HandlingValues:
    """The CPI's tab: handling, outcome (None while incomplete, with its problems) and
    follow-up."""

    handling: HandlingInput
    outcome: OutcomeInput | None
    outcome_problems: dict[str, str]
    follow_up: FollowUpInput
