"""A referral's content as the sender writes it, as plain data.

The services' ``ReferralInput`` (what the sender saves) and the documents' ``ReferralData``
(what the form prints) both extend ``ReferralContent``, so a field the sender writes is declared
once here and every layer that copies fields by name (reading, saving, the editor, printing)
carries it along without a line of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import get_type_hints

from desktop.domain.codes import (
    DisabilityCategory,
    GuaranteeStatus,
    ProfilingClass,
    Urgency,
)


@dataclass(frozen=True, kw_only=True)
class ReferralContent:
    """What the sender writes of a referral (both tracks; the other track's fields stay empty).

    Keyword-only, so that subclasses may add required fields after these defaults.
    """

    referring_service: str = ""
    referring_operator: str = ""
    reason: str = ""
    urgency: Urgency = Urgency.NORMAL
    privacy_notice_on: date | None = None
    attachments: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # codes of desktop.domain.codes.Need (unknown ones as they are)
    other_services: tuple[str, ...] = ()  # codes of OtherService
    # NEET track
    out_of_work_since: date | None = None
    out_of_education_since: date | None = None
    early_school_leaver: bool | None = None
    guarantee_adhesion_on: date | None = None
    guarantee_status: GuaranteeStatus | None = None
    profiling_class: ProfilingClass | None = None
    gol_path: int | None = None
    # CMD track: category and percentage only, never diagnoses. The civil-invalidity verbale
    # (category, percentage, its date and revision date) and the L. 68/1999 assessment (its
    # verbale, diagnosi funzionale, relazione conclusiva and the placement indications it
    # gives) are two acts of two different bodies.
    disability_category: DisabilityCategory | None = None
    disability_percentage: int | None = None
    assessment_on: date | None = None  # the civil-invalidity verbale
    invalidity_revision_on: date | None = None
    l68_registration_on: date | None = None
    doc_assessment_seen: bool = False  # the L. 68/1999 verbale (collocamento mirato)
    doc_assessment_on: date | None = None
    doc_functional_diagnosis_seen: bool = False
    doc_functional_diagnosis_on: date | None = None
    doc_final_report_seen: bool = False
    doc_final_report_on: date | None = None
    compatible_tasks: tuple[str, ...] = ()  # codes of CompatibleTask
    placement_supports: tuple[str, ...] = ()  # codes of PlacementSupport
    placement_notes: str = ""  # screened: never a diagnosis


def text_fields() -> tuple[str, ...]:
    """The content's free texts: what saving strips and what its column's length bounds."""
    return tuple(name for name, hint in get_type_hints(ReferralContent).items() if hint is str)


def in_code_order(codes: Iterable[str], enum: type[StrEnum]) -> list[str]:
    """``codes`` in ``enum``'s order (a check list's order); codes it does not know keep their
    place at the end."""
    rank = {member.value: index for index, member in enumerate(enum)}
    listed = list(codes)
    return sorted(listed, key=lambda code: (rank.get(code, len(rank)), listed.index(code)))
