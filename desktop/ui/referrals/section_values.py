"""What each section of the referral editor holds, as plain values.

Sections give these out (``values()``) and take them in (``set_values()``), so the editor and
its work read and fill a form without knowing which widget shows which field. Each ``of``
reads the values of a stored record (None: a new referral).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

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
]


@dataclass(frozen=True)
class NeetValues:
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
        if referral is None:
            return cls()
        return cls(
            out_of_work_since=referral.out_of_work_since,
            out_of_education_since=referral.out_of_education_since,
            early_school_leaver=referral.early_school_leaver,
            guarantee_adhesion_on=referral.guarantee_adhesion_on,
            guarantee_status=referral.guarantee_status,
            profiling_class=referral.profiling_class,
            gol_path=referral.gol_path,
            needs=tuple(referral.needs),
            other_services=tuple(referral.other_services),
        )

    def fields(self) -> dict[str, Any]:
        """As keyword arguments of ``ReferralInput``."""
        return asdict(self)


@dataclass(frozen=True)
class CmdValues:
    """The CMD tab: category, percentage and dates only, never diagnoses (GDPR art. 5, 9)."""

    disability_category: DisabilityCategory | None = None
    disability_percentage: int | None = None
    assessment_on: date | None = None
    l68_registration_on: date | None = None
    doc_assessment_seen: bool = False
    doc_assessment_on: date | None = None
    doc_functional_diagnosis_seen: bool = False
    doc_functional_diagnosis_on: date | None = None
    doc_final_report_seen: bool = False
    doc_final_report_on: date | None = None

    @classmethod
    def of(cls, referral: ReferralDetail | None) -> CmdValues:
        if referral is None:
            return cls()
        return cls(
            disability_category=referral.disability_category,
            disability_percentage=referral.disability_percentage,
            assessment_on=referral.assessment_on,
            l68_registration_on=referral.l68_registration_on,
            doc_assessment_seen=referral.doc_assessment_seen,
            doc_assessment_on=referral.doc_assessment_on,
            doc_functional_diagnosis_seen=referral.doc_functional_diagnosis_seen,
            doc_functional_diagnosis_on=referral.doc_functional_diagnosis_on,
            doc_final_report_seen=referral.doc_final_report_seen,
            doc_final_report_on=referral.doc_final_report_on,
        )

    def fields(self) -> dict[str, Any]:
        """As keyword arguments of ``ReferralInput``."""
        return asdict(self)


@dataclass(frozen=True)
class HandlingValues:
    """The CPI's tab: handling, outcome (None while incomplete, with its problems) and
    follow-up."""

    handling: HandlingInput
    outcome: OutcomeInput | None
    outcome_problems: dict[str, str]
    follow_up: FollowUpInput
