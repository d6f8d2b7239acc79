"""Health data among a referral's fields: what is special-category, and texts that diagnose.

A referral holds no diagnosis (GDPR art. 5 and 9, DOMAIN.md §6), but some NEET codes say as
much as one: that a mental-health service (CPS, NPIA) or an addiction service (SerD) already
follows the person, or that health is among their needs. Those codes are special-category data
like the CMD track's category and percentage: shown with the same warning, left out of exports
unless sensitive columns are asked for, printed only where the recipient needs them.

Free texts that sit beside coded health data (the placement note of the L. 68/1999 assessment)
are screened for the shape of a diagnosis: clinical words and ICD-10 codes. The screen is
deliberately coarse; it catches the habit of copying the certificate, not every wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.domain.codes import Need, OtherService

HEALTH_RELATED_SERVICES: frozenset[str] = frozenset(
    {OtherService.MENTAL_HEALTH.value, OtherService.ADDICTION.value}
)
HEALTH_RELATED_NEEDS: frozenset[str] = frozenset({Need.HEALTH.value})


def health_related(codes: Iterable[str], health_codes: frozenset[str]) -> tuple[str, ...]:
    """Those of ``codes`` that are health data, in their order."""
    return tuple(code for code in codes if code in health_codes)


def carries_health_data(needs: Iterable[str], other_services: Iterable[str]) -> bool:
    """Whether a NEET referral's codes say anything about the person's health."""
    return bool(
        health_related(needs, HEALTH_RELATED_NEEDS)
        or health_related(other_services, HEALTH_RELATED_SERVICES)
    )


def without_health_related(codes: Iterable[str], health_codes: frozenset[str]) -> tuple[str, ...]:
    """``codes`` without the health-related ones, in their order (for minimised copies)."""
    return tuple(code for code in codes if code not in health_codes)


# Stems of words that name a condition, a clinical finding or a therapy, as certificates and
# verbali word them. Matched at the start of a word, case- and accent-insensitively.
_CLINICAL_STEMS = (
    "diagnos", "patolog", "sindrom", "disturbo", "disturbi", "malatti", "deficit", "ritardo mental",
    "psicos", "psicot", "schizofren", "bipolar", "depress", "ansios", "autis", "asperger",
    "adhd", "epiless", "epilett", "oligofren", "demenz", "alzheimer", "parkinson",
    "sclerosi", "distrofi", "tumor", "neoplas", "carcinom", "leucem", "diabet", "cardiopat",
    "ictus", "emipares", "parapleg", "tetrapleg", "hiv", "aids", "epatit",
    "tossicodipend", "alcoldipend", "dipendenza da", "terapi", "psicofarmac",
    "ricover", "tso", "dsm-", "icd-", "cecita", "sordit", "ipoacus", "amputa", "lesione",
    "ludopat", "alcolism", "soffre di", "affetto da", "affetta da",
)  # fmt: skip
_CLINICAL_RE = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in _CLINICAL_STEMS) + ")")
# An ICD-10 code such as "F20", "F20.0" or "G40.9" standing on its own.
_ICD10_RE = re.compile(r"\b(?!L68\b)[A-TV-Z][0-9]{2}(?:\.[0-9A-Z]{1,2})?\b")
_ACCENTS = str.maketrans("àáèéìíòóùú", "aaeeiioouu")


def diagnosis_terms(text: str) -> list[str]:
    """The words or codes of ``text`` that look like a diagnosis, as typed (empty: none)."""
    lowered = text.lower().translate(_ACCENTS)
    found = [text[m.start() : m.end()] for m in _ICD10_RE.finditer(text)]
    for match in _CLINICAL_RE.finditer(lowered):
        end = match.end()
        while end < len(lowered) and lowered[end].isalpha():
            end += 1
        found.append(text[match.start() : end])
    return list(dict.fromkeys(found))
